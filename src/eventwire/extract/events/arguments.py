"""Event arguments from the dependency parse: who did it (source) and to whom (target).

Small pure functions of spaCy tokens. They return argument *head tokens*; `ArgResolver`
turns a head into an Actor record, preferring a mention from the actors extractor and
otherwise building one from the argument's noun phrase (so events whose participants are
not dictionary actors, "the protesters", "a U.S. Supreme Court decision", still carry them).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from ...records import Actor
from ...resources.actor_dictionary import country_label
from ..actors.resolution import RELATIONAL
from ..syntax import ACTOR_PRONOUNS, AUX_DEPS, PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS

# Children that end a noun phrase when building its span: coordinated items are separate
# arguments (one event per pair), and punctuation/clauses to the right are not the actor.
NP_STOP_DEPS = frozenset({"conj", "cc", "punct", "relcl", "acl", "advcl", "appos", "prep"})
# Verbs whose object is the understood subject of their infinitive ("urged X to ...").
OBJECT_CONTROL = frozenset(
    {
        "urge",
        "ask",
        "encourage",
        "force",
        "allow",
        "permit",
        "order",
        "invite",
        "tell",
        "pressure",
        "help",
        "warn",
        "call",
        "press",
        "push",
        "implore",
        "beg",
        "persuade",
        "authorize",
        "lobby",
        "require",
        "get",
        "let",
        "compel",
        "instruct",
        "direct",
        "advise",
        "want",
        "expect",
        "prompt",
        "lead",
        "cause",
        "enable",
        "drive",
        "spur",
    }
)
DEFINITE = frozenset({"the", "these", "those", "this", "that"})
WH_WORDS = frozenset({"who", "which", "that", "whom"})
# Heads of "thousands of X", "a group of X": X says who they are.
QUANTITY = frozenset(
    {
        "thousands",
        "hundreds",
        "dozens",
        "millions",
        "tens",
        "scores",
        "group",
        "number",
        "majority",
        "some",
        "many",
        "all",
        "most",
        "members",
        "one",
        "two",
    }
)
# Nouns that name a kind of place: "the city of X" is where X is.
PLACE_NOUNS = frozenset(
    {
        "city",
        "town",
        "village",
        "province",
        "region",
        "district",
        "state",
        "county",
        "capital",
        "port",
        "island",
        "area",
        "territory",
        "enclave",
    }
)


def is_passive(verb: Token) -> bool:
    """Passive voice, also for a bare participle coordinated with a passive verb
    ("were engaged and destroyed by ...")."""
    if any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children):
        return True
    if verb.dep_ == "conj" and verb.tag_ == "VBN" and verb.head != verb:
        own = any(c.dep_ in SUBJECT_DEPS or c.dep_ in AUX_DEPS for c in verb.children)
        return not own and any(
            c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.head.children
        )
    return False


def patients(verb: Token) -> list[Token]:
    """The grammatical subject of a passive verb (its patient), shared along coordination."""
    v = verb
    for _ in range(3):
        subj = [c for c in v.children if c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ in SUBJECT_DEPS]
        # the small model sometimes hangs the subject on the auxiliary ("drones were engaged")
        subj = subj or [
            g
            for c in v.children
            if c.dep_ in AUX_DEPS
            for g in c.children
            if g.dep_ in SUBJECT_DEPS or g.dep_ in PASSIVE_SUBJECT_DEPS
        ]
        if subj:
            return subj
        if v.dep_ != "conj":
            break
        v = v.head
    return []


def expand_conj(tok: Token) -> list[Token]:
    """The token and the items coordinated with it ("India and Pakistan" -> both)."""
    out, stack = [], [tok]
    while stack:
        cur = stack.pop()
        out.append(cur)
        stack.extend(c for c in cur.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON"))
    return sorted(out, key=lambda t: t.i)


def agent_of(verb: Token) -> list[Token]:
    """The by-phrase objects of a passive verb or participle."""
    partners = [verb] + [c for c in verb.children if c.dep_ == "conj"]
    if verb.dep_ == "conj":
        partners.append(verb.head)
    for v in partners:
        for child in v.children:
            if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return objs
    return []


def pobjs(head: Token, preps: Sequence[str]) -> list[Token]:
    """Objects of the given prepositions attached to `head` ("talks with X" -> X)."""
    out: list[Token] = []
    for child in head.children:
        if child.dep_ in ("prep", "dative", "agent") and child.lower_ in preps:
            out.extend(c for c in child.children if c.dep_ in ("pobj", "pcomp"))
    return out


def subjects(verb: Token) -> tuple[list[Token], bool]:
    """Heads of the source of `verb` and whether they are a by-agent of a passive.

    Follows control and coordination: "X agreed to release" (xcomp), "X met Y and signed"
    (conj), "the militants who attacked" (relcl), "..., killing 17" (advcl)."""
    v = verb
    for _ in range(5):
        if is_passive(v):
            return agent_of(v), True
        subj = [undateline(c) for c in v.children if c.dep_ in SUBJECT_DEPS]
        if subj:
            if subj[0].lower_ in WH_WORDS and v.dep_ == "relcl":
                return [v.head], False
            return subj, False
        if v.dep_ == "relcl" and not is_passive(v):
            return [v.head], False
        if v.dep_ == "acl":
            if v.tag_ == "VBN":
                return agent_of(v), True
            return [v.head], False
        if v.dep_ == "xcomp":
            head = v.head
            if head.lemma_ in OBJECT_CONTROL:
                objs = [c for c in head.children if c.dep_ in ("dobj", "dative")]
                if objs:
                    return objs, False
            v = head
            continue
        if (
            v.dep_ == "advcl"
            and v.tag_ == "VBG"
            and v.i > 0
            and v.doc[v.i - 1].pos_ in ("NOUN", "PROPN")
            and not _where(v.doc[v.i - 1])
        ):
            return [v.doc[v.i - 1]], False  # "attacks by Pakistan targeting X": a reduced relative
        if v.dep_ in ("acomp", "attr") or (
            v.dep_ in ("conj", "advcl", "pcomp") and v.head.pos_ in ("VERB", "AUX")
        ):
            v = v.head
            continue
        if v.dep_ == "pcomp" or (v.dep_ == "pobj" and v.head.dep_ == "prep"):
            v = v.head.head if v.head.dep_ == "prep" else v.head
            continue
        break
    return [], False


DASHES = frozenset({"--", "-", "—", "–", ":"})


def undateline(tok: Token) -> Token:
    """ "MOGADISHU, Somalia -- A U.S. airstrike killed ...": the parser makes the dateline
    the subject and hangs the real one on it as an apposition after the dash."""
    limit = tok.sent.start + 12
    dash = next((t.i for t in tok.subtree if t.text in DASHES and t.i <= limit), None)
    if dash is None:
        return tok
    for t in tok.subtree:
        if t.dep_ == "appos" and t.i > dash:
            return t
    return tok


def clause_subject(clause: Token) -> list[Token]:
    """Subject (active or passive) of a complement clause ("demanded that X step down")."""
    subj = [c for c in clause.children if c.dep_ in SUBJECT_DEPS or c.dep_ in PASSIVE_SUBJECT_DEPS]
    if subj:
        return subj
    objs = [c for c in clause.children if c.dep_ in ("dobj",)]
    return objs if clause.dep_ == "xcomp" else []


def np_bounds(tok: Token) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by `tok`, without coordinated
    items, clauses, appositions or prepositional phrases to its right."""
    left = tok.left_edge.i
    for child in tok.lefts:
        if child.dep_ in ("cc", "punct", "preconj") and child.i == left:
            left = child.i + 1
    right = tok.i
    for child in tok.rights:
        if child.dep_ in NP_STOP_DEPS:
            break
        right = child.right_edge.i
    return left, right + 1


def wide_bounds(tok: Token) -> tuple[int, int]:
    """Like np_bounds but keeps prepositional phrases ("an army base in western Afghanistan")."""
    left, _ = np_bounds(tok)
    right = tok.i
    for child in tok.rights:
        if child.dep_ in NP_STOP_DEPS - {"prep"}:
            break
        right = child.right_edge.i
    return left, right + 1


class ArgResolver:
    """Maps argument head tokens to Actor records for one document."""

    def __init__(
        self, doc: Doc, actors: Sequence[Actor], places: Sequence = (), iso3: dict[str, str] | None = None
    ):
        self.doc = doc
        # places that are not whole countries: "the Pahalgam attack" happened in India
        self.places = sorted(
            (p for p in places if p.country and p.feature != "country"), key=lambda p: p.start
        )
        self.iso3 = iso3 or {}
        self.actors = sorted(actors, key=lambda a: (a.start, -a.end))
        self.starts = [a.start for a in self.actors]

    def covering(self, start: int, end: int) -> list[Actor]:
        """Actors overlapping the character range [start, end)."""
        i = bisect_right(self.starts, end - 1)
        out = []
        for actor in self.actors[max(0, i - 12) : i]:
            if actor.end > start and actor.start < end:
                out.append(actor)
        return out

    def actor_at(self, tok: Token) -> Actor | None:
        hits = self.covering(tok.idx, tok.idx + len(tok.text))
        return min(hits, key=lambda a: a.end - a.start) if hits else None

    def resolve_all(
        self, tok: Token, antecedent: Token | None = None, after: int | None = None
    ) -> list[Actor]:
        """Every actor an argument stands for: a group mention resolved to several actors
        ("the two countries" -> IND, PAK), and names coordinated inside one noun phrase
        ("Minister S Jaishankar and Prime Minister Shehbaz Sharif"), else one mention."""
        hits = self.covering(tok.idx, tok.idx + len(tok.text))
        if not hits:
            return [self.resolve(tok, antecedent, wide=True, after=after)]
        if tok.lower_ in ACTOR_PRONOUNS and antecedent is not None:
            # a pronoun mention keeps its span; its name says who it is ("it" -> "Bangladesh")
            ref = self.doc[slice(*wide_bounds(antecedent))].text
            return [
                a
                if a.name
                else Actor(
                    id=a.id,
                    text=a.text,
                    start=a.start,
                    end=a.end,
                    code=a.code,
                    country=a.country,
                    sector=a.sector,
                    name=ref,
                    title=a.title,
                )
                for a in hits[:1]
            ]
        size = min(a.end - a.start for a in hits)
        out = [a for a in hits if a.end - a.start == size]
        start, end = np_bounds(tok)
        span = self.doc[start:end]
        if any(t.lower_ == "and" for t in span):
            head = out[0]
            for actor in self.covering(span.start_char, span.end_char):
                inside = span.start_char <= actor.start and actor.end <= span.end_char
                apart = actor.end <= head.start or actor.start >= head.end
                if inside and apart and all(actor.start >= o.end or actor.end <= o.start for o in out):
                    out.append(actor)
        return sorted(out, key=lambda a: a.start)

    def resolve(
        self, tok: Token, antecedent: Token | None = None, wide: bool = False, after: int | None = None
    ) -> Actor:
        """The Actor for an argument headed by `tok`: the actor mention at the head, else an
        actor among its pre-head modifiers ("Pakistani drones"), else the phrase itself."""
        actor = self.actor_at(tok)
        if actor is not None:
            return actor
        members = _of_object(tok) if tok.lower_ in QUANTITY else None
        if members is not None:
            member = self.resolve(members, antecedent)
            if member.code:  # "thousands of workers" are workers
                start, end = (wide_bounds if wide else np_bounds)(tok)
                span = self.doc[start:end]
                return replace(member, text=span.text, start=span.start_char, end=span.end_char)
        if tok.lower_ in ACTOR_PRONOUNS and antecedent is not None and antecedent != tok:
            ref = self.resolve(antecedent)
            return Actor(
                id=ref.id,
                text=tok.text,
                start=tok.idx,
                end=tok.idx + len(tok.text),
                code=ref.code,
                country=ref.country,
                sector=ref.sector,
                name=ref.name or ref.text,
                title=ref.title,
            )
        start, end = (wide_bounds if wide else np_bounds)(tok)
        if after is not None and start <= after < tok.i:
            start = after + 1  # never let an argument swallow its own trigger
        span = self.doc[start:end]
        inner = [a for a in self.covering(span.start_char, span.end_char) if a.end <= tok.idx + len(tok.text)]
        named = [a for a in inner if a.text.lower() not in ACTOR_PRONOUNS]
        if named or tok.lemma_.lower() in RELATIONAL:
            # "his Brazilian counterpart" is Brazil's, and "its allies" are not its country
            inner = named
        code = country = sector = name = None
        if inner:  # "the Chinese government's sovereignty" is about China
            code, country, sector = inner[0].code, inner[0].country, inner[0].sector
            name = inner[0].name or _label(country)
        if code is None:
            place = self.place_at(tok)
            place_name = _of_object(tok) if place is None and tok.lemma_.lower() in PLACE_NOUNS else None
            if place_name is not None:
                place = self.place_at(place_name)  # "the city of Kharkiv"
            if place is not None and self.iso3.get(place.country):
                code = country = self.iso3[place.country]
                name = _label(country)
        if code is None and span[0].lower_ in DEFINITE:
            earlier = self.mentioned_before(tok)
            if earlier is not None:  # "the hostile drones" after "Pakistani drone attacks"
                code, country, sector = earlier.code, earlier.country, earlier.sector
                name = earlier.name or _label(country)
        return Actor(
            id="",
            text=span.text,
            start=span.start_char,
            end=span.end_char,
            code=code,
            country=country,
            sector=sector,
            name=name,
        )

    def mentioned_before(self, tok: Token, window: int = 800) -> Actor | None:
        """The nearest earlier actor mention (within `window` characters) with the same head
        noun: a definite description that repeats a noun refers back to it."""
        stem = tok.lemma_.lower()
        if tok.pos_ != "NOUN" or len(stem) < 3:
            return None
        i = bisect_right(self.starts, tok.idx) - 1
        while i >= 0 and self.actors[i].start >= tok.idx - window:
            actor = self.actors[i]
            words = {w.rstrip("s") for w in actor.text.lower().split()}
            if actor.end <= tok.idx and actor.code and stem.rstrip("s") in words:
                return actor
            i -= 1
        return None

    def place_at(self, tok: Token):
        """The (sub-country) place mention covering `tok`, if any."""
        for place in self.places:
            if place.start <= tok.idx < place.end:
                return place
            if place.start > tok.idx:
                break
        return None


def _where(tok: Token) -> bool:
    """A place said as where something happens ("went on strike in Seoul demanding ...")."""
    return (
        tok.dep_ == "pobj"
        and tok.head.lower_ in ("in", "at", "near", "outside", "inside", "across")
        and tok.ent_type_ in ("GPE", "LOC", "FAC")
    )


def _of_object(tok: Token) -> Token | None:
    """X in "<tok> of X"."""
    return next((o for p in tok.rights if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"), None)


def _label(country: str | None) -> str | None:
    """A country's short name, so a mention like "Chinese" also reads as "China"."""
    if not country:
        return None
    try:
        return country_label(country)
    except Exception:  # noqa: BLE001 - a missing dictionary only costs the name
        return None
