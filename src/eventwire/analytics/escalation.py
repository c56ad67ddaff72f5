"""The escalation index of a dyad, and the days where it jumps.

Definition (the README quotes this):

- Only *counted* events enter: not negated, modality `asserted` or `intended`.
- For a dyad (an unordered pair of countries) and a day d, let G_d be the sum of the
  Goldstein weights of its counted events (-10 for the most violent acts, up to +10 for
  the most cooperative), and n̄_d the mean number of counted events per day over the W = 14
  calendar days before d (days without events count as 0; fewer days at the start of the
  series, none on its first day):

      escalation_d = -G_d / max(1, n̄_d)

  Conflict raises it, cooperation lowers it (below 0 on a day of net cooperation), and a
  quiet day is 0. Dividing by the dyad's usual daily volume, not by the day's own count,
  lets a day with far more attacks than usual stand out, while a pair that is always
  heavily reported does not look escalated just for being reported.
- The baseline of day d is the mean and standard deviation of escalation over the W days
  before it.
- Day d is a **jump** when it has at least one conflict event (QuadClass 3 or 4), at least
  3 earlier days in its window, and escalation_d > mean + k * max(sd, 1) with k = 2. The
  floor of 1 on the standard deviation keeps a flat, quiet baseline from flagging every
  small change.

A long timeline comes in weeks, months, years or decades (`buckets.py`); the definitions
then hold per bucket, with a window of W buckets.

The functions here are pure (lists of dicts in, lists of dicts out) so they are tested on
hand-made days; the SQL that produces the daily rows is `store.search.daily_counts`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

WINDOW = 14
K = 2.0
SD_FLOOR = 1.0
MIN_HISTORY = 3


def escalation(goldstein_sum: float, usual_events: float) -> float:
    """Negated Goldstein sum of a day over the usual daily number of events (at least 1)."""
    return -goldstein_sum / max(1.0, usual_events) if goldstein_sum else 0.0


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
        days.append(
            by_day.get(day)
            or {"day": day, "events": 0, "q1": 0, "q2": 0, "q3": 0, "q4": 0, "goldstein_sum": 0.0}
        )
        day += dt.timedelta(days=1)
    return days


def _mean_sd(values: Sequence[float]) -> tuple[float, float]:
    mean = sum(values) / len(values)
    return mean, math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))


def score_days(days: Sequence[dict], window: int = WINDOW, k: float = K) -> list[dict]:
    """Add goldstein_mean, escalation, baseline and jump to consecutive daily rows."""
    out: list[dict] = []
    history: list[float] = []
    counts: list[int] = []
    for row in days:
        n = row["events"]
        recent, recent_counts = history[-window:], counts[-window:]
        usual = sum(recent_counts) / len(recent_counts) if recent_counts else 0.0
        value = round(escalation(row["goldstein_sum"] or 0.0, usual), 3)
        baseline, jump = None, False
        if len(recent) >= MIN_HISTORY:
            mean, sd = _mean_sd(recent)
            baseline = round(mean, 3)
            jump = (row["q3"] + row["q4"]) > 0 and value > mean + k * max(sd, SD_FLOOR)
        history.append(value)
        counts.append(n)
        out.append(
            {
                "day": row["day"].isoformat() if isinstance(row["day"], dt.date) else row["day"],
                "events": n,
                "q1": row["q1"],
                "q2": row["q2"],
                "q3": row["q3"],
                "q4": row["q4"],
                "goldstein_sum": round(row["goldstein_sum"] or 0.0, 2),
                "goldstein_mean": round(row["goldstein_sum"] / n, 3) if n else None,
                "escalation": value,
                "baseline": baseline,
                "jump": jump,
            }
        )
    return out
