"""Quotes: direct and indirect speech with cue and speaker."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from ..records import Actor, Quote


def extract_quotes(doc: Doc, actors: Sequence[Actor]) -> list[Quote]:
    """Quotes in text order, ids q1, q2, ..."""
    return []
