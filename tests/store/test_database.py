"""Writing coded articles: idempotent rewrites, error records kept, and the summary queries
counting exactly the events `records.is_counted` counts (hand-made records, so these tests
do not depend on how well today's extractors code a sentence)."""

from __future__ import annotations

import itertools

import pytest

from eventwire.errors import StoreError
from eventwire.records import MODALITIES, Actor, CodedArticle, ErrorRecord, Event, Extent, Span, is_counted
from eventwire.store import dyad_days, open_store, store_counts, top_actors, write_records
from eventwire.store.queries import COUNTED

TEXT = "Pakistan accused India. India struck Pakistan."
PAK = Actor("a1", "Pakistan", 0, 8, "PAK", "PAK", None, name="Pakistan")
IND = Actor("a2", "India", 17, 22, "IND", "IND", None, name="India")


def event(eid: str, source: Actor, target: Actor, cameo: str, quad: int, negated=False, modality="asserted"):
    return Event(
        id=eid,
        sentence=Extent(0, 23),
        trigger=Span("accused", 9, 16),
        source=source,
        target=target,
        cameo=cameo,
        cameo_root=cameo[:2],
        plover=None,
        plover_mode=None,
        quad_class=quad,
        goldstein=-2.0 if quad == 3 else -10.0,
        date="2025-05-09",
        date_text=None,
        location=None,
        negated=negated,
        modality=modality,
    )


def article(aid: str, events) -> CodedArticle:
    return CodedArticle(id=aid, text=TEXT, published="2025-05-10", actors=(PAK, IND), events=tuple(events))


RECORD = article(
    "a",
    [
        event("e1", PAK, IND, "112", 3),  # counted: asserted
        event("e2", IND, PAK, "190", 4, modality="intended"),  # counted: intended
        event("e3", IND, PAK, "190", 4, negated=True),  # not counted: negated
        event("e4", PAK, IND, "194", 4, modality="hypothetical"),  # not counted
        event("e5", PAK, IND, "194", 4, modality="requested"),  # not counted
    ],
)


def test_write_is_idempotent_and_keeps_errors(tmp_path):
    con = open_store(tmp_path / "s.duckdb")
    bad = ErrorRecord("b", "InputError", "empty")
    write_records(con, [RECORD, bad])
    first = store_counts(con)
    write_records(con, [RECORD, bad])
    assert store_counts(con) == first
    assert first["articles"] == 2 and first["errors"] == 1 and first["events"] == 5
    assert con.execute("SELECT record->>'id' FROM articles WHERE id = 'a'").fetchone()[0] == "a"
    assert con.execute("SELECT error_message FROM articles WHERE id = 'b'").fetchone()[0] == "empty"


def test_summary_queries_count_only_counted_events(tmp_path):
    con = open_store(tmp_path / "s.duckdb")
    write_records(con, [RECORD])
    common = {"day": "2025-05-09", "events": 1, "q1": 0, "q2": 0}
    assert dyad_days(con) == [
        {"dyad": "IND->PAK", **common, "q3": 0, "q4": 1, "goldstein_sum": -10.0},
        {"dyad": "PAK->IND", **common, "q3": 1, "q4": 0, "goldstein_sum": -2.0},
    ]
    assert top_actors(con) == [
        {"actor": "India", "code": "IND", "events": 2},
        {"actor": "Pakistan", "code": "PAK", "events": 2},
    ]


def test_the_sql_filter_counts_what_is_counted_counts(tmp_path):
    """Every modality, negated or not: the store's SQL and the records agree event by event."""
    combos = list(itertools.product(MODALITIES, (False, True)))
    events = [
        event(f"e{i}", PAK, IND, "112", 3, negated=negated, modality=modality)
        for i, (modality, negated) in enumerate(combos)
    ]
    con = open_store(tmp_path / "s.duckdb")
    write_records(con, [article("all", events)])
    in_sql = {row[0] for row in con.execute(f"SELECT event_id FROM events WHERE {COUNTED}").fetchall()}
    assert in_sql == {e.id for e in events if is_counted(e)}
    assert len(in_sql) == 2  # asserted and intended, not negated


def test_a_failed_write_leaves_the_store_as_it_was(tmp_path):
    con = open_store(tmp_path / "s.duckdb")
    write_records(con, [RECORD])
    before = store_counts(con)

    def records():
        yield article("new", [])
        raise RuntimeError("the input broke half way")

    with pytest.raises(RuntimeError, match="half way"):
        write_records(con, records())
    assert store_counts(con) == before
    assert con.execute("SELECT count(*) FROM articles WHERE id = 'new'").fetchone()[0] == 0


def test_read_only_store_must_exist(tmp_path):
    with pytest.raises(StoreError, match="no store"):
        open_store(tmp_path / "missing.duckdb", read_only=True)
