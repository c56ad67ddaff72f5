"""What a capitalised name in the text can be: the gazetteer's readings of a span, trimmed
and extended to a place's full name, and the cues that make it a person's, a firm's or an
organisation's name instead ("Mr. Jackson", "Dome Mines", "the Springfield Police
Department"). `mentions` uses these to decide which spans are toponyms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ...resources.gazetteer import ABBREV, ALIAS, ALTERNATE, DEMONYM, PRIMARY, Entry, Gazetteer
from ...resources.word_lists import place_not_names, place_words
from ..syntax import PERSONAL_SPEECH_VERBS

# Tuned word lists (resources/data/place_words.yaml): organisation heads ("the Springfield
# Police Department" -> Springfield), news outlets ("the Denver Post"), firm words ("Dome
# Mines"), road heads, titles before a person ("Mr. Jackson") and directions.
ORG_HEADS = place_words("org_heads")
_MEDIA_HEADS = place_words("media_heads")
FIRM_WORDS = place_words("firm_words")
STREET_SUFFIX = re.compile(
    r"\b(street|st\.?|avenue|ave\.?|road|rd\.?|drive|dr\.?|lane|ln\.?|boulevard|blvd\.?|"
    r"highway|hwy\.?|parkway|pkwy\.?|way|place|court|circle|square|bridge|route|trail)$",
    re.IGNORECASE,
)
_ROAD_HEADS = place_words("road_heads")
_DETERMINERS = frozenset({"the", "The", "THE"})
# After a line start or the end of the headline sentence ("... budget . COLUMBUS, Ohio (AP)").
DATELINE_RE = re.compile(
    r"(?:^|(?<=\. ))([A-Z][A-Z .'-]{2,40}?)(?:,\s+[A-Z][A-Za-z. ]+?)?\s*"
    r"(?:--|—|–|\(|:)",
    re.MULTILINE,
)
# "Atlanta-area", "Texas-based": a place glued to a modifier inside one token.
GLUED = re.compile(
    r"^([A-Z][\w.]*(?:[ '][A-Z]\w*)?)-(?:area|based|born|bound|owned|run|made|"
    r"controlled|led|backed|style|wide|registered|headquartered)$"
)
_PERSON_TITLES = place_words("person_titles")


@dataclass
class Mention:
    start: int
    end: int
    text: str
    entries: tuple[Entry, ...]
    source: str  # which rule found it: GPE, LOC, FAC, NORP, ORG, PERSON, GAZ, DATELINE
    within: Mention | None = None  # the region named right after it ("X, Ohio")
    # "container": names the region of the mention before it; "org": read inside (or as)
    # an organisation's name, so a town there needs the article's geography behind it;
    # "firm": that organisation is a business, not a town's police or school
    tags: set[str] = field(default_factory=set)
    # the series of three or more places it is listed in ("New York, Boston, Chicago and
    # Detroit"), by the series' first start; None outside a list
    series: int | None = None


def is_country(m: Mention) -> bool:
    """A country is inside no region: "Bolivia, Chile, Ecuador" is a list."""
    return any(e.feature == "country" and e.kind in (PRIMARY, ALIAS) for e in m.entries)


def trim(span: Span) -> Span:
    """Drop a leading "the" and a trailing possessive."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].text in _DETERMINERS or doc[start].is_punct):
        start += 1
    while end > start and (
        doc[end - 1].text in ("'s", "’s", "'", "’")
        or (doc[end - 1].is_punct and doc[end - 1].text not in (".",))
    ):
        end -= 1
    return doc[start:end]


def extend(span: Span, gaz: Gazetteer) -> Span:
    """Grow an entity to a longer known region name that NER cut in two ("Jammu" +
    "and Kashmir", "Pakistan" + "-Occupied Kashmir"), or a town's name cut at a particle
    ("Punta" + "del Este")."""
    doc = span.doc
    for extra in (4, 3, 2):
        end = span.end + extra
        if end > len(doc) or not (doc[end - 1].is_title or doc[end - 1].is_upper):
            continue
        longer = doc[span.start : end]
        if "\n" in longer.text or any(t.is_punct and t.text != "-" for t in longer):
            continue
        entries = gaz.find(longer.text)
        if any(e.kind in (PRIMARY, ALIAS) and e.feature != "city" for e in entries):
            return longer
        # a town's name with a particle NER cut ("Punta" + "del Este")
        if any(t.is_lower for t in doc[span.end : end]) and any(
            e.kind in (PRIMARY, ALIAS) and e.population >= 1000 for e in entries
        ):
            return longer
    return span


_DIRECTIONS = place_words("directions")
_GENERIC_TAILS = frozenset("city province region county township twp village area state".split())


def core(span: Span, gaz: Gazetteer) -> Span | None:
    """The known place inside a directional or generic wrapper ("Northeast Georgia",
    "South Los Angeles", "Fargo City", "Kermanshah province")."""
    start, end = span.start, span.end
    if end - start > 1 and span.doc[start].lower_.rstrip(".") in _DIRECTIONS:
        start += 1
    if end - start > 1 and span.doc[end - 1].lower_.rstrip(".") in _GENERIC_TAILS:
        end -= 1
    if (start, end) == (span.start, span.end):
        return None
    inner = span.doc[start:end]
    if len(inner) == 1 and (inner.text in place_not_names() or len(inner.text) < 4):
        return None  # "East Bank" is not a town called Bank
    return inner if strong_name(usable(gaz.find(inner.text), inner.text), 5000) else None


def comma_parts(span: Span) -> list[Span]:
    return _split_parts(span, (",",))


def _is_dotted_abbrev(text: str) -> bool:
    return text.count(".") >= 2  # "W.Va.", "N.Y.", "D.C."


def usable(
    entries: tuple[Entry, ...],
    text: str,
    allow_alt: bool = True,
    allow_demonym: bool = False,
    allow_abbrev: bool = False,
) -> tuple[Entry, ...]:
    out = []
    abbreviated = text.endswith(".") or _is_dotted_abbrev(text)
    for e in entries:
        if abbreviated and e.kind not in (ABBREV, ALIAS):
            continue  # "Kan." is Kansas, not a town whose alternate name is "Kan"
        if e.kind == DEMONYM and not allow_demonym:
            continue
        if e.kind == ALIAS and len(text) <= 3 and text.isalpha() and text.istitle():
            continue  # our short aliases are codes ("LA", "US"): "La Caisse" is not LA
        if e.kind == ABBREV and not (
            (allow_abbrev and ("." in text or text.isupper())) or _is_dotted_abbrev(text)
        ):
            continue  # "Kan.", "PA", "N.Y." but not "La" of "La Pampa"
        if e.kind == ALTERNATE and not allow_alt:
            continue
        out.append(e)
    return tuple(out)


def strong_name(entries: tuple[Entry, ...], min_pop: int) -> bool:
    """A name good enough to be taken as a place without NER's word."""
    for e in entries:
        if e.kind in (PRIMARY, ALIAS) and (
            e.feature in ("country", "admin1", "region", "admin2", "landmark") or e.population >= min_pop
        ):
            return True
        if e.kind == ALTERNATE and e.population >= _BIG_CITY:
            return True  # a big city's common spelling ("Khan Younis", "Odessa")
    return False


_BIG_CITY = 100_000


def big_city(entries: tuple[Entry, ...]) -> bool:
    """The main name of a city of 100,000 or more: a place whatever NER called it."""
    return any(e.kind == PRIMARY and e.feature == "city" and e.population >= _BIG_CITY for e in entries)


def listed_parts(span: Span) -> list[Span]:
    """The parts of an entity NER glued together ("Kharkiv and Odesa")."""
    return _split_parts(span, (",", "and"))


def _split_parts(span: Span, separators: tuple[str, ...]) -> list[Span]:
    """The non-empty pieces of `span` between separator tokens (lower-cased match)."""
    parts, start = [], span.start
    for tok in span:
        if tok.lower_ in separators:
            if tok.i > start:
                parts.append(span.doc[start : tok.i])
            start = tok.i + 1
    if start < span.end:
        parts.append(span.doc[start : span.end])
    return parts


def org_prefix(span: Span, gaz: Gazetteer, heads: frozenset[str] | None = None) -> Span | None:
    """The place named inside an organisation's name: its first words ("Butler County
    Coroner's Office", "U.S. Census", "Alexandria Police") or its "of" tail ("University of
    Georgia"). With `heads`, the word after the place must be one of them (for spans NER
    called persons: "Alexandria Police Spokeswoman ..." but not "Jackson Browne")."""
    words = list(span)
    if len(words) < 2 or any(t.lower_ in _MEDIA_HEADS for t in words):
        return None
    if words[-1].lower_.rstrip(".") in _ROAD_HEADS:
        return None  # "Pine Needle Drive" is a street, not a place called Pine
    starts = (0, 1) if words[0].lower_ in _DIRECTIONS and len(words) > 2 else (0,)
    for skip, n in ((k, n) for k in starts for n in range(min(3, len(words) - 1), k, -1)):
        part = span[skip:n]
        if not all(t.is_title or t.is_upper or t.text == "." for t in part):
            continue
        if heads is not None and words[n].lower_ not in heads:
            continue
        if part.text in place_not_names() and any(t.lower_ == "of" for t in words):
            continue  # "University of Cincinnati": the place is the "of" tail
        entries = usable(
            gaz.find(part.text), part.text, allow_alt=False, allow_demonym=n == 1 and heads is None
        )
        if strong_name(entries, 1000) or any(e.kind in (DEMONYM, ABBREV) for e in entries):
            return part  # ABBREV: a dotted state ("the S.C. Highway Patrol")
    if heads is None:
        # the last "of": "the Hospital of the University of Pennsylvania"
        for k in range(len(words) - 2, 0, -1):
            tok = words[k]
            if tok.lower_ == "of":
                tail = span[k + 1 :]
                if len(tail) <= 3 and all(t.is_title or t.is_upper for t in tail):
                    if strong_name(usable(gaz.find(tail.text), tail.text, allow_alt=False), 1000):
                        return tail
                    return core(tail, gaz)  # "... Association of Western Pennsylvania"
                break
    return None


PERSON_HEADS = ORG_HEADS | place_words("person_heads")


def propn_runs(doc: Doc, taken: list[bool]):
    """Runs of capitalised proper-noun tokens outside every entity and taken span."""
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        if taken[i] or tok.ent_type_ or tok.pos_ != "PROPN" or not tok.is_title:
            i += 1
            continue
        j = i
        while (
            j < n
            and j - i < 4
            and not taken[j]
            and not doc[j].ent_type_
            and (doc[j].pos_ == "PROPN" and (doc[j].is_title or doc[j].is_upper))
        ):
            j += 1
        yield doc[i:j]
        i = j


def speakers(doc: Doc) -> set[str]:
    """Capitalised one-word subjects of a past-tense speech verb a person uses ("Nelson said",
    "Petrova told reporters"): surnames, not places. A place speaks in the present ("Tbilisi
    says") or with an institution's verb ("Moscow warned") when it stands for its government."""
    return {
        tok.text
        for tok in doc
        if tok.dep_ == "nsubj"
        and tok.head.tag_ == "VBD"
        and tok.head.lemma_ in PERSONAL_SPEECH_VERBS
        and tok.text[:1].isupper()
        and not tok.is_upper
    }


def line_start(tok) -> bool:
    """First word of a line (a table row: "Net 1,506,000 vs 824,000")."""
    return tok.i == 0 or (tok.doc[tok.i - 1].is_space and "\n" in tok.doc[tok.i - 1].text)


def is_acronym(span: Span) -> bool:
    """An upper-case word in running text ("SAMA said", "the UN Security Council"): an
    acronym, not a town's name, unless the gazetteer knows that very form ("UAE", "NYC").
    Headlines and datelines in capitals ("WASHINGTON - The Treasury ...") are not running
    text."""
    text = span.text
    if not text.isupper() or "." in text or not any(ch.isalpha() for ch in text):
        return False
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.text in ("-", "--", "—", "–", "(", ","):
        return False  # a dateline
    words = [t for t in (doc[span.start - 1] if span.start else None, nxt) if t is not None and t.is_alpha]
    return any(not t.is_upper for t in words)


def acronym_entries(entries: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """What an acronym may name: our aliases and abbreviations ("US", "UAE", "DRC"), and a
    country or state written in capitals."""
    return tuple(
        e
        for e in entries
        if e.kind in (ALIAS, ABBREV) or (e.kind == PRIMARY and e.feature in ("country", "admin1"))
    )


def title_abbrev(span: Span) -> bool:
    """A plural or rare title cut off by a period inside a sentence ("Sens. Kennedy and
    Dole", "Gens. Smith"): the period ends a word, not the sentence."""
    doc = span.doc
    k = span.end
    return (
        len(span) == 1
        and k + 1 < len(doc)
        and doc[k].text == "."
        and doc[k].idx == span.end_char
        and not doc[k + 1].is_sent_start
        and doc[k + 1].ent_type_ == "PERSON"
    )


def after_title(span: Span) -> bool:
    if span.start == 0:
        return False
    prev = span.doc[span.start - 1]
    if prev.text == "." and span.start > 1 and not span[0].is_sent_start:
        prev = span.doc[span.start - 2]  # "Sens. Kennedy": the title's period is its own token
    return prev.lower_.rstrip(".") in _PERSON_TITLES
