"""The escalation index of a dyad, and the days where it jumps.

Definition (the README quotes this):

- Only *counted* events enter: not negated, modality `asserted` or `intended`.
- For a dyad (an unordered pair of countries) and a day d with n_d counted events, of which
  the conflict events (QuadClass 3 verbal conflict, 4 material conflict) carry Goldstein
  weights g_i (between -10 and 0):

      escalation_d = sum(|g_i| for conflict events) / n_d

  that is, the mean conflict weight per event of the day, between 0 (only cooperation)
  and 10 (only the most violent events). Dividing by n_d keeps a day of heavy reporting
  from looking escalated just because it was reported more; cooperation that day pulls
  the index down. A day without events has escalation 0.
- The baseline of day d is the mean and standard deviation of escalation over the W = 14
  calendar days before d (days without events count as 0).
- Day d is a **jump** when it has at least one conflict event, at least 3 earlier days in
  its window, and escalation_d > mean + k * max(sd, 0.5) with k = 2. The floor of 0.5 on the
  standard deviation keeps a flat, quiet baseline from flagging every small change.

The functions here are pure (lists of dicts in, lists of dicts out) so they are tested on
hand-made days; the SQL that produces the daily rows lives in `timeline.py`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

WINDOW = 14
K = 2.0
SD_FLOOR = 0.5
MIN_HISTORY = 3


def escalation(conflict_weight: float, events: int) -> float:
    """Mean conflict weight per event (0 when there are no events)."""
    return conflict_weight / events if events else 0.0


def fill_days(rows: Sequence[dict], start: dt.date | None = None, end: dt.date | None = None) -> list[dict]:
    """Daily rows from the first to the last day (or start..end, inside the data's span),
    with empty days added as zero rows so charts and baselines see the quiet days."""
    by_day = {row["day"]: row for row in rows}
    if not by_day:
        return []
    first, last = min(by_day), max(by_day)
    first = max(first, start) if start else first
    last = min(last, end) if end else last
    days, day = [], first
    while day <= last:
        days.append(by_day.get(day) or {"day": day, "events": 0, "q1": 0, "q2": 0, "q3": 0, "q4": 0,
                                        "goldstein_sum": 0.0, "conflict_weight": 0.0})
        day += dt.timedelta(days=1)
    return days


def _mean_sd(values: Sequence[float]) -> tuple[float, float]:
    mean = sum(values) / len(values)
    return mean, math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))


def score_days(days: Sequence[dict], window: int = WINDOW, k: float = K) -> list[dict]:
    """Add goldstein_mean, escalation, baseline and jump to consecutive daily rows."""
    out, history = [], []
    for row in days:
        n = row["events"]
        value = round(escalation(row.get("conflict_weight", 0.0), n), 3)
        recent = history[-window:]
        baseline, jump = None, False
        if len(recent) >= MIN_HISTORY:
            mean, sd = _mean_sd(recent)
            baseline = round(mean, 3)
            jump = (row["q3"] + row["q4"]) > 0 and value > mean + k * max(sd, SD_FLOOR)
        history.append(value)
        out.append({
            "day": row["day"].isoformat() if isinstance(row["day"], dt.date) else row["day"],
            "events": n, "q1": row["q1"], "q2": row["q2"], "q3": row["q3"], "q4": row["q4"],
            "goldstein_sum": round(row["goldstein_sum"] or 0.0, 2),
            "goldstein_mean": round(row["goldstein_sum"] / n, 3) if n else None,
            "escalation": value, "baseline": baseline, "jump": jump,
        })
    return out
