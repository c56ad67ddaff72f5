"""Dyad timelines: counts per QuadClass, Goldstein sum and mean, escalation, jumps, per day
(or per week, month, year... when the data spans too long for days: `buckets.py`).

One grouped scan of the event index gives the rows (`store.search.daily_counts`);
`escalation.py` scores them. Top actors and quotes by speaker are the store's own summary
queries, re-exported here so the API and the CLI report the same numbers.
"""

from __future__ import annotations

import datetime as dt

import duckdb

from ..store.event_index import ensure_index
from ..store.queries import top_actors, top_quotes
from ..store.search import daily_counts, day_span
from . import buckets
from .escalation import WINDOW, score_days

__all__ = ["daily_rows", "dyad_timeline", "top_actors", "top_quotes"]


def _indexed(query, con, *args, **kwargs):
    try:
        return query(con, *args, **kwargs)
    except duckdb.CatalogException:
        # A plain store connection (the CLI) has no index yet: build it once.
        ensure_index(con)
        return query(con, *args, **kwargs)


def daily_rows(
    con: duckdb.DuckDBPyConnection,
    dyad: tuple[str, str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    unit: str = "day",
) -> list[dict]:
    """Counted events per bucket (a day by default) for an undirected dyad (or all events),
    buckets with events only."""
    return _indexed(daily_counts, con, dyad, start, end, unit)


def dyad_timeline(
    con: duckdb.DuckDBPyConnection,
    dyad: tuple[str, str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> dict:
    """The contract's timeline: consecutive buckets with counts, Goldstein, escalation and jumps.

    The series spans the data's first to last event day inside start..end, in the finest
    bucket (`buckets.choose_unit`) that keeps it to at most MAX_POINTS rows: a day for up to
    three years. The baseline of the first buckets shown needs the WINDOW buckets before
    them (back to the dyad's first event), so the counts reach back that far and are cut
    to the span afterwards: a range of the series shows the same values as the whole.
    """
    span = _indexed(day_span, con, dyad, start, end)
    if span is None:
        return {"dyad": "-".join(dyad) if dyad else None, "bucket": "day", "days": []}
    first, last = span
    unit = buckets.choose_unit(first, last)
    shown = buckets.floor(first, unit)
    # The window reaches back over quiet buckets, but not before the dyad's first event: a
    # bucket's values do not depend on the range asked for.
    origin = first if start is None else _indexed(day_span, con, dyad, None, end)[0]
    since = max(buckets.back(shown, unit, WINDOW), buckets.floor(origin, unit))
    rows = daily_rows(con, dyad, since, last, unit)
    # The first bucket may begin before `start` (a week, a month): count only from `start`.
    if start is not None and shown < start:
        inside = daily_rows(con, dyad, start, buckets.last_day(shown, unit), unit)
        rows = [r for r in rows if r["day"] != shown] + inside
        rows.sort(key=lambda r: r["day"])
    scored = score_days(buckets.fill(rows, since, last, unit))
    days = [d for d in scored if d["day"] >= shown.isoformat()]
    if unit != "day":
        for d in days:
            d["last"] = buckets.last_day(dt.date.fromisoformat(d["day"]), unit).isoformat()
    return {"dyad": "-".join(dyad) if dyad else None, "bucket": unit, "days": days}
