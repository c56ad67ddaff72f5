"""Finding time expressions: the grammar's matches (grammar.py), each vetoed or kept by a
check of its context, then chosen longest first.

A match's context check is a small function registered for its rule in `FILTERS` (as
normalisers are in rules.py): "hot springs" is no season, "1500 cars" no year, "the 11th
floor" no day. Rules without a check are kept as matched. Each rule is searched only in
windows around an anchor word it cannot match without, which is only a speed-up: it finds
exactly what a scan of the whole text finds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from ...resources.time_lexicon import time_lexicon
from .grammar import WIRE_AFTER_RE, Candidate, compiled_rules

_WORD_BEFORE = re.compile(r"(\w+)\W*$")
_WORD_AFTER = re.compile(r"[ \t]+(\w+)")
_NEXT_WORD = re.compile(r"\s*(\w*)")
_FUNCTION_WORDS = frozenset(
    "of and or to in on at when as but for with that the a after before while until".split()
)


_CLOCK_CONTEXT = frozenset("at by around about from until till to before after since".split())


def _key_word(text: str | None) -> str:
    return " ".join((text or "").lower().split())


# A bare month name is taken only after these words (keeps "may" and "March" the verb out,
# and names like "April" or "June" used as given names).
_MONTH_CONTEXT = frozenset(
    "in since by until till through before after from to during of last this next early "
    "late mid end beginning start between and or throughout for the a each every that "
    "around about".split()
)
# Month names that are also common words; others are taken bare ("a June agreement").
_AMBIGUOUS_MONTHS = frozenset({"may", "march", "mar", "jan", "sat", "sun"})


# A plural noun after a bare number ("1500 cars"), except nouns a year often modifies
# ("said 1994 sales would rise"); for the others the word before decides.
_PLURAL_AFTER = re.compile(
    r"[ \t]+(?!(?:sales|results|earnings|profits|revenues|figures|"
    r"levels|elections|prices|rates)\b)[a-z]{2,}[^s\W]s\b"
)
# Words before "NNNN nouns" that make the number a year: determiners and prepositions.
_YEAR_BEFORE_NOUN = frozenset(
    "the a an its his her their our your this that in of since for from by until till before "
    "after during between and or to through fiscal calendar".split()
)


# Words before "the 21st" that make it a date ("on the 21st"), and words that may follow it
# ("by the 15th and", "on the 3rd, police said"); any other word makes it an ordinal of a
# noun ("on the 11th floor", "the 21st century").
_ORD_DAY_BEFORE = frozenset("on by until till since from before after through".split())
_ORD_DAY_AFTER = (_FUNCTION_WORDS - {"of", "the", "a"}) | frozenset(
    "at by from so if because since but then he she they it we i police officials".split()
)


# "today's"/"tomorrow's" before a noun of the present or coming age, not of a day
# ("today's youth", "today's personal computers", "tomorrow's leaders").
_GENERIC_POSSESSIVE = re.compile(
    r"['’]s\s+(?:(?!(?:of|in|on|for|with|at|and|or|between|by|to|from|the|a|an)\b)[a-z]+[\s-]+)"
    r"{0,2}?(?:world|youth|society|societies|generation|generations|"
    r"children|kids|teenagers|teens|youngsters|young|students|parents|families|women|men|"
    r"people|leaders|consumers|workers|culture|technology|technologies|computers|standards|"
    r"terms|dollars|economy|era|age|times|realities|reality|climate|environment|life|lives)\b",
    re.I,
)

# A context check: (groups, text, start, end) -> keep the match?
Filter = Callable[[dict, str, int, int], bool]
FILTERS: dict[str, Filter] = {}


def _checks(rule: str) -> Callable[[Filter], Filter]:
    def register(check: Filter) -> Filter:
        FILTERS[rule] = check
        return check

    return register


def _word_before(text: str, start: int) -> str | None:
    """The word just before `start` (within 20 characters), lower-cased."""
    before = _WORD_BEFORE.search(text, max(0, start - 20), start)
    return before.group(1).lower() if before else None


@_checks("season_plural")
def _season_plural(groups: dict, text: str, start: int, end: int) -> bool:
    # "hot springs", "prices falls"; "many summers" needs its number
    return bool(
        groups.get("num") and (groups.get("rel") or groups["season"].lower() not in ("springs", "falls"))
    )


@_checks("ord_day")
def _ord_day(groups: dict, text: str, start: int, end: int) -> bool:
    if groups.get("wd") or groups.get("mrel"):
        return True
    if _word_before(text, start) not in _ORD_DAY_BEFORE:
        return False
    after = _NEXT_WORD.match(text, end, end + 30)
    return after is None or not after.group(1) or after.group(1).lower() in _ORD_DAY_AFTER


@_checks("month")
def _month(groups: dict, text: str, start: int, end: int) -> bool:
    if groups.get("edge") or groups.get("rel") or groups.get("year") or groups.get("yrel"):
        return True
    in_context = _word_before(text, start) in _MONTH_CONTEXT
    if groups["mon"].lower().rstrip(".") not in _AMBIGUOUS_MONTHS:
        # "met April Smith": a given name before a surname.
        return in_context or not re.match(r" [A-Z][a-z]", text[end : end + 3])
    return in_context


@_checks("year")
def _year(groups: dict, text: str, start: int, end: int) -> bool:
    """A bare number is a year only when it looks like one in prose: not an amount ("1,990
    shares" is excluded by the pattern), not followed by a unit noun, not a clock time in
    wire style ("1800 local time", "from 1800 to 2100 GMT")."""
    if re.fullmatch(r"\d{4}", groups["year"]) and WIRE_AFTER_RE.match(text, end):
        return False
    if re.search(r"\d\.\d+/$", text[max(0, start - 12) : start]):
        return False  # a rate table's bid/offer pair ("26.1288/1812")
    after = text[end : end + 12].lower()
    if re.match(r"\s*(?:%|percent|shares|people|troops|miles|tons|votes|units|cars)", after):
        return False
    if not (groups.get("edge") or groups.get("fiscal")) and _PLURAL_AFTER.match(text, end):
        # "sold 1500 cars", "about 2000 homes": a count before a plural noun, unless a
        # determiner or a preposition makes it a year ("the 1992 protests", "in 1990 sales").
        return _word_before(text, start) in _YEAR_BEFORE_NOUN or text[max(0, start - 3) : start].endswith(
            ("'s ", "’s ")
        )
    return True


@_checks("season")
def _season(groups: dict, text: str, start: int, end: int) -> bool:
    if _key_word(groups.get("det")) != "the" or groups.get("year") or groups.get("yrel"):
        return True
    # "the spring water", "the fall line": a season name used as a modifier; "the fall
    # of Rome", "the fall in prices": the noun.
    after = _WORD_AFTER.match(text, end)
    if after and (
        after.group(1) == "of" or (after.group(1) == "in" and _key_word(groups.get("season")) == "fall")
    ):
        return False
    return not after or after.group(1) in _FUNCTION_WORDS or not after.group(1).islower()


@_checks("duration")
def _duration(groups: dict, text: str, start: int, end: int) -> bool:
    after = text[end : end + 8].lower()
    if after.startswith((" old", "-old")) or text[end - 4 : end + 4].lower().find("-old") >= 0:
        return False  # ages ("52 years old")
    if after.startswith((" of", " century", "-century")) and groups["unit"].lower().startswith("quarter"):
        return False  # fractions ("three-quarters of", "a quarter century")
    if (groups.get("num") or "").lower() not in ("a", "an"):
        return True
    if groups["unit"].lower() == "second":
        return False  # "a second group", "a second betrayal": the ordinal
    if not groups.get("rel") and not groups.get("det") and not groups.get("approx"):
        # "$1.76 a year", "four flights a week": a rate, not a duration.
        return not re.search(r"\d[\d,.]*(?:\s+\w+){0,2}\s*$", text[max(0, start - 30) : start])
    return True


@_checks("set")
def _set(groups: dict, text: str, start: int, end: int) -> bool:
    # "a five year plan" is a duration, "a morning" no set
    return not (
        groups["every"].lower() in ("a", "an")
        and (groups.get("num") or groups["unit"].lower() not in ("day", "week", "month", "year", "hour"))
    )


@_checks("quarter")
def _quarter(groups: dict, text: str, start: int, end: int) -> bool:
    # "a quarter of the shares", "quarter" alone
    return bool(groups.get("ord") or groups.get("mods")) or _key_word(groups.get("det")) not in ("", "a")


@_checks("rel_day")
def _rel_day(groups: dict, text: str, start: int, end: int) -> bool:
    if not groups.get("part") and _GENERIC_POSSESSIVE.match(text, end):
        return False  # "today's world", "today's young people": the present age, not a day
    # "USA Today" is the newspaper
    return not (groups["rd"].lower() == "today" and text[max(0, start - 4) : start].upper() == "USA ")


@_checks("bare_unit")
def _bare_unit(groups: dict, text: str, start: int, end: int) -> bool:
    return not groups["unit"][:1].isupper() or bool(groups.get("edge"))  # "Person of the Year" is a title


@_checks("numeric_date")
def _numeric_date(groups: dict, text: str, start: int, end: int) -> bool:
    return not (groups["sep"] == "." and len(groups["year"]) == 2)  # "1.2.34" is a version number


@_checks("plural_unit")
def _plural_unit(groups: dict, text: str, start: int, end: int) -> bool:
    if text[end : end + 4].lower() == " old":
        return False
    before = _WORD_BEFORE.search(text, max(0, start - 20), start)
    return not (
        before
        and (
            before.group(1).lower() in ("of", "many", "few", "early", "wee", "small", "late")
            or before.group(1)[-1].isdigit()
        )
    )


@_checks("ago")
def _ago(groups: dict, text: str, start: int, end: int) -> bool:
    if groups.get("num"):
        return True
    # "the day before" is anaphoric; only plural units go without a number ("years later").
    return groups["unit"].lower().endswith("s") and groups["dir"].lower() != "before"


@_checks("clock")
def _clock(groups: dict, text: str, start: int, end: int) -> bool:
    if (groups.get("word") or "").lower() == "noon":
        return not text[max(0, start - 5) : start].lower().endswith("high ")
    if groups.get("approx"):
        return True
    if groups.get("hrs") and not groups["h6"].startswith("0"):
        # "at 1400 hours" is a clock time, "worked 1200 hours" a count of hours.
        return _word_before(text, start) in _CLOCK_CONTEXT
    if groups.get("h2") and not groups.get("tz"):
        # A bare "18:21" is a clock time only after a time preposition (not "Exodus 18:21",
        # not a score or a ratio).
        return _word_before(text, start) in _CLOCK_CONTEXT
    return True


def accept(rule: str, groups: dict, text: str, start: int, end: int) -> bool:
    """Whether a match of `rule` at text[start:end] is a time expression in its context."""
    check = FILTERS.get(rule)
    return check is None or check(groups, text, start, end)


# Each rule is run only in windows around a word it cannot match without (a unit, a month,
# "ago"): one cheap scan for that word instead of trying the whole pattern at every word.
# Rules without an anchor (measured: their anchor word is too common) run over the text.
_UNITS = r"second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur"
_BEFORE, _AFTER = 80, 40


@cache
def _compiled_anchors() -> dict[str, re.Pattern]:
    lex = time_lexicon()
    months = r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
    weekdays = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?"
    seasons = "|".join(lex.seasons)
    anchors = {
        "iso_date": r"\d{4}-\d\d-\d\d",
        "numeric_date": r"\d[/.]\d",
        "month": rf"(?i:\b(?:{months}))",
        "week_of": r"(?i:week\s+of)",
        "year": r"\d\d\d\d|(?i:nineteen|two\s+thousand)",
        "decade": r"\d0['’]?s\b",
        "century": r"(?i:century)",
        "quarter": r"(?i:quarter)",
        "half": r"(?i:half)",
        "q_quarter": r"Q[1-4]\b",
        "period": r"(?i:period|quarter)",
        "year_earlier": r"(?i:year-)",
        "rel_day": r"(?i:yesterday|today|tomorrow|tonight)",
        "part_day": r"(?i:morning|afternoon|evening|night)",
        "season_plural": r"(?i:(?:summer|winter|spring|autumn|fall)s\b)",
        "weekday": rf"(?i:\b{weekdays}\b)",
        "season": rf"(?i:{seasons})",
        "ago": r"(?i:\b(?:ago|earlier|before|later|hence|from\s+now)\b)",
        "duration": rf"(?i:\b(?:{_UNITS}))",
        "clock": r"\d\s*[aApP]\.?\s?[mM]\b|\d:\d\d|\d\d\d\d\s*(?:[A-Z]{3}\b|(?i:gmt|utc|local|hrs|hours))|(?i:noon|midday|midnight|o'clock|\d\s+in\s+the|"
        r"\d\s+at\s+night)",
        "decade_word": r"(?i:ties\b)",
        "that_day": r"(?i:that\s+(?:same\s+)?day)",
    }
    return {name: re.compile(pattern) for name, pattern in anchors.items()}


def _windows(anchor: re.Pattern, text: str) -> list[tuple[int, int]]:
    """Merged search windows around each anchor word."""
    out: list[list[int]] = []
    for match in anchor.finditer(text):
        start, end = max(0, match.start() - _BEFORE), min(len(text), match.end() + _AFTER)
        if out and start <= out[-1][1]:
            out[-1][1] = end
        else:
            out.append([start, end])
    return [(a, b) for a, b in out]


def _matches(name: str, regex: re.Pattern, text: str):
    anchor = _compiled_anchors().get(name)
    if anchor is None:
        yield from regex.finditer(text)
        return
    for start, end in _windows(anchor, text):
        yield from regex.finditer(text, start, end)


def find_candidates(text: str, viable=None) -> list[Candidate]:
    """Non-overlapping time-expression candidates in text order. `viable(candidate)` may
    veto a reading (its value cannot be built); a shorter overlapping one then gets its turn."""
    found: list[tuple[int, int, int, str, dict]] = []
    for order, (name, regex) in enumerate(compiled_rules()):
        for match in _matches(name, regex, text):
            if match.end() == match.start():
                continue
            groups = match.groupdict()
            if accept(name, groups, text, match.start(), match.end()):
                found.append((match.start(), match.end(), order, name, groups))
    # Longest first; then rule order. Greedy selection of non-overlapping spans.
    found.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[Candidate] = []
    for start, end, _order, name, groups in found:
        if any(start < c.end and c.start < end for c in taken):
            continue
        cand = Candidate(start, end, name, groups)
        if viable is None or viable(cand):
            taken.append(cand)
    taken.sort(key=lambda c: c.start)
    return taken
