"""Opening the store, migrating its schema, and writing coded articles into it.

DuckDB allows one writing process; readers open the file read-only (and a reader blocks
the writer while it is open: `writing` retries for a while, so short readers and a
long-running `watch` can share a file). Writing an article that is already stored
replaces it, so recoding the same input leaves one copy.

Schema versions are applied in order by `migrate`: version 1 is `schema.sql`, each later
version a `migration_NNNN.sql` file, recorded in `schema_version`. Never edit an applied
migration; add the next one.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import duckdb

from ..errors import StoreError
from ..records import CodedArticle, ErrorRecord, Result, is_counted, parse_published, to_json
from . import bulk, dedup
from .queries import scalar
from .transaction import transaction

#: Version -> SQL file. The last one is the version a new store gets.
MIGRATIONS = {1: "schema.sql", 2: "migration_0002.sql"}
SCHEMA_VERSION = max(MIGRATIONS)
CHILD_TABLES = ("actors", "events", "quotes", "places", "times")


def open_store(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to the store at `path`, created or migrated to the current schema."""
    path = Path(path)
    if read_only and not path.exists():
        raise StoreError(
            f"no store at {str(path)!r}; create one with `eventwire demo` or `eventwire code --store`."
        )
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        raise StoreError(
            f"cannot open the store {str(path)!r} ({exc}); another process may be writing "
            "to it (DuckDB allows one writer): stop it, or open read-only."
        ) from exc
    if read_only:
        version = schema_version(con)
        if version < SCHEMA_VERSION:
            con.close()
            raise StoreError(
                f"the store {str(path)!r} has schema version {version}, this eventwire needs "
                f"{SCHEMA_VERSION}; open it once for writing (e.g. `eventwire ingest --store`) to migrate it."
            )
    else:
        migrate(con)
    return con


@contextmanager
def writing(path: str | Path, wait: float = 30.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """The store opened for writing for a short while, waiting up to `wait` seconds for a
    reader or another writer to let go of the file."""
    deadline = time.monotonic() + wait
    while True:
        try:
            con = open_store(path)
            break
        except StoreError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.5)
    try:
        yield con
    finally:
        con.close()


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The store's schema version (0 for an empty file)."""
    exists = scalar(con, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'")
    if not exists:
        return 0
    return scalar(con, "SELECT coalesce(max(version), 0) FROM schema_version")


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply the migrations the store lacks, each in its own transaction; returns the version."""
    current = schema_version(con)
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"the store has schema version {current}, newer than this eventwire knows "
            f"({SCHEMA_VERSION}); upgrade eventwire."
        )
    for version in range(current + 1, SCHEMA_VERSION + 1):
        sql = resources.files(__package__).joinpath(MIGRATIONS[version]).read_text()
        try:
            with transaction(con):
                con.execute(sql)
                if version == 2:
                    _backfill_dedup(con)
                con.execute("INSERT INTO schema_version VALUES (?)", [version])
        except Exception as exc:
            raise StoreError(f"migrating the store to schema version {version} failed: {exc}") from exc
    return SCHEMA_VERSION


def _backfill_dedup(con: duckdb.DuckDBPyConnection) -> None:
    """Give articles stored before version 2 their hash, near-duplicate group and clusters."""
    rows = con.execute(
        "SELECT id, text FROM articles WHERE text IS NOT NULL ORDER BY coded_at, id"
    ).fetchall()
    groups = dedup.assign_dup_groups(con, rows)
    for article_id, text in rows:
        con.execute(
            "UPDATE articles SET content_hash = ?, dup_group = ?, canonical_url = url WHERE id = ?",
            [dedup.content_hash(text), groups[article_id], article_id],
        )
    dedup.rebuild_clusters(con)


def _mention(actor) -> list:
    if actor is None:
        return [None] * 5
    return [actor.text, actor.code, actor.country, actor.sector, actor.name]


EVENT_COLUMNS = (
    "article_id, event_id, sentence_start, sentence_end, trigger_text, trigger_start, trigger_end, "
    "source_text, source_code, source_country, source_sector, source_name, "
    "target_text, target_code, target_country, target_sector, target_name, "
    "cameo, cameo_root, plover, plover_mode, quad_class, goldstein, event_date, date_text, "
    "place_name, place_geonameid, lat, lon, place_country, negated, modality, quote_id, confidence, cluster_id"
)


def _event_row(aid: str, e) -> list:
    loc = e.location
    geonameid = loc.geonameid if loc else None
    return [
        aid,
        e.id,
        e.sentence.start,
        e.sentence.end,
        e.trigger.text,
        e.trigger.start,
        e.trigger.end,
        *_mention(e.source),
        *_mention(e.target),
        e.cameo,
        e.cameo_root,
        e.plover,
        e.plover_mode,
        e.quad_class,
        e.goldstein,
        e.date,
        e.date_text,
        loc.name if loc else None,
        geonameid,
        loc.lat if loc else None,
        loc.lon if loc else None,
        loc.country if loc else None,
        e.negated,
        e.modality,
        e.quote_id,
        e.confidence,
        dedup.cluster_id(
            e.source.code if e.source else None,
            e.target.code if e.target else None,
            e.cameo,
            e.date,
            geonameid,
            is_counted(e),
        ),
    ]


def _rows(record: CodedArticle) -> dict[str, list[list]]:
    aid = record.id
    return {
        "actors": [
            [aid, a.id, a.text, a.start, a.end, a.code, a.country, a.sector, a.name, a.title]
            for a in record.actors
        ],
        "places": [
            [aid, p.text, p.start, p.end, p.geonameid, p.name, p.lat, p.lon, p.country, p.admin1, p.feature]
            for p in record.places
        ],
        "times": [[aid, t.text, t.start, t.end, t.type, t.value, t.precision] for t in record.times],
        "quotes": [
            [
                aid,
                q.id,
                q.kind,
                q.content.text,
                q.content.start,
                q.content.end,
                q.cue.text if q.cue else None,
                *(_mention(q.speaker)[i] for i in (0, 1, 4)),
            ]
            for q in record.quotes
        ],
        "events": [_event_row(aid, e) for e in record.events],
    }


def _published_date(value: str | None):
    try:
        return parse_published(value)
    except Exception:  # noqa: BLE001 - an unreadable date is kept as text only
        return None


ARTICLE_COLUMNS = (
    "id",
    "published",
    "published_date",
    "title",
    "url",
    "source",
    "text",
    "record",
    "canonical_url",
    "content_hash",
    "origin",
    "dup_group",
    "error_type",
    "error_message",
)
CHILD_COLUMNS = {
    "actors": (
        "article_id",
        "actor_id",
        "text",
        "start_char",
        "end_char",
        "code",
        "country",
        "sector",
        "name",
        "title",
    ),
    "places": (
        "article_id",
        "text",
        "start_char",
        "end_char",
        "geonameid",
        "name",
        "lat",
        "lon",
        "country",
        "admin1",
        "feature",
    ),
    "times": ("article_id", "text", "start_char", "end_char", "type", "value", "precision"),
    "quotes": (
        "article_id",
        "quote_id",
        "kind",
        "content",
        "content_start",
        "content_end",
        "cue",
        "speaker_text",
        "speaker_code",
        "speaker_name",
    ),
    "events": tuple(c.strip() for c in EVENT_COLUMNS.split(",")),
}
#: Articles per set-based write (one DELETE and one INSERT per table for the lot).
WRITE_CHUNK = 500


def write_records(
    con: duckdb.DuckDBPyConnection,
    records: Iterable[Result],
    provenance: Mapping[str, Mapping[str, str | None]] | None = None,
) -> int:
    """Store coded articles and error records (replacing earlier copies); returns the count.

    `provenance` maps an article id to its `origin` (path or URL), `canonical_url` and
    `content_hash`. Near-duplicate groups and event clusters are updated in the same
    transaction, so readers never see an article without its counts."""
    count = 0
    with transaction(con):
        chunk: list[Result] = []
        for record in records:
            chunk.append(record)
            if len(chunk) >= WRITE_CHUNK:
                count += _write_chunk(con, chunk, provenance or {})
                chunk = []
        count += _write_chunk(con, chunk, provenance or {})
    return count


def _write_chunk(con: duckdb.DuckDBPyConnection, records: list[Result], provenance: Mapping) -> int:
    """Replace a chunk of articles with set-based statements; returns how many were given."""
    if not records:
        return 0
    latest = {(r.id if r.id is not None else "unknown"): r for r in records}  # the last copy of an id wins
    ids = list(latest)
    touched = {
        row[0]
        for row in con.execute(
            "SELECT DISTINCT cluster_id FROM events WHERE cluster_id IS NOT NULL AND article_id IN "
            "(SELECT unnest(?::VARCHAR[]))",
            [ids],
        ).fetchall()
    }
    for table in CHILD_TABLES:
        bulk.delete_where_in(con, table, "article_id", ids)
    bulk.delete_where_in(con, "articles", "id", ids)
    coded = [(aid, r) for aid, r in latest.items() if isinstance(r, CodedArticle)]
    groups = dedup.assign_dup_groups(
        con,
        [(aid, r.text) for aid, r in coded],
        drop=[aid for aid, r in latest.items() if not isinstance(r, CodedArticle)],
    )
    article_rows: list[tuple] = []
    child_rows: dict[str, list] = {table: [] for table in CHILD_TABLES}
    for aid, record in latest.items():
        prov = provenance.get(record.id) or {}
        if isinstance(record, ErrorRecord):
            article_rows.append(
                (
                    aid,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    prov.get("canonical_url"),
                    prov.get("content_hash"),
                    prov.get("origin"),
                    None,
                    record.type,
                    record.message,
                )
            )
            continue
        article_rows.append(
            (
                aid,
                record.published,
                _published_date(record.published),
                record.title,
                record.url,
                record.source,
                record.text,
                to_json(record),
                prov.get("canonical_url") or record.url,
                prov.get("content_hash") or dedup.content_hash(record.text),
                prov.get("origin"),
                groups[aid],
                None,
                None,
            )
        )
        for table, rows in _rows(record).items():
            child_rows[table] += rows
    bulk.insert_rows(con, "articles", ARTICLE_COLUMNS, article_rows)
    for table, rows in child_rows.items():
        bulk.insert_rows(con, table, CHILD_COLUMNS[table], rows)
    touched |= {row[-1] for row in child_rows["events"]}
    dedup.refresh_clusters(con, touched)
    return len(records)
