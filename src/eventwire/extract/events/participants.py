"""Who can take part in an event: actor-likeness of argument heads, the authors behind
documents ("a report accusing X"), pronoun antecedents and the speaker of reported speech.

Small pure functions over spaCy tokens and the lexicon's agent nouns; coder.py uses them
to keep events between political actors and to resolve the arguments it found.
"""

from __future__ import annotations

from spacy.tokens import Token

from ...resources.event_lexicon import EventLexicon
from ..syntax import ACTOR_PRONOUNS, FIRST_PERSON, REPORTING_VERBS
from .arguments import QUANTITY, ArgResolver, subjects


def speech_subject(tok: Token) -> Token | None:
    """Subject of the nearest speech verb above `tok` ("X said it would ..." -> X)."""
    cur = tok
    for _ in range(6):
        if cur.head == cur:
            return None
        cur = cur.head
        if cur.lemma_ in REPORTING_VERBS:
            subj = [c for c in cur.children if c.dep_ == "nsubj"]
            if subj and subj[0].lower_ not in ACTOR_PRONOUNS:
                return subj[0]
    return None


ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def actorish(tok: Token, resolver: ArgResolver, lex: EventLexicon) -> bool:
    """A political actor can be this argument: an actor mention, a name, a pronoun, an agent
    noun ("rebels"), a nationality-marked noun ("Chinese hackers"), "thousands of X"."""
    if tok.ent_type_ in ACTOR_ENTS or tok.lower_ in ACTOR_PRONOUNS or resolver.actor_at(tok) is not None:
        return True
    if tok.lemma_.lower() in lex.agents or tok.lower_ in lex.agents:
        return True
    for child in tok.children:
        if child.dep_ in ("compound", "amod", "poss", "nmod") and (
            child.ent_type_ in ACTOR_ENTS or (child.dep_ != "amod" and child.lemma_.lower() in lex.agents)
        ):
            return True
        if child.dep_ == "prep" and child.lower_ == "of" and tok.lower_ in QUANTITY:
            return any(actorish(g, resolver, lex) for g in child.children if g.dep_ == "pobj")
    return False


def acronym(tok: Token) -> bool:
    """USAID, NATO, ICE: as a subject, an acronym names an organisation even when NER
    misses it (as an object it is as often a law or a programme)."""
    return tok.pos_ == "PROPN" and len(tok.text) > 1 and tok.text.isupper() and tok.is_alpha


def wordlike(tok: Token) -> bool:
    """Not a hyphen or a "pro-"/"anti-" prefix split off by the tokenizer."""
    return len(tok.text) > 1 and any(ch.isalpha() for ch in tok.text) and tok.lower_ not in ("pro", "anti")


def agents_of(heads: list[Token], trig: Token, resolver: ArgResolver, lex: EventLexicon) -> list[Token]:
    """Sources that are documents or stances ("a report accusing X", "its commitment to
    support X") stand for their author: the possessor, or the subject of the verb that
    produced them ("Amnesty put out a report accusing ...")."""
    out: list[Token] = []
    for tok in heads:
        if not wordlike(tok):
            continue
        if actorish(tok, resolver, lex):
            out.append(tok)
            continue
        owner = [c for c in tok.children if c.dep_ == "poss"]
        if not owner and tok.dep_ in ("dobj", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX"):
            owner, _ = subjects(tok.head)
        out.extend(owner or [tok])
    return out


def sentence_actors(trig: Token, resolver: ArgResolver, lex: EventLexicon) -> list[Token]:
    """Heads of actor-like noun phrases in the trigger's sentence, nearest first."""
    heads = [
        t
        for t in trig.sent
        if t.pos_ in ("NOUN", "PROPN")
        and t.dep_ not in ("compound", "amod")
        and t != trig
        and actorish(t, resolver, lex)
    ]
    return sorted(heads, key=lambda t: abs(t.i - trig.i))


def first_person(text: str) -> bool:
    """ "we", "our air defence units" (but not "US officials")."""
    word = text.split(" ", 1)[0]
    return word.lower() in FIRST_PERSON and (word == "I" or not word.isupper())


def antecedent_of(tok: Token, trig: Token, default: Token | None, resolver: ArgResolver) -> Token | None:
    """Who a possessive pronoun stands for when nothing else says: "The United States
    completed its withdrawal" -> the subject of the clause."""
    if default is not None or tok.lower_ not in ("its", "their", "his", "her") or resolver.actor_at(tok):
        return default
    subj = subjects(governor(trig))[0]
    return subj[0] if subj and subj[0] != tok and subj[0].lower_ not in ACTOR_PRONOUNS else None


def object_antecedent(tok: Token, sources: list[Token], resolver: ArgResolver) -> Token | None:
    """Who an object pronoun stands for when the actors extractor did not say: the nearest
    earlier name in the sentence that is not the source ("X was released after President Y
    pardoned him" -> X)."""
    if tok.lower_ not in ("him", "her", "them") or resolver.actor_at(tok):
        return None
    for cand in reversed([t for t in tok.sent if t.i < tok.i]):
        if (
            cand.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
            and cand.dep_ != "compound"
            and all(cand.i not in range(s.left_edge.i, s.right_edge.i + 1) for s in sources)
        ):
            return cand
    return None


def governor(tok: Token) -> Token:
    """The verb whose modality a noun trigger shares ("called for sanctions")."""
    cur = tok
    for _ in range(4):
        if cur.pos_ in ("VERB", "AUX") or cur.head == cur:
            return cur
        cur = cur.head
    return cur
