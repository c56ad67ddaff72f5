"""Validation of query parameters into typed filters, with messages that name the bad value
and the valid choices. Pure functions: tested without a server."""

from __future__ import annotations

import datetime as dt
import math
import re

from ..store.search import EventFilter
from .errors import ApiError, shown

PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
MAX_LIMIT = 1000
#: The deepest page: far beyond any store, and well inside the database's 64-bit integers.
MAX_OFFSET = 10**12

_DYAD = re.compile(r"^([A-Za-z]{3})-([A-Za-z]{3})$")
# ASCII digits only: str.isdigit() and \d also accept '²' or '٣', which int() refuses.
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ROOT = re.compile(r"[0-9]{1,2}")


def invalid(name: str, value, expected: str) -> ApiError:
    return ApiError(422, "InvalidParameter", f"{name}={shown(value)} is not valid: expected {expected}.")


def parse_dyad(value: str | None) -> tuple[str, str] | None:
    """'IND-PAK' (either order, any case) -> ('IND', 'PAK'), sorted so both directions match."""
    if not value:
        return None
    m = _DYAD.match(value.strip())
    if not m:
        raise invalid("dyad", value, "two 3-letter CAMEO country codes joined by '-', e.g. IND-PAK")
    a, b = sorted((m.group(1).upper(), m.group(2).upper()))
    return a, b


def parse_day(name: str, value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        if not _DATE.fullmatch(value):
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise invalid(name, value, "a calendar date YYYY-MM-DD, e.g. 2025-05-10") from None


def parse_range(start: str | None, end: str | None) -> tuple[dt.date | None, dt.date | None]:
    s, e = parse_day("start", start), parse_day("end", end)
    if s and e and s > e:
        raise ApiError(400, "BadRequest", f"start={start} is after end={end}; swap them.")
    return s, e


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """'minlon,minlat,maxlon,maxlat' in WGS84 degrees."""
    if not value:
        return None
    expected = "minlon,minlat,maxlon,maxlat in degrees, e.g. 60,20,80,37"
    try:
        box = tuple(float(p) for p in value.split(","))
    except ValueError:
        raise invalid("bbox", value, expected) from None
    if len(box) != 4 or not all(math.isfinite(v) for v in box):
        raise invalid("bbox", value, expected)
    minlon, minlat, maxlon, maxlat = box
    if not (-180 <= minlon <= maxlon <= 180 and -90 <= minlat <= maxlat <= 90):
        raise invalid("bbox", value, "longitudes in -180..180 and latitudes in -90..90 with min <= max")
    return box


def parse_cameo_root(value: str | None) -> str | None:
    """'19' or '9' -> '19' / '09': a CAMEO root code 01..20."""
    if not value:
        return None
    if _ROOT.fullmatch(value) and 1 <= int(value) <= 20:
        return f"{int(value):02d}"
    raise invalid("cameo_root", value, "a CAMEO root code from 01 to 20, e.g. 19 (fight)")


def parse_plover(value: str | None) -> str | None:
    if not value:
        return None
    if value.upper() in PLOVER_TYPES:
        return value.upper()
    raise invalid("plover", value, "one of " + ", ".join(PLOVER_TYPES))


def parse_quad_class(value: str | None) -> int | None:
    if not value:
        return None
    if value in ("1", "2", "3", "4"):
        return int(value)
    raise invalid(
        "quad_class",
        value,
        "1 (verbal cooperation), 2 (material cooperation), 3 (verbal conflict) or 4 (material conflict)",
    )


def parse_text(name: str, value: str | None, longest: int = 200) -> str | None:
    value = (value or "").strip()
    if len(value) > longest:
        raise invalid(name, value, f"at most {longest} characters")
    return value or None


def event_filter(
    dyad=None,
    actor=None,
    start=None,
    end=None,
    cameo_root=None,
    plover=None,
    place=None,
    bbox=None,
    quad_class=None,
    all=False,
    unique=False,
) -> EventFilter:
    s, e = parse_range(start, end)
    return EventFilter(
        dyad=parse_dyad(dyad),
        actor=parse_text("actor", actor),
        start=s,
        end=e,
        cameo_root=parse_cameo_root(cameo_root),
        plover=parse_plover(plover),
        place=parse_text("place", place),
        bbox=parse_bbox(bbox),
        quad_class=parse_quad_class(quad_class),
        all=bool(all),
        unique=bool(unique),
    )
