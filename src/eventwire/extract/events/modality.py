"""Negation and modality of an event trigger, read off the dependency parse.

"will not get involved" -> negated; "will release" / "agreed to release" -> intended;
"if they attack", "could strike" -> hypothetical; "urged X to de-escalate" -> the
de-escalation is requested (the urging itself is asserted); "denied attacking" -> denied.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ... import records
from ..syntax import AUX_DEPS, FUTURE_AUX, HYPOTHETICAL_AUX, OBLIGATION_AUX, REPORTING_VERBS

# Heads whose infinitive complement is a plan or promise, not a fact.
INTENT_HEADS = frozenset(
    {
        "plan",
        "intend",
        "promise",
        "pledge",
        "vow",
        "agree",
        "prepare",
        "aim",
        "want",
        "hope",
        "offer",
        "seek",
        "expect",
        "threaten",
        "propose",
        "undertake",
        "commit",
        "consider",
        "mull",
        "wish",
        "try",
        "attempt",
        "ready",
        "able",
        "willing",
        "prepared",
        "determined",
        "poised",
        "likely",
        "due",
    }
)
# Heads that say the complement did not (or will not) happen.
# Nouns whose infinitive did not happen: "reluctance to roll back tariffs" is no rollback.
NEGATING_NOUNS = frozenset({"refusal", "reluctance", "unwillingness", "failure", "inability", "hesitation"})
NEGATING_HEADS = frozenset(
    {
        "refuse",
        "decline",
        "fail",
        "reject",
        "stop",
        "avoid",
        "halt",
        "resist",
        "oppose",
        "abandon",
        "cancel",
        "postpone",
    }
)
REQUESTING_HEADS = frozenset(
    {
        "urge",
        "ask",
        "call",
        "appeal",
        "demand",
        "encourage",
        "request",
        "press",
        "push",
        "implore",
        "beg",
        "insist",
        "want",
        "order",
        "need",
        "require",
        "pressure",
        "lobby",
        "invite",
        "tell",
        "advise",
    }
)
DENYING_HEADS = frozenset({"deny", "dismiss", "refute"})
# "accused X of attacking Y": the attack is alleged, not reported as fact
ALLEGING_HEADS = frozenset(
    {
        "accuse",
        "blame",
        "charge",
        "allege",
        "suspect",
        "convict",
        "indict",
        "arrest",
        "detain",
        "sue",
        "investigate",
        "punish",
        "sentence",
    }
)
CONDITION_MARKS = frozenset({"if", "unless", "whether", "should", "lest"})
EMBED_DEPS = frozenset({"xcomp", "ccomp", "advcl", "pcomp", "acomp"})


@dataclass(frozen=True, slots=True)
class Modality:
    negated: bool
    modality: records.Modality
    reported: bool  # embedded under a speech verb ("X said it would ...")


def _aux(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in AUX_DEPS}


NOBODY = frozenset({"nobody", "nothing", "none", "no one", "noone"})


def _negated_here(tok: Token) -> bool:
    """ "did not", "never", and a verb whose object is "nobody" / "nothing"."""
    return any(
        c.dep_ == "neg"
        or (c.lower_ in ("never", "no") and c.dep_ in ("neg", "advmod", "det"))
        or (c.dep_ in ("dobj", "nsubj", "nsubjpass") and c.lower_ in NOBODY)
        for c in tok.children
    )


def _going_to(tok: Token) -> bool:
    head = tok.head
    return tok.dep_ == "xcomp" and head.lemma_ == "go" and head.tag_ == "VBG"


def modality_of(trigger: Token, embed_heads: dict[str, records.Modality] | None = None) -> Modality:
    """Negation and modality of a verb trigger (for a noun, pass its governing verb).

    `embed_heads` maps a lemma to the modality it gives its complements (from the lexicon's
    `embed` field), on top of the built-in lists."""
    negated = _negated_here(trigger)
    aux = _aux(trigger)
    mode: records.Modality = "asserted"
    reported = False
    if aux & FUTURE_AUX or _going_to(trigger):
        mode = "intended"
    elif aux & HYPOTHETICAL_AUX and not ("have" in aux and trigger.tag_ == "VBN"):
        mode = "hypothetical"  # but "may have launched" reports a (suspected) fact
    elif aux & OBLIGATION_AUX:
        mode = "requested"
    if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in trigger.children):
        mode = "hypothetical"
    cur = trigger
    if trigger.dep_ == "acl" and trigger.head.lemma_.lower() in NEGATING_NOUNS:
        negated = True  # "its refusal to lift the ban", "reluctance to roll back tariffs"
    for _ in range(4):
        if cur.dep_ not in EMBED_DEPS and not (cur.dep_ == "conj" and cur.head.pos_ in ("VERB", "AUX")):
            break
        dep, head = cur.dep_, cur.head
        if dep == "conj":
            # a coordinated verb shares its head's auxiliaries ("will meet and sign")
            if mode == "asserted" and not _aux(cur) and _aux(head) & FUTURE_AUX:
                mode = "intended"
            cur = head
            continue
        if dep == "pcomp" and head.pos_ == "ADP" and head.head != head:
            head = head.head  # "accused X of attacking": look past the preposition
        lemma = head.lemma_
        if dep == "advcl":
            if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in cur.children):
                mode = "hypothetical"
            elif cur.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
                # "for X to do" is wished for, not done; a purpose clause ("called X to
                # convey support") is usually done by the call itself, so it stays asserted
                if any(c.dep_ == "mark" and c.lower_ == "for" for c in cur.children):
                    mode = "requested"
                cur = head
                continue
            break
        if dep in ("xcomp", "ccomp", "pcomp", "acomp"):
            if lemma in REPORTING_VERBS and dep == "ccomp":
                reported = True
                if "would" in aux and mode == "asserted":
                    mode = "intended"
                if _negated_here(head):
                    negated = True
                break
            if lemma in DENYING_HEADS:
                mode = "denied"
            elif lemma in ALLEGING_HEADS:
                mode = "hypothetical"
            elif embed_heads and lemma in embed_heads and dep in ("xcomp", "ccomp"):
                mode = embed_heads[lemma]
            elif lemma in REQUESTING_HEADS and dep in ("xcomp", "ccomp") and lemma != "want":
                mode = "requested"
            elif lemma in NEGATING_HEADS:
                negated = True
            elif lemma in INTENT_HEADS or (head.pos_ == "ADJ" and lemma in INTENT_HEADS):
                if mode == "asserted":
                    mode = "intended"
            if _negated_here(head):
                negated = True
            if _aux(head) & FUTURE_AUX and mode == "asserted":
                mode = "intended"
        cur = head
    else:
        pass
    if "would" in aux and mode == "asserted":
        mode = "intended"  # news "would" is mostly a reported future; "if" clauses are caught above
    return Modality(negated=negated, modality=mode, reported=reported)


def noun_modality(gov: Token, gov_mod: Modality, embed_heads: dict[str, records.Modality]) -> Modality:
    """Modality of an event noun from the verb that governs it: "offered assistance" is
    intended, "urged for de-escalation" requested, "denied the attack" denied, "refused
    talks" negated; otherwise the noun's event happened ("repelled the attacks"), whatever
    the governing verb's own negation."""
    lemma = gov.lemma_
    if lemma in DENYING_HEADS:
        return Modality(False, "denied", gov_mod.reported)
    if embed_heads.get(lemma) == "requested" or lemma in REQUESTING_HEADS:
        return Modality(False, "requested", gov_mod.reported)
    if lemma in NEGATING_HEADS:
        return Modality(True, gov_mod.modality, gov_mod.reported)
    if lemma in INTENT_HEADS:
        return Modality(False, "intended", gov_mod.reported)
    if gov_mod.modality in ("intended", "hypothetical", "requested"):
        return Modality(False, gov_mod.modality, gov_mod.reported)
    return Modality(False, "asserted", gov_mod.reported)
