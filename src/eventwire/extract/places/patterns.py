"""Places read off the text's patterns around names rather than NER's spans: "X, Y"
containment ("Springfield, Ill."), lists of states and cities, "A and B counties", names
glued to a modifier ("Atlanta-area"), datelines, and series of three or more places.
`mentions` calls these after its pass over the entities, with its `add` step.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ...nlp import doc_text
from ...resources.gazetteer import ABBREV, ALIAS, PRIMARY, Entry, Gazetteer
from .names import (
    DATELINE_RE,
    GLUED,
    Mention,
    is_country,
    strong_name,
    usable,
)

_REGIONS_WORD = re.compile(r"\s+(?:provinces|states|regions)\b")
# commas and "and" between two items, with maybe unknown capitalised items between them
_JOIN = re.compile(
    r"(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)"
    r"(?:[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,2}"
    r"(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+))*"
)


def mark_series(doc: Doc, mentions: list[Mention]) -> None:
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


def state_list(doc: Doc, first: Span, second: Span, gaz: Gazetteer) -> bool:
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


def city_list(doc: Doc, first: Span, second: Span, gaz: Gazetteer) -> bool:
    """ "New York, Boston, Chicago and Detroit": a series of three or more names whose second
    is no state or country is a list, not the first inside the second (Boston is no
    village in Chicago). "Khasa Cantt, Amritsar" and "Springfield, Ill., and Dayton" keep
    their containment."""
    if _is_region(gaz.find(second.text)):
        return False
    return _list_item(doc, second.end, 1) or _list_item(doc, first.start - 1, -1)


def add_containment(doc: Doc, gaz: Gazetteer, mentions: list[Mention], taken, add) -> None:
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
            and second is not None
            and region is not m
            and not is_country(m)
            and not state_list(doc, span, second, gaz)
            and not city_list(doc, span, second, gaz)
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


def add_listed_counties(doc: Doc, gaz: Gazetteer, mentions: list[Mention], taken, add, text: str) -> None:
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


def add_glued(doc: Doc, gaz: Gazetteer, mentions: list[Mention], taken, text: str) -> None:
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


def add_datelines(doc: Doc, gaz: Gazetteer, mentions: list[Mention], taken, text: str) -> None:
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
