"""Events: (source, CAMEO event, target) triples from the dependency parse."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from spacy.tokens import Doc

from ..records import Actor, Event, Place, Quote, Time


def extract_events(
    doc: Doc,
    actors: Sequence[Actor],
    quotes: Sequence[Quote],
    times: Sequence[Time],
    places: Sequence[Place],
    published: dt.date | None = None,
) -> list[Event]:
    """Coded events in text order, ids e1, e2, ..."""
    return []
