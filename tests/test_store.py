import eventwire
from eventwire.records import ErrorRecord
from eventwire.store import dyad_days, open_store, store_counts, top_actors, write_records


def test_write_is_idempotent_and_keeps_errors(tmp_path):
    con = open_store(tmp_path / "s.duckdb")
    record = eventwire.code_article(
        eventwire.Article(
            id="a",
            text="Pakistan accused India of shelling villages in Kashmir on Friday.",
            published="2025-05-10",
        )
    )
    bad = ErrorRecord("b", "InputError", "empty")
    write_records(con, [record, bad])
    first = store_counts(con)
    write_records(con, [record, bad])
    assert store_counts(con) == first
    assert first["articles"] == 2 and first["errors"] == 1
    assert con.execute("SELECT record->>'id' FROM articles WHERE id = 'a'").fetchone()[0] == "a"
    assert isinstance(dyad_days(con), list) and isinstance(top_actors(con), list)


def test_read_only_store_must_exist(tmp_path):
    import pytest

    from eventwire.errors import StoreError

    with pytest.raises(StoreError, match="no store"):
        open_store(tmp_path / "missing.duckdb", read_only=True)
