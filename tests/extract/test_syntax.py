"""The shared closed-class lists (`extract/syntax.py`): one copy of each, read the same way by
every extractor. The sentences below are the behaviours that merging the drifted copies
changed (a curly "’ll" was a future for times but not for events, and so on)."""

from __future__ import annotations

import pytest

import eventwire
from eventwire.extract import syntax
from eventwire.extract.events import modality
from eventwire.extract.times import tagger

SATURDAY = "2025-05-10"


def _code(text: str):
    return eventwire.code_article(eventwire.Article(id="t", text=text, published=SATURDAY))


def test_events_and_times_share_the_auxiliaries():
    assert modality.FUTURE_AUX is syntax.FUTURE_AUX is tagger.FUTURE_AUX
    assert modality.HYPOTHETICAL_AUX is syntax.HYPOTHETICAL_AUX
    assert modality.OBLIGATION_AUX is syntax.OBLIGATION_AUX
    assert tagger._FUTURE_MODALS <= syntax.MODALS and "could" not in tagger._FUTURE_MODALS


def test_every_straight_contraction_has_its_curly_twin():
    for words in (syntax.FUTURE_AUX, syntax.CONDITIONAL_AUX):
        assert {w.replace("'", "’") for w in words} <= words


@pytest.mark.parametrize("mark", ["'", "’"])
def test_ll_is_intended_and_ahead(mark):
    """Events lacked the curly "’ll": "They’ll strike" was an asserted strike (195)."""
    record = _code(f"They{mark}ll strike the rebel bases on Monday.")
    (event,) = record.events
    assert (event.trigger.text, event.modality) == ("strike", "intended")
    assert [(t.text, t.value) for t in record.times] == [("Monday", "2025-05-12")]


@pytest.mark.parametrize("mark", ["'", "’"])
def test_d_points_ahead(mark):
    """Times lacked the curly "’d": "They’d meet ... on Friday" was the Friday before."""
    record = _code(f"They{mark}d meet the envoy on Friday.")
    assert [(t.text, t.value) for t in record.times] == [("Friday", "2025-05-16")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The ministry warns Monday that prices will rise.", "2025-05-05"),  # reports: a past day
        ("The ministry stresses Monday that talks go on.", "2025-05-05"),
        ("The ministry meets Monday to discuss prices.", "2025-05-12"),  # schedules: ahead
    ],
)
def test_a_present_speech_verb_reports_a_past_day(text, value):
    """Times knew 15 reporting verbs, events 35: "warns Monday" was a coming Monday."""
    assert [t.value for t in _code(text).times] == [value]


@pytest.mark.parametrize(
    "text",
    [
        "Holding rates near zero encouraged borrowing and risk-taking, the bank said.",
        "Making her way around the diner, Clinton thanked a voter for wearing her button.",
    ],
)
def test_a_clausal_subject_is_no_speaker(text):
    """Subject labels were defined three ways (quotes: nsubj; event cues: nsubj, nsubjpass;
    arguments: nsubj, csubj and the passives). Quotes and cues keep nominal subjects: a
    clause, or a participle the parser calls one, never speaks."""
    speakers = {q.speaker.text for q in _code(text).quotes if q.speaker is not None}
    assert not any(s.startswith(("Holding", "Making")) for s in speakers), speakers


@pytest.mark.parametrize(
    ("text", "trigger", "source"),
    [
        ("The ambassador recalled that Iranian forces had seized the tanker.", "seized", "Iranian forces"),
        ("The general testified that Russian troops attacked the village.", "attacked", "Russian troops"),
    ],
)
def test_recalled_and_testified_content_is_reported_speech(text, trigger, source):
    """ "recall" and "testify" were speech verbs for places only: for events their content
    was the content of another event, not reported speech, and went uncounted."""
    events = [e for e in _code(text).events if e.trigger.text == trigger]
    assert [e.source.text for e in events if e.source is not None] == [source]


@pytest.mark.parametrize("text", ["Let me be clear: the rebels will not attack, the senator said."])
def test_me_is_no_party_to_an_event(text):
    """One pronoun list for every extractor; events take the pronouns that may stand for a
    party ("they", "we"), not the interviewee's "me" or the reader's "your"."""
    assert syntax.ACTOR_PRONOUNS < syntax.PRONOUNS and "me" not in syntax.ACTOR_PRONOUNS
    assert all(e.target is None or e.target.text != "me" for e in _code(text).events)


def test_a_place_that_speaks_like_a_government_stays_a_place():
    """Places keep the narrower list of verbs a person uses: "Moscow warned" is the city."""
    assert "warn" in syntax.SPEECH_VERBS and "warn" not in syntax.PERSONAL_SPEECH_VERBS
    record = _code("Moscow warned on Friday that it would respond.")
    assert [p.name for p in record.places] == ["Moscow"]
