"""The store's one transaction helper, and the lookups ingest uses to skip known articles."""

from __future__ import annotations

import duckdb
import pytest

from eventwire.records import CodedArticle, ErrorRecord
from eventwire.store import open_store, write_records
from eventwire.store.provenance import (
    clear_failure,
    hash_stored,
    record_failure,
    stored_error,
    url_stored,
)
from eventwire.store.transaction import transaction


@pytest.fixture
def con():
    con = duckdb.connect()
    con.execute("CREATE TABLE t (x INTEGER PRIMARY KEY)")
    yield con
    con.close()


def test_a_block_that_succeeds_is_committed(con):
    with transaction(con):
        con.execute("INSERT INTO t VALUES (1), (2)")
    assert con.execute("SELECT count(*) FROM t").fetchone()[0] == 2
    con.execute("BEGIN TRANSACTION")  # no transaction is left open
    con.execute("ROLLBACK")


def test_a_block_that_fails_is_rolled_back_and_its_error_raised(con):
    with pytest.raises(ValueError, match="stop"), transaction(con):
        con.execute("INSERT INTO t VALUES (1)")
        raise ValueError("stop")
    assert con.execute("SELECT count(*) FROM t").fetchone()[0] == 0
    with transaction(con):  # and the connection is usable again
        con.execute("INSERT INTO t VALUES (3)")
    assert con.execute("SELECT x FROM t").fetchall() == [(3,)]


def test_a_failing_statement_keeps_its_own_error(con):
    con.execute("INSERT INTO t VALUES (1)")
    with pytest.raises(duckdb.ConstraintException), transaction(con):
        con.execute("INSERT INTO t VALUES (2)")
        con.execute("INSERT INTO t VALUES (1)")
    assert con.execute("SELECT x FROM t").fetchall() == [(1,)]


def test_provenance_lookups(tmp_path):
    store = open_store(tmp_path / "s.duckdb")
    good = CodedArticle(id="a", text="Text.", url="https://n.example/a")
    bad = ErrorRecord("b", "InputError", "empty")
    provenance = {
        "a": {"origin": "/in/a.html", "canonical_url": "https://n.example/a", "content_hash": "h1"},
        "b": {"origin": "/in/b.html", "canonical_url": "https://n.example/b", "content_hash": "h2"},
    }
    write_records(store, [good, bad], provenance=provenance)
    assert url_stored(store, "https://n.example/a") and url_stored(store, "/in/a.html")
    assert not url_stored(store, "https://n.example/b")  # an error record is tried again
    assert hash_stored(store, "h1") and not hash_stored(store, "h2")
    assert stored_error(store, "b") == ("InputError", "empty")
    assert stored_error(store, "a") is None and stored_error(store, "missing") is None


def test_failures_count_attempts_and_are_forgotten(tmp_path):
    store = open_store(tmp_path / "s.duckdb")
    record_failure(store, "https://n.example/feed", "feed", "FetchError", "timed out")
    record_failure(store, "https://n.example/feed", "feed", "FetchError", "refused")
    assert store.execute("SELECT message, attempts FROM ingest_failures").fetchall() == [("refused", 2)]
    clear_failure(store, "https://n.example/feed")
    assert store.execute("SELECT count(*) FROM ingest_failures").fetchone()[0] == 0
