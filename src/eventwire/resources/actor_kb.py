"""The actor knowledge base: who is who, with dated roles, built once into the cache.

Four layers of facts, later ones over earlier ones:

0. `data/actors/phoenix_actors.tsv`: the Phoenix/PETRARCH-2 dictionaries (people with dated
   CAMEO roles to 2014, organisations, armed groups, countries with their cities);
1. `data/actors/officials.tsv`: office holders from Wikidata, per country, 2005 to 2023;
2. `data/actors/people.tsv` and `organisations.tsv`: our hand-written tables;
3. the user's own file, named by the `EVENTWIRE_ACTORS_FILE` setting (same columns as
   `people.tsv`; a `kind` column may say `person` or `org`).

Layers 0 and 1 add up (Phoenix has the older roles and what a person is between offices,
often `ELI`); a hand-written row (layer 2) replaces the data rows of its sector for that
name (our dated offices win, a member of parliament stays one); a name in the user's file
replaces every row of that name, so a user can correct a person outright. Everything goes into one SQLite file in the cache folder whose
name carries a digest of the inputs (as the gazetteer does); opening it takes milliseconds
and a lookup is one indexed query.

Roles and dates: `resolve(name, day)` picks the role valid on `day` (the highest layer wins
a tie, then the latest start); on a day outside every dated role, a Phoenix role without
dates ("what the person is otherwise", often a former official) if there is one, else
`ELI` with the country of a role that ended before `day` (a former office holder), else
the country alone (the person holds no office yet): never the nearest future role. With no
day, the latest role.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from ..errors import ResourceError
from ..settings import get_settings
from . import data_path, read_tsv
from .gazetteer import name_key

VERSION = 1
_OURS = ("actors/phoenix_actors.tsv", "actors/officials.tsv", "actors/people.tsv", "actors/organisations.tsv")
# Phoenix's legacy country codes -> today's ISO alpha-3.
_LEGACY = {"KSV": "XKX", "SUN": "RUS", "USR": "RUS", "YUG": "SRB", "SCG": "SRB", "FRY": "SRB", "CSK": "CZE"}
_NOT_COUNTRY = frozenset({"IGO", "NGO", "IMG", "MNC", "ELI", "---"})
_SECTORLESS = frozenset({"UNO", "IGO", "NGO", "IMG", "MNC"})
_MIN_SURNAME = 3
PHOENIX_DATE = dt.date(2014, 1, 30)  # when the Phoenix country dictionary was generated


@dataclass(frozen=True, slots=True)
class Role:
    country: str | None
    sector: str | None
    title: str | None
    start: dt.date | None
    end: dt.date | None
    layer: int
    source: str

    @property
    def code(self) -> str | None:
        return (self.country or "") + (self.sector or "") or None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def holds(self, day: dt.date) -> bool:
        return (
            self.dated and (self.start is None or self.start <= day) and (self.end is None or day <= self.end)
        )


@dataclass(frozen=True, slots=True)
class Entity:
    id: int
    name: str
    kind: str  # person, org, place
    roles: tuple[Role, ...]


@dataclass(frozen=True, slots=True)
class Resolution:
    """What the knowledge base says of a name on a day, and the row it used."""

    entity: Entity
    role: Role | None  # the row used; None when no row applies (see `status`)
    country: str | None
    sector: str | None
    title: str | None
    # "in office", "otherwise" (an undated row), "former", "not yet in office", "latest", or
    # "ambiguous" (a surname several people of one country share: the country alone)
    status: str
    matched: str  # "name", "alias" or "surname"

    @property
    def code(self) -> str | None:
        return (self.country or "") + (self.sector or "") or None


def split_code(code: str) -> tuple[str | None, str | None]:
    """A CAMEO actor code -> (country or international code, first sector): 'AFGGOVAGR' ->
    ('AFG', 'GOV'), 'IGOUNOHLHWHO' -> ('UNO', 'HLH'), 'ELI' -> (None, 'ELI')."""
    code = (code or "").strip().upper().lstrip("~")
    if not code or code == "---":
        return None, None
    if code.startswith("IGOUNO"):
        return "UNO", code[6:9] or None
    head = code[:3]
    if head in _NOT_COUNTRY and head != "ELI":
        # 'IGOEUREEC': a region then an organisation, no sector; 'IMGMUSALQ': a religion
        chunks = [code[i : i + 3] for i in range(3, len(code), 3)]
        return head, next((c for c in chunks if c in _SECTOR_WORDS), None)
    if head == "ELI" or (len(code) == 3 and head in _SECTOR_WORDS):
        return None, head
    return _LEGACY.get(head, head), code[3:6] or None


_SECTOR_WORDS = frozenset(
    "GOV MIL COP JUD LEG SPY REB INS SEP OPP PTY POL CVL ELI BUS EDU REF AGR LAB UAF HLH MED REL ENV HRI DEV CRM"
    " MOD RAD MUS CHR JEW BUD HIN SIK".split()
)


def _date(text: str) -> dt.date | None:
    text = (text or "").strip()
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


# ---------------------------------------------------------------------------------------
# Inputs


def _phoenix_rows() -> Iterator[tuple[str, list[str], str, list[Role]]]:
    for row in read_tsv("actors/phoenix_actors.tsv"):
        roles = []
        for part in _split(row["roles"]):
            bits = part.split(" ")
            country, sector = split_code(bits[0])
            start = _date(bits[1]) if len(bits) > 1 else None
            end = _date(bits[2]) if len(bits) > 2 else None
            if country or sector:
                roles.append(Role(country, sector, None, start, end, 0, "phoenix"))
        if roles:
            yield row["name"], _split(row["aliases"]), row["kind"], roles


def _table_rows(rows: list[dict[str, str]], layer: int, source: str, kind: str):
    for row in rows:
        country = (row.get("country") or "").strip().upper() or None
        sector = (row.get("sector") or "").strip().upper() or None
        role = Role(
            country,
            None if country in _SECTORLESS and sector is None else sector,
            (row.get("title") or "").strip() or None,
            _date(row.get("start", "")),
            _date(row.get("end", "")),
            layer,
            row.get("source") or source,
        )
        yield row["name"].strip(), _split(row.get("aliases")), (row.get("kind") or kind).strip(), [role]


def user_file() -> Path | None:
    """The user's own actor table (EVENTWIRE_ACTORS_FILE), or None when unset."""
    name = get_settings().actors_file
    if not name:
        return None
    path = Path(name).expanduser()
    if not path.is_file():
        raise ResourceError(
            f"EVENTWIRE_ACTORS_FILE={name!r} is not a file; point it at a TSV with the columns of "
            "people.tsv (name, aliases, country, sector, title, start, end), or unset it."
        )
    return path


def _user_rows(path: Path) -> list[dict[str, str]]:
    import csv

    with path.open(encoding="utf-8") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        rows = list(csv.DictReader(lines, delimiter="\t"))
    if rows and "name" not in rows[0]:
        raise ResourceError(f"{path} has no 'name' column; its header must be the columns of people.tsv.")
    return [r for r in rows if (r.get("name") or "").strip()]


def _entries(user: Path | None):
    """(name, aliases, kind, roles) of every layer, lowest first."""
    yield from _phoenix_rows()
    yield from _table_rows(read_tsv("actors/officials.tsv"), 1, "officials", "person")
    yield from _table_rows(read_tsv("actors/people.tsv"), 2, "people", "person")
    yield from _table_rows(read_tsv("actors/organisations.tsv"), 2, "organisations", "org")
    if user is not None:
        yield from _table_rows(_user_rows(user), 3, str(user), "person")


# ---------------------------------------------------------------------------------------
# Build


def cache_path(user: Path | None = None) -> Path:
    digest = hashlib.sha256(f"{VERSION}".encode() + Path(__file__).read_bytes())
    for name in _OURS:
        digest.update(data_path(name).read_bytes())
    if user is not None:
        digest.update(str(user.resolve()).encode() + user.read_bytes())
    return Path(get_settings().cache_dir) / f"actors-v{VERSION}-{digest.hexdigest()[:12]}.sqlite"


def _merge(user: Path | None) -> dict[str, tuple[str, str, set[str], list[Role]]]:
    """Entities by name key: (display name, kind, aliases, roles), layers applied."""
    merged: dict[str, tuple[str, str, set[str], list[Role]]] = {}
    for name, aliases, kind, roles in _entries(user):
        key = name_key(name)
        if not key:
            continue
        old = merged.get(key)
        if old is None:
            merged[key] = (name, kind, set(aliases), list(roles))
        else:
            better = max(r.layer for r in roles) > max(r.layer for r in old[3])
            merged[key] = (
                name if better else old[0],
                kind if better else old[1],
                old[2] | set(aliases),
                old[3] + roles,
            )
    for key, (name, kind, names, roles) in merged.items():
        merged[key] = (name, kind, names, _layered(roles))
    return merged


def _layered(roles: list[Role]) -> list[Role]:
    """A user's rows replace all others; a hand-written row replaces the data rows of its
    sector (our dated offices win, a member of parliament stays one); a Phoenix role still
    open in 2014 stops there where the officials table knows the person."""
    top = max(r.layer for r in roles)
    if top == 3:
        return [r for r in roles if r.layer == 3]
    if top == 2:
        mine = {r.sector for r in roles if r.layer == 2}
        roles = [r for r in roles if r.layer == 2 or r.sector not in mine]
    if any(r.layer == 1 for r in roles):
        roles = [_clip(r) for r in roles]
    return roles


def _clip(role: Role) -> Role:
    """A Phoenix role open at its end meant "in office when the dictionary was made"; where the
    officials table knows the person, it has the later roles, so the Phoenix one stops there."""
    if role.layer == 0 and role.start is not None and role.end is None:
        return Role(role.country, role.sector, role.title, role.start, PHOENIX_DATE, 0, role.source)
    return role


def build_kb(force: bool = False) -> Path:
    """Build the knowledge base into the cache folder (once per set of inputs); its path."""
    user = user_file()
    path = cache_path(user)
    if path.exists() and not force:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    print(f"eventwire: building the actor knowledge base in {path} (once; a few seconds)...", file=sys.stderr)
    merged = _merge(user)
    tmp = path.with_name(f"{path.stem}.{os.getpid()}.tmp")  # processes may build at once
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    con.executescript(
        "CREATE TABLE entity (id INTEGER PRIMARY KEY, name TEXT, kind TEXT);"
        "CREATE TABLE role (entity INTEGER, country TEXT, sector TEXT, title TEXT, start TEXT, end_ TEXT,"
        " layer INTEGER, source TEXT);"
        "CREATE TABLE alias (key TEXT, entity INTEGER, how TEXT);"
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
    )
    entities, roles, aliases = [], [], set()
    for number, (key, (name, kind, names, rows)) in enumerate(merged.items(), start=1):
        entities.append((number, name, kind))
        for r in rows:
            start, end = (r.start.isoformat() if r.start else None), (r.end.isoformat() if r.end else None)
            roles.append((number, r.country, r.sector, r.title, start, end, r.layer, r.source))
        aliases.add((key, number, "name"))
        aliases.update((name_key(a), number, "alias") for a in names if name_key(a) and name_key(a) != key)
        words = key.split()
        if kind == "person" and len(words) >= 2 and len(words[-1]) >= _MIN_SURNAME:
            aliases.add((words[-1], number, "surname"))
    con.executemany("INSERT INTO entity VALUES (?, ?, ?)", entities)
    con.executemany("INSERT INTO role VALUES (?, ?, ?, ?, ?, ?, ?, ?)", roles)
    con.executemany("INSERT INTO alias VALUES (?, ?, ?)", sorted(aliases))
    con.execute("CREATE INDEX alias_key ON alias (key)")
    con.execute("CREATE INDEX role_entity ON role (entity)")
    con.execute("INSERT INTO meta VALUES ('version', ?)", (str(VERSION),))
    con.commit()
    con.close()
    tmp.replace(path)
    for old in path.parent.glob("actors-v*.sqlite"):
        if old != path:
            old.unlink(missing_ok=True)
    print(
        f"eventwire: actor knowledge base ready ({len(entities):,} actors, {len(roles):,} roles).",
        file=sys.stderr,
    )
    return path


# ---------------------------------------------------------------------------------------
# Lookup


class ActorKB:
    """Read-only lookups by name, alias or surname. Thread-safe: one connection per thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self.entities = lru_cache(maxsize=16384)(self._entities)

    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.con = con
        return con

    def _entities(self, key: str, surname: bool) -> tuple[tuple[Entity, str], ...]:
        hows = ("surname",) if surname else ("name", "alias")
        rows = (
            self._con()
            .execute(
                f"SELECT DISTINCT e.id, e.name, e.kind, a.how FROM alias a JOIN entity e ON e.id = a.entity "
                f"WHERE a.key = ? AND a.how IN ({','.join('?' * len(hows))}) ORDER BY e.id",
                (key, *hows),
            )
            .fetchall()
        )
        found = []
        for entity_id, name, kind, how in rows:
            role_rows = (
                self._con()
                .execute(
                    "SELECT country, sector, title, start, end_, layer, source FROM role WHERE entity = ?",
                    (entity_id,),
                )
                .fetchall()
            )
            roles = tuple(
                Role(c, s, t, _date(a or ""), _date(b or ""), lay, src)
                for c, s, t, a, b, lay, src in role_rows
            )
            found.append((Entity(entity_id, name, kind, roles), how))
        return tuple(found)

    def find(self, text: str, surname: bool = False) -> list[tuple[Entity, str]]:
        """Entities one of whose names (or, with `surname`, whose surname) is `text`."""
        return list(self.entities(name_key(text), surname))

    def resolve(self, text: str, day: dt.date | None = None, surname: bool = False) -> Resolution | None:
        """What `text` stands for on `day`. A name shared by people of different countries
        (or, for a surname, by more than one person holding office that day) is None."""
        found = self.find(text, surname)
        if not found:
            return None
        picks = [resolve_entity(entity, day, how) for entity, how in found]
        if len(picks) == 1:
            return picks[0]
        current = [p for p in picks if p.status == "in office"]
        if surname:
            if len(current) == 1:
                return current[0]
            countries = {p.country for p in current or picks}
            if len(countries) == 1 and None not in countries:  # "Museveni": several, one country
                first = (current or picks)[0]
                return Resolution(first.entity, None, first.country, None, None, "ambiguous", "surname")
            return None
        pool = current or picks
        countries = {p.country for p in pool}
        if len(countries) > 1:
            return None
        return max(
            pool, key=lambda p: (max((r.layer for r in p.entity.roles), default=0), len(p.entity.roles))
        )


def resolve_entity(entity: Entity, day: dt.date | None, how: str = "name") -> Resolution:
    """The entity's role on `day` (see the module docstring for the rules)."""
    dated = [r for r in entity.roles if r.dated]
    undated = sorted((r for r in entity.roles if not r.dated), key=lambda r: -r.layer)
    if day is None:
        if dated:
            role = max(dated, key=lambda r: (r.end is None, r.start or dt.date.min, r.layer))
            return _resolution(entity, role, "latest", how)
        return _resolution(entity, undated[0] if undated else None, "otherwise", how)
    holding = [r for r in dated if r.holds(day)]
    if holding:
        # our rows first, then a named office over a seat in parliament, then the latest
        role = max(
            holding,
            key=lambda r: (r.layer, r.title is not None, r.sector is not None, r.start or dt.date.min),
        )
        return _resolution(entity, role, "in office", how)
    if undated:
        return _resolution(entity, undated[0], "otherwise", how)
    past = [r for r in dated if r.end is not None and r.end < day]
    if past:
        last = max(past, key=lambda r: r.end or dt.date.min)
        if entity.kind != "person":
            return _resolution(entity, last, "former", how, sector=last.sector)
        return _resolution(entity, last, "former", how, sector="ELI")
    first = min(dated, key=lambda r: r.start or dt.date.max)
    return _resolution(entity, None, "not yet in office", how, country=first.country)


def _resolution(
    entity: Entity,
    role: Role | None,
    status: str,
    how: str,
    sector: str | None = "",
    country: str | None = "",
) -> Resolution:
    """A resolution from the row used; `sector`/`country` override the row's when not ""."""
    return Resolution(
        entity,
        role,
        (role.country if role else None) if country == "" else country,
        (role.sector if role else None) if sector == "" else sector,
        role.title if role is not None and status in ("in office", "latest") else None,
        status,
        how,
    )


@cache
def load_kb() -> ActorKB:
    """The knowledge base of this process (built on first use if the cache file is missing)."""
    path = build_kb()
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        con.execute("SELECT value FROM meta WHERE key='version'").fetchone()
        con.close()
    except sqlite3.DatabaseError:
        path = build_kb(force=True)
    return ActorKB(path)


def _role_dict(role: Role) -> dict:
    return {
        "code": role.code,
        "country": role.country,
        "sector": role.sector,
        "title": role.title,
        "start": role.start.isoformat() if role.start else None,
        "end": role.end.isoformat() if role.end else None,
        "source": role.source,
    }


def describe(name: str, day: dt.date | None = None) -> dict:
    """What the knowledge base knows of `name` and what it would code on `day`: every entity
    matching the name (else the surname), each with all its rows and the row used, plus the
    overall answer. The `eventwire actor` command and `GET /api/actors` return this."""
    kb = load_kb()
    found = kb.find(name) or kb.find(name, surname=True)
    surname = bool(found) and found[0][1] == "surname"
    answer = kb.resolve(name, day, surname=surname)
    matches = []
    for entity, how in found:
        pick = resolve_entity(entity, day, how)
        matches.append(
            {
                "name": entity.name,
                "kind": entity.kind,
                "matched_by": how,
                "code": pick.code,
                "status": pick.status,
                "row_used": _role_dict(pick.role) if pick.role else None,
                "roles": [_role_dict(r) for r in sorted(entity.roles, key=_role_order)],
            }
        )
    return {
        "query": name,
        "date": day.isoformat() if day else None,
        "code": answer.code if answer else None,
        "country": answer.country if answer else None,
        "sector": answer.sector if answer else None,
        "name": answer.entity.name if answer else None,
        "status": answer.status if answer else ("ambiguous" if found else "unknown"),
        "matches": matches,
    }


def _role_order(role: Role) -> tuple:
    return (role.start or dt.date.min, role.end or dt.date.max, role.layer)
