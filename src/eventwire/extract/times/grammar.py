"""Recognition of time expressions: regular expressions over the article text.

The rules are built once from the word lists in resources/data/time_words.yaml. Each rule
has a name that rules.py knows how to normalise, and named groups it reads. Extents
follow TimeBank: determiners and modifiers ("the", "early", "the past") are inside,
prepositions ("on", "in", "for") are outside. recognition.py runs the rules, checks each
match's context and resolves overlaps (`find_candidates`: longest first, then rule order).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ...resources.time_lexicon import time_lexicon
from .values import DAY_ORDINALS


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    rule: str
    # The pattern's named groups (None where a group did not take part); each normaliser
    # reads the groups its own rule's pattern guarantees.
    groups: dict[str, Any]


def _alt(words, *, capital: bool = False) -> str:
    """An alternation of words, longest first; `capital` keeps proper names capitalised
    ("May", "March") so the modal and the verb are not read as months."""
    out = []
    for word in sorted(set(words), key=len, reverse=True):
        escaped = re.escape(word).replace(r"\ ", r"\s+").replace("'", "['’]")
        if capital:
            # Every word capitalised ("Thanksgiving Day") or only the first ("Labor day").
            title = re.sub(r"(^|\\s\+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), escaped)
            out.append(f"(?:{title}|{escaped[0].upper()}{escaped[1:]}|{escaped.upper()})")
        else:
            out.append(f"(?i:{escaped})")
    return "(?:" + "|".join(out) + ")"


_TZ = r"(?i:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|IST|PKT|BST|CET)"  # wire copy also writes "1630 gmt"
# What makes a four-digit number a clock time in wire copy ("0930 GMT", "1800 local time",
# "1400 hrs"), and a range ending in one ("from 1800 to 2100 local Chicago time").
_WIRE_SUFFIX = (
    rf"(?:\s*{_TZ}\b|\s+local\s+(?:[A-Z][a-z]+\s+){{0,2}}time\b|"
    r"\s+(?i:hrs|hours)\b)"
)
_HHMM = r"(?:[01]\d|2[0-3])[0-5]\d"
_WIRE_AFTER = rf"(?:{_WIRE_SUFFIX}|\s*(?:-|–|to|and|until|till)\s*{_HHMM}{_WIRE_SUFFIX})"
_WIRE_CLOCK = (
    rf"(?P<h6>[01]\d|2[0-3])(?P<m6>[0-5]\d)(?={_WIRE_AFTER})"
    r"(?:\s+(?P<hrs>(?i:hrs|hours))\b)?"
)
WIRE_AFTER_RE = re.compile(_WIRE_AFTER)


@cache
def _fragments() -> dict[str, str]:
    lex = time_lexicon()
    full_months = [m for m in lex.months if len(m) > 4 or m in ("may", "june", "july")]
    short_months = [m for m in lex.months if m not in full_months]
    # Abbreviations need their dot or a following day number ("Sept. 30", "Aug 7").
    month = f"(?:{_alt(full_months, capital=True)}|{_alt(short_months, capital=True)}(?:\\.|(?=\\s+\\d)))"
    weekday = _alt([w for w in lex.weekdays if len(w) > 4], capital=True)
    units_digit = [w for w in lex.numbers if not w.startswith(("a ", "half", "couple"))]
    ones = "one|two|three|four|five|six|seven|eight|nine"
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    number = (
        f"(?:\\d+(?:[.,]\\d+)?(?:\\s+1/2)?|(?i:(?:{tens})(?:[\\s-]+(?:{ones}))?)|"
        f"{_alt(units_digit)}|{_alt([w for w in lex.numbers if ' ' in w])})"
    )
    vague = _alt(lex.vague_numbers)
    unit = _alt(lex.units)
    year_words = (
        "(?i:nineteen(?:\\s+hundred)?(?:[\\s-]+(?:and\\s+)?"
        f"(?:(?:{tens})(?:[\\s-]+(?:{ones}))?|ten|eleven|twelve|thirteen|fourteen|"
        "fifteen|sixteen|seventeen|eighteen|nineteen|oh[\\s-]+(?:" + ones + ")))|"
        f"two\\s+thousand(?:\\s+(?:and\\s+)?(?:{ones}|ten))?)"
    )
    year = f"(?:(?<![\\d$.,])(?:1[5-9]|20)\\d\\d(?![\\d%]|,\\d|\\.\\d|s\\b|-\\d)|{year_words})"
    return {
        "MONTH": month,
        "WEEKDAY": weekday,
        "NUM": number,
        "VAGUE": vague,
        "UNIT": unit,
        "YEAR": year,
        "SEASON": _alt(lex.seasons),
        "PART": _alt(lex.day_parts),
        "HOLIDAY": _alt(lex.holidays, capital=True),
        "REF": _alt(lex.references),
        "SETWORD": _alt(lex.sets),
        "VAGUEDUR": _alt(lex.vague_durations),
        "TZ": _TZ,
        "WIRE_CLOCK": _WIRE_CLOCK,
        "DAYWORD": "(?i:"
        + "|".join(w.replace(" ", "[\\s-]+") for w in sorted(DAY_ORDINALS, key=len, reverse=True))
        + ")",
        "ORD": "(?i:first|second|third|fourth|1st|2nd|3rd|4th|final|last|latest)",
        # TimeBank keeps these inside the extent ("nearly forty years"), but not "just",
        # "only", "barely" or the preposition "over" ("over three years").
        "APPROX": (
            "(?i:nearly|almost|about|approximately|around|roughly|more\\s+than|"
            "less\\s+than|at\\s+least|up\\s+to|some|no\\s+more\\s+than|fewer\\s+than|"
            "another|an\\s+additional|close\\s+to|well\\s+over)"
        ),
        # A part of a decade keeps the decade's value ("the last half of the '80s": 198).
        "SPAN_OF": (
            "(?i:the\\s+(?:first|second|last|latter)\\s+half\\s+of|the\\s+end\\s+of|"
            "the\\s+beginning\\s+of|the\\s+start\\s+of|the\\s+middle\\s+of)"
        ),
        "EDGE": "(?i:early-|late-|early|late|mid-|mid|earlier|later|the\\s+end\\s+of|the\\s+beginning\\s+of|"
        "the\\s+start\\s+of|the\\s+middle\\s+of|the\\s+rest\\s+of|the\\s+first\\s+half\\s+of|"
        "the\\s+second\\s+half\\s+of|the\\s+turn\\s+of)",
    }


# Rules: name -> pattern with {FRAGMENT} placeholders. Order breaks ties between equally
# long matches (earlier wins).
_RULES: tuple[tuple[str, str], ...] = (
    (
        "iso_date",
        r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?!\d)"
        r"(?:T(?P<h>[0-2]\d):(?P<m>[0-5]\d))?",
    ),
    (
        "numeric_date",
        r"(?<![\d/.])(?P<a>3[01]|[12]\d|0?[1-9])(?P<sep>[/.])(?P<b>3[01]|[12]\d|0?[1-9])"
        r"(?P=sep)(?P<year>(?:19|20)\d\d|\d\d)(?![\d/.]\d)",
    ),
    (
        "month_day",
        r"(?:(?:(?i:this\s+coming|this\s+past|this|next|last|coming)\s+)?"
        r"(?P<wd>{WEEKDAY}),?\s+)?(?:(?P<edge>(?i:early|late|mid-?))\s*)?"
        r"(?P<mon>{MONTH})\s+(?:(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
        # "March the 4th", "March fourth", "March the twenty-first"
        r"|(?i:the)\s+(?P<day2>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)"
        r"|(?:(?i:the)\s+)?(?P<dayw>{DAYWORD})(?![\w-]))"
        r"(?:,?\s+(?P<year>{YEAR}))?",
    ),
    (
        "week_of",
        r"(?i:the\s+week\s+of)\s+(?P<mon>{MONTH})\s+(?P<day>3[01]|[12]\d|0?[1-9])"
        r"(?:st|nd|rd|th)?(?!\d|:\d)(?:,?\s+(?P<year>{YEAR}))?",
    ),
    (
        "day_month",
        r"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:(?i:the)\s+)?(?:(?P<day>3[01]|[12]\d|0?[1-9])"
        r"(?:st|nd|rd|th)?\s+(?:(?i:of)\s+)?"
        r"|(?P<dayw>{DAYWORD})\s+(?i:of)\s+)"  # "the fourth of March"
        r"(?P<mon>{MONTH})(?:,?\s+(?P<year>{YEAR}))?",
    ),
    # A day of the month alone: "on the 21st", "Friday the 13th", "the 5th of this month".
    (
        "ord_day",
        r"(?:(?P<wd>{WEEKDAY}),?\s+)?(?i:the)\s+(?P<day>3[01]|[12]\d|0?[1-9])"
        r"(?i:st|nd|rd|th)(?:\s+(?i:of)\s+(?P<mrel>(?i:this|last|next|the))\s+(?i:month))?",
    ),
    (
        "month",
        r"(?:(?P<edge>{EDGE})\s*)?(?:(?P<rel>(?i:last|this|next|this\s+past|this\s+coming|"
        r"the\s+same|that))\s+)?(?P<mon>{MONTH})"
        r"(?!\s+(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b)"  # "last Oct. 23": a day
        r"(?:(?:,|\s+of)?\s+(?P<year>{YEAR})"
        r"|(?:\s+(?i:of))?\s+(?P<yrel>(?i:this|last|next))\s+(?i:year))?",
    ),
    (
        "year",
        r"(?:(?P<edge>{EDGE})\s*)?(?:(?P<fiscal>(?i:fiscal|calendar|the\s+year|the\s+fiscal\s+year|"
        r"the\s+calendar\s+year|model\s+year))\s+)?(?P<year>{YEAR})",
    ),
    (
        "decade",
        r"(?:{SPAN_OF}\s+)?(?:(?i:the)\s+)?(?:(?P<edge>(?i:early|late|mid-|mid))\s*)?"
        r"(?:(?P<dec>(?:1[5-9]|20)\d)0|['’](?P<dec2>\d)0)['’]?s\b",
    ),
    (
        "century",
        r"(?:(?i:the)\s+)?(?:(?P<edge>(?i:early|late|mid-|mid))\s*)?"
        r"(?P<n>\d{{1,2}})(?:st|nd|rd|th)[\s-]+(?i:century)",
    ),
    (
        "quarter",
        r"(?:(?P<det>(?i:the|this\s+year's|last\s+year's|next\s+year's|this|last|next|"
        r"a|the\s+same|the\s+comparable|the\s+year-earlier|the\s+year-ago))\s+)?"
        r"(?:(?P<mods>(?:(?i:comparable|latest|current|recent|most\s+recent|fiscal|same|"
        r"previous|year-earlier|year-ago|year-before|calendar|flat|\d{{4}})[\s-]+)+))?"
        r"(?:(?P<ord>{ORD})(?P<sep>[\s-]+)(?:(?P<mods2>(?i:fiscal|calendar))[\s-]+)?)?"
        r"(?i:quarter)(?!s)(?:\s+(?i:of)\s+(?:(?P<fy>(?i:fiscal))\s+)?(?P<year>{YEAR}))?",
    ),
    (
        "q_quarter",
        r"(?:(?P<year2>(?:19|20)\d\d)\s+)?Q(?P<qn>[1-4])"
        r"(?:\s+(?:(?i:of)\s+)?(?P<year>(?:19|20)\d\d))?",
    ),
    (
        "half",
        r"(?:(?P<det>(?i:the|its|this\s+year's|last\s+year's|next\s+year's))\s+)?"
        r"(?P<ord>(?i:first|second|last|latter))[\s-]+(?i:half)"
        r"(?:\s+(?i:of)\s+(?:(?P<year>{YEAR})|(?P<yrel>(?i:this|last|next))\s+(?i:year)))?",
    ),
    (
        "period",
        r"(?P<det>(?i:the)\s+)?(?P<which>(?i:year-earlier|year-ago|comparable|year-before|"
        r"latest|\d{{4}}|comparable\s+year-ago|comparable\s+year-earlier))\s+(?i:period)"
        # "the same period last year", "the quarter a year ago"
        r"|(?i:the\s+(?:(?:same|corresponding|comparable)\s+)?(?:period|quarter))\s+"
        r"(?P<ago>(?i:last\s+year|a\s+year\s+(?:ago|earlier|before)|"
        r"of\s+(?:last|the\s+previous|the\s+prior)\s+year))",
    ),
    ("year_earlier", r"(?P<which>(?i:year-earlier|year-ago|year-before))(?=\s+\w)"),
    # A part of a day before its day ("mid-afternoon yesterday", "late evening Friday"), or
    # "mid-afternoon" alone (the day talked about).
    (
        "part_day",
        r"(?:(?P<edge>(?i:early|late|mid-|mid(?!night)))\s*)?(?P<part>(?i:morning|afternoon|"
        r"evening|night))\s+(?:(?P<rd>(?i:yesterday|today|tomorrow))|(?P<wd>{WEEKDAY}))"
        r"|(?P<edge2>(?i:mid-|mid\s+|mid))(?P<part2>(?i:morning|afternoon|evening))",
    ),
    (
        "rel_day",
        r"(?:(?P<edge>(?i:early|late|earlier|later))\s+)?"
        r"(?P<rd>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|"
        r"yesterday|today|tomorrow|tonight))(?:\s+(?P<part>{PART}))?",
    ),
    (
        "this_part",
        r"(?:(?P<edge>(?i:early|late|earlier|later))\s+)?"
        r"(?P<rel>(?i:this|last|tomorrow|yesterday))\s+(?P<part>{PART})",
    ),
    (
        "weekday",
        r"(?:(?P<edge>(?i:early|late|earlier|later))\s+)?"
        r"(?:(?P<rel>(?i:last|next|this|this\s+past|this\s+coming|the\s+following|"
        r"the\s+previous|that|coming))\s+)?(?P<wd>{WEEKDAY})(?!['’]s\b\s+\w+\s+\d)"
        r"(?:\s+(?P<part>{PART}))?",
    ),
    (
        "weekday_set",
        r"(?:(?P<every>(?i:every|each))\s+(?P<wd>{WEEKDAY})|"
        r"(?P<wd2>{WEEKDAY})s)(?:\s+(?P<part>(?i:mornings|afternoons|evenings|nights)))?"
        r"|(?P<wd3>{WEEKDAY})\s+(?P<part2>(?i:mornings|afternoons|evenings|nights))",
    ),
    ("month_set", r"(?i:every|each)\s+(?P<mon>{MONTH})"),
    (
        "rel_unit",
        r"(?:(?P<edge>{EDGE})\s+)?(?P<rel>(?i:last|this|next|the\s+past|the\s+last|"
        r"the\s+coming|the\s+previous|the\s+following|the\s+current|this\s+past|"
        r"the\s+same|that|the\s+next|the\s+latest|the\s+current\s+fiscal|this\s+fiscal|"
        r"last\s+fiscal|next\s+fiscal))\s+(?P<unit>(?i:week|weekend|month|year|"
        r"decade|century)|{SEASON})\b",
    ),
    (
        "bare_unit",
        r"(?:(?P<edge>{EDGE})\s+)?(?P<det>(?i:the))\s+(?P<unit>(?i:weekend|"
        r"full\s+year|fiscal\s+year|year|week|day|month|decade))\b(?!-)"
        r"(?P<ended>\s+(?i:ended|ending|that\s+ended|to))?",
    ),
    (
        "season",
        r"(?:(?P<edge>{EDGE})\s+)?(?:(?P<det>(?i:the|this|last|next|this\s+past))\s+)"
        r"(?:(?P<edge2>(?i:early|late))\s+)?(?P<season>{SEASON})"
        r"(?:\s+(?i:of)\s+(?:(?P<year>{YEAR})|(?P<yrel>(?i:this|last|next))\s+(?i:year)))?"
        r"|(?P<season2>{SEASON})\s+(?P<year2>{YEAR})",
    ),
    # "the past three summers": TimeBank marks a count of seasons as the set of them.
    (
        "season_plural",
        r"(?:(?P<det>(?i:the))\s+)?(?:(?P<rel>(?i:past|last|next|coming|previous))\s+)?"
        r"(?:(?P<num>{NUM}|{VAGUE})\s+)?"
        r"(?P<season>(?i:summers|winters|springs|autumns|falls))",
    ),
    (
        "ago",
        r"(?:(?P<approx>{APPROX})\s+)?(?P<num>{NUM}|{VAGUE})?\s*(?P<unit>{UNIT})"
        r"(?:\s+(?i:or\s+so|or\s+two))?\s+(?P<dir>(?i:ago|earlier|before|later|from\s+now|hence))\b",
    ),
    (
        "duration",
        r"(?:(?P<det>(?i:the))\s+)?(?:(?P<rel>(?i:past|last|next|first|coming|"
        r"previous|following|final|latest|preceding|initial|remaining|second|same|"
        r"entire|full|whole))\s+)?(?:(?P<approx>{APPROX})\s+)?"
        r"(?P<num>{NUM}|{VAGUE})(?:\s+(?i:to|or|and)\s+(?P<num2>{NUM}))?"
        r"(?:[\s-]+(?i:more|additional|full|straight|consecutive|trading|business|working))?[\s-]+(?P<unit>{UNIT})"
        r"(?P<half>\s+(?i:and\s+a\s+half))?(?:-(?i:old|long))?(?:\s+(?i:or\s+so|or\s+two|or\s+more))?\b",
    ),
    (
        "plural_unit",
        r"(?:(?P<approx>{APPROX})\s+)?(?P<unit>(?i:years|months|weeks|days|decades|"
        r"hours|minutes|centuries))\b(?!-)",
    ),
    (
        "set",
        r"(?P<every>(?i:every|each|per|a|an))\s+(?:(?P<num>{NUM})\s+|(?i:other)\s+)?"
        r"(?P<unit>(?i:hour|day|week|month|year|quarter|decade|morning|night|evening|"
        r"afternoon|weekend|summer|winter|spring|autumn))\b",
    ),
    ("set_word", r"\b(?P<word>{SETWORD})\b"),
    (
        "clock",
        r"(?:(?P<approx>(?i:around|about|approximately|roughly|shortly\s+after|"
        r"shortly\s+before|just\s+after|just\s+before))\s+)?(?:(?P<h>[01]?\d|2[0-3])(?::(?P<m>[0-5]\d))?\s*(?P<ampm>(?i:a\.m\.?|p\.m\.?|am|pm))"
        r"(?![a-z])|(?P<h2>[01]?\d|2[0-3]):(?P<m2>[0-5]\d)(?!\d)|(?P<word>(?i:noon|midday|midnight))"
        r"|(?P<h3>[01]?\d)\s+(?i:o'clock)|{WIRE_CLOCK}|(?P<h4>1[0-2]|0?[1-9])(?::(?P<m4>[0-5]\d))?\s+(?i:in\s+the\s+)"
        r"(?P<pod>(?i:morning|afternoon|evening))|(?P<h5>1[0-2]|0?[1-9])(?::(?P<m5>[0-5]\d))?\s+(?i:at\s+night))"
        r"(?:\s+(?P<tz>{TZ}\b))?",
    ),
    ("holiday", r"(?P<hol>{HOLIDAY})"),
    ("vague_duration", r"(?P<dur>{VAGUEDUR})"),
    (
        "next_day",
        r"(?i:the\s+(?P<rel>next|following|previous|preceding)\s+"
        r"(?P<part>day|morning|afternoon|evening|night))",
    ),
    (
        "decade_word",
        r"(?:{SPAN_OF}\s+)?(?:(?i:the)\s+)?(?:(?P<edge>(?i:early|late|mid-|mid))\s*)?"
        r"(?P<dec>(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))",
    ),
    ("that_day", r"(?:(?P<edge>(?i:earlier|later|early|late))\s+)?(?i:that\s+(?:same\s+)?day)"),
    (
        "year_end",
        r"(?:(?P<approx>(?i:around|about))\s+)?(?P<which>(?i:year[\s-]end|year's\s+end|"
        r"the\s+end\s+of\s+the\s+year))",
    ),
    ("reference", r"\b(?P<ref>{REF})\b(?!-)"),
)


@cache
def compiled_rules() -> tuple[tuple[str, re.Pattern], ...]:
    frags = _fragments()
    out = []
    for name, pattern in _RULES:
        for key, value in frags.items():
            pattern = pattern.replace("{" + key + "}", value)
        pattern = pattern.replace("{{", "{").replace("}}", "}")
        out.append((name, re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w])")))
    return tuple(out)
