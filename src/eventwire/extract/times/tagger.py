"""Times: TIMEX3 recognition and normalisation against the publication date.

Recognition is our own regular grammar over the text (grammar.py); spaCy's NER spans
differ from TimeBank extents, so the parse is used only for the tense of the verb that
governs an expression ("Friday" after "said" is the last Friday, after "will meet" the
next one). Normalisation is per rule (rules.py), with a small discourse state for
earnings-report anaphora ("the quarter", "a year earlier").
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Token

from ...nlp import doc_text
from ...records import Time
from ..syntax import AUX_DEPS, FUTURE_AUX, MODALS, SPEECH_VERBS
from .grammar import Candidate
from .recognition import find_candidates
from .rules import NORMALISERS
from .values import Context, Value

# Modals that point ahead; "could" is left out: "could not be reached for comment Friday".
_FUTURE_MODALS = MODALS - FUTURE_AUX - {"could"}
# Verbs whose object is an arranged event: a day inside the object lies ahead.
_ARRANGE_VERBS = frozenset({"plan", "schedule"})
# Verbs whose infinitive complement lies ahead ("plans to meet on Friday").
_FUTURE_VERBS = frozenset(
    "plan expect schedule intend hope aim want seek agree promise set due likely propose "
    "prepare decide vow pledge threaten going be".split()
)


def _verb_of(token: Token) -> Token | None:
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head == token:
            return None
        token = token.head
    return None


def tense_of(token: Token) -> str | None:
    """'past', 'future', 'present' or None for the verb governing `token`."""
    verb = _verb_of(token)
    if verb is None:
        return None
    auxes = [c for c in verb.children if c.dep_ in AUX_DEPS]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX or verb.lower_ in FUTURE_AUX:
        return "future"
    if verb.lemma_ in _ARRANGE_VERBS and token.head != verb:
        return "future"  # "planned a rally on Saturday", "scheduled a news conference Thursday"
    if any(a.tag_ == "VBD" for a in auxes) or verb.tag_ == "VBD":
        return "past"
    if words & _FUTURE_MODALS and not words & {"have", "'ve"}:
        return "future"  # "could come as soon as Tuesday", "would travel Thursday"
    if "to" in words and verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_ in _FUTURE_VERBS:
        head_aux = {a.tag_ for a in verb.head.children if a.dep_ in AUX_DEPS}
        if verb.head.tag_ == "VBD" or "VBD" in head_aux:
            return "past"  # "had been scheduled to expire Friday"
        return "future"
    if verb.tag_ == "VBN" and words & {"has", "have", "had", "'ve"}:
        return "past"
    if any(a.tag_ in ("VBZ", "VBP") for a in auxes) or verb.tag_ in ("VBZ", "VBP", "VBG"):
        if verb.tag_ == "VBG" and words & {"is", "are", "am"} and verb.lemma_ in ("go", "plan"):
            return "future"
        return "present"
    return None


def _governor(token: Token) -> Token:
    """The word an expression modifies, directly or through its preposition."""
    head = token.head
    return head.head if head.dep_ == "prep" and head != token else head


def _on_verb(token: Token) -> bool:
    """Whether the expression modifies a verb ("changed it in December") rather than a noun
    ("a cutback in September")."""
    return _governor(token).pos_ in ("VERB", "AUX")


# Present-tense verbs that report rather than schedule ("says Monday" is a past day).
_REPORT_VERBS = SPEECH_VERBS | {"deny", "show", "want", "be", "have"}


def _scheduled(token: Token) -> bool:
    """Whether a day hangs on a simple present verb that schedules ("meet Monday")."""
    head = _governor(token)
    return head.tag_ in ("VBZ", "VBP") and head.lemma_ not in _REPORT_VERBS


# Text between a clock time and a day that makes them one expression:
# "today at approximately 5 AM", "10 p.m. Wednesday", "noon on Thursday".
_DAY_THEN_CLOCK = re.compile(
    r"\s*,?\s*(?:at\s+)?(?:(?:approximately|about|around|roughly|"
    r"some|shortly\s+after|just\s+after|just\s+before)\s+)?$",
    re.I,
)
_CLOCK_THEN_DAY = re.compile(r"\s*(?:,\s*|\s+on\s+)?$", re.I)


def _merge_clock(text: str, items: list[tuple[Candidate, Value, int, int]]):
    """Join a clock time with an adjacent day into one TIME ("2025-05-10T05:00")."""
    out: list[tuple[Candidate, Value, int, int]] = []
    for item in items:
        cand, value, start, end = item
        if out:
            p_cand, p_value, p_start, p_end = out[-1]
            gap = text[p_end:start]
            day, clock = None, None
            if (
                p_value.precision == "day"
                and cand.rule == "clock"
                and _DAY_THEN_CLOCK.match(gap)
                and len(gap) < 30
            ):
                day, clock = p_value, value
            elif (
                p_cand.rule == "clock"
                and value.precision == "day"
                and _CLOCK_THEN_DAY.match(gap)
                and len(gap) < 6
            ):
                day, clock = value, p_value
            if day is not None and clock is not None and re.fullmatch(r"\d{4}-\d\d-\d\d", day.value):
                merged = Value("TIME", day.value + clock.value[10:], clock.precision)
                out[-1] = (p_cand, merged, p_start, end)
                continue
        out.append(item)
    return out


_OPEN_PAREN = re.compile(r"\s*\(\s*$")


def _drop_conversions(text: str, items: list[tuple[Candidate, Value, int, int]]):
    """Drop a wire-style universal time in parentheses right after a clock time: "10:35 a.m.
    (0735 GMT) Friday" restates the local time for the reader, and TimeBank leaves it out."""
    out: list[tuple[Candidate, Value, int, int]] = []
    for item in items:
        cand, _value, start, _end = item
        if (
            out
            and cand.rule == "clock"
            and cand.groups.get("h6")
            and (cand.groups.get("tz") or "").upper() in ("GMT", "UTC")
            and out[-1][0].rule == "clock"
            and _OPEN_PAREN.match(text[out[-1][3] : start])
        ):
            continue
        out.append(item)
    return out


_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")
# A value on the calendar: its year and month, for "that year", "the following month".
_CALENDAR = re.compile(r"(\d{4})(?:-(\d\d))?(?![\d])")
# Words just before an expression that point ahead whatever the verb ("as soon as Tuesday").
_FUTURE_CUE = re.compile(r"\b(?:as\s+(?:soon|early)\s+as|no\s+later\s+than|starting|beginning)\s+$", re.I)
# "by February", "through January": a deadline or an end point of a month lies ahead.
_DEADLINE_CUE = re.compile(r"\b(?:by|until|till|through)\s+$", re.I)
# Rules whose value depends on the tense of the governing verb (the rest skip the parse).
_TENSED_RULES = frozenset(
    {
        "month_day",
        "day_month",
        "week_of",
        "month",
        "weekday",
        "ord_day",
        "part_day",
        "quarter",
        "q_quarter",
        "season",
        "rel_unit",
        "bare_unit",
        "holiday",
    }
)


def _normalise(cand: Candidate, ctx: Context, tense: str | None) -> Value | None:
    """The candidate's value; None when it falls outside the calendar ("292,000 weeks ago"
    from a garbled number, a year past 9999)."""
    try:
        return NORMALISERS[cand.rule](cand, ctx, tense)
    except (OverflowError, ValueError):
        return None


def extract_times(doc: Doc, published: dt.date | None = None) -> list[Time]:
    """Time expressions in text order."""
    text = doc_text(doc)
    ctx = Context(anchor=published)
    items: list[tuple[Candidate, Value, int, int]] = []

    def viable(cand: Candidate) -> bool:
        # A scratch context: discourse-dependent rules ("that day") are judged later.
        scratch = Context(anchor=published, last_day=published or dt.date(2000, 1, 1), last_month=(2000, 1))
        return _normalise(cand, scratch, None) is not None

    for cand in find_candidates(text, viable):
        tense = None
        if cand.rule in _TENSED_RULES:
            if _FUTURE_CUE.search(text, max(0, cand.start - 20), cand.start) or (
                cand.rule in ("month", "month_day", "week_of", "ord_day")
                and _DEADLINE_CUE.search(text, max(0, cand.start - 10), cand.start)
            ):
                tense = "future"
            else:
                span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
                tense = tense_of(span[0]) if span is not None and len(span) else None
                if span is not None and cand.rule == "month" and tense == "past" and not _on_verb(span[0]):
                    tense = None  # "told them of a cutback in September": the noun's month
                if (
                    span is not None
                    and cand.rule in ("weekday", "ord_day")
                    and tense == "present"
                    and _scheduled(span.root)
                ):
                    tense = "future"  # "the leaders meet Monday": a plan, not a report
        value = _normalise(cand, ctx, tense)
        if value is None or not value.value:
            continue
        if value.precision == "day" and _ISO_DAY.fullmatch(value.value):
            ctx.last_day = dt.date.fromisoformat(value.value)
        calendar = _CALENDAR.match(value.value)
        if calendar and value.type in ("DATE", "TIME"):
            month = int(calendar.group(2)) if calendar.group(2) else None
            ctx.last_month = (int(calendar.group(1)), month)
        start, end = cand.start + value.trim_start, cand.end - value.trim_end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        items.append((cand, value, start, end))
    items = _merge_clock(text, _drop_conversions(text, items))
    return [
        Time(text=text[s:e], start=s, end=e, type=v.type, value=v.value, precision=v.precision)
        for _c, v, s, e in items
    ]
