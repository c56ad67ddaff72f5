"""Typed, frozen records passed between stages, and their contract-shaped JSON form.

Records never hold spaCy objects, so they cross process boundaries (batch engines, the
REST API) unchanged. `to_dict` gives exactly the shape described in CONTRACT.md.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Article:
    """One input article. Exactly one of `text` or `html` is expected."""

    id: str
    text: str | None = None
    html: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    title: str | None = None
    url: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the cleaned text: `text == article_text[start:end]`."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Extent:
    """Offsets without the text (used for whole sentences)."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor mention. For pronouns and descriptions ("he", "the minister") the span is the
    mention, and `code`, `name` carry the actor it was resolved to."""

    id: str
    text: str
    start: int
    end: int
    code: str | None
    country: str | None  # ISO 3166-1 alpha-3 or an international code (IGO, UNO, ...)
    sector: str | None  # GOV, MIL, ...; several sectors are concatenated as in CAMEO
    name: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    text: str
    start: int
    end: int
    geonameid: int | None
    name: str | None
    lat: float | None
    lon: float | None
    country: str | None  # ISO 3166-1 alpha-2
    admin1: str | None
    feature: str | None  # country, admin1, admin2, city, region, landmark, other


@dataclass(frozen=True, slots=True)
class Time:
    text: str
    start: int
    end: int
    type: str  # DATE, TIME, DURATION, SET
    value: str  # TIMEX3 value
    precision: str | None = None  # day, week, month, year, hour, minute, ...


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    kind: str  # direct | indirect
    content: Span
    cue: Span | None
    speaker: Actor | None


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    sentence: Extent
    trigger: Span
    source: Actor | None
    target: Actor | None
    cameo: str
    cameo_root: str
    plover: str | None
    plover_mode: str | None
    quad_class: int
    goldstein: float
    date: str | None
    date_text: str | None
    location: Place | None
    negated: bool = False
    modality: str = "asserted"  # asserted, intended, hypothetical, requested, denied
    quote_id: str | None = None
    confidence: float = 0.5


@dataclass(frozen=True, slots=True)
class CodedArticle:
    id: str
    text: str
    published: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    actors: tuple[Actor, ...] = field(default_factory=tuple)
    events: tuple[Event, ...] = field(default_factory=tuple)
    quotes: tuple[Quote, ...] = field(default_factory=tuple)
    places: tuple[Place, ...] = field(default_factory=tuple)
    times: tuple[Time, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class ErrorRecord:
    """An article that could not be processed, kept in its place in the output."""

    id: str | None
    type: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "error": {"type": self.type, "message": self.message}}


Result = CodedArticle | ErrorRecord

# Field order of the contract's top-level record.
_ARTICLE_KEYS = (
    "id",
    "published",
    "title",
    "url",
    "source",
    "text",
    "actors",
    "events",
    "quotes",
    "places",
    "times",
)


def to_dict(record: Result) -> dict[str, Any]:
    """The contract's JSON object for a coded article or an error record."""
    if isinstance(record, ErrorRecord):
        return record.to_dict()
    data = dataclasses.asdict(record)
    return {key: data[key] for key in _ARTICLE_KEYS}
