"""Dyad timelines: daily counts per QuadClass, Goldstein sum and mean, escalation, jumps.

One grouped scan of the event index gives the daily rows (`store.search.daily_counts`);
`escalation.py` scores them. Top actors and quotes by speaker are the store's own summary
queries, re-exported here so the API and the CLI report the same numbers.
"""

from __future__ import annotations

import datetime as dt

import duckdb

from ..store.event_index import ensure_index
from ..store.queries import top_actors, top_quotes
from ..store.search import daily_counts
from .escalation import WINDOW, fill_days, score_days

__all__ = ["daily_rows", "dyad_timeline", "top_actors", "top_quotes"]


def daily_rows(
    con: duckdb.DuckDBPyConnection,
    dyad: tuple[str, str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[dict]:
    """Counted events per day for an undirected dyad (or all events), days with events only."""
    try:
        return daily_counts(con, dyad, start, end)
    except duckdb.CatalogException:
        # A plain store connection (the CLI) has no index yet: build it once.
        ensure_index(con)
        return daily_counts(con, dyad, start, end)


def dyad_timeline(
    con: duckdb.DuckDBPyConnection,
    dyad: tuple[str, str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> dict:
    """The contract's timeline: consecutive days with counts, Goldstein, escalation and jumps.

    The baseline of the first days shown needs the days before them, so the query reaches
    back one window before `start` and the result is cut to start..end afterwards.
    """
    since = start - min(dt.timedelta(days=WINDOW), start - dt.date.min) if start else None
    days = score_days(fill_days(daily_rows(con, dyad, since, end), since, end))
    if start:
        days = [d for d in days if d["day"] >= start.isoformat()]
    return {"dyad": "-".join(dyad) if dyad else None, "days": days}
