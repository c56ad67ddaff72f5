"""Resolution of actor mentions inside one article.

- Appositions: "Mahmoud Abbas, the Palestinian president" gives the name a code.
- Definite institutions: "the army", "the government" take the country named in this or
  the previous sentence, when only one is ("Kiir said the army would withdraw" -> SSDMIL).
- Surnames: "Rubio" takes the code and name of an earlier "Marco Rubio".
- Descriptions: "the President", "the army chief" take the latest earlier person whose title
  ends with the same office.
- Pronouns: "he"/"she"/"him" (and possessive "his"/"her", kept only when resolved) take the
  latest earlier named person (within a few sentences);
  "it" as the subject of a verb takes the latest country or organisation of this or the
  previous sentence; "they"/"them" only when that window holds one plural group, or a
  coordinated subject ("India and Pakistan ... they" -> two mentions); a relative
  "who"/"which" takes the actor its clause modifies ("Smith, who said ...").
- Bodies named again: "Foreign Office spokesperson X" after "Pakistan's Foreign Office"
  takes Pakistan.
- Possessed phrases: "its troops", "their drones" take the owner's country.
- "the two leaders" / "both leaders": two mentions on the same span, the two latest people.
- "the two countries" / "both countries" (also nations, sides, neighbours): two mentions on
  the same span, one per country of the article's main dyad (the same pair as the article's
  earlier such phrase, else the two most recently mentioned distinct countries).

A pronoun or description keeps its own span; only code, country, sector, name are copied.
"""

from __future__ import annotations

import itertools

from spacy.tokens import Doc

from ...resources.actor_dictionary import INTERNATIONAL, country_label, female_names
from .acronyms import resolve_acronyms
from .home import resolve_home
from .mention import Mention
from .pieces import NAME, ORG, ORGNAME, PERSON, SECTOR, indices_of, sentence_index

_PERSON_PRONOUNS = frozenset({"he", "she", "him"})
_POSSESSIVES = frozenset({"his", "her"})  # possessive determiners: kept only when resolved
_GROUP_PRONOUNS = frozenset({"they", "them"})
_PRONOUNS = _PERSON_PRONOUNS | _POSSESSIVES | _GROUP_PRONOUNS | {"it"}
_RELATIVES = frozenset({"who", "which"})
_PRONOUN_WINDOW = 3  # sentences back that a pronoun may reach
_COUNTRY_DYADS = frozenset({"countries", "nations", "sides", "neighbours", "neighbors", "states"})
_PERSON_DYADS = frozenset({"leaders", "presidents", "ministers", "men", "women", "premiers"})
_DYAD_NOUNS = _COUNTRY_DYADS | _PERSON_DYADS
_NOT_OFFICE_PREFIX = frozenset({"vice", "deputy", "former", "acting", "junior"})


def _copy(target: Mention, source: Mention) -> None:
    target.code, target.country, target.sector = source.code, source.country, source.sector
    target.name = source.name
    target.is_person = target.is_person or source.is_person


def _bare_name(mention: Mention) -> bool:
    """A name with no office or country words around it ("Rubio")."""
    return bool(mention.pieces) and all(p.kind in (PERSON, NAME, ORGNAME) for p in mention.pieces)


def _last(mentions: list[Mention]) -> Mention | None:
    return mentions[-1] if mentions else None


def _full_name(short: str, candidates: list[Mention]) -> Mention | None:
    """The first candidate whose longer name ends with `short` ("Rubio" -> "Marco Rubio"),
    else the only one whose given name it is ("Hillary" -> "Hillary Clinton")."""
    people = [m for m in candidates if m.is_person and m.name and len(m.name.split()) > 1]
    match = next((m for m in people if m.name and _same_person(short, m.name)), None)
    if match is not None or " " in short:
        return match
    given = {m.name for m in people if m.name and m.name.split()[0] == short}
    return next(m for m in people if m.name in given) if len(given) == 1 else None


def _titled(name: str, candidates: list[Mention]) -> Mention | None:
    """The latest earlier mention of exactly this name that carried an office and a code."""
    return next((m for m in candidates if m.is_person and m.name == name and m.title and m.code), None)


def _same_person(short: str, full: str) -> bool:
    short_words, full_words = short.split(), full.split()
    return len(full_words) > len(short_words) and full_words[-len(short_words) :] == short_words


def _description(mention: Mention) -> str | None:
    """The office of a description with no name or country ("the army chief" -> "army chief")."""
    if mention.country or not mention.pieces or mention.title is None:
        return None
    if any(p.kind != SECTOR or p.sector_kind not in ("title", "generic", "modifier") for p in mention.pieces):
        return None
    return mention.title.lower()


def _office_matches(description: str, title: str | None) -> bool:
    if not title:
        return False
    title = title.lower()
    if title == description:
        return True
    if not title.endswith(" " + description):
        return False
    before = title[: -len(description) - 1].split()
    return not before or before[-1] not in _NOT_OFFICE_PREFIX


def _head(doc: Doc, mention: Mention):
    for token in doc[mention.start : mention.end]:
        if not mention.start <= token.head.i < mention.end or token.head == token:
            return token
    return doc[mention.end - 1]


def _resolve_appositions(doc: Doc, mentions: list[Mention]) -> None:
    """ "Mahmoud Abbas, the Palestinian president, said": the name takes the appositive's
    code, and the appositive takes the name. Only when the appositive names a country or an
    organisation (a bare "president" may head a company)."""
    for left, right in itertools.pairwise(mentions):
        if not (
            left.is_person
            and left.name
            and right.code
            and right.country
            and right.title
            and not right.is_person
        ):
            continue
        gap = doc[left.end : right.start]
        if [t.text for t in gap] != [","] and [t.lower_ for t in gap] not in ([",", "the"], [",", "a"]):
            continue
        if _head(doc, right).dep_ != "appos" or _head(doc, right).head.i != _head(doc, left).i:
            continue
        if left.code is None:
            left.code, left.country, left.sector = right.code, right.country, right.sector
            left.title = left.title or right.title
        right.name, right.is_person = left.name, True


_INSTITUTIONS = frozenset(
    {
        "army",
        "military",
        "government",
        "police",
        "parliament",
        "navy",
        "air force",
        "opposition",
        "armed forces",
        "security forces",
        "cabinet",
        "foreign ministry",
        "ministry",
        "regime",
        "administration",
        "judiciary",
        "supreme court",
        "legislature",
        "senate",
        "president",
        "prime minister",
    }
)


def _definite_institution(doc: Doc, mention: Mention) -> bool:
    """ "the army", "the government": a country's own institution, named without the country
    because the sentence or the one before has just named it."""
    return (
        mention.country is None
        and len(mention.pieces) == 1
        and mention.pieces[0].kind == SECTOR
        and mention.pieces[0].key in _INSTITUTIONS
        and doc[mention.start].lower_ == "the"
    )


def _resolve_names(doc: Doc, mentions: list[Mention]) -> None:
    sent_of = sentence_index(doc)
    for i, mention in enumerate(mentions):
        earlier = mentions[:i][::-1]
        if _bare_name(mention) and mention.name:
            # the article's own words beat the dictionary: the same name with an office earlier
            # ("Minister of State Adel al-Jubeir ... Adel al-Jubeir"), else a longer name
            match = (
                _titled(mention.name, earlier)
                or _full_name(mention.name, earlier)
                or _full_name(mention.name, mentions[i + 1 :])
            )
            if match is not None:
                _copy(mention, match)
                mention.title = mention.title or match.title
            continue
        office = _description(mention)
        if office is not None:
            match = next(
                (m for m in earlier if m.is_person and m.name and _office_matches(office, m.title)), None
            )
            if match is not None:
                _copy(mention, match)
                continue
        if _definite_institution(doc, mention):
            # only when one country is in view: a wrong country is worse than none
            near = {
                m.country
                for m in earlier
                if m.country
                and m.country not in INTERNATIONAL
                and sent_of[mention.start] - sent_of[m.start] <= 1
            }
            if len(near) == 1:
                mention.country = near.pop()
                mention.code = mention.country + (mention.sector or "")


def _antecedent(token, by_token: dict[int, Mention]) -> Mention | None:
    """The mention a relative "who"/"which" refers to ("Smith, who said ...")."""
    clause = token.head
    if clause.dep_ not in ("relcl", "acl"):
        return None
    return by_token.get(clause.head.i)


def _is_subject(doc: Doc, mention: Mention) -> bool:
    """Whether the mention's head word is a clause subject (its own or via "and"), or owns
    one ("Sharif's office said he ...")."""
    for token in doc[mention.start : mention.end]:
        if not mention.start <= token.head.i < mention.end or token.head == token:
            while token.dep_ == "conj" and token.head != token:
                token = token.head
            if token.dep_ == "poss":
                token = token.head
            return token.dep_ in ("nsubj", "nsubjpass")
    return False


_FEMALE_WORDS = frozenset(
    {
        "spokeswoman",
        "chairwoman",
        "congresswoman",
        "businesswoman",
        "queen",
        "princess",
        "madam",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "lady",
        "duchess",
        "empress",
    }
)
_MALE_WORDS = frozenset(
    {
        "spokesman",
        "chairman",
        "congressman",
        "businessman",
        "king",
        "prince",
        "mr",
        "mr.",
        "sir",
        "lord",
        "duke",
        "emperor",
        "sheikh",
    }
)
_FEMININE = frozenset({"she", "her"})


def _gender(doc: Doc, mention: Mention) -> str | None:
    """ "F"/"M" from a pronoun already resolved to this person, a gendered title or honorific,
    or a woman's given name; None when nothing tells."""
    if mention.gender:
        return mention.gender
    words = {t.lower_ for t in doc[mention.start : mention.end]} | set((mention.title or "").lower().split())
    if words & _FEMALE_WORDS:
        return "F"
    if words & _MALE_WORDS:
        return "M"
    given = (mention.name or "").split()
    return "F" if given and given[0] in female_names() else None


def _pronoun_source(token, word: str, before: list[Mention], sent_of: list[int]) -> Mention | None:
    here = sent_of[token.i]
    if word in _PERSON_PRONOUNS or word in _POSSESSIVES:
        doc = token.doc
        if token.lower_ in _FEMININE:
            before = [m for m in before if _gender(doc, m) == "F"]
        else:
            before = [m for m in before if _gender(doc, m) != "F"]
        # Prefer the latest person who was a subject: "Rubio spoke with Sharif and reiterated
        # his calls" is Rubio's call (a centering heuristic), else the latest person.
        window = [m for m in before if m.is_person and m.name and here - sent_of[m.start] <= _PRONOUN_WINDOW]
        subjects = [m for m in window if _is_subject(doc, m)]
        return _last(subjects or window)
    window = [m for m in before if m.code and not m.is_person and here - sent_of[m.start] <= 1]
    if word == "it":
        if token.dep_ not in ("nsubj", "nsubjpass") or token.head.pos_ != "VERB":
            return None
        window = [m for m in window if (m.country and m.country not in INTERNATIONAL) or m.name]
        subjects = [m for m in window if _is_subject(token.doc, m)]  # "Pakistan shut ... It warned"
        return _last(subjects or window)
    # "they": plural groups and organisations only ("the rebels ... they"), and only one
    window = [m for m in window if _plural_or_group(token.doc, m)]
    return window[-1] if len({m.code for m in window}) == 1 else None


def _coordinated_subjects(doc: Doc, before: list[Mention], sent_of: list[int], at: int) -> list[Mention]:
    """The latest "X and Y" subject of this or the previous sentence, when both have codes."""
    here = sent_of[at]
    window = [m for m in before if m.code and here - sent_of[m.start] <= 1]
    for second in reversed(window):
        head = _head(doc, second)
        if head.dep_ != "conj":
            continue
        first = next((m for m in window if m.start <= head.head.i < m.end), None)
        if first is not None and first.code != second.code and _is_subject(doc, first):
            return [first, second]
        return []
    return []


def _plural_or_group(doc: Doc, mention: Mention) -> bool:
    if any(p.kind in (ORG, ORGNAME) for p in mention.pieces):
        return True
    return _head(doc, mention).tag_ in ("NNS", "NNPS")


def _pronoun_mentions(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    sent_of = sentence_index(doc)
    found = []
    ordered = sorted(mentions, key=lambda m: m.start)
    by_token = {i: m for m in ordered for i in range(m.start, m.end)}
    for i in indices_of(doc, _PRONOUNS | _RELATIVES):
        token = doc[i]
        word = token.lower_
        if word in _RELATIVES and token.dep_ in ("nsubj", "nsubjpass"):
            source = _antecedent(token, by_token)
            if source is None or not (source.code or source.name):
                continue
        elif token.pos_ == "PRON" and word in _PRONOUNS:
            if word in _POSSESSIVES and token.tag_ != "PRP$":
                continue  # object "her" is handled as a person pronoun below
            before = [m for m in ordered if m.end <= token.i]
            pair = _coordinated_subjects(doc, before, sent_of, token.i) if word in _GROUP_PRONOUNS else []
            if pair:  # "India and Pakistan ... They agreed": one mention per actor
                for source in pair:
                    mention = Mention(token.i, token.i + 1, [])
                    _copy(mention, source)
                    found.append(mention)
                continue
            source = _pronoun_source(
                token, "him" if word == "her" and token.tag_ != "PRP$" else word, before, sent_of
            )
            if source is None and word not in _PERSON_PRONOUNS:
                continue  # an unresolved "he" stays an actor with no code; others are dropped
        else:
            continue
        mention = Mention(token.i, token.i + 1, [], is_person=source.is_person if source else True)
        if source is not None:
            _copy(mention, source)
            if word in _PRONOUNS and source.is_person and word not in ("it", "they", "them"):
                # remember the gender for later pronouns ("he" -> this person is not "she")
                source.gender = mention.gender = "F" if word in _FEMININE else "M"
        found.append(mention)
    return found


def _dyad_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of "the two countries", "both countries", "both nuclear-armed neighbours"."""
    spans = []
    for i in indices_of(doc, _DYAD_NOUNS):
        words = [t.lower_ for t in doc[max(0, i - 3) : i]]
        for size in (1, 2, 3):
            head = words[-size:] if len(words) >= size else None
            if head is None:
                break
            if head[0] == "both" or head[:2] == ["the", "two"]:
                if size == 3 and head[0] == "both":
                    continue
                spans.append((i - size, i + 1))
                break
    return spans


def _person_pair(before: list[Mention]) -> list[Mention]:
    """The two latest distinct named people ("Modi ... Sharif ... the two leaders")."""
    pair: list[Mention] = []
    for m in reversed(before):
        if m.is_person and m.name and m.code and all(p.name != m.name for p in pair):
            pair.append(m)
        if len(pair) == 2:
            break
    return pair[::-1] if len(pair) == 2 else []


def _main_dyad(doc: Doc, ordered: list[Mention], start: int) -> tuple[str, str] | None:
    """The two countries "the two countries" means: the article's most mentioned countries,
    leaving out the country of whoever speaks of them in that sentence ("Rubio urged ...
    the two countries" is about India and Pakistan, not the US); ties go to the latest."""
    sent_of = sentence_index(doc)
    speakers = {
        m.country
        for m in ordered
        if m.end <= start and sent_of[m.start] == sent_of[start] and _is_subject(doc, m)
    }
    score: dict[str, tuple[int, int]] = {}
    for m in ordered:
        if m.country and m.country not in INTERNATIONAL and m.country not in speakers and m.pieces:
            count, _ = score.get(m.country, (0, 0))
            score[m.country] = (count + 1, m.start if m.end <= start else -1)
    if len(score) < 2:
        return None
    best = sorted(score, key=lambda c: score[c], reverse=True)[:2]
    first = {c: next(m.start for m in ordered if m.country == c) for c in best}
    one, other = sorted(best, key=lambda c: first[c])
    return one, other


def _dyad_mentions(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    found: list[Mention] = []
    pair: tuple[str, str] | None = None
    ordered = sorted(mentions, key=lambda m: m.start)
    for start, end in _dyad_spans(doc):
        if doc[end - 1].lower_ in _PERSON_DYADS:
            for person in _person_pair([m for m in ordered if m.end <= start]):
                mention = Mention(start, end, [])
                _copy(mention, person)
                found.append(mention)
            continue
        if pair is None:
            pair = _main_dyad(doc, ordered, start)
            if pair is None:
                continue
        for country in pair:
            found.append(Mention(start, end, [], code=country, country=country, name=country_label(country)))
    return found


# Nouns for the other side of a relation: "its allies", "his counterpart" are someone else.
RELATIONAL = frozenset(
    {
        "counterpart",
        "ally",
        "partner",
        "neighbour",
        "neighbor",
        "rival",
        "enemy",
        "adversary",
        "foe",
        "opponent",
    }
)


def _resolve_owners(doc: Doc, mentions: list[Mention]) -> None:
    """ "its troops", "their drones" take the country of what "its"/"their" refers to (the
    latest country or organisation of this or the previous sentence; for "their" only if
    there is one); "his"/"her" that of the person. "our" is left to quote attribution.
    "its allies", "his counterpart" are someone else's."""
    sent_of = sentence_index(doc)
    for i, mention in enumerate(mentions):
        if mention.possessor is None or _head(doc, mention).lemma_.lower() in RELATIONAL:
            continue
        token = doc[mention.possessor]
        before = [m for m in mentions[:i] if m.country]
        if token.lower_ in _POSSESSIVES:
            source = _pronoun_source(token, token.lower_, before, sent_of)
        else:
            window = [m for m in before if not m.is_person and sent_of[token.i] - sent_of[m.start] <= 1]
            countries = {m.country for m in window}
            source = window[-1] if window and (token.lower_ == "its" or len(countries) == 1) else None
        if source is not None and source.country and source.country not in INTERNATIONAL:
            mention.country = source.country
            mention.code = source.country + (mention.sector or "")


def _bodies(mention: Mention) -> set[str]:
    return {p.key for p in mention.pieces if p.kind == SECTOR and p.sector_kind in ("body", "venue", "unit")}


def _resolve_bodies(mentions: list[Mention]) -> None:
    """ "Foreign Office spokesperson X" after "Pakistan's Foreign Office": the same named body,
    so the same country."""
    for i, mention in enumerate(mentions):
        bodies = _bodies(mention) if mention.country is None else set()
        if not bodies:
            continue
        match = next(
            (
                m
                for m in reversed(mentions[:i])
                if m.country and m.country not in INTERNATIONAL and bodies & _bodies(m)
            ),
            None,
        )
        if match is not None and match.country:
            mention.country = match.country
            mention.code = match.country + (mention.sector or "")


def resolve_mentions(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Mentions plus resolved pronouns and dyad phrases, in text order."""
    _resolve_appositions(doc, mentions)
    _resolve_names(doc, mentions)
    _resolve_owners(doc, mentions)
    _resolve_bodies(mentions)
    resolve_acronyms(doc, mentions)
    taken = {i for m in mentions for i in range(m.start, m.end)}
    extra = [m for m in _pronoun_mentions(doc, mentions) if m.start not in taken]
    dyads = _dyad_mentions(doc, mentions)
    inside = {i for m in dyads for i in range(m.start, m.end)}
    mentions = [m for m in mentions if not inside & set(range(m.start, m.end))]
    resolve_home(mentions)  # after the dyads, which count countries as the text gives them
    return sorted(mentions + extra + dyads, key=lambda m: (m.start, m.end))
