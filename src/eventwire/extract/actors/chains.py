"""Actors: mentions of people, organisations and countries with CAMEO actor codes.

How a mention is built:

1. `pieces.find_pieces` finds dictionary hits (countries, demonyms, capitals,
   organisations, known people, sector words) and NER names.
2. Adjacent pieces are chained into one noun phrase: directly adjacent ("US Secretary of
   State Marco Rubio"), across a possessive ("Pakistan's Army Chief General Asim Munir"),
   across "of" before a country ("the Foreign Minister of Pakistan") and across a comma
   before an appositive name ("the Palestinian president, Mahmoud Abbas"). Capitalised words
   just before an office join it ("External Affairs Minister", "Munich Regional Court").
3. The chain is coded: country from the first country-like piece (else the known person's
   or organisation's, from the knowledge base with the publication date's role; else, for a
   place acting as an actor, the place's: see `knowledge`), sector from the last office or
   organisation word (a generic word such as "chief" or "spokesperson" keeps the sector
   before it: "Army Chief" is MIL; "former", "retired", "ex-" make the holder ELI), name
   from the person or organisation, title from the office words.
   Across "for" a spokesman takes the code of whom he speaks for ("a spokesman for the
   Taliban"); "Saudi-led"/"Hamas-run" give the leading country or organisation; a phrase
   owned by a pronoun ("its troops") is resolved with the pronouns.
4. Place names are actors only as participants ("shelled Mosul", "talks with Tehran"); a
   capital is its government when it acts ("Washington said"); country words inside other
   place names ("New Mexico", "South China Sea") and "Georgia" next to US-state cues are not
   countries (see data/actors/ambiguous.tsv).
5. `resolution` adds pronouns, surnames, descriptions and "the two countries".

"The two countries" / "both countries" become two actors on the same span, one per country
of the article's main dyad, so the event coder can emit one event per country by taking
every actor whose span overlaps its source or target.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from ...nlp import doc_text
from ...records import Actor
from ...resources.actor_dictionary import (
    INTERNATIONAL,
    ambiguous_countries,
    capitals,
    country_adjectives,
    country_label,
    country_names,
    organisations,
    pick_dated,
    sector_terms,
)
from .knowledge import exact_single, formerly, known, place_country
from .mention import Mention, to_actor
from .pieces import (
    _NOT_NAME,
    ADJ,
    CAPITAL,
    COUNTRY,
    GPE,
    NAME,
    NORP,
    ORG,
    ORGNAME,
    PERSON,
    SECTOR,
    Piece,
    find_pieces,
)
from .resolution import resolve_mentions

_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_OWNERS = frozenset({"its", "their", "our", "his", "her"})
_LEFT_MAX = 3  # capitalised words an office may take on its left ("External Affairs Minister")
_NAMED = (PERSON, NAME)
_COUNTRYISH = (COUNTRY, ADJ, CAPITAL)
_OBJECT_PREPS = frozenset({"by", "with", "against", "to", "on", "from", "toward", "towards"})
# A place is a participant after fewer prepositions: "attack on Mosul", not "flew to Mosul".
_PLACE_OBJECT_PREPS = frozenset({"by", "against", "on", "with"})
_CAPITAL_OBJECT_PREPS = _PLACE_OBJECT_PREPS | {"toward", "towards"}


def _is_modifier(token, start: int, end: int) -> bool:
    """A noun or adjective that modifies a word in [start, end) ("immigration" minister)."""
    return (
        token.dep_ in ("compound", "amod", "nmod")
        and token.pos_ in ("NOUN", "PROPN", "ADJ")
        and token.i < token.head.i < end
        and token.head.i >= min(start, token.i + 1)
    )


def _extend_left(doc: Doc, piece: Piece, floor: int) -> int:
    """Words just before an office or body that belong to it: capitalised ones ("Press
    Secretary", "Munich I Regional Court") and modifiers the parse attaches to it
    ("immigration minister"); never past a sentence end, a determiner or another piece."""
    start = piece.start
    while start > floor and piece.start - start < _LEFT_MAX:
        token = doc[start - 1]
        if token.is_sent_end or not token.is_alpha or token.lower_ in _NOT_NAME:
            break
        capitalised = (
            token.is_title
            and token.pos_ in ("PROPN", "NOUN", "ADJ")
            and (not token.is_sent_start or token.pos_ == "PROPN")
        )
        if not (capitalised or _is_modifier(token, start, piece.end)):
            break
        start -= 1
    return start


def _joins(doc: Doc, prev: Piece, nxt: Piece) -> bool:
    """Whether `nxt` continues the noun phrase that `prev` ends."""
    if prev.kind in _COUNTRYISH + (ORG, GPE) and nxt.kind in _COUNTRYISH + (GPE,):
        return False  # "India Pakistan", "US China", "Washington, D.C." are separate
    gap = doc[prev.end : nxt.start]
    if any(t.is_sent_start for t in doc[prev.end : nxt.end]):
        return False  # never across sentences
    last = doc[prev.end - 1]
    if (
        not gap
        and nxt.kind not in _NAMED
        and last.dep_ in ("compound", "amod", "nmod")
        and nxt.start <= last.head.i < nxt.end
    ):
        return True  # the parse says prev modifies nxt ("Trump administration", "rebel commander")
    if prev.kind in _NAMED or prev.sector_kind in ("group", "members", "equipment"):
        return False  # a name or a plural group ends the phrase
    if len(gap) == 0:
        return not (prev.kind == ORGNAME and nxt.kind in (ORGNAME, NAME, PERSON))
    words = [t.lower_ for t in gap]
    if (
        prev.kind in _COUNTRYISH + (ORG,)
        and nxt.kind == SECTOR
        and len(gap) <= 2
        and all(_is_modifier(t, t.i, nxt.end) for t in gap)
    ):
        return True  # "US federal investigators", "Chinese state media"
    if words[0] in _POSSESSIVE and all(_is_modifier(t, t.i, nxt.end) for t in gap[1:]):
        # "Pakistan's Army Chief", "France's immigration minister"
        return prev.kind in _COUNTRYISH + (ORG, ORGNAME) and nxt.kind not in _COUNTRYISH
    if words in (["of"], ["of", "the"]):
        return prev.kind == SECTOR and nxt.kind in (COUNTRY, ORG, ORGNAME, ADJ)
    if words in (["-", "led"], ["‑", "led"]):  # "US-led forces"
        return prev.kind in _COUNTRYISH and nxt.kind == SECTOR
    if words in (["for"], ["for", "the"]):  # "a spokesman for the Taliban"
        return prev.sector_kind in ("generic", "members") and nxt.kind != GPE
    if words == [","] and nxt.kind in _NAMED:  # "the Palestinian president, Mahmoud Abbas"
        return prev.sector_kind in ("title", "generic") and (
            doc[nxt.start].dep_ == "appos" or doc[nxt.end - 1].dep_ == "appos"
        )
    return False


def _chains(doc: Doc, pieces: list[Piece]) -> list[list[Piece]]:
    chains: list[list[Piece]] = []
    for piece in pieces:
        if chains and _joins(doc, chains[-1][-1], piece):
            chains[-1].append(piece)
        else:
            chains.append([piece])
    return chains


def _capital_role(doc: Doc, piece: Piece) -> str | None:
    """ "GOV" when a capital acts for its government ("Washington said", "Beijing's
    response"), "" when it is an event's object ("strikes on Damascus"), None for a place."""
    if _is_acting(doc, piece):
        return "GOV"
    token = doc[piece.end - 1]
    while token.dep_ in ("conj", "appos") and token.head != token:
        token = token.head
    if token.dep_ == "dobj" or (token.dep_ == "pobj" and token.head.lower_ in _CAPITAL_OBJECT_PREPS):
        return ""  # "talks with Tehran", "strikes on Damascus"
    if token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.head.pos_ in ("NOUN", "PROPN"):
        return ""  # "an ultimatum to Damascus", "aid to Kabul"; not "flew to Moscow"
    return None


def _is_acting(doc: Doc, piece: Piece) -> bool:
    """A capital stands for its government when it acts: subject of a verb ("Washington
    said") or possessor ("Beijing's response"), not a place ("in Beijing")."""
    last = doc[piece.end - 1]
    nxt = doc[piece.end] if piece.end < len(doc) else None
    if nxt is not None and nxt.lower_ in _POSSESSIVE:
        return True
    return last.dep_ in ("nsubj", "nsubjpass") and last.head.pos_ in ("VERB", "AUX")


def _determined(doc: Doc, piece: Piece) -> bool:
    """A noun phrase head right after "the"/"a"/"an" ("the spokesman")."""
    head = doc[piece.end - 1]
    return (
        piece.start > 0
        and doc[piece.start - 1].lower_ in ("the", "a", "an")
        and head.dep_ not in ("compound", "amod")
    )


def _head_piece(doc: Doc, chain: list[Piece]) -> Piece:
    """The piece holding the phrase's syntactic head ("Court" in "Court of Criminal Appeals")."""
    start, end = chain[0].start, chain[-1].end
    for piece in chain:
        if any(not start <= t.head.i < end or t.head == t for t in doc[piece.start : piece.end]):
            return piece
    return chain[-1]


def _is_participant(doc: Doc, piece: Piece, places: bool = False) -> bool:
    """An unknown organisation name counts when it is a verb's subject or object, an agent
    ("by X"), or a possessor; not as a location or a modifier."""
    token = next(
        (t for t in doc[piece.start : piece.end] if not piece.start <= t.head.i < piece.end or t.head == t),
        doc[piece.end - 1],
    )  # the piece's head word
    nxt = doc[piece.end] if piece.end < len(doc) else None
    if nxt is not None and nxt.lower_ in _POSSESSIVE:
        return True
    while token.dep_ in ("conj", "appos") and token.head != token:
        token = token.head  # "X and Y": Y plays X's part
    if token.dep_ in ("nsubj", "nsubjpass", "dobj"):
        return True
    preps = _PLACE_OBJECT_PREPS if places else _OBJECT_PREPS
    return token.dep_ == "pobj" and token.head.lower_ in preps


def _person(key: str, published: dt.date | None):
    """A known person's role on the day (the knowledge base: our tables, Wikidata's office
    holders, Phoenix); None when unknown or when people of different countries share it."""
    answer = known(key, published)
    return answer if answer is not None and answer.is_person else None


def _name_facts(piece: Piece, published: dt.date | None):
    """What the knowledge base says of a name NER found: a full name is looked up as it is;
    a one-word person's name as a surname (kept only for a head of state or government or a
    person of our own table, when one person of that name holds office that day, or all who
    bear it are of one country); a one-word organisation only by
    its own name or acronym ("FDLR"), not by any alias ("Security")."""
    if piece.kind == GPE or len(piece.key) < 3:
        return None
    one_word = " " not in piece.key
    answer = known(piece.key, published, surname=one_word and piece.kind == NAME)
    if answer is None or (piece.kind == NAME and not answer.is_person):
        return None
    if one_word and piece.kind == ORGNAME and not exact_single(piece.key, answer.name):
        return None
    if not answer.notable and answer.status != "in office":
        return None  # a one-time member of some parliament: too weak for a common name
    if one_word and piece.kind == NAME and not answer.famous:
        return None  # a surname alone means a head of state or government, or one of ours
    return answer


def _org(key: str, published: dt.date | None):
    return pick_dated(organisations().get(key, ()), published)


def _is_actor_chain(doc: Doc, chain: list[Piece], owned: bool = False) -> bool:
    """Whether a chained phrase is an actor at all (not "chief", "military strike", "in Punjab").
    `owned`: a possessive pronoun precedes it ("its troops", "our air defence units")."""
    kinds = {p.kind for p in chain}
    sector_kinds = {p.sector_kind for p in chain if p.kind == SECTOR}
    if owned and kinds == {SECTOR} and sector_kinds - {"modifier", "rank"}:
        return True
    anchored = kinds & {COUNTRY, ADJ, ORG, ORGNAME, PERSON, NAME, NORP, GPE}
    if not anchored and not sector_kinds & {"title", "body", "venue", "group", "members", "unit"}:
        lone_description = sector_kinds == {"generic"} and _determined(doc, chain[0])  # "a spokesman"
        if not lone_description and kinds not in ({CAPITAL}, {CAPITAL, SECTOR}):
            return False  # lone "chief", "drones", "General" are not actors
    if kinds == {CAPITAL} and _capital_role(doc, chain[0]) is None:
        return False  # "in Washington"
    if sector_kinds == {"modifier"} and not anchored:
        return False
    if not anchored and len(chain) == 1 and doc[chain[0].end - 1].dep_ in ("amod", "compound"):
        return False  # "military strike", "police station": a modifier, not an actor
    if (
        sector_kinds == {"venue"}
        and not anchored
        and not _is_participant(doc, _head_piece(doc, chain), places=True)
    ):
        return False  # "in court", "at the hospital": a place here
    if kinds <= {ORGNAME, NORP} and not _is_participant(doc, chain[-1]):
        return False  # an unknown name that does not act ("in Punjab") is left to places
    if GPE in kinds and not _is_participant(doc, chain[0], places=True):
        return False  # a place name is an actor only as a participant ("shelled Mosul")
    return True


def _sector_of(term, sector: str | None) -> str | None:
    """The sector after one more office/organisation word: an organisation or office sets it,
    a generic role, unit, rank or modifier keeps the one before ("Army Chief" stays MIL)."""
    if term.kind in ("generic", "members", "modifier", "unit", "rank"):
        return sector or term.sector
    return term.sector or sector


def _code_chain(
    doc: Doc,
    chain: list[Piece],
    published: dt.date | None,
    left: int,
    owned: bool = False,
    place_country_hint: str | None = None,
) -> Mention | None:
    """Country, sector, name and title of one chained phrase; None if it is not an actor."""
    if not _is_actor_chain(doc, chain, owned):
        return None
    country = sector = name = org_sector = known = known_person = None
    title_pieces: list[Piece] = []
    is_person = False
    for piece in chain:
        if piece.kind == COUNTRY:
            country = country or country_names()[piece.key]
        elif piece.kind == ADJ:  # "Pakistani"; also "Saudi-led", "U.S.-led"
            country = country or country_adjectives().get(piece.key) or country_names()[piece.key]
        elif piece.kind == CAPITAL:
            country = country or capitals()[piece.key]
            sector = sector or (_capital_role(doc, piece) if len(chain) == 1 else "GOV") or None
        elif piece.kind == ORG:
            org = _org(piece.key, published)
            if org is not None:
                country, org_sector = country or org.country, org.sector
                sector = org.sector or sector
                if doc[piece.start : piece.end].text == piece.key:  # not "Hamas-run"
                    name = org.name
        elif piece.kind in (ORGNAME, GPE):
            facts, name, place = _org_or_place(piece, published)
            if facts is not None and facts.is_person:
                is_person, known_person = True, facts  # NER called a person an organisation
            elif facts is not None:
                country, sector = country or facts.country, sector or facts.sector
            country = country or place
        elif piece.kind == SECTOR:
            term = sector_terms()[piece.key]
            if piece.label and term.kind in ("body", "venue", "unit"):
                name = name or piece.label
            if term.kind in ("title", "generic", "modifier"):
                title_pieces.append(piece)
            sector = _sector_of(term, sector)
        elif piece.kind in _NAMED and (piece is not chain[-1] or _speaks_for(doc, chain, piece)):
            # a name modifying an organisation ("Trump administration") or one a spokesman
            # speaks for ("a spokesman for President Ashraf Ghani") lends its country and office
            modifier = _person(piece.key, published) if piece.kind == PERSON else None
            country = country or (modifier.country if modifier else None)
            sector = sector or (modifier.sector if modifier else None)
        elif piece.kind == PERSON:
            is_person = True
            known = _person(piece.key, published)
            name = known.name if known else piece.key
            country = country or (known.country if known else None)
        elif piece.kind == NAME:
            is_person, name = True, piece.key
            known_person = _name_facts(piece, published)
            if known_person is not None and " " in piece.key:
                name = known_person.name
    known = known or known_person  # a name from NER the knowledge base knows
    country = country or (known.country if known else None) or place_country_hint
    has_office = any(
        p.sector_kind in ("title", "body", "venue", "generic", "rank", "group", "members") for p in chain
    )
    if known is not None and not has_office:
        sector = known.sector  # a bare known name: the dictionary's office
    if (has_office or is_person) and formerly(doc, left, chain[-1].end):
        sector = "ELI"  # "former President X", "a retired general", "ex-minister"
    sector = _checked_sector(chain, country, sector, org_sector)
    # a modifier right before a country is not part of the office ("former Afghanistan president")
    title_pieces = [
        p for p in title_pieces if not _before_country(chain, p) and not _speaks_for(doc, chain, p)
    ]
    title = _title(doc, title_pieces, _title_start(doc, chain, title_pieces, left))
    if known is not None and title is None and not has_office and sector == known.sector:
        title = known.title
    name = name or _institution_name(doc, chain, left, country)
    code = (country or "") + (sector or "") or None
    return Mention(left, chain[-1].end, chain, code, country, sector, name, title, is_person)


def _org_or_place(piece: Piece, published: dt.date | None):
    """(knowledge-base facts, name, place country) of an NER organisation or place name: what
    the knowledge base knows of it, else the country of a place acting ("Mariupol said";
    NER calls some towns ORG)."""
    facts = _name_facts(piece, published)
    if facts is None:
        return None, piece.key, place_country(piece.key)
    return facts, facts.name if " " in piece.key and not facts.is_person else piece.key, None


def _checked_sector(chain: list[Piece], country: str | None, sector: str | None, org_sector: str | None):
    if country in INTERNATIONAL:
        return org_sector  # "UN envoy" stays UNO
    if (
        sector == "GOV"
        and country is None
        and ORGNAME in {p.kind for p in chain}
        and not any(
            p.kind == ORG or p.sector_kind in ("body", "venue", "unit", "group", "members") for p in chain
        )
    ):
        return None  # "Westinghouse president Paul Lego": an unknown organisation's office
    return sector


def _institution_name(doc: Doc, chain: list[Piece], left: int, country: str | None) -> str | None:
    if left < chain[0].start and chain[0].sector_kind in ("body", "venue", "unit"):
        return doc[left : chain[0].end].text  # a named institution ("Munich Regional Court")
    if country and {p.kind for p in chain} <= set(_COUNTRYISH):
        return country_label(country)  # "the U.S." -> "United States", "Islamabad" -> "Pakistan"
    return None


def _speaks_for(doc: Doc, chain: list[Piece], piece: Piece) -> bool:
    """Whether `piece` comes after "for" in the chain ("a spokesman for ... Ghani")."""
    return any(doc[p.end].lower_ == "for" for p in chain[: chain.index(piece)] if p.end < len(doc))


def _before_country(chain: list[Piece], piece: Piece) -> bool:
    i = chain.index(piece)
    return (
        i + 1 < len(chain)
        and chain[i + 1].kind in _COUNTRYISH + (ORG, ORGNAME)
        and chain[i + 1].start == piece.end
    )


def _title_start(doc: Doc, chain: list[Piece], title_pieces: list[Piece], left: int) -> int | None:
    """Where the title begins: the first office word, with the words it takes on its left."""
    if not title_pieces:
        return None
    first = title_pieces[0]
    if first is chain[0]:
        return left
    before = chain[chain.index(first) - 1]
    return _extend_left(doc, first, before.end)


def _title(doc: Doc, pieces: list[Piece], left: int | None) -> str | None:
    """Text of the office words, from the first to the last ("Army Chief", "External Affairs
    Minister"); ranks such as "General" are left out."""
    if not pieces:
        return None
    if all(p.sector_kind == "modifier" for p in pieces):
        return None
    start = pieces[0].start if left is None else left
    return doc[start : pieces[-1].end].text


def _with_left_words(doc: Doc, chain: list[Piece], floor: int) -> int:
    first = chain[0]
    if first.kind == SECTOR and first.sector_kind in (
        "title",
        "body",
        "venue",
        "generic",
        "modifier",
        "unit",
    ):
        return _extend_left(doc, first, floor)
    return first.start


def _with_determiner(doc: Doc, start: int) -> int:
    """Include a directly preceding "the" ("the Indian Army")."""
    if start > 0 and doc[start - 1].lower_ == "the":
        return start - 1
    return start


def _drop_other_places(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """ "Georgia" next to Atlanta or Florida is the US state, unless the article also speaks
    of Tbilisi or Georgians (see ambiguous.tsv)."""
    table = ambiguous_countries()
    suspects = [
        m for m in mentions if len(m.pieces) == 1 and m.pieces[0].kind == COUNTRY and m.pieces[0].key in table
    ]
    if not suspects:
        return mentions
    text = doc_text(doc)
    drop = set()
    for m in suspects:
        cues, confirm = table[m.pieces[0].key]
        if any(word in text for word in cues) and not any(word in text for word in confirm):
            drop.add(id(m))
    return [m for m in mentions if id(m) not in drop]


def find_mentions(doc: Doc, published: dt.date | None) -> list[Mention]:
    """Chained, coded noun-phrase mentions in text order (no pronouns yet)."""
    mentions: list[Mention] = []
    floor = 0
    pieces = find_pieces(doc)
    places = {i: p for p in pieces if p.kind in (COUNTRY, CAPITAL) for i in range(p.start, p.end)}
    for chain in _chains(doc, pieces):
        hint = None
        if len(chain) > 1 and any(p.kind == GPE for p in chain):
            # "Texas police", "Shanghai authorities": the GPE is a modifier that gives the country
            hint = next((place_country(p.key) for p in chain if p.kind == GPE), None)
            chain = [p for p in chain if p.kind != GPE]
            if not chain:
                continue
        left = _with_left_words(doc, chain, floor)
        before = doc[left - 1] if left > floor else None
        owner = (
            left - 1 if before is not None and before.lower_ in _OWNERS and before.tag_ == "PRP$" else None
        )
        mention = _code_chain(doc, chain, published, left, owned=owner is not None, place_country_hint=hint)
        floor = chain[-1].end
        if mention is None:
            continue
        if owner is not None and mention.country is None:
            mention.start = mention.possessor = owner  # resolved with the pronouns
        elif mention.country is None and mention.sector not in (None, "MIL"):
            _locate(doc, mention, places)
        mention.start = _with_determiner(doc, mention.start)
        mentions.append(mention)
    return _drop_other_places(doc, mentions)


# Posts abroad: "the embassy in Kabul" is not Afghanistan's.
_FOREIGN_POSTS = frozenset(
    {"embassy", "consulate", "mission", "envoy", "ambassador", "diplomat", "delegation"}
)


def _locate(doc: Doc, mention: Mention, places: dict[int, Piece]) -> None:
    """ "Police in Dhaka", "officials in Kabul", "protesters from Tbilisi": a group with no
    country of its own is of the country where the phrase places it (not troops, which
    serve abroad, nor embassies)."""
    head = doc[mention.end - 1]
    if head.lemma_.lower() in _FOREIGN_POSTS:
        return
    for prep in head.rights:
        place = (
            next((places.get(o.i) for o in prep.children if o.dep_ == "pobj"), None)
            if prep.lower_ in ("in", "from")
            else None
        )
        if place is not None:
            mention.country = (country_names() if place.kind == COUNTRY else capitals())[place.key]
            mention.code = mention.country + (mention.sector or "")
            return


def extract_actors(doc: Doc, published: dt.date | None = None) -> list[Actor]:
    """Actor mentions in text order, ids a1, a2, ..."""
    mentions = resolve_mentions(doc, find_mentions(doc, published))
    text = doc_text(doc)
    return [to_actor(doc, text, m, i) for i, m in enumerate(mentions, start=1)]
