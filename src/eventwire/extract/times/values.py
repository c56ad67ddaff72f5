"""Normalisation of recognised time expressions to TIMEX3 values.

`normalise` turns one grammar candidate into (type, value, precision) given the anchor
(publication date), the tense of the governing verb, and a small discourse state (the last
quarter mentioned, for "a year earlier" in earnings reports). Values follow TimeML as
annotated in TimeBank: "2025-05-09", "2025-W19", "2025-05", "1998-Q3", "199" (a decade),
"P3D", "PT2H", "PXY", "PRESENT_REF", "XXXX-WXX-4" (a set of Thursdays).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ...resources.time_lexicon import time_lexicon


@dataclass(slots=True)
class Context:
    anchor: dt.date | None
    last_quarter: tuple[int, int] | None = None  # (year, quarter) last mentioned
    last_day: dt.date | None = None  # the last day-level date mentioned
    last_month: tuple[int, int | None] | None = None  # (year, month or None) last mentioned
    notes: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Value:
    type: str
    value: str
    precision: str | None
    trim_end: int = 0  # characters to drop from the end of the extent ("later")
    trim_start: int = 0  # characters to drop from the start ("the" of "the two-year plan")


_SPACES = re.compile(r"[\s-]+")
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def norm_key(text: str | None) -> str:
    return _SPACES.sub(" ", (text or "").lower().strip().rstrip(".").replace("’", "'"))


def month_number(text: str | None) -> int | None:
    return time_lexicon().months.get(norm_key(text)) if text else None


_ORDINAL_ONES = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
    "twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth "
    "nineteenth"
).split()
# Days of the month written as ordinal words ("the fourth of March", "March twenty-first").
DAY_ORDINALS: dict[str, int] = {word: i + 1 for i, word in enumerate(_ORDINAL_ONES)}
DAY_ORDINALS.update({"twentieth": 20, "thirtieth": 30, "thirty first": 31})
DAY_ORDINALS.update({f"twenty {word}": 21 + i for i, word in enumerate(_ORDINAL_ONES[:9])})


def day_number(text: str | None) -> int | None:
    """ "4", "4th", "fourth", "twenty-first" -> the day of the month."""
    key = norm_key(text)
    if key[:1].isdigit():
        return int("".join(ch for ch in key if ch.isdigit()))
    return DAY_ORDINALS.get(key)


def weekday_number(text: str | None) -> int | None:
    return time_lexicon().weekdays.get(norm_key(text)) if text else None


def explicit_year(text: str | None, anchor: dt.date | None) -> int | None:
    year = year_of(text)
    if year is not None and year < 100:  # "1/5/98"
        year += 1900 if year > 40 else 2000
    return year


def number(text: str | None) -> float | None:
    """A cardinal in digits or words; None for vague quantities ("several")."""
    key = norm_key(text)
    if not key:
        return None
    lex = time_lexicon()
    if key in lex.vague_numbers:
        return None
    if key in lex.numbers:
        return lex.numbers[key]
    digits = key.replace(",", "")
    if " 1/2" in digits:
        base = digits.split()[0]
        return float(base) + 0.5 if base.replace(".", "").isdigit() else None
    if re.fullmatch(r"\d+(\.\d+)?", digits):
        return float(digits)
    total = 0.0
    for part in key.split():
        if part not in lex.numbers:
            return None
        total += lex.numbers[part]
    return total


def year_of(text: str | None) -> int | None:
    """ "1998", "nineteen ninety-six", "two thousand" -> int."""
    key = norm_key(text)
    if not key:
        return None
    if key.isdigit():
        return int(key)
    words = key.replace(" and ", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = number(" ".join(words[2:])) if words[2:] else 0
        return 2000 + int(rest or 0)
    if words and words[0] == "nineteen":
        tens = [w for w in words[1:] if w not in ("hundred", "oh")]
        value = number(" ".join(tens)) if tens else 0
        return None if value is None else 1900 + int(value)
    return None


def iso_day(d: dt.date) -> str:
    return d.isoformat()


def iso_week(d: dt.date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def iso_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


# Within this many months of the anchor, a month without a year is read as the nearest
# occurrence: "was extended to Nov. 16" in late October is this November, not last.
_NEAR_MONTHS = 2


def _nearest_distance(anchor: dt.date, month: int) -> int:
    return min(
        abs((y * 12 + month) - (anchor.year * 12 + anchor.month))
        for y in (anchor.year - 1, anchor.year, anchor.year + 1)
    )


def resolve_year(anchor: dt.date, month: int, day: int | None, tense: str | None) -> int:
    """The year of a month (and day) given without one: the nearest occurrence when it is
    close to the anchor, else the one in the direction the tense points to."""
    target = (month, day or 0)
    now = (anchor.month, anchor.day if day else 0)
    if target == now:
        return anchor.year
    candidates = [anchor.year - 1, anchor.year, anchor.year + 1]
    if (
        _nearest_distance(anchor, month) <= _NEAR_MONTHS
        and (tense != "future" or day)
        and (tense != "past" or day or target < now)
    ):
        # Close to the anchor the nearest year wins whatever the verb says, except a month
        # name under a future verb ("can win in November" in January: next November) and a
        # later month under a past verb ("took effect in June" in May: last June).
        return min(candidates, key=lambda y: abs((y * 12 + month) - (anchor.year * 12 + anchor.month)))
    if tense == "future":
        return anchor.year if target > now else anchor.year + 1
    # News reports the past: without a future verb, the last occurrence.
    return anchor.year if target < now else anchor.year - 1


def resolve_weekday(anchor: dt.date, weekday: int, rel: str, tense: str | None) -> dt.date:
    delta = weekday - anchor.isoweekday()
    if rel in ("last", "this past", "the previous", "previous"):
        return anchor + dt.timedelta(days=delta - 7 if delta >= 0 else delta)
    if rel in ("next", "this coming", "coming", "the following"):
        return anchor + dt.timedelta(days=delta + 7 if delta <= 0 else delta)
    if rel == "this":
        return anchor + dt.timedelta(days=delta)
    if delta == 0:
        return anchor
    if tense == "future":
        return anchor + dt.timedelta(days=delta if delta > 0 else delta + 7)
    return anchor + dt.timedelta(days=delta if delta < 0 else delta - 7)


def duration(num: float | None, unit: str, vague_ok: bool = True) -> str | None:
    """P3D, PT2H, P2Y6M, PXY from a number (None: vague) and a unit word."""
    lex = time_lexicon()
    letter, scale = lex.units.get(norm_key(unit), (None, 1))
    if letter is None:
        return None
    is_time = norm_key(unit) in lex.time_units
    prefix = "PT" if is_time else "P"
    if num is None:
        if not vague_ok:
            return None
        if scale == 10:
            return "PXDE"
        if scale == 100:
            return "PXCE"
        return f"{prefix}X{letter}"
    num *= scale
    if num == int(num):
        return f"{prefix}{int(num)}{letter}"
    whole, frac = int(num), num - int(num)
    smaller = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60), "Q": ("M", 3)}
    if letter in smaller and not is_time:
        sub, per = smaller[letter]
        head = f"{whole}{letter}" if whole else ""
        if sub == "H":
            return f"P{head}T{round(frac * per)}H"
        return f"P{head}{round(frac * per)}{sub}"
    if is_time and letter in ("H", "M"):
        sub = "M" if letter == "H" else "S"
        head = f"{whole}{letter}" if whole else ""
        return f"PT{head}{round(frac * 60)}{sub}"
    return f"{prefix}{num:g}{letter}"


def quarter_of(d: dt.date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def previous_quarter(d: dt.date) -> tuple[int, int]:
    year, q = quarter_of(d)
    return (year, q - 1) if q > 1 else (year - 1, 4)


def season_value(anchor: dt.date, season: str, rel: str, tense: str | None) -> str:
    """ "last fall" in October 1989 -> 1988-FA; "this summer" -> anchor year."""
    first, last = _SEASON_MONTHS[season]
    year = anchor.year
    in_season = (first <= anchor.month <= last) if first < last else anchor.month in (12, 1, 2)
    started = anchor.month >= first or (season == "WI" and anchor.month <= 2)
    if (
        season == "WI"
        and anchor.month <= 2
        and rel not in ("last", "this past", "the past", "the last", "the previous")
    ):
        year -= 1  # winter belongs to the year in which it starts
    if rel == "this past":  # the most recent one that has begun
        return f"{year if started else year - 1:04d}-{season}"
    if rel in ("last", "the past", "the last", "the previous"):
        # TimeBank reads "last spring" in October as the spring of the year before.
        year = anchor.year - 1 - (1 if season == "WI" and anchor.month <= 2 else 0)
        return f"{year:04d}-{season}"
    elif rel in ("next", "the coming", "the next", "the following"):
        if in_season or started:
            year += 1
    elif rel in ("the", "") and tense == "past" and not started:
        year -= 1
    elif rel in ("the", "") and tense == "future" and started and not in_season:
        year += 1
    return f"{year:04d}-{season}"
