"""An in-memory snapshot of the store for a long-running reader (the API server).

Why: DuckDB lets one process write a file only while no other process has it open, even
read-only. A server that kept the store open would lock `eventwire watch` out for good.
So the server copies what it reads into an in-memory database, lets go of the file at
once, and copies again when the file changes: it opens the file for well under a second
per change (0.6 s for a million events), and writers wait for that (`store.writing`).

`load_snapshot(con, path)` replaces the tables below in `con` (an in-memory connection)
and rebuilds the event index (`event_index.py`) on them in one transaction, so readers see
the old snapshot or the new one, never a mix (the index holds rowids of `events`).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb

from ..errors import StoreError
from ..records import error_dict
from .database import SCHEMA_VERSION
from .event_index import EVENT_DAY, attach, build_event_index
from .transaction import transaction

#: What the API reads. The other tables (actors, places, times) are in each stored record.
TABLES = ("articles", "events", "quotes", "event_clusters")


def signature(path: str | Path) -> tuple:
    """Changes whenever the store file or its write-ahead log changes."""
    parts: list[tuple[int, int] | None] = []
    for p in (str(path), f"{path}.wal"):
        try:
            st = os.stat(p)
            parts.append((st.st_mtime_ns, st.st_size))
        except FileNotFoundError:
            parts.append(None)
    return tuple(parts)


def _attach(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    if not path.exists():
        raise StoreError(
            f"no store at {str(path)!r}; create one with `eventwire demo` or `eventwire ingest`."
        )
    quoted = str(path).replace("'", "''")
    try:
        con.execute(f"ATTACH '{quoted}' AS ewsrc (READ_ONLY)")
    except duckdb.Error as exc:
        raise StoreError(
            f"cannot read the store {str(path)!r} ({exc}); a writer may hold it: retrying later."
        ) from exc


# Events in list order (newest first), numbered (`ew_rid`) so that a page's rows sit
# together and the join that fetches them skips most of the table, with the offsets of
# their source and target mentions taken out of the stored records (which stay on disk).
_EVENTS = f"""
    CREATE OR REPLACE TABLE main.events AS
    WITH spans AS (
        SELECT id AS span_article, ev->>'id' AS span_event,
               (ev->>'$.source.start')::INTEGER AS source_start, (ev->>'$.source.end')::INTEGER AS source_end,
               (ev->>'$.target.start')::INTEGER AS target_start, (ev->>'$.target.end')::INTEGER AS target_end
        FROM (SELECT id, unnest(json_extract(record, '$.events[*]')) AS ev
              FROM ewsrc.main.articles WHERE record IS NOT NULL))
    SELECT e.*, s.source_start, s.source_end, s.target_start, s.target_end,
           row_number() OVER (ORDER BY {EVENT_DAY} DESC NULLS LAST, event_date DESC, article_id, event_id) AS ew_rid
    FROM ewsrc.main.events e
    LEFT JOIN spans s ON s.span_article = e.article_id AND s.span_event = e.event_id
    ORDER BY ew_rid"""


def load_snapshot(con: duckdb.DuckDBPyConnection, path: str | Path) -> int:
    """Copy the store at `path` into `con` and index it; returns the number of events.

    Articles are copied without their stored records (the largest column, read from the
    file on demand by `read_record`). Raises StoreError when the file is missing, locked by
    a writer, or of an older schema.
    """
    path = Path(path)
    _attach(con, path)
    try:
        version = con.execute("SELECT coalesce(max(version), 0) FROM ewsrc.schema_version").fetchall()[0][0]
        if version < SCHEMA_VERSION:
            raise StoreError(
                f"the store {str(path)!r} has schema version {version}, this eventwire needs "
                f"{SCHEMA_VERSION}; open it once for writing (e.g. `eventwire ingest --store`)."
            )
        attach(con)
        with transaction(con):
            for table in TABLES:
                if table == "events":
                    con.execute(_EVENTS)
                elif table == "articles":
                    con.execute(
                        "CREATE OR REPLACE TABLE main.articles AS SELECT * EXCLUDE (record) "
                        "FROM ewsrc.main.articles"
                    )
                else:
                    con.execute(f"CREATE OR REPLACE TABLE main.{table} AS FROM ewsrc.main.{table}")
            # The index holds event numbers of this copy: swap both in the same transaction.
            count = build_event_index(con, transaction=False)
    finally:
        con.execute("DETACH ewsrc")
    return count


def read_record(con: duckdb.DuckDBPyConnection, path: str | Path, article_id: str) -> dict | None:
    """One article's stored record (or its error record) read from the file; None if unknown."""
    _attach(con, Path(path))
    try:
        row = con.execute(
            "SELECT record, error_type, error_message FROM ewsrc.main.articles WHERE id = ?", [article_id]
        ).fetchall()
    finally:
        con.execute("DETACH ewsrc")
    if not row:
        return None
    record, error_type, message = row[0]
    if record is None:
        return error_dict(article_id, error_type, message)
    return json.loads(record)
