"""Time buckets for series: a day, an ISO week, a month, a year, or 10, 100 or 1000 years.

Why: a timeline has one row per bucket, empty buckets included (quiet days are
information, and the escalation baseline needs them). With one row per day, two events
dated 1800 and 2999 made 438,000 rows (64 MB, 7 s), and 0001 and 9999 made 3.65 million
(537 MB, 3.75 GB of server memory). So the series covers only the span of the data, and
its bucket is the finest of these units that covers that span in at most MAX_POINTS rows:
up to three years by day, 21 years by week, 91 years by month, and so on.
"""

from __future__ import annotations

import datetime as dt

#: Most rows a series has (three years of days).
MAX_POINTS = 1100
#: Units, finest first. A unit of k years is named by its length.
UNITS = ("day", "week", "month", "year", "decade", "century", "millennium")
_YEARS = {"year": 1, "decade": 10, "century": 100, "millennium": 1000}
FIRST = dt.date(1, 1, 1)
LAST = dt.date(9999, 12, 31)


def floor(day: dt.date, unit: str) -> dt.date:
    """The first day of the bucket holding `day` (weeks start on Monday, as ISO weeks do)."""
    if unit == "day":
        return day
    if unit == "week":
        return max(FIRST, day - dt.timedelta(days=day.weekday()))
    if unit == "month":
        return day.replace(day=1)
    k = _YEARS[unit]
    return dt.date(max(1, day.year // k * k), 1, 1)


def following(start: dt.date, unit: str) -> dt.date | None:
    """The first day of the next bucket (None past the last representable day)."""
    try:
        if unit == "day":
            return start + dt.timedelta(days=1)
        if unit == "week":
            return start + dt.timedelta(days=7 - start.weekday())
        if unit == "month":
            return dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
        k = _YEARS[unit]
        return dt.date(start.year // k * k + k, 1, 1)
    except (OverflowError, ValueError):
        return None


def back(start: dt.date, unit: str, n: int) -> dt.date:
    """The first day of the bucket `n` buckets before the one starting at `start`."""
    try:
        if unit == "day":
            return start - dt.timedelta(days=n)
        if unit == "week":
            return floor(start - dt.timedelta(days=7 * n), unit)
        if unit == "month":
            months = start.year * 12 + start.month - 1 - n
            return dt.date(months // 12, months % 12 + 1, 1) if months >= 12 else FIRST
        return floor(dt.date(max(1, start.year - n * _YEARS[unit]), 1, 1), unit)
    except (OverflowError, ValueError):
        return FIRST


def count(first: dt.date, last: dt.date, unit: str) -> int:
    """How many buckets of `unit` cover first..last."""
    if unit == "day":
        return (last - first).days + 1
    if unit == "week":
        return (floor(last, unit) - floor(first, unit)).days // 7 + 1
    if unit == "month":
        return (last.year - first.year) * 12 + last.month - first.month + 1
    k = _YEARS[unit]
    return last.year // k - first.year // k + 1


def choose_unit(first: dt.date, last: dt.date, most: int = MAX_POINTS) -> str:
    """The finest unit that covers first..last in at most `most` buckets."""
    for unit in UNITS:
        if count(first, last, unit) <= most:
            return unit
    return UNITS[-1]


def last_day(start: dt.date, unit: str) -> dt.date:
    """The last day of the bucket that starts at `start`."""
    nxt = following(start, unit)
    return LAST if nxt is None else nxt - dt.timedelta(days=1)


def fill(rows: list[dict], first: dt.date, last: dt.date, unit: str) -> list[dict]:
    """One row per bucket from the one holding `first` to the one holding `last`: the given
    rows (keyed by their bucket's first day, `day`) and zero rows for the empty buckets."""
    by_start = {row["day"]: row for row in rows}
    out = []
    start: dt.date | None = floor(first, unit)
    end = floor(last, unit)
    while start is not None and start <= end:
        out.append(
            by_start.get(start)
            or {"day": start, "events": 0, "q1": 0, "q2": 0, "q3": 0, "q4": 0, "goldstein_sum": 0.0}
        )
        start = following(start, unit)
    return out
