"""Bounded work per article (issue 14, item 3): the sentence-length cap, the time budget,
the cap on events per sentence."""

from __future__ import annotations

import threading
import time

import pytest

import eventwire
from eventwire import pipeline
from eventwire.errors import InputError
from eventwire.limits import TimeBudgetError, cap_events, check_sentence_lengths, time_budget
from eventwire.records import Article, ErrorRecord, Event, Extent, Span

WORDS = "India and Pakistan accused each other of attacks and urged talks with China".split()


def run_on(words: int) -> str:
    return " ".join(WORDS[i % len(WORDS)] for i in range(words)) + "."


@pytest.mark.parametrize(
    "text, ok",
    [
        (run_on(999), True),
        (run_on(1001), False),
        (". ".join([run_on(600)] * 5), True),  # long, but every sentence is short enough
        ("\n".join([run_on(600)] * 5), True),  # line breaks end sentences too
        (run_on(600)[:-1] + " 3.5 " + run_on(600), False),  # a decimal point ends nothing
    ],
)
def test_sentence_length_cap(text, ok):
    if ok:
        check_sentence_lengths(text, 1000)
    else:
        with pytest.raises(InputError, match="over the limit of 1,000"):
            check_sentence_lengths(text, 1000)


def test_a_17000_token_sentence_is_refused_within_10_seconds():
    eventwire.code_article("Warm-up.")
    started = time.monotonic()
    record, other = eventwire.code_many(
        [Article(id="long", text=run_on(17_000)), Article(id="ok", text=run_on(30))]
    )
    assert time.monotonic() - started < 10
    assert isinstance(record, ErrorRecord) and "sentence of 17,000 words" in record.message
    assert not isinstance(other, ErrorRecord)


def test_the_time_budget_interrupts_the_extractors(monkeypatch):
    monkeypatch.setattr(pipeline, "extract_places", lambda doc: ("urged" in doc.text and time.sleep(5)) or [])
    monkeypatch.setattr(pipeline, "get_settings", lambda: _Settings(max_seconds_per_article=1))
    started = time.monotonic()
    out = list(
        pipeline.code_many([Article(id="slow", text="India urged talks."), Article(id="next", text="Fine.")])
    )
    assert time.monotonic() - started < 4
    assert out[0].type == "TimeBudgetError" and "over 1 s" in out[0].message
    assert out[1].id == "next" and not isinstance(out[1], ErrorRecord)


def test_outside_the_main_thread_the_budget_is_checked_between_extractors(monkeypatch):
    monkeypatch.setattr(pipeline, "extract_places", lambda doc: time.sleep(1.5) or [])
    monkeypatch.setattr(pipeline, "get_settings", lambda: _Settings(max_seconds_per_article=1))
    out = []
    worker = threading.Thread(target=lambda: out.extend(pipeline.code_many([Article(id="t", text="Fine.")])))
    worker.start()
    worker.join(30)
    assert out[0].type == "TimeBudgetError"


def test_time_budget_zero_is_no_limit():
    with time_budget(0) as deadline:
        time.sleep(0.01)
        deadline.check()


def test_the_budget_is_cleared_after_the_article():
    with time_budget(0.2):
        pass
    time.sleep(0.4)  # no alarm goes off later


def test_budget_error_is_an_input_error():
    assert issubclass(TimeBudgetError, InputError)


def _event(i: int, sentence: int, confidence: float) -> Event:
    return Event(
        id=f"e{i}",
        sentence=Extent(sentence * 100, sentence * 100 + 99),
        trigger=Span("x", 0, 1),
        source=None,
        target=None,
        cameo="010",
        cameo_root="01",
        plover=None,
        plover_mode=None,
        quad_class=1,
        goldstein=0.0,
        date=None,
        date_text=None,
        location=None,
        confidence=confidence,
    )


def test_events_per_sentence_are_capped_keeping_the_most_confident_in_order():
    events = [_event(i, 0, 0.9 if i % 10 == 0 else 0.5) for i in range(80)] + [_event(80, 1, 0.5)]
    kept = cap_events(events, per_sentence=20)
    assert len(kept) == 21 and kept[-1].id == "e80"
    assert [e.id for e in kept[:8]] == ["e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7"]
    assert sum(e.confidence == 0.9 for e in kept) == 8
    assert cap_events(events[:20], per_sentence=20) == events[:20]


def test_a_run_on_sentence_under_the_cap_gives_bounded_events():
    (record,) = eventwire.code_many([Article(id="x", text=run_on(900))])
    counts = {}
    for event in record.events:
        key = (event.sentence.start, event.sentence.end)
        counts[key] = counts.get(key, 0) + 1
    assert max(counts.values()) <= 50


class _Settings:
    def __init__(self, **changes):
        from eventwire.settings import get_settings

        base = get_settings()
        self.__dict__.update({name: getattr(base, name) for name in base.__dataclass_fields__}, **changes)
