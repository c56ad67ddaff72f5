"""Places: toponyms resolved to GeoNames entries."""

from __future__ import annotations

from spacy.tokens import Doc

from ..records import Place


def extract_places(doc: Doc) -> list[Place]:
    """Place mentions in text order."""
    return []
