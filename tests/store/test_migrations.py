"""Schema versions: a new store gets the latest; a version-1 store is migrated in place."""

from importlib import resources

import duckdb
import pytest

import eventwire
from eventwire.errors import StoreError
from eventwire.store import open_store, write_records
from eventwire.store.database import SCHEMA_VERSION, schema_version


def _v1_store(path, rows):
    con = duckdb.connect(str(path))
    con.execute(resources.files("eventwire.store").joinpath("schema.sql").read_text())
    con.execute("INSERT INTO schema_version VALUES (1)")
    for article_id, text in rows:
        con.execute("INSERT INTO articles (id, text) VALUES (?, ?)", [article_id, text])
    con.execute(
        "INSERT INTO events (article_id, event_id, source_code, target_code, cameo, event_date, "
        "negated, modality) VALUES ('a', 'e1', 'PAKMIL', 'IND', '190', '2025-05-09', false, 'asserted')"
    )
    con.close()


def test_new_store_has_the_latest_version(tmp_path):
    con = open_store(tmp_path / "s.duckdb")
    assert schema_version(con) == SCHEMA_VERSION >= 2
    assert con.execute("SELECT count(*) FROM schema_version").fetchone()[0] == SCHEMA_VERSION
    con.close()
    con = open_store(tmp_path / "s.duckdb")  # reopening applies nothing twice
    assert con.execute("SELECT count(*) FROM schema_version").fetchone()[0] == SCHEMA_VERSION


def test_version_1_store_is_migrated_with_backfill(tmp_path):
    text = "Pakistani troops fired on Indian posts along the Line of Control on Friday night, officials said."
    _v1_store(tmp_path / "old.duckdb", [("a", text), ("b", text + " More later.")])
    with pytest.raises(StoreError, match="schema version 1"):
        open_store(tmp_path / "old.duckdb", read_only=True)
    con = open_store(tmp_path / "old.duckdb")
    assert schema_version(con) == SCHEMA_VERSION
    groups = dict(con.execute("SELECT id, dup_group FROM articles").fetchall())
    assert groups == {"a": "a", "b": "a"}
    assert con.execute("SELECT mentions, articles FROM event_clusters").fetchall() == [(1, 1)]
    assert con.execute("SELECT count(*) FROM events WHERE cluster_id IS NULL").fetchone()[0] == 0


def test_writes_fill_dedup_columns(tmp_path):
    con = open_store(tmp_path / "s.duckdb")
    record = eventwire.code_article(
        eventwire.Article(
            id="a",
            text="Pakistan accused India of shelling villages in Kashmir on Friday.",
            published="2025-05-10",
        )
    )
    write_records(con, [record], provenance={"a": {"origin": "/x/a.txt", "canonical_url": None}})
    row = con.execute("SELECT origin, dup_group, length(content_hash) FROM articles").fetchone()
    assert row == ("/x/a.txt", "a", 64)
    assert con.execute("SELECT count(*) FROM corroborated_events").fetchone()[0] == len(record.events)


def test_writing_waits_for_a_reader_then_gives_up_with_a_clear_error(tmp_path):
    import time

    from eventwire.store.database import writing

    path = tmp_path / "s.duckdb"
    open_store(path).close()
    reader = open_store(path, read_only=True)
    start = time.monotonic()
    with pytest.raises(StoreError, match="one writer"), writing(path, wait=1.0):
        pass
    assert time.monotonic() - start >= 1.0
    reader.close()
    with writing(path, wait=1.0) as con:  # free again
        assert schema_version(con) == SCHEMA_VERSION
