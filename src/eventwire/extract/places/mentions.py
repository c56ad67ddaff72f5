"""Finding toponym mentions: NER spans plus gazetteer names the NER missed or mislabelled.

A mention is a character span with the gazetteer entries its text may name, plus hints
("inside" a region named right after it, as in "Springfield, Ill."). What a name can be
(a place, a person's, a firm's) is judged by `names`.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from spacy.tokens import Doc, Span

from ...nlp import doc_text
from ...resources.gazetteer import ABBREV, ALIAS, ALTERNATE, DEMONYM, PRIMARY, Entry, Gazetteer
from .names import (
    DATELINE_RE,
    FIRM_WORDS,
    GLUED,
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
    not_names,
    org_prefix,
    propn_runs,
    speakers,
    strong_name,
    title_abbrev,
    trim,
    usable,
)


def find_mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """Toponym mentions in text order (non-overlapping)."""
    mentions: list[Mention] = []
    taken = [False] * len(doc)
    # Words of full person names ("John Ripley"): alone later on ("Ripley said") they are
    # that person, not the town of the same name.
    people = [ent for ent in doc.ents if ent.label_ == "PERSON"]
    person_words = {
        ent[-1].text for ent in people if len(ent) > 1 and ent[-1].is_title and ent[0].lower_ not in ORG_HEADS
    }
    said = speakers(doc)
    person_words |= said
    # First names of full person names ("Conrad Hilton"): alone ("Conrad's son") or
    # opening an organisation's name ("the Conrad Hilton Foundation") they are that person.
    # (a full name's surname recurs: NER calls "Greer Station", "Avondale Estates" persons too)
    surnames = Counter(ent[-1].text for ent in people)
    full_names = [
        ent for ent in people if _full_name(ent) and surnames[ent[-1].text] + (ent[-1].text in said) > 1
    ]
    persons = {ent.text for ent in full_names}
    first_names = {ent[0].text for ent in full_names}

    def add(span: Span, entries: tuple[Entry, ...], source: str) -> Mention | None:
        if len(span) == 0 or any(taken[span.start : span.end]):
            return None
        if span.text.islower():
            return None  # "the gulf", "metro": a common noun, even where NER calls it a place
        if (
            len(span) == 1
            and span.text in person_words
            and not any(e.feature in ("country", "admin1") and e.kind != ALTERNATE for e in entries)
        ):
            return None
        if (
            len(span) == 1
            and span.text in first_names
            and not any(e.feature in ("country", "admin1") and e.kind != ALTERNATE for e in entries)
            and not big_city(entries)
        ):
            return None
        if (
            len(span) == 1
            and span[0].tag_ == "JJ"
            and not any(e.feature in ("country", "admin1", "region") or e.kind == DEMONYM for e in entries)
        ):
            return None  # "Naval aircraft": an adjective, whatever NER calls it
        if source not in ("GPE", "LOC") and span.text in not_names():
            return None
        if title_abbrev(span):
            return None
        if is_acronym(span):
            entries = acronym_entries(entries)
            if not entries:
                return None
        for k in range(span.start, span.end):
            taken[k] = True
        m = Mention(span.start_char, span.end_char, span.text, entries, source)
        mentions.append(m)
        return m

    def add_org_prefix(span: Span, label: str, heads: frozenset[str] | None = None) -> None:
        """The place that starts an organisation's or a title's name ("Butler County ...")."""
        prefix = org_prefix(span, gaz, heads)
        if prefix is not None and _named_for_someone(span, label, prefix, gaz, persons, person_words):
            return
        if prefix is not None:
            m = add(
                prefix, usable(gaz.find(prefix.text), prefix.text, allow_alt=False, allow_demonym=True), label
            )
            if m is not None:
                m.tags.add("org")
                if label == "ORG" and not any(t.lower_ in ORG_HEADS for t in span):
                    m.tags.add("firm")  # "Drexel Burnham Lambert", not "Athens Police"

    for ent in doc.ents:
        label = ent.label_
        span = extend(trim(ent), gaz) if ent.label_ in ("GPE", "LOC", "NORP") else trim(ent)
        if len(span) == 0:
            continue
        text = span.text
        if label in ("GPE", "LOC"):
            parts = comma_parts(span)
            if len(parts) > 1:  # "Wichita, Kan." tagged as one entity
                added = [
                    add(p, usable(gaz.find(p.text), p.text, allow_abbrev=k > 0), label)
                    for k, p in enumerate(parts)
                ]
                for (inner, outer), (p, q) in zip(itertools.pairwise(added), itertools.pairwise(parts)):
                    if (
                        inner is not None
                        and outer is not None
                        and not is_country(inner)
                        and not _state_list(doc, p, q, gaz)
                        and not _city_list(doc, p, q, gaz)
                    ):
                        inner.within = outer
                        outer.tags.add("container")
                continue
            entries = usable(gaz.find(text), text, allow_demonym=True, allow_abbrev=True)
            if not entries:
                inner = core(span, gaz)
                if inner is not None:  # "North Texas", "Fargo City": the place inside
                    entries = usable(gaz.find(inner.text), inner.text, allow_alt=False)
            if not entries:
                prefix = org_prefix(span, gaz)  # "Henderson County Jail" -> the county
                if prefix is not None:
                    add(
                        prefix,
                        usable(gaz.find(prefix.text), prefix.text, allow_alt=False, allow_demonym=True),
                        label + "-part",
                    )
                    continue
            if not entries and len(span) == 1:
                continue  # a lone unknown word tagged GPE is more often a surname than a place
            add(span, entries, label)
        elif label == "FAC":
            entries = usable(gaz.find(text), text, allow_alt=False)
            if not entries and not STREET_SUFFIX.search(text):
                prefix = org_prefix(span, gaz)  # "Cottonport Fire Station" -> Cottonport
                if prefix is not None:
                    m = add(
                        prefix,
                        usable(gaz.find(prefix.text), prefix.text, allow_alt=False, allow_demonym=True),
                        label,
                    )
                    if m is not None and not strong_name(m.entries, 5000):
                        m.tags.add("org")  # "Grain Storage": a village there needs evidence
                    continue
            if entries or STREET_SUFFIX.search(text) or len(span) > 1:
                m = add(span, entries, label)
                if m is not None and len(span) == 1:
                    m.tags.add("org")  # "Dome" called a facility: likelier a firm than a town
        elif label == "NORP":
            found = usable(gaz.find(text), text, allow_alt=False, allow_demonym=True)
            entries = tuple(e for e in found if e.kind == DEMONYM or e.feature != "city")
            if entries or big_city(found):  # a city NER took for a group ("Omdurman")
                add(span, entries or found, label)
        elif label == "ORG":
            entries = usable(gaz.find(text), text, allow_alt=False)
            if text.isupper():  # "NATO" is the alliance, not a town; "US", "EU" are aliases
                entries = tuple(e for e in entries if e.kind == ALIAS)
            if strong_name(entries, 1000) and not (STREET_SUFFIX.search(text)):
                m = add(span, entries, label)
                if m is not None:
                    # the whole name of an organisation ("McDonald", "Franklin"): a firm's
                    # for all we know, so it vouches for no other firm's town
                    m.tags |= {"org", "firm"}
                continue
            add_org_prefix(span, label)
        elif label == "PERSON":
            entries = usable(gaz.find(text), text)
            if not after_title(span) and strong_name(entries, 50000):
                add(span, entries, label)
                continue
            add_org_prefix(span, label, PERSON_HEADS)
        elif label in ("WORK_OF_ART", "EVENT", "PRODUCT"):
            parts = listed_parts(span)
            if len(parts) > 1:
                found = [(p, usable(gaz.find(p.text), p.text)) for p in parts]
                if all(strong_name(entries, 20000) for _, entries in found):
                    for p, entries in found:
                        add(p, entries, label)
                    continue
            entries = usable(gaz.find(text), text, allow_alt=False)
            if len(parts) == 1 and big_city(entries):  # "Odesa" taken for a title
                add(span, entries, label)
                continue
            add_org_prefix(span, label)

    for run in propn_runs(doc, taken):
        # the whole run must be the name: "Ridge" inside "High Ridge Apartments" is not one
        entries = usable(gaz.find(run.text), run.text, allow_alt=False)
        single = len(run) == 1
        if single and (run[0].is_sent_start or line_start(run[0])):
            continue  # capitalised by position only ("Police said ...", a table's "Sales")
        if strong_name(entries, 5000) and not after_title(run):
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
    _mark_series(doc, mentions)
    return mentions


_REGIONS_WORD = re.compile(r"\s+(?:provinces|states|regions)\b")
# commas and "and" between two items, with maybe unknown capitalised items between them
_JOIN = re.compile(
    r"(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)"
    r"(?:[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,2}"
    r"(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+))*"
)


def _mark_series(doc: Doc, mentions: list[Mention]) -> None:
    """Runs of three or more places joined by commas and "and" ("New York, Boston, Chicago
    and Detroit"), none inside another: items of one list are named side by side, which
    says little about where each is (a state in the list does not locate its cities)."""
    run: list[Mention] = []
    text = doc_text(doc)

    def close() -> None:
        if len(run) >= 3:
            for m in run:
                m.series = run[0].start
        if len(run) >= 2 and _REGIONS_WORD.match(text, run[-1].end):
            # "Santa Fe, Cordoba, La Pampa and Buenos Aires provinces": all regions
            for m in run:
                m.entries = tuple(e for e in m.entries if e.feature == "admin1") or m.entries
        run.clear()

    for m in mentions:
        if m.within is not None or "container" in m.tags:
            close()
            continue
        if run and not _JOIN.fullmatch(text[run[-1].end : m.start]):
            close()
        run.append(m)
    close()


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


# Words of place names NER may call persons ("Greer Station", "Steveston Harbour").
_PLACE_WORDS = frozenset(
    """
station estates harbour harbor lake lakes park village springs heights beach hills falls
creek river valley island islands bay point port mount mountain ridge woods grove landing
junction crossing square mills ford
""".split()
)


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


def _modifier(doc: Doc, m: Mention) -> bool:
    """Whether the mention modifies a common noun right after it ("U.S. officials")."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return (
        span is not None and span.end < len(doc) and doc[span.end].pos_ == "NOUN" and doc[span.end].is_lower
    )


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
    """ "Texas, Oklahoma and Louisiana": a state, then a state spelt out, in a list with
    another state is a list of states, not Texas County in Oklahoma ("Washington, Pa." and
    "Washington, Pennsylvania" alone stay a town in a state)."""
    if second.text.endswith(".") or not (
        _is_state(gaz.find(first.text)) and _is_state(gaz.find(second.text))
    ):
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


def _is_region(entries: tuple[Entry, ...]) -> bool:
    return any(e.feature in ("admin1", "country") and e.kind in (PRIMARY, ALIAS, ABBREV) for e in entries)


def _list_item(doc: Doc, i: int, step: int) -> bool:
    """Whether a comma (then maybe "and", "or") at token i, read in direction `step`, joins
    another capitalised item to the series."""
    if not 0 <= i < len(doc) or doc[i].text != ",":
        return False
    i += step
    if step > 0 and i < len(doc) and doc[i].lower_ in ("and", "or", "&"):
        i += 1
    return 0 <= i < len(doc) and (doc[i].is_title or doc[i].is_upper) and doc[i].is_alpha


def _city_list(doc: Doc, first: Span, second: Span, gaz: Gazetteer) -> bool:
    """ "New York, Boston, Chicago and Detroit": a series of three or more names whose second
    is no state or country is a list, not the first inside the second (Boston is no
    village in Chicago). "Khasa Cantt, Amritsar" and "Springfield, Ill., and Dayton" keep
    their containment."""
    if _is_region(gaz.find(second.text)):
        return False
    return _list_item(doc, second.end, 1) or _list_item(doc, first.start - 1, -1)


def _add_containment(doc: Doc, gaz: Gazetteer, mentions: list[Mention], taken, add) -> None:
    """ "Springfield, Ill." / "Khasa Cantt, Amritsar": the second names where the first is."""
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
            entries = usable(gaz.find(cand.text), cand.text, allow_alt=False, allow_abbrev=True)
            entries = tuple(e for e in entries if e.feature in ("admin1", "country"))
            if entries and (cand[0].is_title or cand[0].is_upper):
                region = add(cand, entries, "GAZ")
                break
        if region is not None and _modifier(doc, region):
            continue  # "in the Gulf, U.S. officials said": an adjective, not a container
        second = (
            doc.char_span(region.start, region.end, alignment_mode="expand") if region is not None else None
        )
        if (
            region is not None
            and region is not m
            and not is_country(m)
            and not _state_list(doc, span, second, gaz)
            and not _city_list(doc, span, second, gaz)
        ):
            m.within = region
            region.tags.add("container")


_COUNTY_WORDS = {"counties": " County", "parishes": " Parish", "county": " County", "parish": " Parish"}


def _tokens_at(doc: Doc, pattern: re.Pattern[str], text: str):
    """The tokens starting where `pattern` matches in the text (a scan of the text is much
    cheaper than a walk over every token)."""
    for match in pattern.finditer(text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None and len(span):
            yield span[0]


_COUNTY_WORD = re.compile(r"\b(?:counties|parishes|county|parish)\b")


def _add_listed_counties(doc: Doc, gaz: Gazetteer, mentions: list[Mention], taken, add, text: str) -> None:
    """ "Camden, Charlton and Nassau counties": each name in the list is a county."""
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
                names.append(doc[j : i + 1])
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
            elif not any(taken[name.start : name.end]):
                add(name, entries, "GAZ")


_GLUED_HINT = re.compile(r"(?<![\w'-])[A-Z][\w.']*-")


def _add_glued(doc: Doc, gaz: Gazetteer, mentions: list[Mention], taken, text: str) -> None:
    """Places glued to a modifier ("Atlanta-area calls", "a Texas-based company")."""
    for tok in _tokens_at(doc, _GLUED_HINT, text):
        if taken[tok.i] or "-" not in tok.text or not tok.text[:1].isupper():
            continue
        match = GLUED.match(tok.text)
        if match is None:
            continue
        name, start = match.group(1), tok.i
        # the glued word may end a longer name: "New York-based", "British Columbia-based"
        # ("British" may already be a mention of its own); a name of unknown first words is
        # not this place ("Morgan Stanley-backed" is no town called Stanley)
        for k in range(max(0, tok.i - 3), tok.i):
            words = doc[k : tok.i]
            if not all(t.is_title or t.is_upper for t in words) or (
                words[0].is_sent_start and words[0].pos_ != "PROPN"
            ):
                continue
            longer = words.text + " " + name
            found = usable(gaz.find(longer), longer, allow_alt=False)
            if strong_name(found, 1000):
                name, entries, start = longer, found, k
                break
        else:
            prev = doc[tok.i - 1] if tok.i else None
            if prev is not None and prev.is_title and prev.pos_ == "PROPN" and not taken[prev.i]:
                continue
            entries = usable(gaz.find(name), name, allow_alt=False)
            if not strong_name(entries, 1000):
                continue
        first = doc[start]
        mentions[:] = [m for m in mentions if not first.idx <= m.start < tok.idx]
        for k in range(start, tok.i + 1):
            taken[k] = True
        end = tok.idx + len(match.group(1))
        mentions.append(Mention(first.idx, end, text[first.idx : end], entries, "GAZ"))


def _add_datelines(doc: Doc, gaz: Gazetteer, mentions: list[Mention], taken, text: str) -> None:
    """Upper-case datelines ("MANSFIELD -- ...", "BAIKONUR, Kazakhstan —")."""
    for match in DATELINE_RE.finditer(text[:2000] if len(text) > 2000 else text):
        name = match.group(1).strip()
        if not name.isupper() or len(name) < 3:
            continue
        start = match.start(1)
        span = doc.char_span(start, start + len(name), alignment_mode="contract")
        if span is None or len(span) == 0 or any(taken[span.start : span.end]):
            continue
        entries = usable(gaz.find(name), name, allow_alt=False)
        if entries:
            for k in range(span.start, span.end):
                taken[k] = True
            mentions.append(Mention(span.start_char, span.end_char, span.text, entries, "DATELINE"))
