"""Normalisers for expressions relative to the publication date or the discourse: days
("yesterday", "Friday"), units ("last week"), offsets ("two months ago"), durations, sets,
clock times and references ("now"). Each returns a Value or None, like rules.py.
"""

from __future__ import annotations

import datetime as dt

from ...resources.time_lexicon import time_lexicon
from .grammar import Candidate
from .values import (
    Context,
    Value,
    duration,
    explicit_year,
    iso_day,
    iso_month,
    iso_week,
    month_number,
    norm_key,
    number,
    quarter_of,
    resolve_weekday,
    season_value,
    shift_month,
    weekday_number,
)

_PAST_RELS = ("last", "the past", "the last", "the previous", "this past", "previous")
_NEXT_RELS = ("next", "the coming", "the next", "the following", "this coming", "coming")


def _part_suffix(part: str | None) -> str:
    code = time_lexicon().day_parts.get(norm_key(part)) if part else None
    return f"T{code}" if code else ""


def rel_day(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    g = c.groups
    word = norm_key(g["rd"])
    offsets = {
        "yesterday": -1,
        "today": 0,
        "tomorrow": 1,
        "tonight": 0,
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
    }
    if ctx.anchor is None:
        return Value("DATE", "XXXX-XX-XX", "day")
    day = ctx.anchor + dt.timedelta(days=offsets[word])
    suffix = _part_suffix(g.get("part"))
    if suffix:
        return Value("TIME", iso_day(day) + suffix, "part_of_day")
    return Value("DATE", iso_day(day), "day")


def this_part(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    g = c.groups
    rel, suffix = norm_key(g["rel"]), _part_suffix(g["part"])
    if ctx.anchor is None:
        return Value("TIME", "XXXX-XX-XX" + suffix, "part_of_day")
    offset = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[rel]
    return Value("TIME", iso_day(ctx.anchor + dt.timedelta(days=offset)) + suffix, "part_of_day")


def weekday(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    g = c.groups
    wd = weekday_number(g["wd"])
    if wd is None:
        return None
    suffix = _part_suffix(g.get("part"))
    if ctx.anchor is None:
        return Value("DATE", f"XXXX-WXX-{wd}{suffix}", "day")
    day = resolve_weekday(ctx.anchor, wd, norm_key(g.get("rel")), tense)
    if suffix:
        return Value("TIME", iso_day(day) + suffix, "part_of_day")
    return Value("DATE", iso_day(day), "day")


def season_plural(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    """ "the past three summers" -> XXXX-SU, as TimeBank marks it."""
    code = time_lexicon().seasons[norm_key(c.groups["season"])[:-1]]
    return Value("SET", f"XXXX-{code}", "season")


def part_day(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    """ "mid-afternoon yesterday", "late evening Friday"; "mid-afternoon" alone belongs to
    the day last talked about, else to the publication date."""
    g = c.groups
    suffix = _part_suffix(g.get("part") or g.get("part2"))
    whole_day = Candidate(c.start, c.end, c.rule, {**g, "part": None})
    if g.get("rd"):
        day = rel_day(whole_day, ctx, tense)
    elif g.get("wd"):
        day = weekday(whole_day, ctx, tense)
    else:
        base = ctx.last_day or ctx.anchor
        day = Value("DATE", iso_day(base) if base else "XXXX-XX-XX", "day")
    if day is None or not suffix:
        return None
    return Value("TIME", day.value + suffix, "part_of_day")


def ord_day(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    """ "on the 21st": that day of the current month when it has passed (the previous month
    when it has not), the next such day under a future verb; "Friday the 13th": the nearest
    month, in that direction, where the 13th is a Friday."""
    g = c.groups
    day = int(g["day"])
    wd = weekday_number(g.get("wd"))
    if ctx.anchor is None:
        return Value("DATE", f"XXXX-XX-{day:02d}", "day")
    a = ctx.anchor
    mrel = norm_key(g.get("mrel"))
    if mrel in ("this", "the", "last", "next"):
        year, month = shift_month(a.year, a.month, {"last": -1, "next": 1}.get(mrel, 0))
        try:
            return Value("DATE", iso_day(dt.date(year, month, day)), "day")
        except ValueError:
            return None
    ahead = tense == "future"
    step = 1 if ahead else -1
    first = 0 if (day >= a.day if ahead else day <= a.day) else step
    for k in range(first, first + step * 24, step):
        year, month = shift_month(a.year, a.month, k)
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue
        if wd is None or date.isoweekday() == wd:
            return Value("DATE", iso_day(date), "day")
    return None


def weekday_set(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    g = c.groups
    wd = weekday_number(g.get("wd") or g.get("wd2") or g.get("wd3"))
    part = norm_key(g.get("part") or g.get("part2")).rstrip("s")
    return Value("SET", f"XXXX-WXX-{wd}{_part_suffix(part)}", "day")


def month_set(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    """ "each July" -> XXXX-07."""
    return Value("SET", f"XXXX-{month_number(c.groups['mon']):02d}", "month")


def _unit_value(unit: str, anchor: dt.date, step: int) -> tuple[str, str] | None:
    """The calendar unit containing the anchor, moved by `step` units: (value, precision)."""
    if unit == "week":
        return iso_week(anchor + dt.timedelta(weeks=step)), "week"
    if unit == "weekend":
        return iso_week(anchor + dt.timedelta(weeks=step)) + "-WE", "week"
    if unit == "month":
        return iso_month(*shift_month(anchor.year, anchor.month, step)), "month"
    if unit in ("year", "fiscal year", "full year"):
        return f"{anchor.year + step:04d}", "year"
    if unit == "decade":
        return f"{anchor.year // 10 + step:03d}", "decade"
    if unit == "century":
        return f"{anchor.year // 100 + step:02d}", "century"
    if unit == "day":
        return iso_day(anchor + dt.timedelta(days=step)), "day"
    return None


def _after_last_mentioned(unit: str, ctx: Context, step: int) -> Value | None:
    if ctx.last_month is None:
        return None
    year, month = ctx.last_month
    if unit == "year":
        return Value("DATE", f"{year + step:04d}", "year")
    if unit == "month" and month is not None:
        return Value("DATE", iso_month(*shift_month(year, month, step)), "month")
    return None  # "that week", "that weekend": too vague to place


def rel_unit(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    g = c.groups
    rel, unit = norm_key(g["rel"]), norm_key(g["unit"])
    if rel in ("that", "the following", "the same"):
        # Anaphoric: "that year", "the following month" count from the last one mentioned.
        return _after_last_mentioned(unit, ctx, 1 if rel == "the following" else 0)
    seasons = time_lexicon().seasons
    if ctx.anchor is None:
        return Value(
            "DATE",
            {"PAST": "PAST_REF", "NEXT": "FUTURE_REF"}.get(
                "PAST" if rel in _PAST_RELS else "NEXT" if rel in _NEXT_RELS else "", "PRESENT_REF"
            ),
            None,
        )
    if unit in seasons:
        return Value("DATE", season_value(ctx.anchor, seasons[unit], rel, tense), "season")
    step = -1 if rel in _PAST_RELS else 1 if rel in _NEXT_RELS else 0
    if unit == "weekend" and rel in ("this", "that"):
        step = 0 if tense == "future" or ctx.anchor.isoweekday() >= 6 else -1
    out = _unit_value(unit, ctx.anchor, step)
    return Value("DATE", out[0], out[1]) if out else None


def bare_unit(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    g = c.groups
    unit, edge = norm_key(g["unit"]), norm_key(g.get("edge"))
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
    elif unit == "year" and edge and "half" in edge.split():  # "the first half of the year"
        out = (f"{ctx.anchor.year:04d}-H{1 if 'first' in edge.split() else 2}", "half")
    else:
        out = _unit_value(unit, ctx.anchor, 0)
    return Value("DATE", out[0], out[1]) if out else None


def season(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    g = c.groups
    code = time_lexicon().seasons[norm_key(g.get("season") or g.get("season2"))]
    explicit = explicit_year(g.get("year") or g.get("year2"), ctx.anchor)
    if explicit is None and g.get("yrel") and ctx.anchor:  # "the summer of last year"
        explicit = ctx.anchor.year + {"this": 0, "last": -1, "next": 1}[norm_key(g["yrel"])]
    if explicit is not None:
        return Value("DATE", f"{explicit:04d}-{code}", "season")
    if ctx.anchor is None:
        return Value("DATE", f"XXXX-{code}", "season")
    return Value("DATE", season_value(ctx.anchor, code, norm_key(g.get("det")), tense), "season")


def ago(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    g = c.groups
    unit, direction = norm_key(g["unit"]), norm_key(g["dir"])
    # No number: a bare plural ("decades later") is vague; the grammar allows no other case.
    num = number(g.get("num")) if g.get("num") else None
    letter, scale = time_lexicon().units.get(unit, (None, 1))
    if letter is None:
        return None
    if direction in ("later", "earlier", "before") and not (
        direction == "earlier" and letter == "Y" and scale == 1 and num == 1
    ):
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
    if letter == "Y" and not 0 < a.year + n <= 9999:
        return Value("DATE", "PAST_REF" if back < 0 else "FUTURE_REF", None)  # "12,000 years ago"
    if letter == "Y":  # TimeBank: "a decade ago" is the year ten years back, not a decade
        if scale == 100:
            return Value("DATE", f"{(a.year + n) // 100:02d}", "century")
        return Value("DATE", f"{a.year + n:04d}", "year")
    if unit.startswith("quarter"):
        y, q = quarter_of(a)
        index = y * 4 + q - 1 + n
        return Value("DATE", f"{index // 4:04d}-Q{index % 4 + 1}", "quarter")
    if letter == "M" and unit.startswith("month"):
        return Value("DATE", iso_month(*shift_month(a.year, a.month, n)), "month")
    if letter == "W":
        return Value("DATE", iso_week(a + dt.timedelta(weeks=n * (scale if scale > 1 else 1))), "week")
    if letter == "D":
        return Value("DATE", iso_day(a + dt.timedelta(days=n)), "day")
    return Value("DATE", "PAST_REF" if back < 0 else "FUTURE_REF", None)


def duration_rule(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    g = c.groups
    num_text = norm_key(g.get("num"))
    num = number(num_text)
    if num is not None and g.get("half"):
        num += 0.5
    if (
        num is None
        and num_text not in time_lexicon().vague_numbers
        and not num_text.startswith(("the past few", "the last few"))
    ):
        return None
    if num is not None and num > 1000:
        return None
    unit = norm_key(g["unit"])
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
    unit, every = norm_key(g["unit"]), norm_key(g["every"])
    if every in ("a", "an") and (unit not in ("day", "week", "month", "year", "hour") or g.get("num")):
        return None  # "a five year plan" is a duration, not a set
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
    return Value("SET", time_lexicon().sets[norm_key(c.groups["word"])], None)


def clock(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    g = c.groups
    word = norm_key(g.get("word"))
    if word:
        hour, minute = (24, 0) if word == "midnight" else (12, 0)
    else:
        hour = int(g.get("h") or g.get("h2") or g.get("h3") or g.get("h4") or g.get("h5") or g["h6"])
        minute = int(g.get("m") or g.get("m2") or g.get("m4") or g.get("m5") or g.get("m6") or 0)
        ampm = norm_key(g.get("ampm")).replace(".", "")
        if g.get("h5") or norm_key(g.get("pod")) in ("afternoon", "evening"):
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
    day = iso_day(base) if base else "XXXX-XX-XX"
    return Value("TIME", f"{day}T{hour:02d}:{minute:02d}", "minute" if minute else "hour")


def next_day(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    """ "the next morning", "the previous day": one day from the day last talked about."""
    base = ctx.last_day or ctx.anchor
    if base is None:
        return None
    step = 1 if norm_key(c.groups["rel"]) in ("next", "following") else -1
    day = base + dt.timedelta(days=step)
    part = norm_key(c.groups["part"])
    if part != "day":
        return Value("TIME", iso_day(day) + _part_suffix(part), "part_of_day")
    return Value("DATE", iso_day(day), "day")


def that_day(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    """ "that day": the day last talked about (none: the antecedent is not a date we saw)."""
    return Value("DATE", iso_day(ctx.last_day), "day") if ctx.last_day else None


def reference(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    return Value("DATE", time_lexicon().references[norm_key(c.groups["ref"])], None)


def vague_duration(c: Candidate, ctx: Context, tense: str | None) -> Value | None:
    return Value("DURATION", time_lexicon().vague_durations[norm_key(c.groups["dur"])], None)
