"""The output contract: typed, frozen records passed between stages, and their JSON form.

This module is the one home of the contract (CONTRACT.md): the records, `to_dict` and its
fast twin `to_json`, the inverse `from_dict`, the error record's dict, `parse_published`
for the input's date, the `Modality` values and which events are *counted*
(`is_counted`; the store's SQL builds its filter from `COUNTED_MODALITIES`). Records never
hold spaCy objects, so they cross process boundaries (batch engines, the REST API)
unchanged, and this module imports nothing heavier than the standard library: the store,
exports and batch writers use it without loading the pipeline.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal, get_args

from .errors import InputError

#: What the text says of an event: it happened (`asserted`), is planned or promised
#: (`intended`), might happen (`hypothetical`), someone urged it (`requested`), or someone
#: said it did not happen (`denied`).
Modality = Literal["asserted", "intended", "hypothetical", "requested", "denied"]
MODALITIES: tuple[Modality, ...] = get_args(Modality)
#: The modalities of events that count (in evaluation, the store's views, exports, dedup
#: and the escalation index) when they are not negated.
COUNTED_MODALITIES: tuple[Modality, ...] = ("asserted", "intended")


def parse_published(value: str | None) -> dt.date | None:
    """The publication date of an ISO 8601 date or datetime; InputError if unreadable."""
    if value in (None, ""):
        return None
    try:
        return dt.datetime.fromisoformat(str(value).replace("Z", "+00:00")).date()
    except ValueError:
        raise InputError(
            f"published={value!r} is not an ISO 8601 date (e.g. 2025-05-10 or "
            "2025-05-10T09:30:00+05:30); fix or drop it."
        ) from None


@dataclass(frozen=True, slots=True)
class Article:
    """One input article. Exactly one of `text` or `html` is expected."""

    id: str
    text: str | None = None
    html: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    # where `published` came from: given (the input or the caller), page (the date the HTML
    # declares), feed (the feed entry); None: given if there is a date, else none
    published_from: str | None = None
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
class FragmentedSpan(Span):
    """A quote's content made of several pieces ("'A,' he said. 'B.'"): `start`/`end` cover
    them all (gaps included, as `text` does) and `fragments` lists [start, end] per piece."""

    fragments: tuple[tuple[int, int], ...] = ()


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
    modality: Modality = "asserted"
    quote_id: str | None = None
    confidence: float = 0.5
    uncounted: str | None = None  # why it is kept in the record but not counted ("guessed pairing")


def is_counted(event: Event) -> bool:
    """Whether an event counts: not negated, asserted or intended (CONTRACT.md), and not
    held back by the coder (`uncounted`: a guessed pairing, a background clause)."""
    return not event.negated and event.modality in COUNTED_MODALITIES and event.uncounted is None


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
    uncounted_events: tuple[Event, ...] = field(default_factory=tuple)  # kept, not counted
    quotes: tuple[Quote, ...] = field(default_factory=tuple)
    places: tuple[Place, ...] = field(default_factory=tuple)
    times: tuple[Time, ...] = field(default_factory=tuple)
    #: where `published` came from: given, page, feed or none (PUBLISHED_FROM)
    published_from: str = "none"


#: The sources of a record's publication date, in `published_from`.
PUBLISHED_FROM = ("given", "page", "feed", "none")


@dataclass(frozen=True, slots=True)
class ErrorRecord:
    """An article that could not be processed, kept in its place in the output."""

    id: str | None
    type: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return error_dict(self.id, self.type, self.message)


def error_dict(article_id: str | None, error_type: str, message: str) -> dict[str, Any]:
    """The contract's JSON object of an article that could not be processed."""
    return {"id": article_id, "error": {"type": error_type, "message": message}}


Result = CodedArticle | ErrorRecord

# Field order of the contract's top-level record.
_ARTICLE_KEYS = (
    "id",
    "published",
    "published_from",
    "title",
    "url",
    "source",
    "text",
    "actors",
    "events",
    "quotes",
    "places",
    "times",
    "uncounted_events",  # added by eventwire after the contract's fields: kept, not counted
)


def to_dict(record: Result) -> dict[str, Any]:
    """The contract's JSON object for a coded article or an error record."""
    if isinstance(record, ErrorRecord):
        return record.to_dict()
    data = dataclasses.asdict(record)
    return {key: data[key] for key in _ARTICLE_KEYS}


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(value):
    """`dataclasses.asdict` without its deep copies (records are frozen and hold only
    strings, numbers and other records): the same JSON in a fraction of the time, which
    matters when a batch holds thousands of events."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is tuple or kind is list:
        return [_plain(v) for v in value]
    if kind is dict:
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(kind, "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in _field_names(kind)}
    return value


def to_json(record: Result) -> str:
    """The contract JSON of a record, exactly as `json.dumps(to_dict(record))`, faster."""
    if isinstance(record, ErrorRecord):
        return json.dumps(record.to_dict())
    data = _plain(record)
    return json.dumps({key: data[key] for key in _ARTICLE_KEYS})


def _actor(d: dict | None) -> Actor | None:
    return None if d is None else Actor(**d)


def _place(d: dict | None) -> Place | None:
    return None if d is None else Place(**d)


def _span(d: dict | None) -> Span | None:
    return None if d is None else Span(**d)


def _event(d: dict) -> Event:
    return Event(
        **{
            **d,
            "sentence": Extent(**d["sentence"]),
            "trigger": Span(**d["trigger"]),
            "source": _actor(d["source"]),
            "target": _actor(d["target"]),
            "location": _place(d["location"]),
        }
    )


def _content(d: dict) -> Span:
    """A quote's content: a plain span, or one in several pieces (a FragmentedSpan)."""
    if "fragments" not in d:
        return Span(**d)
    return FragmentedSpan(**{**d, "fragments": tuple(tuple(f) for f in d["fragments"])})


def _quote(d: dict) -> Quote:
    return Quote(
        **{**d, "content": _content(d["content"]), "cue": _span(d["cue"]), "speaker": _actor(d["speaker"])}
    )


def from_dict(data: dict) -> Result:
    """The record of a contract JSON object (the inverse of `to_dict`)."""
    if "error" in data:
        return ErrorRecord(data["id"], data["error"]["type"], data["error"]["message"])
    return CodedArticle(
        id=data["id"],
        text=data["text"],
        published=data.get("published"),
        published_from=data.get("published_from") or ("given" if data.get("published") else "none"),
        title=data.get("title"),
        url=data.get("url"),
        source=data.get("source"),
        actors=tuple(Actor(**a) for a in data["actors"]),
        events=tuple(_event(e) for e in data["events"]),
        uncounted_events=tuple(_event(e) for e in data.get("uncounted_events") or ()),
        quotes=tuple(_quote(q) for q in data["quotes"]),
        places=tuple(Place(**p) for p in data["places"]),
        times=tuple(Time(**t) for t in data["times"]),
    )
