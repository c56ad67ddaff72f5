"""Finding toponym mentions: NER spans plus gazetteer names the NER missed or mislabelled.

A mention is a character span with the gazetteer entries its text may name, plus hints
("inside" a region named right after it, as in "Springfield, Ill."). What a name can be
(a place, a person's, a firm's) is judged by `names`. `find_mentions` runs one small step
per NER label (`_BY_LABEL`) over a shared `_Found` state, then the proper-noun runs NER
missed, the firms, and the passes of `patterns`.
"""

from __future__ import annotations

import itertools
from collections import Counter

from spacy.tokens import Doc, Span

from ...nlp import doc_text
from ...resources.gazetteer import ALIAS, ALTERNATE, DEMONYM, PRIMARY, Entry, Gazetteer
from ...resources.word_lists import place_not_names, place_words
from .names import (
    FIRM_WORDS,
    ORG_HEADS,
    PERSON_HEADS,
    STREET_SUFFIX,
    Mention,
    acronym_entries,
    after_title,
    big_city,
    comma_parts,
    core,
    extend,
    is_acronym,
    is_country,
    line_start,
    listed_parts,
    org_prefix,
    propn_runs,
    speakers,
    strong_name,
    title_abbrev,
    trim,
    usable,
)
from .patterns import (
    add_containment,
    add_datelines,
    add_glued,
    add_listed_counties,
    city_list,
    mark_series,
    state_list,
)


class _Found:
    """Mentions found so far, the tokens they take, and what the article says of people
    (their names are not towns), shared by the steps of `find_mentions`."""

    def __init__(self, doc: Doc, gaz: Gazetteer) -> None:
        self.doc, self.gaz = doc, gaz
        self.mentions: list[Mention] = []
        self.taken = [False] * len(doc)
        # Words of full person names ("John Ripley"): alone later on ("Ripley said") they
        # are that person, not the town of the same name.
        people = [ent for ent in doc.ents if ent.label_ == "PERSON"]
        said = speakers(doc)
        self.person_words = {
            ent[-1].text
            for ent in people
            if len(ent) > 1 and ent[-1].is_title and ent[0].lower_ not in ORG_HEADS
        } | said
        # First names of full person names ("Conrad Hilton"): alone ("Conrad's son") or
        # opening an organisation's name ("the Conrad Hilton Foundation") they are that
        # person. (a full name's surname recurs: NER calls "Greer Station", "Avondale
        # Estates" persons too)
        surnames = Counter(ent[-1].text for ent in people)
        full_names = [
            ent for ent in people if _full_name(ent) and surnames[ent[-1].text] + (ent[-1].text in said) > 1
        ]
        self.persons = {ent.text for ent in full_names}
        self.first_names = {ent[0].text for ent in full_names}

    def _someone(self, span: Span, entries: tuple[Entry, ...]) -> bool:
        """A one-word span that is a person's name or an adjective, not a place."""
        if len(span) != 1:
            return False
        region = any(e.feature in ("country", "admin1") and e.kind != ALTERNATE for e in entries)
        if span.text in self.person_words and not region:
            return True
        if span.text in self.first_names and not region and not big_city(entries):
            return True
        # "Naval aircraft": an adjective, whatever NER calls it
        return span[0].tag_ == "JJ" and not any(
            e.feature in ("country", "admin1", "region") or e.kind == DEMONYM for e in entries
        )

    def add(self, span: Span, entries: tuple[Entry, ...], source: str) -> Mention | None:
        """Take `span` as a mention unless its tokens are taken or it is no place's name."""
        if len(span) == 0 or any(self.taken[span.start : span.end]):
            return None
        if span.text.islower():
            return None  # "the gulf", "metro": a common noun, even where NER calls it a place
        if self._someone(span, entries):
            return None
        if source not in ("GPE", "LOC") and span.text in place_not_names():
            return None
        if title_abbrev(span):
            return None
        if is_acronym(span):
            entries = acronym_entries(entries)
            if not entries:
                return None
        for k in range(span.start, span.end):
            self.taken[k] = True
        m = Mention(span.start_char, span.end_char, span.text, entries, source)
        self.mentions.append(m)
        return m

    def add_prefix(self, prefix: Span, source: str) -> Mention | None:
        """The place that opens a longer name, read strictly (no alternate names)."""
        entries = usable(self.gaz.find(prefix.text), prefix.text, allow_alt=False, allow_demonym=True)
        return self.add(prefix, entries, source)

    def add_org_prefix(self, span: Span, label: str, heads: frozenset[str] | None = None) -> None:
        """The place that starts an organisation's or a title's name ("Butler County ...")."""
        prefix = org_prefix(span, self.gaz, heads)
        if prefix is None or _named_for_someone(
            span, label, prefix, self.gaz, self.persons, self.person_words
        ):
            return
        m = self.add_prefix(prefix, label)
        if m is not None:
            m.tags.add("org")
            if label == "ORG" and not any(t.lower_ in ORG_HEADS for t in span):
                m.tags.add("firm")  # "Drexel Burnham Lambert", not "Athens Police"


def _add_parts(found: _Found, span: Span, label: str, parts: list[Span]) -> None:
    """ "Wichita, Kan." tagged as one entity: each part, the first inside the next."""
    gaz = found.gaz
    added = [
        found.add(p, usable(gaz.find(p.text), p.text, allow_abbrev=k > 0), label) for k, p in enumerate(parts)
    ]
    for (inner, outer), (p, q) in zip(itertools.pairwise(added), itertools.pairwise(parts)):
        if (
            inner is not None
            and outer is not None
            and not is_country(inner)
            and not state_list(found.doc, p, q, gaz)
            and not city_list(found.doc, p, q, gaz)
        ):
            inner.within = outer
            outer.tags.add("container")


def _place_entity(found: _Found, span: Span, label: str) -> None:
    """GPE and LOC: the name, else the place inside it ("North Texas") or opening it
    ("Henderson County Jail")."""
    gaz, text = found.gaz, span.text
    parts = comma_parts(span)
    if len(parts) > 1:
        _add_parts(found, span, label, parts)
        return
    entries = usable(gaz.find(text), text, allow_demonym=True, allow_abbrev=True)
    if not entries:
        inner = core(span, gaz)
        if inner is not None:  # "North Texas", "Fargo City": the place inside
            entries = usable(gaz.find(inner.text), inner.text, allow_alt=False)
    if not entries:
        prefix = org_prefix(span, gaz)  # "Henderson County Jail" -> the county
        if prefix is not None:
            found.add_prefix(prefix, label + "-part")
            return
    if not entries and len(span) == 1:
        return  # a lone unknown word tagged GPE is more often a surname than a place
    found.add(span, entries, label)


def _facility(found: _Found, span: Span, label: str) -> None:
    text = span.text
    entries = usable(found.gaz.find(text), text, allow_alt=False)
    if not entries and not STREET_SUFFIX.search(text):
        prefix = org_prefix(span, found.gaz)  # "Cottonport Fire Station" -> Cottonport
        if prefix is not None:
            m = found.add_prefix(prefix, label)
            if m is not None and not strong_name(m.entries, 5000):
                m.tags.add("org")  # "Grain Storage": a village there needs evidence
            return
    if entries or STREET_SUFFIX.search(text) or len(span) > 1:
        m = found.add(span, entries, label)
        if m is not None and len(span) == 1:
            m.tags.add("org")  # "Dome" called a facility: likelier a firm than a town


def _group(found: _Found, span: Span, label: str) -> None:
    """NORP: a demonym or a region's people; a city NER took for a group ("Omdurman")."""
    found_entries = usable(found.gaz.find(span.text), span.text, allow_alt=False, allow_demonym=True)
    entries = tuple(e for e in found_entries if e.kind == DEMONYM or e.feature != "city")
    if entries or big_city(found_entries):
        found.add(span, entries or found_entries, label)


def _organisation(found: _Found, span: Span, label: str) -> None:
    text = span.text
    entries = usable(found.gaz.find(text), text, allow_alt=False)
    if text.isupper():  # "NATO" is the alliance, not a town; "US", "EU" are aliases
        entries = tuple(e for e in entries if e.kind == ALIAS)
    if strong_name(entries, 1000) and not (STREET_SUFFIX.search(text)):
        m = found.add(span, entries, label)
        if m is not None:
            # the whole name of an organisation ("McDonald", "Franklin"): a firm's for all
            # we know, so it vouches for no other firm's town
            m.tags |= {"org", "firm"}
        return
    found.add_org_prefix(span, label)


def _person(found: _Found, span: Span, label: str) -> None:
    entries = usable(found.gaz.find(span.text), span.text)
    if not after_title(span) and strong_name(entries, 50000):
        found.add(span, entries, label)
        return
    found.add_org_prefix(span, label, PERSON_HEADS)


def _title(found: _Found, span: Span, label: str) -> None:
    """WORK_OF_ART, EVENT, PRODUCT: a list of big places NER took for a title, a big city
    alone ("Odesa"), else the place opening the title."""
    parts = listed_parts(span)
    if len(parts) > 1:
        found_parts = [(p, usable(found.gaz.find(p.text), p.text)) for p in parts]
        if all(strong_name(entries, 20000) for _, entries in found_parts):
            for p, entries in found_parts:
                found.add(p, entries, label)
            return
    entries = usable(found.gaz.find(span.text), span.text, allow_alt=False)
    if len(parts) == 1 and big_city(entries):  # "Odesa" taken for a title
        found.add(span, entries, label)
        return
    found.add_org_prefix(span, label)


# What each NER label's spans can hold: one step per label; other labels hold no place.
_BY_LABEL = {
    "GPE": _place_entity,
    "LOC": _place_entity,
    "FAC": _facility,
    "NORP": _group,
    "ORG": _organisation,
    "PERSON": _person,
    "WORK_OF_ART": _title,
    "EVENT": _title,
    "PRODUCT": _title,
}


def _add_runs(found: _Found) -> None:
    """Capitalised proper-noun runs NER missed that name a known place as a whole."""
    for run in propn_runs(found.doc, found.taken):
        # the whole run must be the name: "Ridge" inside "High Ridge Apartments" is not one
        entries = usable(found.gaz.find(run.text), run.text, allow_alt=False)
        if len(run) == 1 and (run[0].is_sent_start or line_start(run[0])):
            continue  # capitalised by position only ("Police said ...", a table's "Sales")
        if strong_name(entries, 5000) and not after_title(run):
            found.add(run, entries, "GAZ")


def _tag_firms(found: _Found) -> None:
    """A name the article gives a firm ("Piedmont Aviation Inc", "Fischbach Corp") is that
    firm where it stands alone too ("Piedmont shares", "Fischbach said")."""
    doc = found.doc
    firms = _firm_names(doc)
    for m in found.mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and _firm_follows(doc, span.end):
            firms.add(m.text)  # "Dome Mines", "Dome Petroleum Ltd" called a place
        elif m.source.endswith("-part"):
            m.tags.add("org")
    for m in found.mentions:
        if m.text in firms:
            m.tags |= {"org", "firm"}


def find_mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """Toponym mentions in text order (non-overlapping)."""
    found = _Found(doc, gaz)
    for ent in doc.ents:
        step = _BY_LABEL.get(ent.label_)
        if step is None:
            continue
        span = extend(trim(ent), gaz) if ent.label_ in ("GPE", "LOC", "NORP") else trim(ent)
        if len(span) > 0:
            step(found, span, ent.label_)
    _add_runs(found)
    _tag_firms(found)
    mentions, taken, text = found.mentions, found.taken, doc_text(doc)
    add_listed_counties(doc, gaz, mentions, taken, found.add, text)
    add_glued(doc, gaz, mentions, taken, text)
    add_containment(doc, gaz, mentions, taken, found.add)
    add_datelines(doc, gaz, mentions, taken, text)
    mentions.sort(key=lambda m: m.start)
    mark_series(doc, mentions)
    return mentions


def _full_name(ent: Span) -> bool:
    """A person's full name as NER found it: two or three capitalised words, none of them
    an institution's ("Anderson County Sheriff", "Huntsville High School", "Erie GM" are
    NER's slips)."""
    return 2 <= len(ent) <= 3 and all(
        t.is_alpha
        and t.is_title
        and t.lower_ not in PERSON_HEADS
        and t.lower_ not in _FOUNDER_HEADS
        and t.lower_ not in _PLACE_WORDS
        for t in ent
    )


_PLACE_WORDS = place_words("place_words")


# Institutions mostly named for their founders ("Harvard University", "Amherst College"):
# a town's name before them is taken only for a big city, a state or a country.
_FOUNDER_HEADS = frozenset({"university", "college", "foundation", "institute", "fund"})


def _named_for_someone(
    span: Span, label: str, prefix: Span, gaz: Gazetteer, persons: set[str], surnames: set[str]
) -> bool:
    """Whether the place-like words opening a name are a person's: the name holds a full
    person name of the article ("the Conrad Hilton Foundation"), is a first name and a
    surname used alone elsewhere ("Harrison Goldin, comptroller" ... "Goldin said"), or
    opens a university's or a foundation's name and is no big city or state."""
    words = list(span)
    if any(p in span.text and p != span.text for p in persons if p.startswith(prefix.text + " ")):
        return True
    if (
        label != "ORG"
        and len(words) == 2
        and len(prefix) == 1
        and words[1].text in surnames
        and words[1].is_title
        and words[1].lower_ not in PERSON_HEADS | FIRM_WORDS
    ):
        return True
    k = prefix.end - span.start
    if k < len(words) and words[k].lower_ in _FOUNDER_HEADS:
        entries = usable(gaz.find(prefix.text), prefix.text, allow_alt=False)
        return not (
            big_city(entries)
            or any(e.feature in ("country", "admin1") and e.kind in (PRIMARY, ALIAS) for e in entries)
        )
    return False


def _firm_follows(doc: Doc, i: int) -> bool:
    """Whether the words from token i make the name before them a firm's: a firm word
    ("Dome Mines", "Home Insurance Co") or "of" a place and one ("Monfort of Colorado Inc")."""
    if i >= len(doc):
        return False
    if doc[i].lower_.rstrip(".") in FIRM_WORDS:
        return True
    if doc[i].lower_ != "of":
        return False
    for k in range(i + 1, min(len(doc), i + 5)):
        if doc[k].lower_.rstrip(".") in FIRM_WORDS and k > i + 1:
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
        words = [t for t in trim(ent) if t.text not in ("'s", "’s")]
        firm = next(
            (
                k
                for k, t in enumerate(words)
                if k > 0
                and (t.lower_.rstrip(".") in FIRM_WORDS or (t.lower_ == "of" and _firm_follows(doc, t.i)))
            ),
            None,
        )
        if firm is None:
            continue
        for n in range(1, min(firm, 2) + 1):
            if all(t.is_title for t in words[:n]):
                out.add(" ".join(t.text for t in words[:n]))
    return out
