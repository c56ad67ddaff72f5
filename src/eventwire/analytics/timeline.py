"""Dyad timelines: daily counts per QuadClass, Goldstein sum and mean, escalation, jumps.

One grouped scan of `events` gives the daily rows; `escalation.py` scores them. Top actors
and quotes by speaker are the store's own summary queries, re-exported here so the API
and the CLI report the same numbers.
"""

from __future__ import annotations

import datetime as dt

import duckdb

from ..store.queries import COUNTED, top_actors, top_quotes
from ..store.search import EVENT_DAY, dyad_sql
from .escalation import WINDOW, fill_days, score_days

__all__ = ["daily_rows", "dyad_timeline", "top_actors", "top_quotes"]


def daily_rows(con: duckdb.DuckDBPyConnection, dyad: tuple[str, str] | None = None,
               start: dt.date | None = None, end: dt.date | None = None) -> list[dict]:
    """Counted events per day for an undirected dyad (or all events), days with events only."""
    params: list = []
    where = [COUNTED, dyad_sql(dyad, params), f"{EVENT_DAY} IS NOT NULL"]
    if start is not None:
        where.append(f"{EVENT_DAY} >= ?")
        params.append(start)
    if end is not None:
        where.append(f"{EVENT_DAY} <= ?")
        params.append(end)
    cursor = con.execute(f"""
        SELECT {EVENT_DAY} AS day, count(*) AS events,
               count(*) FILTER (WHERE quad_class = 1) AS q1,
               count(*) FILTER (WHERE quad_class = 2) AS q2,
               count(*) FILTER (WHERE quad_class = 3) AS q3,
               count(*) FILTER (WHERE quad_class = 4) AS q4,
               coalesce(sum(goldstein), 0) AS goldstein_sum,
               coalesce(sum(abs(goldstein)) FILTER (WHERE quad_class IN (3, 4)), 0) AS conflict_weight
        FROM events WHERE {" AND ".join(where)}
        GROUP BY 1 ORDER BY 1""", params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def dyad_timeline(con: duckdb.DuckDBPyConnection, dyad: tuple[str, str] | None = None,
                  start: dt.date | None = None, end: dt.date | None = None) -> dict:
    """The contract's timeline: consecutive days with counts, Goldstein, escalation and jumps.

    The baseline of the first days shown needs the days before them, so the query reaches
    back one window before `start` and the result is cut to start..end afterwards.
    """
    since = start - dt.timedelta(days=WINDOW) if start else None
    days = score_days(fill_days(daily_rows(con, dyad, since, end), since, end))
    if start:
        days = [d for d in days if d["day"] >= start.isoformat()]
    return {"dyad": "-".join(dyad) if dyad else None, "days": days}
