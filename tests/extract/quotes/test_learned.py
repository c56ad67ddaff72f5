"""Quotes: the learned layer (content ends and the attribution filter) and its weight files."""

from __future__ import annotations

import math

import pytest

from eventwire.extract.quotes.attributions import find_attributions
from eventwire.extract.quotes.bounds import cut_points, trimmed
from eventwire.extract.quotes.scorer import features, probability
from eventwire.resources.quote_model import BOUNDS_FILE, MODEL_FILE, quote_model


def _attribution(doc, cue):
    return next(a for a in find_attributions(doc) if doc.text[a.cue[0] : a.cue[1]] == cue)


@pytest.mark.parametrize(
    "text, cue, weights, content",
    [
        # Weights that cut at every point: the content ends before the first adjunct.
        (
            "Trump praised the reporter at a press conference on Monday.",
            "praised",
            {"bias": 9.0},
            "the reporter at a press conference",
        ),
        (
            "Most do not expect him to back Clinton when he speaks on Thursday.",
            "expect",
            {"bias": 9.0},
            "him to back Clinton",
        ),
        # Weights that never cut: the parse's subtree stays whole.
        (
            "Trump praised the reporter at a press conference on Monday.",
            "praised",
            {"bias": -9.0},
            "the reporter at a press conference on Monday",
        ),
        # A content of one word has no cut point.
        ("She said no.", "said", {"bias": 9.0}, None),
    ],
)
def test_trimmed(nlp, text, cue, weights, content):
    doc = nlp(text)
    att = next(
        (a for a in find_attributions(doc) if doc.text[a.cue[0] : a.cue[1]] == cue and a.content), None
    )
    if content is None:
        assert att is None or trimmed(doc, att, weights, 0.5) == att.content
        return
    ((start, end),) = trimmed(doc, att, weights, 0.5)
    assert doc.text[start:end] == content


@pytest.mark.parametrize(
    "text, cue, expected_first_words",
    [
        # The last adjunct of the verb, then the object inside it.
        ("Trump praised the reporter at a press conference on Monday.", "praised", ["on", "Monday"]),
        ("Officials warned that the storm could hit the coast.", "warned", ["the"]),
    ],
)
def test_cut_points(nlp, text, cue, expected_first_words):
    doc = nlp(text)
    att = _attribution(doc, cue)
    span = doc.char_span(*att.content[0], alignment_mode="expand")
    points = cut_points(doc, span.start, span.end - 1, att.cue_token)
    assert [t.left_edge.text for t in points] == expected_first_words


@pytest.mark.parametrize("name", [MODEL_FILE, BOUNDS_FILE])
def test_weight_files_are_well_formed(name):
    model = quote_model(name)
    assert model.weights, f"{name} is missing; run scripts/train_quote_model.py"
    assert 0.0 < model.threshold < 1.0
    assert all(math.isfinite(w) for w in model.weights.values())
    assert all(not any(c.isspace() for c in f) for f in model.weights)


@pytest.mark.parametrize(
    "text, cue, keep",
    [
        ("The minister said that the talks would resume next week.", "said", True),
        ("Officials warned that the storm could hit the coast.", "warned", True),
    ],
)
def test_filter_keeps_plain_speech(nlp, text, cue, keep):
    doc = nlp(text)
    att = _attribution(doc, cue)
    assert (probability(features(doc, att, False)) >= quote_model().threshold) == keep
