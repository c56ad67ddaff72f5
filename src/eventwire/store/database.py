"""Opening the store and writing coded articles into it.

DuckDB allows one writing process; readers open the file read-only. Writing an article
that is already stored replaces it, so recoding the same input leaves one copy.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import duckdb

from ..errors import StoreError
from ..pipeline import parse_published
from ..records import CodedArticle, ErrorRecord, Result, to_dict

SCHEMA_VERSION = 1
CHILD_TABLES = ("actors", "events", "quotes", "places", "times")


def open_store(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to the store at `path`, created with the current schema if new."""
    path = Path(path)
    if read_only and not path.exists():
        raise StoreError(f"no store at {str(path)!r}; create one with `eventwire demo` or `eventwire code --store`.")
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        raise StoreError(
            f"cannot open the store {str(path)!r} ({exc}); another process may be writing "
            "to it (DuckDB allows one writer): stop it, or open read-only."
        ) from exc
    if not read_only:
        con.execute(resources.files(__package__).joinpath("schema.sql").read_text())
        if con.execute("SELECT count(*) FROM schema_version").fetchone()[0] == 0:
            con.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION])
    return con


def _mention(actor) -> list:
    if actor is None:
        return [None] * 5
    return [actor.text, actor.code, actor.country, actor.sector, actor.name]


def _rows(record: CodedArticle) -> dict[str, list[list]]:
    aid = record.id
    rows: dict[str, list[list]] = {
        "actors": [[aid, a.id, a.text, a.start, a.end, a.code, a.country, a.sector, a.name, a.title]
                   for a in record.actors],
        "places": [[aid, p.text, p.start, p.end, p.geonameid, p.name, p.lat, p.lon, p.country, p.admin1, p.feature]
                   for p in record.places],
        "times": [[aid, t.text, t.start, t.end, t.type, t.value, t.precision] for t in record.times],
        "quotes": [[aid, q.id, q.kind, q.content.text, q.content.start, q.content.end,
                    q.cue.text if q.cue else None, *(_mention(q.speaker)[i] for i in (0, 1, 4))]
                   for q in record.quotes],
        "events": [],
    }
    for e in record.events:
        loc = e.location
        rows["events"].append([
            aid, e.id, e.sentence.start, e.sentence.end, e.trigger.text, e.trigger.start, e.trigger.end,
            *_mention(e.source), *_mention(e.target), e.cameo, e.cameo_root, e.plover, e.plover_mode,
            e.quad_class, e.goldstein, e.date, e.date_text,
            loc.name if loc else None, loc.geonameid if loc else None, loc.lat if loc else None,
            loc.lon if loc else None, loc.country if loc else None,
            e.negated, e.modality, e.quote_id, e.confidence,
        ])
    return rows


def _published_date(value: str | None):
    try:
        return parse_published(value)
    except Exception:  # noqa: BLE001 - an unreadable date is kept as text only
        return None


def write_records(con: duckdb.DuckDBPyConnection, records: Iterable[Result]) -> int:
    """Store coded articles and error records (replacing earlier copies); returns the count."""
    count = 0
    con.execute("BEGIN TRANSACTION")
    try:
        for record in records:
            _write_one(con, record)
            count += 1
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return count


def _write_one(con: duckdb.DuckDBPyConnection, record: Result) -> None:
    article_id = record.id if record.id is not None else "unknown"
    for table in CHILD_TABLES:
        con.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])
    con.execute("DELETE FROM articles WHERE id = ?", [article_id])
    if isinstance(record, ErrorRecord):
        con.execute("INSERT INTO articles (id, error_type, error_message) VALUES (?, ?, ?)",
                    [article_id, record.type, record.message])
        return
    con.execute(
        "INSERT INTO articles (id, published, published_date, title, url, source, text, record) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [article_id, record.published, _published_date(record.published), record.title,
         record.url, record.source, record.text, json.dumps(to_dict(record))],
    )
    for table, rows in _rows(record).items():
        if rows:
            marks = ", ".join("?" * len(rows[0]))
            con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
