"""Times: TIMEX3 recognition and normalisation against the publication date."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from ..records import Time


def extract_times(doc: Doc, published: dt.date | None = None) -> list[Time]:
    """Time expressions in text order."""
    return []
