"""Finding toponym mentions: NER spans plus gazetteer names the NER missed or mislabelled.

A mention is a character span with the gazetteer entries its text may name, plus hints
("inside" a region named right after it, as in "Springfield, Ill.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span

from ..nlp import doc_text
from ..resources import read_tsv
from ..resources.gazetteer import ABBREV, ALIAS, ALTERNATE, DEMONYM, PRIMARY, Entry, Gazetteer

# Institutional heads after a place name inside an organisation's name: the place part is
# still a toponym ("the Springfield Police Department" -> Springfield).
_ORG_HEADS = frozenset("""
police sheriff department dept county city town township village board council commission
school schools district college university hospital court courts fire library church
chamber state high middle elementary public authority agency office government
assembly legislature senate house airport port transit museum zoo park parks center
centre water energy utilities housing health regional national community memorial
""".split())
# News outlets and teams named after places are organisations, not toponyms.
_MEDIA_HEADS = frozenset("""
post times tribune journal herald gazette news daily star sun globe chronicle register
observer press examiner inquirer courier record bulletin dispatch mirror telegraph
guardian standard review reporter republic sentinel enquirer monitor magazine
""".split())
# Words that make the name before them a firm's ("Dome Mines", "Home Insurance Co"): a
# town read there needs the article's geography behind it (see places.py).
_FIRM_WORDS = frozenset("""
inc incorporated corp corporation co cos company ltd limited plc llc lp ag sa nv gmbh
group holding holdings petroleum oil mines mining resources industries insurance
securities capital futures bancorp financial investors brothers bros
aviation airlines airways textiles mills foods motors steel chemicals bancshares bankshares
savings shares stock stockholders shareholders debentures
""".split())
_STREET_SUFFIX = re.compile(
    r"\b(street|st\.?|avenue|ave\.?|road|rd\.?|drive|dr\.?|lane|ln\.?|boulevard|blvd\.?|"
    r"highway|hwy\.?|parkway|pkwy\.?|way|place|court|circle|square|bridge|route|trail)$",
    re.IGNORECASE)
_ROAD_HEADS = frozenset("""
drive dr road rd street st avenue ave lane ln boulevard blvd way parkway pkwy highway hwy
circle trail terrace pike
""".split())
_DETERMINERS = frozenset({"the", "The", "THE"})
# After a line start or the end of the headline sentence ("... budget . COLUMBUS, Ohio (AP)").
_DATELINE = re.compile(r"(?:^|(?<=\. ))([A-Z][A-Z .'-]{2,40}?)(?:,\s+[A-Z][A-Za-z. ]+?)?\s*"
                       r"(?:--|—|–|\(|:)", re.MULTILINE)
# "Atlanta-area", "Texas-based": a place glued to a modifier inside one token.
_GLUED = re.compile(r"^([A-Z][\w.]*(?:[ '][A-Z]\w*)?)-(?:area|based|born|bound|owned|run|made|"
                    r"controlled|led|backed|style|wide|registered|headquartered)$")
# Tokens before a capitalised word that mark a person, not a place ("Mr. Jackson").
_PERSON_TITLES = frozenset("""
mr mrs ms dr rev sen rep gov gen sgt lt capt officer judge president minister
sens reps govs gens messrs msgr fr supt
""".split())


@cache
def _not_names() -> frozenset[str]:
    return frozenset(row["word"] for row in read_tsv("places_not_names.tsv"))


@dataclass
class Mention:
    start: int
    end: int
    text: str
    entries: tuple[Entry, ...]
    source: str  # which rule found it: GPE, LOC, FAC, NORP, ORG, PERSON, GAZ, DATELINE
    within: "Mention | None" = None  # the region named right after it ("X, Ohio")
    # "container": names the region of the mention before it; "org": read inside (or as)
    # an organisation's name, so a town there needs the article's geography behind it;
    # "firm": that organisation is a business, not a town's police or school
    tags: set[str] = field(default_factory=set)


def _country(m: Mention) -> bool:
    """A country is inside no region: "Bolivia, Chile, Ecuador" is a list."""
    return any(e.feature == "country" and e.kind in (PRIMARY, ALIAS) for e in m.entries)


def _trim(span: Span) -> Span:
    """Drop a leading "the" and a trailing possessive."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].text in _DETERMINERS or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].text in ("'s", "’s", "'", "’") or doc[end - 1].is_punct
                           and doc[end - 1].text not in (".",)):
        end -= 1
    return doc[start:end]


def _extend(span: Span, gaz: Gazetteer) -> Span:
    """Grow an entity to a longer known region name that NER cut in two ("Jammu" +
    "and Kashmir", "Pakistan" + "-Occupied Kashmir")."""
    doc = span.doc
    for extra in (4, 3, 2):
        end = span.end + extra
        if end > len(doc) or not (doc[end - 1].is_title or doc[end - 1].is_upper):
            continue
        longer = doc[span.start:end]
        if "\n" in longer.text:
            continue
        entries = gaz.find(longer.text)
        if any(e.kind in (PRIMARY, ALIAS) and e.feature != "city" for e in entries):
            return longer
    return span


_DIRECTIONS = frozenset("""
north south east west northern southern eastern western northeast northwest southeast
southwest northeastern northwestern southeastern southwestern central upper lower greater
downtown metro n s e w
""".split())
_GENERIC_TAILS = frozenset("city province region county township twp village area state".split())


def _core(span: Span, gaz: Gazetteer) -> Span | None:
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
    if len(inner) == 1 and (inner.text in _not_names() or len(inner.text) < 4):
        return None  # "East Bank" is not a town called Bank
    return inner if _strong_name(_usable(gaz.find(inner.text), inner.text), 5000) else None


def _comma_parts(span: Span) -> list[Span]:
    return _split_parts(span, (",",))


def _is_dotted_abbrev(text: str) -> bool:
    return text.count(".") >= 2  # "W.Va.", "N.Y.", "D.C."


def _usable(entries: tuple[Entry, ...], text: str, allow_alt: bool = True,
            allow_demonym: bool = False, allow_abbrev: bool = False) -> tuple[Entry, ...]:
    out = []
    abbreviated = text.endswith(".") or _is_dotted_abbrev(text)
    for e in entries:
        if abbreviated and e.kind not in (ABBREV, ALIAS):
            continue  # "Kan." is Kansas, not a town whose alternate name is "Kan"
        if e.kind == DEMONYM and not allow_demonym:
            continue
        if e.kind == ALIAS and len(text) <= 3 and text.isalpha() and text.istitle():
            continue  # our short aliases are codes ("LA", "US"): "La Caisse" is not LA
        if e.kind == ABBREV and not (allow_abbrev and ("." in text or text.isupper())
                                     or _is_dotted_abbrev(text)):
            continue  # "Kan.", "PA", "N.Y." but not "La" of "La Pampa"
        if e.kind == ALTERNATE and not allow_alt:
            continue
        out.append(e)
    return tuple(out)


def _strong_name(entries: tuple[Entry, ...], min_pop: int) -> bool:
    """A name good enough to be taken as a place without NER's word."""
    for e in entries:
        if e.kind in (PRIMARY, ALIAS) and (e.feature in ("country", "admin1", "region", "admin2",
                                                        "landmark")
                                       or e.population >= min_pop):
            return True
        if e.kind == ALTERNATE and e.population >= _BIG_CITY:
            return True  # a big city's common spelling ("Khan Younis", "Odessa")
    return False


_BIG_CITY = 100_000


def _big_city(entries: tuple[Entry, ...]) -> bool:
    """The main name of a city of 100,000 or more: a place whatever NER called it."""
    return any(e.kind == PRIMARY and e.feature == "city" and e.population >= _BIG_CITY for e in entries)


def _listed_parts(span: Span) -> list[Span]:
    """The parts of an entity NER glued together ("Kharkiv and Odesa")."""
    return _split_parts(span, (",", "and"))


def _split_parts(span: Span, separators: tuple[str, ...]) -> list[Span]:
    """The non-empty pieces of `span` between separator tokens (lower-cased match)."""
    parts, start = [], span.start
    for tok in span:
        if tok.lower_ in separators:
            if tok.i > start:
                parts.append(span.doc[start:tok.i])
            start = tok.i + 1
    if start < span.end:
        parts.append(span.doc[start:span.end])
    return parts


def _org_prefix(span: Span, gaz: Gazetteer, heads: frozenset[str] | None = None) -> Span | None:
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
        if part.text in _not_names() and any(t.lower_ == "of" for t in words):
            continue  # "University of Cincinnati": the place is the "of" tail
        entries = _usable(gaz.find(part.text), part.text, allow_alt=False,
                          allow_demonym=n == 1 and heads is None)
        if _strong_name(entries, 1000) or any(e.kind in (DEMONYM, ABBREV) for e in entries):
            return part  # ABBREV: a dotted state ("the S.C. Highway Patrol")
    if heads is None:
        # the last "of": "the Hospital of the University of Pennsylvania"
        for k in range(len(words) - 2, 0, -1):
            tok = words[k]
            if tok.lower_ == "of":
                tail = span[k + 1:]
                if len(tail) <= 3 and all(t.is_title or t.is_upper for t in tail):
                    if _strong_name(_usable(gaz.find(tail.text), tail.text, allow_alt=False), 1000):
                        return tail
                    return _core(tail, gaz)  # "... Association of Western Pennsylvania"
                break
    return None


_PERSON_HEADS = _ORG_HEADS | frozenset("""
mayor director spokeswoman spokesman spokesperson attorney commissioner chief officer
superintendent detectives detective officials official manager councilman councilwoman
commonwealth commonwealth’s commonwealth's
""".split())


def _propn_runs(doc: Doc, taken: list[bool]):
    """Runs of capitalised proper-noun tokens outside every entity and taken span."""
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        if taken[i] or tok.ent_type_ or tok.pos_ != "PROPN" or not tok.is_title:
            i += 1
            continue
        j = i
        while j < n and j - i < 4 and not taken[j] and not doc[j].ent_type_ and (
                doc[j].pos_ == "PROPN" and (doc[j].is_title or doc[j].is_upper)):
            j += 1
        yield doc[i:j]
        i = j


# Verbs whose past-tense subject is a person ("Nelson said", "Petrova told reporters");
# a place speaks in the present ("Tbilisi says") when it stands for its government.
_SPEECH_VERBS = frozenset("say tell add explain note recall testify write".split())


def _speakers(doc: Doc) -> set[str]:
    """Capitalised one-word subjects of a past-tense speech verb: surnames, not places."""
    return {tok.text for tok in doc if tok.dep_ == "nsubj" and tok.head.tag_ == "VBD"
            and tok.head.lemma_ in _SPEECH_VERBS and tok.text[:1].isupper() and not tok.is_upper}


def _line_start(tok) -> bool:
    """First word of a line (a table row: "Net 1,506,000 vs 824,000")."""
    return tok.i == 0 or (tok.doc[tok.i - 1].is_space and "\n" in tok.doc[tok.i - 1].text)


def _acronym(span: Span) -> bool:
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
    words = [t for t in (doc[span.start - 1] if span.start else None, nxt)
             if t is not None and t.is_alpha]
    return any(not t.is_upper for t in words)


def _acronym_entries(entries: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """What an acronym may name: our aliases and abbreviations ("US", "UAE", "DRC"), and a
    country or state written in capitals."""
    return tuple(e for e in entries if e.kind in (ALIAS, ABBREV)
                 or e.kind == PRIMARY and e.feature in ("country", "admin1"))


def _title_abbrev(span: Span) -> bool:
    """A plural or rare title cut off by a period inside a sentence ("Sens. Kennedy and
    Dole", "Gens. Smith"): the period ends a word, not the sentence."""
    doc = span.doc
    k = span.end
    return (len(span) == 1 and k + 1 < len(doc) and doc[k].text == "."
            and doc[k].idx == span.end_char and not doc[k + 1].is_sent_start
            and doc[k + 1].ent_type_ == "PERSON")


def _after_title(span: Span) -> bool:
    if span.start == 0:
        return False
    prev = span.doc[span.start - 1]
    if prev.text == "." and span.start > 1 and not span[0].is_sent_start:
        prev = span.doc[span.start - 2]  # "Sens. Kennedy": the title's period is its own token
    return prev.lower_.rstrip(".") in _PERSON_TITLES


def find_mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """Toponym mentions in text order (non-overlapping)."""
    mentions: list[Mention] = []
    taken = [False] * len(doc)
    # Words of full person names ("John Ripley"): alone later on ("Ripley said") they are
    # that person, not the town of the same name.
    person_words = {ent[-1].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1
                    and ent[-1].is_title and ent[0].lower_ not in _ORG_HEADS}
    person_words |= _speakers(doc)

    def add(span: Span, entries: tuple[Entry, ...], source: str) -> Mention | None:
        if len(span) == 0 or any(taken[span.start:span.end]):
            return None
        if span.text.islower():
            return None  # "the gulf", "metro": a common noun, even where NER calls it a place
        if len(span) == 1 and span.text in person_words and not any(
                e.feature in ("country", "admin1") and e.kind != ALTERNATE for e in entries):
            return None
        if source not in ("GPE", "LOC") and span.text in _not_names():
            return None
        if _title_abbrev(span):
            return None
        if _acronym(span):
            entries = _acronym_entries(entries)
            if not entries:
                return None
        for k in range(span.start, span.end):
            taken[k] = True
        m = Mention(span.start_char, span.end_char, span.text, entries, source)
        mentions.append(m)
        return m

    def add_org_prefix(span: Span, label: str, heads: frozenset[str] | None = None) -> None:
        """The place that starts an organisation's or a title's name ("Butler County ...")."""
        prefix = _org_prefix(span, gaz, heads)
        if prefix is not None:
            m = add(prefix, _usable(gaz.find(prefix.text), prefix.text, allow_alt=False,
                                    allow_demonym=True), label)
            if m is not None:
                m.tags.add("org")
                if label == "ORG" and not any(t.lower_ in _ORG_HEADS for t in span):
                    m.tags.add("firm")  # "Drexel Burnham Lambert", not "Athens Police"

    for ent in doc.ents:
        label = ent.label_
        span = _extend(_trim(ent), gaz) if ent.label_ in ("GPE", "LOC", "NORP") else _trim(ent)
        if len(span) == 0:
            continue
        text = span.text
        if label in ("GPE", "LOC"):
            parts = _comma_parts(span)
            if len(parts) > 1:  # "Wichita, Kan." tagged as one entity
                added = [add(p, _usable(gaz.find(p.text), p.text, allow_abbrev=k > 0), label)
                         for k, p in enumerate(parts)]
                for (inner, outer), (p, q) in zip(zip(added, added[1:]), zip(parts, parts[1:])):
                    if inner is not None and outer is not None and not _country(inner) \
                            and not _state_list(doc, p, q, gaz):
                        inner.within = outer
                        outer.tags.add("container")
                continue
            entries = _usable(gaz.find(text), text, allow_demonym=True, allow_abbrev=True)
            if not entries:
                inner = _core(span, gaz)
                if inner is not None:  # "North Texas", "Fargo City": the place inside
                    entries = _usable(gaz.find(inner.text), inner.text, allow_alt=False)
            if not entries:
                prefix = _org_prefix(span, gaz)  # "Henderson County Jail" -> the county
                if prefix is not None:
                    add(prefix, _usable(gaz.find(prefix.text), prefix.text, allow_alt=False,
                                        allow_demonym=True), label + "-part")
                    continue
            if not entries and len(span) == 1:
                continue  # a lone unknown word tagged GPE is more often a surname than a place
            add(span, entries, label)
        elif label == "FAC":
            entries = _usable(gaz.find(text), text, allow_alt=False)
            if not entries and not _STREET_SUFFIX.search(text):
                prefix = _org_prefix(span, gaz)  # "Cottonport Fire Station" -> Cottonport
                if prefix is not None:
                    add(prefix, _usable(gaz.find(prefix.text), prefix.text, allow_alt=False,
                                               allow_demonym=True), label)
                    continue
            if entries or _STREET_SUFFIX.search(text) or len(span) > 1:
                m = add(span, entries, label)
                if m is not None and len(span) == 1:
                    m.tags.add("org")  # "Dome" called a facility: likelier a firm than a town
        elif label == "NORP":
            found = _usable(gaz.find(text), text, allow_alt=False, allow_demonym=True)
            entries = tuple(e for e in found if e.kind == DEMONYM or e.feature != "city")
            if entries or _big_city(found):  # a city NER took for a group ("Omdurman")
                add(span, entries or found, label)
        elif label == "ORG":
            entries = _usable(gaz.find(text), text, allow_alt=False)
            if text.isupper():  # "NATO" is the alliance, not a town; "US", "EU" are aliases
                entries = tuple(e for e in entries if e.kind == ALIAS)
            if _strong_name(entries, 1000) and not (_STREET_SUFFIX.search(text)):
                m = add(span, entries, label)
                if m is not None:
                    m.tags.add("org")
                continue
            add_org_prefix(span, label)
        elif label == "PERSON":
            entries = _usable(gaz.find(text), text)
            if not _after_title(span) and _strong_name(entries, 50000):
                add(span, entries, label)
                continue
            add_org_prefix(span, label, _PERSON_HEADS)
        elif label in ("WORK_OF_ART", "EVENT", "PRODUCT"):
            parts = _listed_parts(span)
            if len(parts) > 1:
                found = [(p, _usable(gaz.find(p.text), p.text)) for p in parts]
                if all(_strong_name(entries, 20000) for _, entries in found):
                    for p, entries in found:
                        add(p, entries, label)
                    continue
            entries = _usable(gaz.find(text), text, allow_alt=False)
            if len(parts) == 1 and _big_city(entries):  # "Odesa" taken for a title
                add(span, entries, label)
                continue
            add_org_prefix(span, label)

    for run in _propn_runs(doc, taken):
        # the whole run must be the name: "Ridge" inside "High Ridge Apartments" is not one
        entries = _usable(gaz.find(run.text), run.text, allow_alt=False)
        single = len(run) == 1
        if single and (run[0].is_sent_start or _line_start(run[0])):
            continue  # capitalised by position only ("Police said ...", a table's "Sales")
        if _strong_name(entries, 5000) and not _after_title(run):
            add(run, entries, "GAZ")

    # a name the article gives a firm ("Piedmont Aviation Inc", "Fischbach Corp") is that
    # firm where it stands alone too ("Piedmont shares", "Fischbach said")
    firms = _firm_names(doc)
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and _firm_follows(doc, span.end):
            firms.add(m.text)  # "Dome Mines", "Dome Petroleum Ltd" called a place
        elif m.source.endswith("-part"):
            m.tags.add("org")
    for m in mentions:
        if m.text in firms:
            m.tags |= {"org", "firm"}
    text = doc_text(doc)
    _add_listed_counties(doc, gaz, mentions, taken, add, text)
    _add_glued(doc, gaz, mentions, taken, text)
    _add_containment(doc, gaz, mentions, taken, add)
    _add_datelines(doc, gaz, mentions, taken, text)
    mentions.sort(key=lambda m: m.start)
    return mentions


def _firm_follows(doc: Doc, i: int) -> bool:
    """Whether the words from token i make the name before them a firm's: a firm word
    ("Dome Mines", "Home Insurance Co") or "of" a place and one ("Monfort of Colorado Inc")."""
    if i >= len(doc):
        return False
    if doc[i].lower_.rstrip(".") in _FIRM_WORDS:
        return True
    if doc[i].lower_ != "of":
        return False
    for k in range(i + 1, min(len(doc), i + 5)):
        if doc[k].lower_.rstrip(".") in _FIRM_WORDS and k > i + 1:
            return True
        if not (doc[k].is_title or doc[k].is_upper):
            return False
    return False


def _firm_names(doc: Doc) -> set[str]:
    """First words of organisations named as firms ("Piedmont Aviation Inc" -> "Piedmont",
    "Dominion Textiles Inc of Canada" -> "Dominion", "Atlantic Mutual Fire Insurance Co" ->
    "Atlantic", "Atlantic Mutual")."""
    out = set()
    for ent in doc.ents:
        if ent.label_ != "ORG" or len(ent) < 2:
            continue
        words = [t for t in _trim(ent) if t.text not in ("'s", "’s")]
        firm = next((k for k, t in enumerate(words) if k > 0 and (
            t.lower_.rstrip(".") in _FIRM_WORDS or t.lower_ == "of" and _firm_follows(doc, t.i))),
            None)
        if firm is None:
            continue
        for n in range(1, min(firm, 2) + 1):
            if all(t.is_title for t in words[:n]):
                out.add(" ".join(t.text for t in words[:n]))
    return out


def _modifier(doc: Doc, m: Mention) -> bool:
    """Whether the mention modifies a common noun right after it ("U.S. officials")."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and span.end < len(doc) and doc[span.end].pos_ == "NOUN" \
        and doc[span.end].is_lower


def _is_state(entries: tuple[Entry, ...]) -> bool:
    return any(e.feature in ("admin1", "country") and e.kind in (PRIMARY, ALIAS) for e in entries)


def _state_at(doc: Doc, i: int, j: int, gaz: Gazetteer) -> bool:
    """Whether a state or country is named by up to three capitalised words starting at
    token i (j=1) or ending at it (j=-1)."""
    for k in (3, 2, 1):
        lo, hi = (i, i + k) if j > 0 else (i - k + 1, i + 1)
        if lo < 0 or hi > len(doc):
            continue
        words = doc[lo:hi]
        if all(t.is_title or t.is_upper for t in words) and _is_state(gaz.find(words.text)):
            return True
    return False


def _state_list(doc: Doc, first: Span, second: Span, gaz: Gazetteer) -> bool:
    """"Texas, Oklahoma and Louisiana": a state, then a state spelt out, in a list with
    another state is a list of states, not Texas County in Oklahoma ("Washington, Pa." and
    "Washington, Pennsylvania" alone stay a town in a state)."""
    if second.text.endswith(".") or not (_is_state(gaz.find(first.text))
                                         and _is_state(gaz.find(second.text))):
        return False
    i = second.end
    if i < len(doc) and doc[i].text == ",":
        i += 1
    if i < len(doc) and doc[i].lower_ in ("and", "or", "&"):
        i += 1
    if i > second.end and _state_at(doc, i, 1, gaz):
        return True
    i = first.start - 1
    if i >= 0 and doc[i].lower_ in ("and", "or", "&"):
        i -= 1
    elif i < 0 or doc[i].text != ",":
        return False
    return i >= 1 and doc[i].text in (",", "and", "or", "&") and _state_at(doc, i - 1, -1, gaz)


def _add_containment(doc: Doc, gaz: Gazetteer, mentions: list[Mention], taken, add) -> None:
    """"Springfield, Ill." / "Khasa Cantt, Amritsar": the second names where the first is."""
    by_start = {m.start: m for m in mentions}
    for m in list(mentions):
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.end + 1 >= len(doc) or doc[span.end].text != ",":
            continue
        nxt = span.end + 1
        region = None
        for j in range(min(len(doc), nxt + 3), nxt, -1):
            cand = doc[nxt:j]
            if cand.start_char in by_start and by_start[cand.start_char].end == cand.end_char:
                region = by_start[cand.start_char]
                break
            if any(taken[nxt:j]):
                continue
            entries = _usable(gaz.find(cand.text), cand.text, allow_alt=False, allow_abbrev=True)
            entries = tuple(e for e in entries if e.feature in ("admin1", "country"))
            if entries and (cand[0].is_title or cand[0].is_upper):
                region = add(cand, entries, "GAZ")
                break
        if region is not None and _modifier(doc, region):
            continue  # "in the Gulf, U.S. officials said": an adjective, not a container
        if region is not None and region is not m and not _country(m) and not _state_list(
                doc, span, doc.char_span(region.start, region.end, alignment_mode="expand"), gaz):
            m.within = region
            region.tags.add("container")


_COUNTY_WORDS = {"counties": " County", "parishes": " Parish", "county": " County",
                 "parish": " Parish"}


def _tokens_at(doc: Doc, pattern: re.Pattern[str], text: str):
    """The tokens starting where `pattern` matches in the text (a scan of the text is much
    cheaper than a walk over every token)."""
    for match in pattern.finditer(text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None and len(span):
            yield span[0]


_COUNTY_WORD = re.compile(r"\b(?:counties|parishes|county|parish)\b")


def _add_listed_counties(doc: Doc, gaz: Gazetteer, mentions: list[Mention], taken, add, text: str) -> None:
    """"Camden, Charlton and Nassau counties": each name in the list is a county."""
    for tok in _tokens_at(doc, _COUNTY_WORD, text):
        suffix = _COUNTY_WORDS.get(tok.lower_)
        if suffix is None or tok.text[0].isupper() or tok.i == 0:
            continue  # "County" capitalised is part of a name, handled as such
        i = tok.i - 1
        names = []
        while i >= 0 and (doc[i].text in (",", "and", "&") or doc[i].pos_ == "PROPN"):
            if doc[i].pos_ == "PROPN":
                j = i
                while j - 1 >= 0 and doc[j - 1].pos_ == "PROPN":
                    j -= 1
                names.append(doc[j:i + 1])
                i = j - 1
            else:
                i -= 1
        for name in names:
            entries = tuple(e for e in gaz.find(name.text + suffix) if e.feature == "admin2")
            if not entries:
                continue
            existing = next((m for m in mentions if m.start == name.start_char), None)
            if existing is not None:
                existing.entries = entries
            elif not any(taken[name.start:name.end]):
                add(name, entries, "GAZ")


_GLUED_HINT = re.compile(r"(?<![\w'-])[A-Z][\w.']*-")


def _add_glued(doc: Doc, gaz: Gazetteer, mentions: list[Mention], taken, text: str) -> None:
    """Places glued to a modifier ("Atlanta-area calls", "a Texas-based company")."""
    for tok in _tokens_at(doc, _GLUED_HINT, text):
        if taken[tok.i] or "-" not in tok.text or not tok.text[:1].isupper():
            continue
        match = _GLUED.match(tok.text)
        if match is None:
            continue
        name, start = match.group(1), tok.i
        # the glued word may end a longer name: "New York-based", "British Columbia-based"
        # ("British" may already be a mention of its own); a name of unknown first words is
        # not this place ("Morgan Stanley-backed" is no town called Stanley)
        for k in range(max(0, tok.i - 3), tok.i):
            words = doc[k:tok.i]
            if not all(t.is_title or t.is_upper for t in words) or words[0].is_sent_start \
                    and words[0].pos_ != "PROPN":
                continue
            longer = words.text + " " + name
            found = _usable(gaz.find(longer), longer, allow_alt=False)
            if _strong_name(found, 1000):
                name, entries, start = longer, found, k
                break
        else:
            prev = doc[tok.i - 1] if tok.i else None
            if prev is not None and prev.is_title and prev.pos_ == "PROPN" and not taken[prev.i]:
                continue
            entries = _usable(gaz.find(name), name, allow_alt=False)
            if not _strong_name(entries, 1000):
                continue
        first = doc[start]
        mentions[:] = [m for m in mentions if not first.idx <= m.start < tok.idx]
        for k in range(start, tok.i + 1):
            taken[k] = True
        end = tok.idx + len(match.group(1))
        mentions.append(Mention(first.idx, end, doc.text[first.idx:end], entries, "GAZ"))


def _add_datelines(doc: Doc, gaz: Gazetteer, mentions: list[Mention], taken, text: str) -> None:
    """Upper-case datelines ("MANSFIELD -- ...", "BAIKONUR, Kazakhstan —")."""
    for match in _DATELINE.finditer(text[:2000] if len(text) > 2000 else text):
        name = match.group(1).strip()
        if not name.isupper() or len(name) < 3:
            continue
        start = match.start(1)
        span = doc.char_span(start, start + len(name), alignment_mode="contract")
        if span is None or len(span) == 0 or any(taken[span.start:span.end]):
            continue
        entries = _usable(gaz.find(name), name, allow_alt=False)
        if entries:
            for k in range(span.start, span.end):
                taken[k] = True
            mentions.append(Mention(span.start_char, span.end_char, span.text, entries,
                                    "DATELINE"))
