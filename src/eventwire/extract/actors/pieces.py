"""Pieces of actor mentions: dictionary and NER hits that `actors` chains into noun phrases.

A piece is a token range with what it contributes to an actor code: a country ("Pakistan",
"Pakistani"), a capital ("Washington"), an organisation ("White House", "Hamas"), a sector
word ("Army", "Prime Minister", "troops") or a person's name. Matching is done with two
PhraseMatchers compiled once per vocabulary: a case-sensitive one for proper names and a
lower-case one for sector words. Overlaps are resolved longest-first.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.matcher import PhraseMatcher
from spacy.symbols import PROPN as PROPN_POS
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ...nlp import load_nlp
from ...resources.actor_dictionary import (
    capitals,
    country_adjectives,
    country_names,
    organisations,
    people,
    sector_terms,
)

# Kinds of pieces, in the order they win a tie between two matches of equal length.
PERSON, ORG, COUNTRY, ADJ, CAPITAL, SECTOR, NAME, ORGNAME, NORP, GPE = (
    "person",
    "org",
    "country",
    "adj",
    "capital",
    "sector",
    "name",
    "orgname",
    "norp",
    "gpe",
)
_PRIORITY = {PERSON: 0, ORG: 1, COUNTRY: 2, ADJ: 3, CAPITAL: 4, SECTOR: 5}

# Words that may start a capitalised run but are never part of a name or an office.
_NOT_NAME = frozenset(
    {
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "on",
        "in",
        "at",
        "of",
        "for",
        "to",
        "by",
        "with",
        "said",
        "says",
        "told",
        "also",
        "after",
        "before",
        "while",
        "when",
        "as",
        "this",
        "that",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "his",
        "her",
        "their",
        "its",
        "our",
        "mr",
        "mrs",
        "ms",
    }
)


@dataclass(slots=True)
class Piece:
    start: int  # token index
    end: int  # token index, exclusive
    kind: str
    key: str  # the matched surface form (lower-cased for sector words)
    label: str | None = None  # the NER organisation name a sector word heads, if any

    @property
    def sector_kind(self) -> str | None:
        if self.kind != SECTOR:
            return None
        return sector_terms()[self.key].kind


def indices_of(doc: Doc, words: frozenset[str]) -> list[int]:
    """Token indices whose lower-cased text is in `words`, without building a Token per word
    (extractors must stay a few percent of the parse)."""
    wanted = {doc.vocab.strings[w] for w in words}
    return [i for i, value in enumerate(doc.to_array("LOWER").tolist()) if value in wanted]


def sentence_index(doc: Doc) -> list[int]:
    """The sentence number of every token."""
    index = [0] * len(doc)
    if not doc.has_annotation("SENT_START"):
        return index
    for number, sent in enumerate(doc.sents):
        index[sent.start : sent.end] = [number] * (sent.end - sent.start)
    return index


@cache
def _matchers(vocab: Vocab) -> tuple[PhraseMatcher, PhraseMatcher]:
    """(case-sensitive proper-name matcher, lower-case sector-word matcher) for a vocab."""
    tokenizer = load_nlp().tokenizer
    proper = PhraseMatcher(vocab, attr="ORTH")
    for label, table in (
        (PERSON, people()),
        (ORG, organisations()),
        (COUNTRY, country_names()),
        (ADJ, country_adjectives()),
        (CAPITAL, capitals()),
    ):
        proper.add(label, [tokenizer(surface) for surface in table])
    # Headlines in capitals ("PAKISTAN ARMY CHIEF SAYS"): country words only, and only long
    # ones, so "US" and "IS" stay what they are.
    for label, table in ((COUNTRY, country_names()), (ADJ, country_adjectives()), (CAPITAL, capitals())):
        proper.add(label, [tokenizer(key) for key in _upper_keys(table)])
    lower = PhraseMatcher(vocab, attr="LOWER")
    patterns = [tokenizer(term.surface) for term in sector_terms().values()]
    # "Secretary-General" splits at the capital while "secretary-general" stays one token
    patterns += [
        tokenizer("-".join(part.capitalize() for part in term.surface.split("-")))
        for term in sector_terms().values()
        if "-" in term.surface
    ]
    lower.add(SECTOR, patterns)
    return proper, lower


def _upper_keys(table: dict[str, str]) -> dict[str, str]:
    """Upper-case forms of a table's longer names -> the names ("PAKISTAN" -> "Pakistan")."""
    return {key.upper(): key for key in table if len(key) >= 4 and key.upper() != key}


@cache
def _upper_names() -> dict[str, str]:
    return {**_upper_keys(country_names()), **_upper_keys(country_adjectives()), **_upper_keys(capitals())}


def _dictionary_pieces(doc: Doc) -> list[Piece]:
    proper, lower = _matchers(doc.vocab)
    found = []
    for matcher, lowercase in ((proper, False), (lower, True)):
        for label_id, start, end in matcher(doc):
            text = doc[start:end].text
            kind = doc.vocab.strings[label_id]
            key = text.lower() if lowercase else _upper_names().get(text, text)
            found.append(Piece(start, end, kind, key))
    return found


_LED = ("-led", "-run")


def _led_pieces(doc: Doc) -> list[Piece]:
    """ "Saudi-led", "U.S.-led", "Hamas-run" (one token each): the country or organisation
    leads or runs the phrase, so it gives the actor's code ("a Saudi-led coalition" -> SAU,
    "the Hamas-run health ministry" -> PSE). "-backed" does not: "Iran-backed rebels" are
    not Iranian."""
    names, adjectives, orgs = country_names(), country_adjectives(), organisations()
    found = []
    for i in indices_of_suffix(doc, _LED):
        prefix = doc[i].text[:-4]
        if prefix in adjectives or prefix in names:
            found.append(Piece(i, i + 1, ADJ, prefix))
        elif prefix in orgs:
            found.append(Piece(i, i + 1, ORG, prefix))
    return found


def indices_of_suffix(doc: Doc, suffixes: tuple[str, ...]) -> list[int]:
    """Token indices whose text ends with one of `suffixes` (via the SUFFIX attribute, which
    holds the last three characters, to avoid building every Token)."""
    wanted = {doc.vocab.strings[s[-3:]] for s in suffixes}
    hits = [i for i, value in enumerate(doc.to_array("SUFFIX").tolist()) if value in wanted]
    return [i for i in hits if doc[i].text.endswith(suffixes) and len(doc[i].text) > 4]


def _keep_sector(doc: Doc, piece: Piece) -> bool:
    """Ranks count only when capitalised and before a name ("General Asim Munir"), so the
    adjective "general" or the noun "major" are not actors."""
    if piece.sector_kind == "rank":
        first = doc[piece.start]
        nxt = doc[piece.end] if piece.end < len(doc) else None
        # lower-case only right before a name ("former army general Benny Gantz")
        return (
            nxt is not None
            and nxt.is_title
            and nxt.pos_ == "PROPN"
            and (first.is_title or piece.end - piece.start == 1)
        )
    return True


def _select(candidates: list[Piece], taken: list[bool]) -> list[Piece]:
    """Longest-first, then by kind priority, without overlaps."""
    chosen = []
    for piece in sorted(candidates, key=lambda p: (p.start - p.end, _PRIORITY.get(p.kind, 9), p.start)):
        if any(taken[piece.start : piece.end]):
            continue
        for i in range(piece.start, piece.end):
            taken[i] = True
        chosen.append(piece)
    return chosen


def _strip_leading(doc: Doc, start: int, end: int, by_token: dict[int, Piece]) -> int:
    """Move the start of an NER name past office words and countries the model swallowed
    ("Prime Minister Shehbaz Sharif" tagged as one PERSON)."""
    while start < end and (
        start in by_token or doc[start].lower_ in _NOT_NAME or doc[start].tag_ == "POS" or doc[start].is_punct
    ):
        start += 1
    return start


def _ner_pieces(doc: Doc, chosen: list[Piece], taken: list[bool]) -> list[Piece]:
    """PERSON, ORG and NORP entities the dictionaries do not already cover."""
    by_token = {i: p for p in chosen if p.kind != PERSON for i in range(p.start, p.end)}
    extra = []
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"):
            continue
        start = _strip_leading(doc, ent.start, ent.end, by_token)
        end = ent.end
        while end > start and (
            doc[end - 1].tag_ == "POS"
            or doc[end - 1].is_punct
            or (doc[end - 1].is_lower and doc[end - 1].is_stop)
        ):
            end -= 1
        if start >= end:
            continue
        if ent.label_ == "PERSON" and _longer_name(doc, start, end, chosen):
            # "Donald Trump Jr.", "Abe Lincoln": a longer name than the known person's, so
            # someone else; the known piece gives way to the whole name.
            for piece in [p for p in chosen if p.kind == PERSON and start <= p.start and p.end <= end]:
                chosen.remove(piece)
                for i in range(piece.start, piece.end):
                    taken[i] = False
        if any(taken[i] and by_token.get(i) is None for i in range(start, end)):
            continue
        inside = {id(by_token[i]): by_token[i] for i in range(start, end) if i in by_token}
        if ent.label_ in ("GPE", "LOC", "FAC") and inside and _other_place(doc, start, end, by_token):
            # "New Mexico", "British Columbia", "Indian Ocean", "South China Sea": another
            # place whose name contains a country word, not that country.
            for piece in inside.values():
                if piece.kind in (COUNTRY, ADJ, CAPITAL):
                    chosen.remove(piece)
                    for i in range(piece.start, piece.end):
                        taken[i] = False
            inside = {}
        if ent.label_ in ("LOC", "FAC"):
            continue
        if ent.label_ == "PERSON":
            # A name beats country or sector words inside it ("Michael Jordan", "Chad Smith").
            for piece in inside.values():
                chosen.remove(piece)
                for i in range(piece.start, piece.end):
                    taken[i] = False
            kind = NAME
        elif inside:
            # Dictionary pieces inside an ORG carry its code ("Movement for Democratic
            # Change", "Munich Regional Court"): the last one takes the ORG's tail words.
            last = max(inside.values(), key=lambda p: p.start)
            if ent.label_ == "ORG" and last.kind == SECTOR and not any(taken[last.end : end]):
                for i in range(last.end, end):
                    taken[i] = True
                last.end = max(last.end, end)
                while end > start and not doc[end - 1].is_title:
                    end -= 1  # "State Councillor of" -> "State Councillor"
                last.label = doc[start:end].text
            continue
        else:
            kind = {"ORG": ORGNAME, "NORP": NORP, "GPE": GPE}[ent.label_]
        for i in range(start, end):
            taken[i] = True
        extra.append(Piece(start, end, kind, doc[start:end].text))
    return extra


# Words that narrow a country without naming another place ("northeast Nigeria", "the
# Republic of San Marino", "South Vietnam").
_PLACE_FILLERS = frozenset(
    {
        "and",
        "or",
        "the",
        "of",
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "republic",
        "kingdom",
        "state",
        "islamic",
        "federal",
        "democratic",
        "people",
        "mainland",
        "upper",
        "lower",
        "rural",
        "greater",
    }
)


def _other_place(doc: Doc, start: int, end: int, by_token: dict[int, Piece]) -> bool:
    """Whether a place entity has name words besides its country words ("New Mexico"), as
    opposed to a list or pair of countries ("India-Pakistan", "Israel and Gaza")."""
    words = [t for t in doc[start:end] if t.i not in by_token and t.is_alpha]
    return any(t.lower_ not in _PLACE_FILLERS for t in words)


def _longer_name(doc: Doc, start: int, end: int, chosen: list[Piece]) -> bool:
    """Whether a PERSON entity holds a known person's name plus more name words."""
    inner = [p for p in chosen if p.kind == PERSON and start <= p.start and p.end <= end]
    if len(inner) != 1 or (inner[0].start, inner[0].end) == (start, end):
        return False
    extra = [t for t in doc[start:end] if not inner[0].start <= t.i < inner[0].end]
    suffixes = ("Jr.", "Jr", "Sr.", "III", "II")
    return all(t.is_title or t.text in suffixes for t in extra if t.is_alpha or "." in t.text)


def _name_after_office(doc: Doc, pieces: list[Piece], taken: list[bool]) -> list[Piece]:
    """A capitalised run right after an office or rank is a name even when NER missed it
    ("External Affairs Minister S Jaishankar")."""
    extra = []
    for piece in pieces:
        if piece.sector_kind not in ("title", "rank", "generic"):
            continue
        i = piece.end
        while (
            i < len(doc)
            and i - piece.end < 4
            and not taken[i]
            and doc[i].is_title
            and doc[i].pos_ == "PROPN"
            and doc[i].lower_ not in _NOT_NAME
        ):
            i += 1
        if i > piece.end:
            for k in range(piece.end, i):
                taken[k] = True
            extra.append(Piece(piece.end, i, NAME, doc[piece.end : i].text))
    return extra


def _unknown_subjects(doc: Doc, taken: list[bool]) -> list[Piece]:
    """A capitalised proper noun that is a verb's subject is an actor even when NER missed
    it ("Erdogan said"); its compound words come with it."""
    extra = []
    subjects = {doc.vocab.strings["nsubj"], doc.vocab.strings["nsubjpass"]}
    rows = doc.to_array(["POS", "DEP"]).tolist() if len(doc) else []
    for i, (pos, dep) in enumerate(rows):
        if pos != PROPN_POS or dep not in subjects:
            continue
        token = doc[i]
        if (
            taken[token.i]
            or not token.is_title
            or token.ent_type_ not in ("", "PERSON", "ORG", "NORP")
            or token.lower_ in _NOT_NAME
        ):
            continue
        start = token.i
        while (
            start > 0
            and not taken[start - 1]
            and doc[start - 1].dep_ == "compound"
            and doc[start - 1].pos_ == "PROPN"
            and doc[start - 1].is_title
        ):
            start -= 1
        for i in range(start, token.i + 1):
            taken[i] = True
        kind = NAME if token.ent_type_ == "PERSON" else ORGNAME
        extra.append(Piece(start, token.i + 1, kind, doc[start : token.i + 1].text))
    return extra


def find_pieces(doc: Doc) -> list[Piece]:
    """All actor pieces of a document in text order, without overlaps."""
    taken = [False] * len(doc)
    candidates = [p for p in _dictionary_pieces(doc) if p.kind != SECTOR or _keep_sector(doc, p)]
    candidates += _led_pieces(doc)
    chosen = _select(candidates, taken)
    chosen += _ner_pieces(doc, chosen, taken)
    chosen += _name_after_office(doc, chosen, taken)
    chosen += _unknown_subjects(doc, taken)
    return sorted(chosen, key=lambda p: p.start)
