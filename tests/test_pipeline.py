"""The whole pipeline on the seed and on hand-made articles: contract shape and offsets."""

import dataclasses
import os

import pytest

import eventwire
from eventwire.errors import ResourceError
from eventwire.pipeline import in_workers
from eventwire.records import MODALITIES, Actor, Article, ErrorRecord, Span, to_dict

CONTRACT_KEYS = [
    "id",
    "published",
    "published_from",
    "title",
    "url",
    "source",
    "text",
    "actors",
    "events",
    "quotes",
    "places",
    "times",
    "uncounted_events",  # our addition after the contract's fields (events kept, not counted)
]


def spans_of(record: dict):
    """Every (name, span dict) in a contract record that carries text/start/end."""
    for section in ("actors", "places", "times"):
        for item in record[section]:
            yield section, item
    for event in record["events"]:
        for key in ("trigger", "source", "target", "location"):
            if event.get(key):
                yield f"event.{key}", event[key]
    for quote in record["quotes"]:
        for key in ("content", "cue", "speaker"):
            if quote.get(key):
                yield f"quote.{key}", quote[key]


def test_seed_record_follows_the_contract(seed_record):
    record = to_dict(seed_record)
    assert list(record) == CONTRACT_KEYS
    text = record["text"]
    assert "Also Read" not in text and "Rajouri" not in text and "Track Latest News" not in text
    for section in ("actors", "events", "quotes", "places", "times"):
        assert record[section], f"no {section} in the seed"
    for name, span in spans_of(record):
        assert text[span["start"] : span["end"]] == span["text"], name
    for event in record["events"]:
        assert event["cameo_root"] == event["cameo"][:2]
        assert event["quad_class"] in (1, 2, 3, 4)
        assert event["modality"] in MODALITIES
        assert text[event["sentence"]["start"] : event["sentence"]["end"]].strip()


def test_code_many_keeps_order_and_error_records():
    items = [
        Article(id="1", text="Pakistan accused India of violating the ceasefire."),
        ErrorRecord("2", "InputError", "unreadable"),
        Article(id="3", text=""),
        Article(id="4", text="The talks ended.", published="not a date"),
        "India and Pakistan agreed to talk.",
    ]
    out = list(eventwire.code_many(items, batch_size=2))
    assert [r.id for r in out] == ["1", "2", "3", "4", "text"]
    assert [type(r).__name__ for r in out] == [
        "CodedArticle",
        "ErrorRecord",
        "ErrorRecord",
        "ErrorRecord",
        "CodedArticle",
    ]
    assert "ISO 8601" in out[3].message


def test_worker_processes_give_the_same_records_in_order():
    items = [
        Article(id="1", text="Pakistan accused India of violating the ceasefire."),
        ErrorRecord("2", "InputError", "unreadable"),
        Article(id="3", text=""),
        "India and Pakistan agreed to talk.",
        Article(id="5", text='"We will respond," the army said on Saturday.', published="2025-05-10"),
    ]
    one = list(eventwire.code_many(items, batch_size=2))
    two = list(eventwire.code_many(items, batch_size=2, n_process=2))
    assert [to_dict(r) for r in two] == [to_dict(r) for r in one]


def _die_on_two(n: int) -> int:
    if n == 2:
        os._exit(1)  # as the kernel's out-of-memory killer would
    return n


def test_a_dead_worker_stops_the_run_with_a_clear_error():
    results = []
    with pytest.raises(ResourceError, match="worker process died"):
        for n in in_workers(_die_on_two, range(6), 2, initializer=lambda: None):
            results.append(n)
    assert results == [0, 1][: len(results)]  # in order, and only what came before the failure


def test_code_article_takes_plain_text():
    record = eventwire.code_article(
        "Iran offered to mediate between India and Pakistan.", published="2025-05-01"
    )
    assert record.text.startswith("Iran") and record.published == "2025-05-01"


def test_records_are_frozen():
    span = Span("a", 0, 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.start = 2  # type: ignore[misc]


def test_to_dict_nests_records():
    actor = Actor("a1", "India", 0, 5, "IND", "IND", None)
    record = eventwire.CodedArticle(id="x", text="India", actors=(actor,))
    assert to_dict(record)["actors"][0]["code"] == "IND"
    assert to_dict(ErrorRecord("x", "InputError", "m")) == {
        "id": "x",
        "error": {"type": "InputError", "message": "m"},
    }
