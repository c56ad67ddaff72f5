"""Actors: mentions of people, organisations and countries with CAMEO actor codes."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from ..records import Actor


def extract_actors(doc: Doc, published: dt.date | None = None) -> list[Actor]:
    """Actor mentions in text order, ids a1, a2, ..."""
    return []
