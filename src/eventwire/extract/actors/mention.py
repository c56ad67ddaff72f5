"""The actor mention: a chained, coded noun phrase on its way to an Actor record.

`chains` builds mentions from dictionary and NER pieces, `resolution` adds pronouns,
surnames, descriptions and "the two countries" and copies codes between them; both
share this record, which is why it lives apart from either.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from ...records import Actor
from .pieces import Piece


@dataclass(slots=True)
class Mention:
    """A chained noun phrase, before it becomes an Actor."""

    start: int
    end: int
    pieces: list[Piece]
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    title: str | None = None
    is_person: bool = False
    gender: str | None = None  # "F"/"M" once a pronoun or a name has told us
    possessor: int | None = None  # token index of "its"/"their"/"our" owning the phrase


def to_actor(doc: Doc, text: str, mention: Mention, index: int) -> Actor:
    """The contract record of a mention; `text` is the document's text."""
    first, last = doc[mention.start], doc[mention.end - 1]
    start, end = first.idx, last.idx + len(last.text)
    return Actor(
        id=f"a{index}",
        text=text[start:end],
        start=start,
        end=end,
        code=mention.code,
        country=mention.country,
        sector=mention.sector,
        name=mention.name,
        title=mention.title,
    )
