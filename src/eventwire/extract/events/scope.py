"""Which triggers report the news of their sentence: the main event, not the background.

A wire sentence reports one thing (its main clause: "Serbia lifted a curfew in Montenegro")
and says more in subordinate clauses: when and why ("after a June 30 coup toppled the
government"), what an actor or a thing is ("rebels who entered the country illegally"),
what was agreed, demanded or threatened ("agreed to a ceasefire", "accepted demands from
the rebels"). CAMEO coders code the main clause, and the PLOVER gold records do the same:
a trigger in a subordinate clause or inside another event's argument is kept in the record
but not counted. Reported speech keeps its own main clause ("X said Y attacked Z").
"""

from __future__ import annotations

from spacy.tokens import Token

from ..syntax import REPORTING_VERBS
from .frames import REACTIVE_VERBS

SUBORDINATE = "subordinate clause"
CONTENT = "content of another event"
# Dependencies that keep a verb in the main clause: control and raising ("agreed to lift",
# "is ready to contribute"), coordination ("met X and signed ...").
MAIN_DEPS = frozenset({"xcomp", "conj", "acomp"})
# Prepositions and particles between an event noun and the verb it hangs on.
_NOUN_LINKS = frozenset({"dobj", "pobj", "prep", "attr", "oprd", "dative", "agent", "compound", "appos"})


def in_main_clause(tok: Token) -> bool:
    """Whether a verb is the sentence's main predicate, one coordinated or controlled by it,
    a participle of result after it ("opened fire, killing one"), or the main predicate of
    reported speech."""
    cur = tok
    for _ in range(12):
        if cur.head == cur:
            return True
        dep = cur.dep_
        if dep in ("ccomp", "parataxis") and cur.head.lemma_ in REPORTING_VERBS:
            return True
        if dep == "advcl" and cur.tag_ == "VBG" and not any(c.dep_ in ("mark", "aux") for c in cur.children):
            cur = cur.head  # "..., killing one person": a result of the main event
            continue
        if dep not in MAIN_DEPS:
            return False
        cur = cur.head
    return False


def noun_governor(tok: Token) -> Token | None:
    """The verb an event noun is an argument of ("tighten the blockade", "agreed upon a pact")."""
    cur = tok
    for _ in range(6):
        if cur.dep_ not in _NOUN_LINKS or cur.head == cur:
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return None


def chain_head(trig: Token, verb_triggers: set[int]) -> Token:
    """The governing trigger of a controlled one ("agreed" for "agreed to lift"): an event and
    its controlled complement of the same type and pair are one event."""
    cur = trig
    for _ in range(4):
        if cur.dep_ != "xcomp" or cur.head.i not in verb_triggers:
            break
        cur = cur.head
    return cur


def scope_of(trig: Token, verb_triggers: set[int]) -> str | None:
    """None when the trigger reports its sentence's news, else why it is not counted."""
    if trig.pos_ in ("NOUN", "PROPN"):
        gov = noun_governor(trig)
        if gov is None:
            return SUBORDINATE if trig.head != trig else None
        if gov.lemma_ in REACTIVE_VERBS:
            return None  # "condemned the attack", "to avenge the April 22 attack": it happened
        if gov.i in verb_triggers:
            return CONTENT  # "accepted demands from the rebels": the acceptance is the event
        return None if in_main_clause(gov) else SUBORDINATE
    return None if in_main_clause(trig) else SUBORDINATE
