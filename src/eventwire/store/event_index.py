"""A compact, numeric, in-memory copy of what the API filters and sorts events by.

Why: filtering a million `events` rows on strings (dyads, dates kept as TIMEX3 text, codes)
costs 30-50 ms a condition on this machine; the same filters on small integers and DATEs
cost a few. The index lives in an in-memory database attached to the store's connection
(`ewidx`, writable even when the store is opened read-only), so it never touches the
store file and every cursor of the connection sees it.

- `ewidx.event_index`: one row per event, in list order (newest day first), with `rid`
  (the event's rowid in `events`), `day` (a DATE: a full date, or the Monday of an ISO
  week; NULL for month or year values), `counted`, `is_first` (earliest report of its
  corroborated event), `dyad_id`, `src_id`, `tgt_id`, `place_id`, `cameo_root`, `plover`,
  `quad_class`, `goldstein`, `lat`, `lon`.
- `ewidx.dyads(id, dyad)`: undirected country pairs, "IND-PAK" (codes sorted).
- `ewidx.actors(id, code, names)`: distinct (code, name, mention) of sources and targets,
  `names` lower-cased for substring search.
- `ewidx.places(id, geonameid, name)`: distinct event places, `name` lower-cased.
- `ewidx.dyad_days`: counted events per dyad and day (and per day over all events, where
  `all_dyads`), with QuadClass counts and Goldstein sum, for timelines.

`build_event_index(con)` rebuilds it in one transaction (readers see the old or the new
one, never half); the API calls it at start and after each write it makes. A million
events take about 2 s.
"""

from __future__ import annotations

from contextlib import nullcontext

import duckdb

from .queries import COUNTED
from .transaction import transaction as in_transaction

SCHEMA = "ewidx"

# The calendar day of an event (see the module docstring).
EVENT_DAY = """coalesce(try_cast(left(event_date, 10) AS DATE),
                        try_strptime(event_date || '-1', '%G-W%V-%u')::DATE)"""

_DYAD = """CASE WHEN source_country IS NOT NULL AND target_country IS NOT NULL
                     AND source_country <> target_country
                THEN least(source_country, target_country) || '-' || greatest(source_country, target_country) END"""


def attach(con: duckdb.DuckDBPyConnection) -> None:
    """Make `ewidx` resolvable: a schema of an in-memory connection (the API's snapshot, so
    one transaction can swap the data and its index together), else an attached in-memory
    database (never a schema inside a store file, which would persist the index there)."""
    if con.execute("SELECT count(*) FROM duckdb_databases() WHERE database_name = ?", [SCHEMA]).fetchall()[0][
        0
    ]:
        return
    path = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchall()
    if path and path[0][0] is None:
        con.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
    else:
        con.execute(f"ATTACH ':memory:' AS {SCHEMA} (READ_WRITE)")


def has_index(con: duckdb.DuckDBPyConnection) -> bool:
    return (
        con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE (database_name = ? OR schema_name = ?) "
            "AND table_name = 'event_index'",
            [SCHEMA, SCHEMA],
        ).fetchall()[0][0]
        > 0
    )


def build_event_index(con: duckdb.DuckDBPyConnection, transaction: bool = True) -> int:
    """(Re)build the index from the store's events; returns the number of events.

    With `transaction=False` the caller runs it inside its own transaction (after `attach`).
    """
    attach(con)
    # Rowids of rows written in the current transaction are provisional, so the snapshot
    # numbers its events itself (`ew_rid`); a plain store connection uses the rowid.
    has_rid = con.execute(
        "SELECT count(*) FROM duckdb_columns() WHERE database_name = current_database() "
        "AND table_name = 'events' AND column_name = 'ew_rid'"
    ).fetchall()[0][0]
    rid = "e.ew_rid" if has_rid else "e.rowid"
    with in_transaction(con) if transaction else nullcontext():
        con.execute(f"""
            CREATE OR REPLACE TABLE {SCHEMA}._base AS
            SELECT rid, article_id, event_id, event_date, {EVENT_DAY} AS day, {_DYAD} AS dyad,
                   {COUNTED} AS counted,
                   coalesce(first_article = article_id AND first_event = event_id, TRUE) AS is_first,
                   source_code, lower(concat_ws(chr(31), source_name, source_text)) AS source_names,
                   target_code, lower(concat_ws(chr(31), target_name, target_text)) AS target_names,
                   place_geonameid, lower(place_name) AS place_name,
                   try_cast(cameo_root AS UTINYINT) AS cameo_root, plover,
                   quad_class::UTINYINT AS quad_class, goldstein::DOUBLE AS goldstein, lat, lon
            FROM (SELECT e.*, {rid} AS rid, c.first_article_id AS first_article, c.first_event_id AS first_event
                  FROM events e LEFT JOIN event_clusters c ON c.cluster_id = e.cluster_id)""")
        con.execute(f"""CREATE OR REPLACE TABLE {SCHEMA}.dyads AS
            SELECT row_number() OVER (ORDER BY dyad)::INTEGER AS id, dyad
            FROM (SELECT DISTINCT dyad FROM {SCHEMA}._base WHERE dyad IS NOT NULL)""")
        con.execute(f"""CREATE OR REPLACE TABLE {SCHEMA}.actors AS
            SELECT row_number() OVER (ORDER BY code, names)::INTEGER AS id, code, names FROM (
                SELECT source_code AS code, source_names AS names FROM {SCHEMA}._base
                UNION SELECT target_code, target_names FROM {SCHEMA}._base)""")
        con.execute(f"""CREATE OR REPLACE TABLE {SCHEMA}.places AS
            SELECT row_number() OVER (ORDER BY geonameid, name)::INTEGER AS id, geonameid, name FROM (
                SELECT DISTINCT place_geonameid AS geonameid, place_name AS name FROM {SCHEMA}._base
                WHERE place_geonameid IS NOT NULL OR place_name IS NOT NULL)""")
        con.execute(f"""CREATE OR REPLACE TABLE {SCHEMA}.event_index AS
            SELECT row_number() OVER (ORDER BY b.day DESC NULLS LAST, b.event_date DESC, b.article_id, b.event_id)::INTEGER
                       AS pos,
                   b.rid, b.day, b.counted, b.is_first, d.id AS dyad_id, sa.id AS src_id, ta.id AS tgt_id,
                   p.id AS place_id, b.cameo_root, b.plover, b.quad_class, b.goldstein, b.lat, b.lon
            FROM {SCHEMA}._base b
            LEFT JOIN {SCHEMA}.dyads d ON d.dyad = b.dyad
            LEFT JOIN {SCHEMA}.actors sa ON sa.code IS NOT DISTINCT FROM b.source_code
                                          AND sa.names IS NOT DISTINCT FROM b.source_names
            LEFT JOIN {SCHEMA}.actors ta ON ta.code IS NOT DISTINCT FROM b.target_code
                                          AND ta.names IS NOT DISTINCT FROM b.target_names
            LEFT JOIN {SCHEMA}.places p ON p.geonameid IS NOT DISTINCT FROM b.place_geonameid
                                         AND p.name IS NOT DISTINCT FROM b.place_name
            ORDER BY pos""")
        # Timelines and the dyad list read this small table: counted events per dyad and
        # day, and per day over all events (all_dyads).
        con.execute(f"""CREATE OR REPLACE TABLE {SCHEMA}.dyad_days AS
            SELECT dyad_id, day, grouping(dyad_id) = 1 AS all_dyads, count(*) AS events,
                   count(*) FILTER (WHERE quad_class = 1) AS q1, count(*) FILTER (WHERE quad_class = 2) AS q2,
                   count(*) FILTER (WHERE quad_class = 3) AS q3, count(*) FILTER (WHERE quad_class = 4) AS q4,
                   coalesce(sum(goldstein), 0)::DOUBLE AS goldstein_sum
            FROM {SCHEMA}.event_index WHERE counted
            GROUP BY GROUPING SETS ((dyad_id, day), (day))
            ORDER BY all_dyads, dyad_id, day""")
        con.execute(f"DROP TABLE {SCHEMA}._base")
    return con.execute(f"SELECT count(*) FROM {SCHEMA}.event_index").fetchall()[0][0]


def ensure_index(con: duckdb.DuckDBPyConnection) -> None:
    """Build the index if this connection has none (CLI and library callers)."""
    attach(con)
    if not has_index(con):
        build_event_index(con)
