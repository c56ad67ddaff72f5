"""One normaliser per grammar rule: candidate groups -> TIMEX3 type, value, precision.

This module holds the calendar expressions (dates, months, years, quarters, holidays) and
the registry; the ones relative to the anchor or the discourse are in relative.py.

Each function returns a Value or None (None drops the candidate: "a quarter of the
shares" is no time). Relative expressions need the anchor (publication date); without
one they fall back to TimeML's underspecified values ("XXXX-XX-XX").
"""

from __future__ import annotations

import contextlib
import datetime as dt

from ...resources.time_lexicon import time_lexicon
from .grammar import Candidate
from .relative import (
    ago,
    bare_unit,
    clock,
    duration_rule,
    month_set,
    next_day,
    ord_day,
    part_day,
    plural_unit,
    reference,
    rel_day,
    rel_unit,
    season,
    season_plural,
    set_rule,
    set_word,
    that_day,
    this_part,
    vague_duration,
    weekday,
    weekday_set,
)
from .values import (
    Context,
    Value,
    day_number,
    explicit_year,
    iso_day,
    iso_month,
    iso_week,
    month_number,
    norm_key,
    previous_quarter,
    quarter_of,
    resolve_year,
    weekday_number,
)


def date_full(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    g = c.groups
    month = month_number(g.get("mon")) if not (g.get("mon") or "").isdigit() else int(g["mon"])
    day = day_number(g.get("day") or g.get("day2") or g.get("dayw"))
    if day is None or month is None:
        return None
    year = explicit_year(g.get("year"), ctx.anchor)
    if year is None:
        if ctx.anchor is None:
            return Value("DATE", f"XXXX-{month:02d}-{day:02d}", "day")
        year = resolve_year(ctx.anchor, month, day, tense)
        weekday = weekday_number(g.get("wd"))
        if weekday is not None:  # "Thursday, April 6": the year that makes it a Thursday
            for y in (year, year - 1, year + 1):
                try:
                    if dt.date(y, month, day).isoweekday() == weekday:
                        year = y
                        break
                except ValueError:
                    pass
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None
    if g.get("h"):
        return Value("TIME", f"{iso_day(value)}T{g['h']}:{g['m']}", "minute")
    return Value("DATE", iso_day(value), "day")


def week_of(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    """ "the week of March 6": the ISO week holding that day."""
    day = date_full(c, ctx, tense)
    if day is None:
        return None
    if day.value.startswith("X"):
        return Value("DATE", "XXXX-WXX", "week")
    return Value("DATE", iso_week(dt.date.fromisoformat(day.value)), "week")


def numeric_date(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    """ "5/10/2025" or "10/05/2025": month first (US) or day first (elsewhere); when both
    readings are valid, the one nearer the publication date (US without one)."""
    g = c.groups
    a, b = int(g["a"]), int(g["b"])
    year = explicit_year(g["year"], ctx.anchor)
    if year is None:
        return None
    readings = []
    for month, day in ((a, b), (b, a)):
        with contextlib.suppress(ValueError):
            readings.append(dt.date(year, month, day))
    if not readings:
        return None
    value = readings[0]
    anchor = ctx.anchor
    if anchor and len(readings) == 2:
        value = min(readings, key=lambda d: abs((d - anchor).days))
    return Value("DATE", iso_day(value), "day")


def month(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    g = c.groups
    mon = month_number(g["mon"])
    if mon is None:
        return None
    year = explicit_year(g.get("year"), ctx.anchor)
    rel = norm_key(g.get("rel")) or norm_key(g.get("yrel"))
    if year is None:
        if ctx.anchor is None:
            return Value("DATE", f"XXXX-{mon:02d}", "month")
        a = ctx.anchor
        if g.get("yrel"):
            year = a.year + {"this": 0, "last": -1, "next": 1}[norm_key(g["yrel"])]
        elif rel in ("last", "this past"):
            year = a.year if mon < a.month else a.year - 1
        elif rel in ("next", "this coming"):
            year = a.year if mon > a.month else a.year + 1
        elif rel == "this":
            year = a.year
        else:
            year = resolve_year(a, mon, None, tense)
    return Value("DATE", iso_month(year, mon), "month")


def year(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    value = explicit_year(c.groups["year"], ctx.anchor)
    if value is None or not 1000 <= value <= 2199:
        return None
    edge = (c.groups.get("edge") or "").lower().split()
    if "half" in edge:  # "the first half of 2025" is 2025-H1
        return Value("DATE", f"{value:04d}-H{1 if 'first' in edge else 2}", "half")
    return Value("DATE", f"{value:04d}", "year")


def decade(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    g = c.groups
    if g.get("dec"):
        return Value("DATE", g["dec"], "decade")
    base = ctx.anchor.year // 100 if ctx.anchor else 19
    digit = int(g["dec2"])
    century = base if ctx.anchor is None or digit * 10 <= ctx.anchor.year % 100 else base - 1
    return Value("DATE", f"{century}{digit}", "decade")


def century(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    return Value("DATE", f"{int(c.groups['n']) - 1:02d}", "century")


def _reference_quarter(ctx: Context) -> tuple[int, int] | None:
    if ctx.last_quarter:
        return ctx.last_quarter
    return previous_quarter(ctx.anchor) if ctx.anchor else None


def _note_quarter(ctx: Context, y: int, q: int) -> None:
    """Remember a quarter for "a year earlier"; a forecast ("losses through the third
    quarter of 1990") is not the quarter being reported on."""
    if ctx.anchor is None or (y, q) <= quarter_of(ctx.anchor):
        ctx.last_quarter = (y, q)


def quarter(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    g = c.groups
    det, mods = norm_key(g.get("det")), norm_key(g.get("mods"))
    ordinal = norm_key(g.get("ord"))
    # "a third-quarter loss": the adjective alone is the timex in TimeBank.
    trim = len(g["det"]) if g.get("det") and g.get("sep") == "-" and not mods else 0
    if not ordinal and not mods and det in ("", "a", "its", "this", "last", "next"):
        if det not in ("this", "last", "next"):
            return None  # "a quarter of", "quarter" alone
    explicit = explicit_year(g.get("year"), ctx.anchor)
    if explicit is None:
        for word in mods.split():
            if word.isdigit() and len(word) == 4:
                explicit = int(word)
    shift = 0
    if (
        "last year's" in det
        or any(w in mods for w in ("year-earlier", "year ago", "year-ago", "year earlier", "year before"))
        or "year ago" in det
        or "year earlier" in det
    ):
        shift = -1
    elif "next year's" in det:
        shift = 1
    numbers = {
        "first": 1,
        "1st": 1,
        "second": 2,
        "2nd": 2,
        "third": 3,
        "3rd": 3,
        "fourth": 4,
        "4th": 4,
        "final": 4,
    }
    if ordinal in numbers:
        q = numbers[ordinal]
        if explicit is not None:
            y = explicit
        elif ctx.anchor is None:
            return Value("DATE", f"XXXX-Q{q}", "quarter")
        elif shift:
            ref = _reference_quarter(ctx)
            y = (ref[0] if ref else ctx.anchor.year) + shift
        else:
            y = ctx.anchor.year
            if quarter_of(ctx.anchor) < (y, q) and tense == "past":
                y -= 1
        if not shift:
            _note_quarter(ctx, y, q)
        return Value("DATE", f"{y:04d}-Q{q}", "quarter", trim_start=trim)
    if det == "last" and not mods and ctx.anchor:
        y, q = previous_quarter(ctx.anchor)
    elif det == "next" and not mods and ctx.anchor:
        y, q = quarter_of(ctx.anchor)
        y, q = (y, q + 1) if q < 4 else (y + 1, 1)
    elif ((det == "this" and not mods) or mods == "current") and ctx.anchor:
        y, q = quarter_of(ctx.anchor)
    else:
        # "the quarter", "the latest quarter": in business news the quarter just reported.
        ref = previous_quarter(ctx.anchor) if ctx.anchor and not shift else _reference_quarter(ctx)
        if ref is None:
            return Value("DATE", "XXXX-QX", "quarter")
        y, q = ref
        if not shift:
            ctx.last_quarter = ref
        if explicit is not None:
            y = explicit
    return Value("DATE", f"{y + shift:04d}-Q{q}", "quarter")


def q_quarter(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    """ "Q3", "Q3 2025", "2025 Q3": like "the third quarter"."""
    q = int(c.groups["qn"])
    y = explicit_year(c.groups.get("year") or c.groups.get("year2"), ctx.anchor)
    if y is None:
        if ctx.anchor is None:
            return Value("DATE", f"XXXX-Q{q}", "quarter")
        y = ctx.anchor.year
        if quarter_of(ctx.anchor) < (y, q) and tense == "past":
            y -= 1
    _note_quarter(ctx, y, q)
    return Value("DATE", f"{y:04d}-Q{q}", "quarter")


def half(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    g = c.groups
    h = 1 if norm_key(g["ord"]) == "first" else 2
    y = explicit_year(g.get("year"), ctx.anchor)
    if y is None:
        if ctx.anchor is None:
            return Value("DATE", f"XXXX-H{h}", "half")
        y = ctx.anchor.year + {"this": 0, "last": -1, "next": 1}.get(norm_key(g.get("yrel")), 0)
        det = norm_key(g.get("det"))
        y += -1 if det.startswith("last year") else 1 if det.startswith("next year") else 0
    return Value("DATE", f"{y:04d}-H{h}", "half")


def period(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    which = norm_key(c.groups.get("which"))
    ref = _reference_quarter(ctx)
    if c.groups.get("ago"):  # "the same period last year": the quarter in question, a year back
        return Value("DATE", f"{ref[0] - 1:04d}-Q{ref[1]}", "quarter") if ref else None
    if which.isdigit():  # "the 1988 period": that year's version of the quarter in question
        if ctx.last_quarter:
            return Value("DATE", f"{which}-Q{ctx.last_quarter[1]}", "quarter")
        return Value("DATE", which, "year")
    if ref is None:
        return None
    shift = 0 if which == "latest" else -1
    return Value("DATE", f"{ref[0] + shift:04d}-Q{ref[1]}", "quarter")


def year_earlier(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    if ctx.last_quarter:
        y, q = ctx.last_quarter
        return Value("DATE", f"{y - 1:04d}-Q{q}", "quarter")
    if ctx.anchor is None:
        return None
    return Value("DATE", f"{ctx.anchor.year - 1:04d}", "year")


_DECADE_WORDS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}


def decade_word(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    """ "the nineties": the last such decade before the anchor (default: the 1900s)."""
    digit = _DECADE_WORDS[norm_key(c.groups["dec"])]
    century = 19
    if ctx.anchor and ctx.anchor.year >= 2000 + digit * 10 + 10:
        century = 20
    return Value("DATE", f"{century}{digit}", "decade")


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    if nth > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def holiday(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    rule = time_lexicon().holidays[norm_key(c.groups["hol"]).replace("’", "'")]
    if ctx.anchor is None:
        return Value("DATE", f"XXXX-{rule[0]:02d}" + (f"-{rule[1]:02d}" if len(rule) == 2 else ""), "day")

    def on(year: int) -> dt.date:
        if len(rule) == 2:
            return dt.date(year, rule[0], rule[1])
        # A fourth number shifts the day: Election Day is the Tuesday after the first Monday.
        return _nth_weekday(year, *rule[:3]) + dt.timedelta(days=rule[3] if len(rule) > 3 else 0)

    this = on(ctx.anchor.year)
    if tense == "future":
        day = this if this >= ctx.anchor else on(ctx.anchor.year + 1)
    elif tense == "past" or this > ctx.anchor + dt.timedelta(days=60):
        day = this if this <= ctx.anchor else on(ctx.anchor.year - 1)
    else:
        day = this
    return Value("DATE", iso_day(day), "day")


def year_end(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    if ctx.anchor is None:
        return Value("DATE", "XXXX", "year")
    return Value("DATE", f"{ctx.anchor.year:04d}", "year")


NORMALISERS = {
    "vague_duration": vague_duration,
    "year_end": year_end,
    "that_day": that_day,
    "next_day": next_day,
    "decade_word": decade_word,
    "iso_date": date_full,
    "numeric_date": numeric_date,
    "month_day": date_full,
    "day_month": date_full,
    "week_of": week_of,
    "month": month,
    "year": year,
    "decade": decade,
    "century": century,
    "quarter": quarter,
    "q_quarter": q_quarter,
    "half": half,
    "period": period,
    "year_earlier": year_earlier,
    "rel_day": rel_day,
    "this_part": this_part,
    "weekday": weekday,
    "weekday_set": weekday_set,
    "month_set": month_set,
    "rel_unit": rel_unit,
    "bare_unit": bare_unit,
    "season": season,
    "ago": ago,
    "duration": duration_rule,
    "plural_unit": plural_unit,
    "set": set_rule,
    "set_word": set_word,
    "clock": clock,
    "holiday": holiday,
    "reference": reference,
    "ord_day": ord_day,
    "part_day": part_day,
    "season_plural": season_plural,
}
