"""One normaliser per grammar rule: candidate groups -> TIMEX3 type, value, precision.

Each function returns a Value or None (None drops the candidate: "a quarter of the
shares" is no time). Relative expressions need the anchor (publication date); without
one they fall back to TimeML's underspecified values ("XXXX-XX-XX").
"""

from __future__ import annotations

import datetime as dt

from ..resources.time_lexicon import time_lexicon
from .time_grammar import Candidate
from .time_values import (Context, Value, _day, _key, _month, _shift_month, _week, duration,
                          number, previous_quarter, quarter_of, resolve_weekday, resolve_year,
                          season_value, year_of)

_PAST_RELS = ("last", "the past", "the last", "the previous", "this past", "previous")
_NEXT_RELS = ("next", "the coming", "the next", "the following", "this coming", "coming")
_SAME_RELS = ("this", "the current", "the same", "that", "the latest", "this fiscal",
              "the current fiscal")


def _month_number(text: str | None) -> int | None:
    return time_lexicon().months.get(_key(text)) if text else None


def _weekday_number(text: str | None) -> int | None:
    return time_lexicon().weekdays.get(_key(text)) if text else None


def _explicit_year(text: str | None, anchor: dt.date | None) -> int | None:
    year = year_of(text)
    if year is not None and year < 100:  # "1/5/98"
        year += 1900 if year > 40 else 2000
    return year


def date_full(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    g = c.groups
    month = _month_number(g.get("mon")) if not (g.get("mon") or "").isdigit() else int(g["mon"])
    day = int(g["day"])
    year = _explicit_year(g.get("year"), ctx.anchor)
    if year is None:
        if ctx.anchor is None:
            return Value("DATE", f"XXXX-{month:02d}-{day:02d}", "day")
        year = resolve_year(ctx.anchor, month, day, tense)
        weekday = _weekday_number(g.get("wd"))
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
        return Value("TIME", f"{_day(value)}T{g['h']}:{g['m']}", "minute")
    return Value("DATE", _day(value), "day")


def month(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    g = c.groups
    mon = _month_number(g["mon"])
    year = _explicit_year(g.get("year"), ctx.anchor)
    rel = _key(g.get("rel")) or _key(g.get("yrel"))
    if year is None:
        if ctx.anchor is None:
            return Value("DATE", f"XXXX-{mon:02d}", "month")
        a = ctx.anchor
        if g.get("yrel"):
            year = a.year + {"this": 0, "last": -1, "next": 1}[_key(g["yrel"])]
        elif rel in ("last", "this past"):
            year = a.year if mon < a.month else a.year - 1
        elif rel in ("next", "this coming"):
            year = a.year if mon > a.month else a.year + 1
        elif rel == "this":
            year = a.year
        else:
            year = resolve_year(a, mon, None, tense)
    return Value("DATE", _month(year, mon), "month")


def year(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    value = _explicit_year(c.groups["year"], ctx.anchor)
    if value is None or not 1000 <= value <= 2199:
        return None
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


def quarter(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    g = c.groups
    det, mods = _key(g.get("det")), _key(g.get("mods"))
    ordinal = _key(g.get("ord"))
    # "a third-quarter loss": the adjective alone is the timex in TimeBank.
    trim = len(g["det"]) if g.get("det") and g.get("sep") == "-" and not mods else 0
    if not ordinal and not mods and det in ("", "a", "its", "this", "last", "next"):
        if det not in ("this", "last", "next"):
            return None  # "a quarter of", "quarter" alone
    explicit = _explicit_year(g.get("year"), ctx.anchor)
    if explicit is None:
        for word in mods.split():
            if word.isdigit() and len(word) == 4:
                explicit = int(word)
    shift = 0
    if "last year's" in det or any(w in mods for w in ("year-earlier", "year ago", "year-ago",
                                                       "year earlier", "year before")):
        shift = -1
    elif "year ago" in det or "year earlier" in det:
        shift = -1
    elif "next year's" in det:
        shift = 1
    numbers = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
               "fourth": 4, "4th": 4, "final": 4}
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
        ctx.last_quarter = (y, q) if not shift else ctx.last_quarter
        return Value("DATE", f"{y:04d}-Q{q}", "quarter", trim_start=trim)
    if det == "last" and not mods and ctx.anchor:
        y, q = previous_quarter(ctx.anchor)
    elif det == "next" and not mods and ctx.anchor:
        y, q = quarter_of(ctx.anchor)
        y, q = (y, q + 1) if q < 4 else (y + 1, 1)
    elif det == "this" and not mods and ctx.anchor:
        y, q = quarter_of(ctx.anchor)
    else:
        # "the quarter", "the latest quarter": in business news the quarter just reported.
        ref = (previous_quarter(ctx.anchor) if ctx.anchor and not shift
               else _reference_quarter(ctx))
        if ref is None:
            return Value("DATE", "XXXX-QX", "quarter")
        y, q = ref
        if not shift:
            ctx.last_quarter = ref
        if explicit is not None:
            y = explicit
    return Value("DATE", f"{y + shift:04d}-Q{q}", "quarter")


def half(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    g = c.groups
    h = 1 if _key(g["ord"]) == "first" else 2
    y = _explicit_year(g.get("year"), ctx.anchor)
    if y is None:
        if ctx.anchor is None:
            return Value("DATE", f"XXXX-H{h}", "half")
        y = ctx.anchor.year + {"this": 0, "last": -1, "next": 1}.get(_key(g.get("yrel")), 0)
        det = _key(g.get("det"))
        y += -1 if det.startswith("last year") else 1 if det.startswith("next year") else 0
    return Value("DATE", f"{y:04d}-H{h}", "half")


def period(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    which = _key(c.groups.get("which"))
    ref = _reference_quarter(ctx)
    if which.isdigit():
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


def _part_suffix(part: str | None) -> str:
    code = time_lexicon().day_parts.get(_key(part)) if part else None
    return f"T{code}" if code else ""


def rel_day(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    g = c.groups
    word = _key(g["rd"])
    offsets = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0,
               "the day before yesterday": -2, "the day after tomorrow": 2}
    if ctx.anchor is None:
        return Value("DATE", "XXXX-XX-XX", "day")
    day = ctx.anchor + dt.timedelta(days=offsets[word])
    suffix = _part_suffix(g.get("part"))
    if suffix:
        return Value("TIME", _day(day) + suffix, "part_of_day")
    return Value("DATE", _day(day), "day")


def this_part(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    g = c.groups
    rel, suffix = _key(g["rel"]), _part_suffix(g["part"])
    if ctx.anchor is None:
        return Value("TIME", "XXXX-XX-XX" + suffix, "part_of_day")
    offset = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[rel]
    return Value("TIME", _day(ctx.anchor + dt.timedelta(days=offset)) + suffix, "part_of_day")


def weekday(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    g = c.groups
    wd = _weekday_number(g["wd"])
    suffix = _part_suffix(g.get("part"))
    if ctx.anchor is None:
        return Value("DATE", f"XXXX-WXX-{wd}{suffix}", "day")
    day = resolve_weekday(ctx.anchor, wd, _key(g.get("rel")), tense)
    if suffix:
        return Value("TIME", _day(day) + suffix, "part_of_day")
    return Value("DATE", _day(day), "day")


def weekday_set(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    g = c.groups
    wd = _weekday_number(g.get("wd") or g.get("wd2"))
    part = _key(g.get("part")).rstrip("s")
    return Value("SET", f"XXXX-WXX-{wd}{_part_suffix(part)}", "day")


def _unit_value(unit: str, anchor: dt.date, step: int) -> tuple[str, str] | None:
    """The calendar unit containing the anchor, moved by `step` units: (value, precision)."""
    if unit == "week":
        return _week(anchor + dt.timedelta(weeks=step)), "week"
    if unit == "weekend":
        return _week(anchor + dt.timedelta(weeks=step)) + "-WE", "week"
    if unit == "month":
        return _month(*_shift_month(anchor.year, anchor.month, step)), "month"
    if unit in ("year", "fiscal year", "full year"):
        return f"{anchor.year + step:04d}", "year"
    if unit == "decade":
        return f"{anchor.year // 10 + step:03d}", "decade"
    if unit == "century":
        return f"{anchor.year // 100 + step:02d}", "century"
    if unit == "day":
        return _day(anchor + dt.timedelta(days=step)), "day"
    return None


def rel_unit(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    g = c.groups
    rel, unit = _key(g["rel"]), _key(g["unit"])
    if rel in ("that", "the following", "the same"):
        return None  # anaphoric ("that year"): the antecedent is not tracked
    seasons = time_lexicon().seasons
    if ctx.anchor is None:
        return Value("DATE", {"PAST": "PAST_REF", "NEXT": "FUTURE_REF"}.get(
            "PAST" if rel in _PAST_RELS else "NEXT" if rel in _NEXT_RELS else "", "PRESENT_REF"),
            None)
    if unit in seasons:
        return Value("DATE", season_value(ctx.anchor, seasons[unit], rel, tense), "season")
    step = -1 if rel in _PAST_RELS else 1 if rel in _NEXT_RELS else 0
    if unit == "weekend" and rel in ("this", "that"):
        step = 0 if tense == "future" or ctx.anchor.isoweekday() >= 6 else -1
    out = _unit_value(unit, ctx.anchor, step)
    return Value("DATE", out[0], out[1]) if out else None


def bare_unit(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    g = c.groups
    unit, edge = _key(g["unit"]), _key(g.get("edge"))
    if unit in ("year", "fiscal year") and g.get("ended"):
        # "the year ended Sept. 30" is a year-long period, not the calendar year.
        return Value("DURATION", "P1Y", "year", trim_end=len(g["ended"]))
    if unit in ("day", "week", "month", "decade") and not edge:
        return None  # "the day" mostly refers back to a date we cannot see
    if ctx.anchor is None:
        return None
    if unit == "weekend":
        step = 0 if tense == "future" or ctx.anchor.isoweekday() >= 6 else -1
        out = _unit_value("weekend", ctx.anchor, step)
    else:
        out = _unit_value(unit, ctx.anchor, 0)
    return Value("DATE", out[0], out[1]) if out else None


def season(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    g = c.groups
    code = time_lexicon().seasons[_key(g.get("season") or g.get("season2"))]
    explicit = _explicit_year(g.get("year") or g.get("year2"), ctx.anchor)
    if explicit is not None:
        return Value("DATE", f"{explicit:04d}-{code}", "season")
    if ctx.anchor is None:
        return Value("DATE", f"XXXX-{code}", "season")
    return Value("DATE", season_value(ctx.anchor, code, _key(g.get("det")), tense), "season")


def ago(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    g = c.groups
    unit, direction = _key(g["unit"]), _key(g["dir"])
    num = number(g.get("num")) if g.get("num") else 1.0
    letter, scale = time_lexicon().units.get(unit, (None, 1))
    if letter is None:
        return None
    if direction in ("later", "earlier", "before") and not (
            direction == "earlier" and letter == "Y" and scale == 1 and num == 1):
        # TimeBank: "three days later" is the duration "three days" (the word outside).
        value = duration(num, unit)
        return Value("DURATION", value, None, trim_end=len(g["dir"])) if value else None
    back = -1 if direction in ("ago", "earlier", "before") else 1
    if num is None:
        return Value("DATE", "PAST_REF" if back < 0 else "FUTURE_REF", None)
    if unit in ("year", "years") and num == 1 and back < 0 and ctx.last_quarter:
        y, q = ctx.last_quarter
        return Value("DATE", f"{y - 1:04d}-Q{q}", "quarter")
    if ctx.anchor is None:
        return Value("DATE", "PAST_REF" if back < 0 else "FUTURE_REF", None)
    a, n = ctx.anchor, num * scale
    if n != int(n):
        return Value("DATE", "PAST_REF" if back < 0 else "FUTURE_REF", None)
    n = int(n) * back
    if letter == "Y":
        if scale == 10:
            return Value("DATE", f"{(a.year + n) // 10:03d}", "decade")
        if scale == 100:
            return Value("DATE", f"{(a.year + n) // 100:02d}", "century")
        return Value("DATE", f"{a.year + n:04d}", "year")
    if unit.startswith("quarter"):
        y, q = quarter_of(a)
        index = y * 4 + q - 1 + n
        return Value("DATE", f"{index // 4:04d}-Q{index % 4 + 1}", "quarter")
    if letter == "M" and unit.startswith("month"):
        return Value("DATE", _month(*_shift_month(a.year, a.month, n)), "month")
    if letter == "W":
        return Value("DATE", _week(a + dt.timedelta(weeks=n * (scale if scale > 1 else 1))), "week")
    if letter == "D":
        return Value("DATE", _day(a + dt.timedelta(days=n)), "day")
    return Value("DATE", "PAST_REF" if back < 0 else "FUTURE_REF", None)


def duration_rule(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    g = c.groups
    num_text = _key(g.get("num"))
    num = number(num_text)
    if num is not None and g.get("half"):
        num += 0.5
    if num is None and num_text not in time_lexicon().vague_numbers and not num_text.startswith(
            ("the past few", "the last few")):
        return None
    if num is not None and num > 1000:
        return None
    unit = _key(g["unit"])
    value = duration(num, unit)
    if not value:
        return None
    trim = 0
    if g.get("det") and not g.get("rel") and (num is None or num != 1) and not unit.endswith("s"):
        trim = len(g["det"])  # "the two-year plan": TimeBank marks only "two-year"
    return Value("DURATION", value, None, trim_start=trim)


def plural_unit(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    value = duration(None, c.groups["unit"])
    return Value("DURATION", value, None) if value else None


def set_rule(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    g = c.groups
    unit, every = _key(g["unit"]), _key(g["every"])
    if every in ("a", "an") and unit not in ("day", "week", "month", "year", "hour"):
        return None
    num = number(g.get("num")) if g.get("num") else 1.0
    parts = time_lexicon().day_parts
    seasons = time_lexicon().seasons
    if unit in parts:
        return Value("SET", "XXXX-XX-XX" + _part_suffix(unit), "part_of_day")
    if unit in seasons:
        return Value("SET", f"XXXX-{seasons[unit]}", "season")
    if unit == "weekend":
        return Value("SET", "XXXX-WXX-WE", "week")
    value = duration(num, unit)
    return Value("SET", value, None) if value else None


def set_word(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    return Value("SET", time_lexicon().sets[_key(c.groups["word"])], None)


def clock(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    g = c.groups
    word = _key(g.get("word"))
    if word:
        hour, minute = (12, 0) if word == "noon" else (24, 0)
    else:
        hour = int(g.get("h") or g.get("h2") or g.get("h3") or g.get("h4") or g.get("h5"))
        minute = int(g.get("m") or g.get("m2") or g.get("m4") or g.get("m5") or 0)
        ampm = _key(g.get("ampm")).replace(".", "")
        if g.get("h5") or _key(g.get("pod")) in ("afternoon", "evening"):
            ampm = "pm" if hour != 12 or g.get("h5") is None else "am"
        elif g.get("pod"):
            ampm = "am"
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if not ampm and not g.get("h3") and hour > 23:
            return None
    # A clock time alone belongs to the day last talked about ("Slepian was shot Oct. 23
    # ... at 10 p.m."), else to the publication date.
    base = ctx.last_day or ctx.anchor
    day = _day(base) if base else "XXXX-XX-XX"
    return Value("TIME", f"{day}T{hour:02d}:{minute:02d}", "minute" if minute else "hour")


def next_day(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    """"the next morning", "the previous day": one day from the day last talked about."""
    base = ctx.last_day or ctx.anchor
    if base is None:
        return None
    step = 1 if _key(c.groups["rel"]) in ("next", "following") else -1
    day = base + dt.timedelta(days=step)
    part = _key(c.groups["part"])
    if part != "day":
        return Value("TIME", _day(day) + _part_suffix(part), "part_of_day")
    return Value("DATE", _day(day), "day")


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}


def decade_word(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    """"the nineties": the last such decade before the anchor (default: the 1900s)."""
    digit = _DECADE_WORDS[_key(c.groups["dec"])]
    century = 19
    if ctx.anchor and ctx.anchor.year >= 2000 + digit * 10 + 10:
        century = 20
    return Value("DATE", f"{century}{digit}", "decade")


def that_day(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    if ctx.last_day is None:
        return None
    return Value("DATE", _day(ctx.last_day), "day")


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    if nth > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def holiday(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    rule = time_lexicon().holidays[_key(c.groups["hol"]).replace("’", "'")]
    if ctx.anchor is None:
        return Value("DATE", f"XXXX-{rule[0]:02d}" + (f"-{rule[1]:02d}" if len(rule) == 2 else ""),
                     "day")
    def on(year: int) -> dt.date:
        return dt.date(year, rule[0], rule[1]) if len(rule) == 2 else _nth_weekday(year, *rule)
    this = on(ctx.anchor.year)
    if tense == "future":
        day = this if this >= ctx.anchor else on(ctx.anchor.year + 1)
    elif tense == "past" or this > ctx.anchor + dt.timedelta(days=60):
        day = this if this <= ctx.anchor else on(ctx.anchor.year - 1)
    else:
        day = this
    return Value("DATE", _day(day), "day")


def reference(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    return Value("DATE", time_lexicon().references[_key(c.groups["ref"])], None)


def vague_duration(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    return Value("DURATION", time_lexicon().vague_durations[_key(c.groups["dur"])], None)


def year_end(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    if ctx.anchor is None:
        return Value("DATE", "XXXX", "year")
    return Value("DATE", f"{ctx.anchor.year:04d}", "year")


NORMALISERS = {
    "vague_duration": vague_duration, "year_end": year_end, "that_day": that_day,
    "next_day": next_day, "decade_word": decade_word,
    "iso_date": date_full, "numeric_date": date_full, "month_day": date_full,
    "day_month": date_full, "month": month, "year": year, "decade": decade,
    "century": century, "quarter": quarter, "half": half, "period": period,
    "year_earlier": year_earlier, "rel_day": rel_day, "this_part": this_part,
    "weekday": weekday, "weekday_set": weekday_set, "rel_unit": rel_unit,
    "bare_unit": bare_unit, "season": season, "ago": ago, "duration": duration_rule,
    "plural_unit": plural_unit, "set": set_rule, "set_word": set_word, "clock": clock,
    "holiday": holiday, "reference": reference,
}
