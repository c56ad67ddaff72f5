"""Read queries over the store used by the CLI summary (and later the API)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb

from ..records import COUNTED_MODALITIES


def counted_sql(alias: str | None = None) -> str:
    """The SQL condition of a counted event (`records.is_counted`) over an events table,
    its columns qualified by `alias` when given. Every view, export and cluster key uses it."""
    prefix = f"{alias}." if alias else ""
    modalities = ", ".join(f"'{m}'" for m in COUNTED_MODALITIES)
    return f"NOT {prefix}negated AND {prefix}modality IN ({modalities})"


#: Events that the contract counts: asserted or intended, not negated.
COUNTED = counted_sql()


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[object] = ()) -> Any:
    """The first value of a query's first row (None when it returns no row)."""
    row = con.execute(sql, params).fetchone()
    return None if row is None else row[0]


def _dicts(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict]:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def store_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    counts = {
        t: scalar(con, f"SELECT count(*) FROM {t}")
        for t in ("articles", "events", "quotes", "places", "times", "actors")
    }
    counts["errors"] = scalar(con, "SELECT count(*) FROM articles WHERE error_type IS NOT NULL")
    return counts


def dyad_days(con: duckdb.DuckDBPyConnection, limit: int = 100) -> list[dict]:
    """Counted events per directed country dyad and day, with QuadClass counts and Goldstein."""
    return _dicts(
        con,
        f"""
        SELECT source_country || '->' || target_country AS dyad, left(event_date, 10) AS day,
               count(*) AS events,
               count(*) FILTER (WHERE quad_class = 1) AS q1,
               count(*) FILTER (WHERE quad_class = 2) AS q2,
               count(*) FILTER (WHERE quad_class = 3) AS q3,
               count(*) FILTER (WHERE quad_class = 4) AS q4,
               round(sum(goldstein), 1) AS goldstein_sum
        FROM events
        WHERE {COUNTED} AND source_country IS NOT NULL AND target_country IS NOT NULL
              AND source_country <> target_country
        GROUP BY ALL ORDER BY day, events DESC, dyad LIMIT ?""",
        [limit],
    )


def top_actors(con: duckdb.DuckDBPyConnection, limit: int = 10) -> list[dict]:
    """Actors by number of counted events they take part in, as source or target."""
    return _dicts(
        con,
        f"""
        WITH sides AS (
            SELECT coalesce(source_name, source_text) AS actor, source_code AS code FROM events
            WHERE {COUNTED} AND source_text IS NOT NULL
            UNION ALL
            SELECT coalesce(target_name, target_text), target_code FROM events WHERE {COUNTED} AND target_text IS NOT NULL
        )
        SELECT actor, code, count(*) AS events FROM sides
        GROUP BY ALL ORDER BY events DESC, actor LIMIT ?""",
        [limit],
    )


def top_quotes(con: duckdb.DuckDBPyConnection, limit: int = 10) -> list[dict]:
    """Quotes per speaker, most quoted first, with one example."""
    return _dicts(
        con,
        """
        SELECT coalesce(speaker_name, speaker_text) AS speaker, speaker_code AS code,
               count(*) AS quotes, arg_max(content, length(content)) AS example
        FROM quotes WHERE speaker_text IS NOT NULL
        GROUP BY ALL ORDER BY quotes DESC, speaker LIMIT ?""",
        [limit],
    )
