"""Actor dictionaries: countries, sector words, organisations and known people.

Each loader reads one TSV file under `data/actors/` once per process. Surface forms of
proper names (countries, organisations, people) are case-sensitive, because lower-case "us",
"chad" or "turkey" are ordinary words; sector words are matched case-insensitively.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from . import data_path, read_tsv

# Codes that stand for an international body rather than a country; they take no
# government sector from titles ("UN envoy" stays UNO, not UNOGOV).
INTERNATIONAL = frozenset({"IGO", "UNO", "NGO", "IMG", "MNC", "EUR"})


@dataclass(frozen=True, slots=True)
class SectorTerm:
    term: str  # lower-cased key
    surface: str  # as written in the data file, for tokenizing the pattern
    sector: str | None
    kind: str  # title, rank, body, group, generic, equipment, modifier


@dataclass(frozen=True, slots=True)
class Organisation:
    name: str
    country: str | None
    sector: str | None
    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    country: str | None
    sector: str | None
    title: str | None
    start: dt.date | None
    end: dt.date | None


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def _date(cell: str | None) -> dt.date | None:
    cell = (cell or "").strip()
    return dt.date.fromisoformat(cell) if cell else None


@cache
def _country_rows() -> tuple[dict[str, str], ...]:
    return tuple(read_tsv("actors/countries.tsv"))


@cache
def country_names() -> dict[str, str]:
    """Country names and short forms ("Pakistan", "U.S.", "Britain") -> ISO alpha-3."""
    table: dict[str, str] = {}
    for row in _country_rows():
        for surface in [row["name"], *_split(row["aliases"])]:
            table.setdefault(surface, row["code"])
    return table


@cache
def country_adjectives() -> dict[str, str]:
    """Adjectives and demonyms ("Pakistani", "Americans", "French") -> ISO alpha-3."""
    table: dict[str, str] = {}
    for row in _country_rows():
        for surface in [*_split(row["adjectives"]), *_split(row["demonyms"])]:
            table.setdefault(surface, row["code"])
    return table


@cache
def capitals() -> dict[str, str]:
    """Capitals used as metonyms for a government ("Washington", "New Delhi") -> ISO alpha-3."""
    return {surface: row["code"] for row in _country_rows() for surface in _split(row["capitals"])}


@cache
def country_label(code: str) -> str | None:
    """The English short name of a country code, or None."""
    return next((row["name"] for row in _country_rows() if row["code"] == code), None)


@cache
def sector_terms() -> dict[str, SectorTerm]:
    """Lower-cased office, organisation and group words -> sector and combining kind: ours
    (`sectors.tsv`), then the field's generic agents (`phoenix_agents.tsv`) we lack."""
    table = {
        row["term"].lower(): SectorTerm(row["term"].lower(), row["term"], row["sector"] or None, row["kind"])
        for row in read_tsv("actors/sectors.tsv")
    }
    ours = {word for term in table for word in term.split()}
    for term, sector, kind in _agent_terms():
        # ours compose offices word by word ("Pakistan's Director General"); the field's
        # phrases come in only where they use no word of ours ("car thief", "medic")
        if term not in table and (" " not in term or not ours & set(term.split())):
            table[term] = SectorTerm(term, term, sector, kind)
    return table


_RELIGIONS = frozenset({"MUS", "CHR", "JEW", "BUD", "HIN", "SIK"})
# Agent sectors we code (CAMEO sectors and the religions Phoenix uses as sectors).
_AGENT_SECTORS = frozenset(
    "GOV MIL COP JUD LEG SPY REB INS SEP OPP CVL ELI BUS EDU REF AGR LAB UAF HLH MED REL ENV HRI DEV CRM"
    " RAD MUS CHR JEW BUD HIN SIK".split()
)
# Phoenix agents too ambiguous in news prose to make an actor of on their own ("actor",
# "mother", "carrier", "settlement", "retired" as a word).
_AGENT_STOP = frozenset(
    """actor mother child children girl girls boy boys infant business community chamber carrier religion
    revolt rebellion settlement neighborhood neighbourhood prison kingdom governance polity naval retired
    islamic hebrew sunni persons naturalized semi-official state-owned assemblage echelon phalanx
    publication blog magazine gazette tabloid doc mob rabble customer passenger native resident
    operative delegate counsel exile constituent elector electorate sovereign ruler""".split()
)
# Vehicles and weapons: actors only with a country or organisation before them.
_EQUIPMENT = frozenset(
    """destroyer frigate cruiser battleship battlewagon corvette carrier tanker supertanker freighter
    containership airliner jetliner jumbojet jetfighter humvee hmmwv kfir mig b-52 f-16 f-7mg f/a-18
    su-24 su-30mk mirage-2000 mi-24vm/hind privateer""".split()
)


def _plural(term: str) -> str:
    head, _, last = term.rpartition(" ")
    if last.endswith("man"):
        last = last[:-3] + "men"
    elif last.endswith("y") and last[-2:-1] not in ("a", "e", "o", "u"):
        last = last[:-1] + "ies"
    elif last.endswith(("s", "x", "ch", "sh")):
        last += "es"
    else:
        last += "s"
    return f"{head} {last}" if head else last


def _agent_terms() -> list[tuple[str, str, str]]:
    """(term, sector, kind) of the Phoenix agents: singular nouns are `generic` roles ("the
    medic", "army accountant"), their plurals `group`s ("vandals", "smugglers")."""
    found = []
    for row in read_tsv("actors/phoenix_agents.tsv"):
        term, code = row["term"], row["code"].lstrip("~")
        sector = "REL" if code[:3] in _RELIGIONS else code[:3]  # our sectors name religion REL
        if sector not in _AGENT_SECTORS or term in _AGENT_STOP or len(term.split()) > 4:
            continue
        if any(ch.isdigit() for ch in term) and term.split()[-1] not in _EQUIPMENT:
            continue
        if term.split()[-1] in _EQUIPMENT:
            found.append((term, sector, "equipment"))
            continue
        found.append((term, sector, "generic"))
        if not term.endswith("s"):
            found.append((_plural(term), sector, "group"))
    return found


@cache
def organisations() -> dict[str, tuple[Organisation, ...]]:
    """Organisation names and aliases -> the dated rows they may stand for."""
    table: dict[str, list[Organisation]] = {}
    for row in read_tsv("actors/organisations.tsv"):
        org = Organisation(
            row["name"], row["country"] or None, row["sector"] or None, _date(row["start"]), _date(row["end"])
        )
        for surface in [row["name"], *_split(row["aliases"])]:
            table.setdefault(surface, []).append(org)
    return {surface: tuple(rows) for surface, rows in table.items()}


@cache
def people() -> dict[str, tuple[Person, ...]]:
    """Names and aliases of known people -> their dated offices."""
    table: dict[str, list[Person]] = {}
    for row in read_tsv("actors/people.tsv"):
        person = Person(
            row["name"],
            row["country"] or None,
            row["sector"] or None,
            row["title"] or None,
            _date(row["start"]),
            _date(row["end"]),
        )
        for surface in [row["name"], *_split(row["aliases"])]:
            rows = table.setdefault(surface, [])
            if person not in rows:
                rows.append(person)
    return {surface: tuple(rows) for surface, rows in table.items()}


@cache
def ambiguous_countries() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Country names that may be other places: surface -> (cues for the other place,
    words confirming the country)."""
    return {
        row["surface"]: (tuple(_split(row["cues"])), tuple(_split(row["confirm"])))
        for row in read_tsv("actors/ambiguous.tsv")
    }


@cache
def female_names() -> frozenset[str]:
    """Given names that are women's, for pronoun agreement ("she" never resolves to "Rubio")."""
    with data_path("actors/female_names.txt").open(encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle if line.strip() and not line.startswith("#"))


def _distance(row: Organisation | Person, day: dt.date) -> int:
    """Days between `day` and the row's validity range (0 when inside it)."""
    if row.start and day < row.start:
        return (row.start - day).days
    if row.end and day > row.end:
        return (day - row.end).days
    return 0


def pick_dated(rows, day: dt.date | None, unique_names: bool = False):
    """The row valid on `day` (else the nearest in time); without a day, the latest row.

    With `unique_names`, return None when rows valid that day belong to different names (a
    surname shared by two known people is not resolved from the dictionary alone).
    """
    if not rows:
        return None
    if day is None:
        best = max(rows, key=lambda r: (r.end is None, r.end or dt.date.min, r.start or dt.date.min))
        candidates = [r for r in rows if r.end is None] or [best]
    else:
        nearest = min(_distance(r, day) for r in rows)
        candidates = [r for r in rows if _distance(r, day) == nearest]
        best = max(candidates, key=lambda r: r.start or dt.date.min)
    if unique_names and len({r.name for r in candidates}) > 1:
        return None
    return best
