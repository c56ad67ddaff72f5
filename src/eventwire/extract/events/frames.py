"""Event frames: which token is an event trigger, what CAMEO code it carries, and its
argument heads. Verbs match the lexicon by lemma (plus particle or preposition), light
verbs take the code of their event-noun object ("held talks", "carried out strikes"),
and event nouns stand alone ("attacks by X on Y", "a strike in Pakistan").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from ...resources.event_lexicon import EventLexicon, NounEntry, VerbEntry
from ..syntax import AUX_DEPS, NOMINAL_SUBJECT_DEPS, REPORTING_VERBS
from .arguments import (
    clause_subject,
    expand_conj,
    is_passive,
    patients,
    pobjs,
    subjects,
)

# Complement dependents searched for cue words ("urge ... to de-escalate").
CUE_DEPS = frozenset(
    {
        "dobj",
        "xcomp",
        "ccomp",
        "prep",
        "dative",
        "attr",
        "oprd",
        "acomp",
        "advcl",
        "npadvmod",
        "nsubjpass",
        "prt",
        "advmod",
        "conj",
    }
)
CUE_WINDOW = 30  # tokens of complement searched for cues
CONTAINERS = frozenset(
    {
        "round",
        "wave",
        "series",
        "spate",
        "string",
        "barrage",
        "volley",
        "campaign",
        "flurry",
        "number",
        "kind",
        "type",
        "form",
    }
)
# verbs that react to an event someone else did: their subject is not its agent
REACTIVE_VERBS = frozenset(
    {
        "condemn",
        "criticize",
        "criticise",
        "denounce",
        "deplore",
        "decry",
        "slam",
        "blast",
        "welcome",
        "praise",
        "hail",
        "applaud",
        "protest",
        "reject",
        "deny",
        "dismiss",
        "oppose",
        "investigate",
        "probe",
        "accuse",
        "blame",
        "discuss",
        "mourn",
        "support",
        "back",
        "endorse",
        "demand",
        "urge",
        "call",
        "ask",
        "seek",
        "question",
        "dispute",
        "challenge",
        "fear",
        "predict",
        "monitor",
        "witness",
        "survive",
        "suffer",
        "face",
        "recall",
        "remember",
        "commemorate",
        "mark",
        "describe",
        "cite",
        "note",
        "follow",
        "avenge",
        "retaliate",
        "repel",
        "repulse",
        "foil",
        "thwart",
        "stop",
        "prevent",
        "halt",
        "end",
        "block",
        "resist",
        "condone",
        "justify",
        "defend",
        "ignore",
        "track",
    }
)
UNDERGO = frozenset({"face", "receive", "draw", "attract", "suffer", "endure", "get", "meet"})
# nouns whose clause says what they are about ("claims that X abused children")
CONTENT_NOUNS = frozenset(
    {
        "claim",
        "allegation",
        "report",
        "accusation",
        "suspicion",
        "charge",
        "evidence",
        "rumor",
        "rumour",
        "complaint",
        "fear",
        "concern",
    }
)
INNER_PREPS = frozenset({"between", "with", "to", "against", "on"})
COMPLEMENT_PREPS = ("with", "to", "on", "against", "from", "for", "into", "in", "at", "between")


@dataclass(slots=True)
class Frame:
    """One trigger with its code and argument heads (before conj expansion)."""

    trigger: Token
    last: Token  # last token of the trigger phrase ("spoke to", "held talks")
    code: str
    conf: float
    sources: list[Token] = field(default_factory=list)
    targets: list[Token] = field(default_factory=list)
    target_fallback: bool = False  # the target is a guess (the object of a thing-verb, a complement's object)
    wide_target: bool = False  # the target is the light verb's own event noun (last resort)
    noun: Token | None = None  # the event noun a light verb took its code from
    not_target: Token | None = None  # the object of a verb whose object is a thing ("offered aid")
    loose: list[Token] = field(default_factory=list)  # unlabelled name before an event noun
    actor_target: bool = False  # no event unless some target is an actor


def _has_word(tok: Token, word: str) -> Token | None:
    for child in tok.children:
        if child.lower_ == word or child.lemma_.lower() == word:
            return child
    return None


def match_entry(tok: Token, entries: tuple[VerbEntry, ...]) -> tuple[VerbEntry, Token] | None:
    """The most specific entry whose particle and preposition are present, and the last
    token of the trigger phrase. The preposition must come before any direct object
    ("called on Russia to", not "called Russia on the phone")."""
    dobj = next((c.i for c in tok.children if c.dep_ == "dobj"), len(tok.doc))
    for entry in entries:
        last = tok
        ok = True
        for word in (entry.prt, entry.prep):
            if word is None:
                continue
            hit = _has_word(tok, word)
            if hit is None and word == entry.prep and dobj < len(tok.doc):
                hit = _has_word(tok.doc[dobj], word)  # "received support from X": on the object
            if (
                hit is None
                or (word == entry.prep and word in ("on", "for") and hit.i > dobj)
                or (word == entry.prep and any(g.ent_type_ in ("DATE", "TIME") for g in hit.children))
            ):  # "called X on Tuesday" is a phone call, not "called on X"
                ok = False
                break
            if hit.i > last.i and hit.i - tok.i <= 3:
                last = hit
        if ok:
            return entry, last
    return None


def noun_code(tok: Token, lex: EventLexicon) -> tuple[str, NounEntry | None] | None:
    """CAMEO code of an event noun: a compound rule ("air strike", "state of emergency")
    first, then the noun itself."""
    lemma = tok.lemma_.lower()
    lower = tok.lower_
    if lemma not in lex.noun_keys and lower not in lex.noun_keys and lemma not in CONTAINERS:
        return None
    if lex.noun_preps:
        # "calls for X", also "calls for Pakistan to take ..." (where "for" is a clause mark)
        near = [c for c in tok.children if c.dep_ == "prep"]
        near += [
            g for c in tok.children if c.dep_ in ("acl", "relcl") for g in c.children if g.dep_ == "mark"
        ]
        if tok.i + 1 < len(tok.doc):
            near.append(tok.doc[tok.i + 1])
        for child in near:
            code = lex.noun_preps.get((lemma, child.lower_))
            if code:
                return code, lex.nouns.get(lemma)
    for child in tok.children:
        if child.dep_ in ("compound", "amod", "nmod") and child.i < tok.i:
            rule = lex.compounds.get(child.lemma_.lower()) or lex.compounds.get(child.lower_)
            if rule and (lemma in rule or lower in rule):
                return rule.get(lower) or rule[lemma], lex.nouns.get(lemma)
    rule = lex.compounds.get(lemma)
    if rule:
        for obj in pobjs(tok, ("of",)):
            code = rule.get(obj.lemma_.lower())
            if code:
                return code, lex.nouns.get(obj.lemma_.lower())
    entry = lex.nouns.get(lower) or lex.nouns.get(lemma)
    if entry is not None:
        if entry.cue:  # "a strike" among workers and wages is a labour strike
            words = {t.lemma_.lower() for t in tok.sent} | {t.lower_ for t in tok.sent}
            return next((c for c, cue in entry.cue if words & cue), entry.code), entry
        return entry.code, entry
    if lemma in CONTAINERS:  # "a new round of joint exercises", "three waves of attacks"
        for obj in pobjs(tok, ("of",)):
            return noun_code(obj, lex)
    return None


def _cue_lemmas(tok: Token, deps: frozenset[str] = CUE_DEPS) -> set[str]:
    words: set[str] = set()
    for child in tok.children:
        if child.dep_ not in deps:
            continue
        for i, t in enumerate(child.subtree):
            if i >= CUE_WINDOW:
                break
            words.add(t.lemma_.lower())
            words.add(t.lower_)
    return words


def _direct_object(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ == "dobj":
            return child
    if is_passive(tok):
        for child in tok.children:
            if child.dep_ == "nsubjpass":
                return child
    return None


def verb_frame(tok: Token, entries: tuple[VerbEntry, ...], lex: EventLexicon) -> Frame | None:
    """The frame of a verb trigger, or None when the verb is not an event here."""
    matched = match_entry(tok, entries)
    if matched is None:
        return None
    entry, last = matched
    obj = _direct_object(tok)
    if obj is None and entry.light:  # "declared a state of siege to begin at midnight"
        obj = next(
            (
                g
                for c in tok.children
                if c.dep_ == "ccomp"
                for g in c.children
                if g.dep_ == "nsubj" and g.pos_ == "NOUN"
            ),
            None,
        )
    if obj is None and entry.prep:
        found = pobjs(tok, (entry.prep,))
        obj = found[0] if found else None
    code, conf, noun = None, entry.conf, None
    if obj is not None and entry.obj:
        table = dict(entry.obj)
        code = table.get(obj.lemma_.lower()) or table.get(obj.lower_)
        for child in obj.children:  # "ended mediation efforts", "imposed travel bans"
            if code is None and child.dep_ == "compound":
                code = table.get(child.lemma_.lower())
        if code:
            conf += 0.1
            noun = obj
    if code is None and entry.light and obj is not None:
        coded = noun_code(obj, lex)
        if coded is not None:
            code, _nentry = coded
            conf = max(conf, 0.85)
            noun = obj
    if code is None and entry.cue:
        words = _cue_lemmas(tok)
        if entry.subjcue:  # "peacekeeping troops arrived in X": who arrives says what it is
            words |= _cue_lemmas(tok, NOMINAL_SUBJECT_DEPS)
        for cue_code, cue_words in entry.cue:
            if words & cue_words:
                code, conf = cue_code, conf + 0.1
                break
    if code is None:
        if not entry.bare:
            return None
        code = entry.code
    frame = Frame(
        trigger=tok,
        last=last if noun is None or noun.i - tok.i > 4 else max(last, noun, key=lambda t: t.i),
        code=code,
        conf=min(conf, 0.95),
        noun=noun,
    )
    frame.sources = subjects(tok)[0]
    frame.targets, frame.target_fallback = _verb_targets(tok, entry, obj, noun, lex)
    frame.targets = [attacker_of(t, lex) or t for t in frame.targets]
    if entry.nodobj and obj is not None:
        frame.not_target = obj
    if entry.invert:  # "X received aid from Y": Y gave, X got
        givers = pobjs(tok, ("from",)) or (pobjs(obj, ("from",)) if obj is not None else [])
        frame.sources, frame.targets = givers, frame.sources
    if entry.mover and is_passive(tok) and not frame.sources:
        # "2,000 soldiers were deployed along the corridor": the troops go, the place receives
        frame.sources = patients(tok)
        frame.targets = pobjs(tok, ("to", "in", "into", "along", "on")) or frame.targets[:0]
    if not frame.targets and noun is not None:
        frame.targets, frame.target_fallback, frame.wide_target = [noun], True, True
    if entry.transitive and not frame.targets:
        return None
    frame.actor_target = entry.actor_target and noun is None
    return frame


def _verb_targets(
    tok: Token, entry: VerbEntry, obj: Token | None, noun: Token | None, lex: EventLexicon
) -> tuple[list[Token], bool]:
    preps = tuple(entry.tprep) + ((entry.prep,) if entry.prep else ())
    if tok.dep_ == "amod" and tok.head.pos_ in ("NOUN", "PROPN"):
        return [tok.head], False  # "the repelled attacks"
    if noun is not None:
        nentry = lex.nouns.get(noun.lemma_.lower())
        preps = preps + (nentry.tprep if nentry else ("on", "against", "with"))
    if is_passive(tok):
        found = patients(tok)
        if found and found[0] != noun:
            return found, False
    datives = [c for c in tok.children if c.dep_ == "dative" and c.pos_ != "ADP"]
    by_prep = pobjs(tok, preps)
    if noun is not None:
        by_prep += pobjs(noun, preps)
    elif obj is not None and preps:
        by_prep += pobjs(obj, preps)
    direct = [obj] if obj is not None and obj != noun and obj.dep_ == "dobj" else []
    if entry.nodobj or noun is not None:
        ordered = by_prep or datives
        if ordered:
            return ordered, False
        scope = [obj] if obj is not None else []
        scope += [
            c
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ not in ("in", "on", "at", "during", "after", "before")
        ]
        scope += [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in",)]
        inner = [
            t for root in scope for t in root.subtree if t.dep_ == "pobj" and t.head.lower_ in INNER_PREPS
        ]
        inner = inner or [
            t
            for t in (obj.subtree if obj is not None else ())
            if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head == obj
        ]
        if inner:  # "offered assistance in starting talks between the two countries"
            return inner[:1], True
    else:
        ordered = direct + datives or by_prep
        if ordered:
            return ordered, False
    complements = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp")]
    for child in complements:
        subj = clause_subject(child)
        if subj and (entry.ctarget or child.dep_ == "ccomp"):
            return subj, not entry.ctarget
    if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX"):
        # "spoke to X and urged ...": a coordinated verb without objects shares its head's
        shared = [c for c in tok.head.children if c.dep_ in ("dobj", "dative") and c.pos_ != "ADP"]
        shared = shared or pobjs(tok.head, ("to", "with"))
        if shared:
            return shared, True
    # "refused to meet with X", "agreed to lift sanctions on X": the complement's object
    for child in complements:
        found = complement_objects(child)
        if found:
            return found, True
    if direct:
        return direct, True
    return [], False


def attacker_of(tok: Token, lex: EventLexicon) -> Token | None:
    """For an event-noun object, whose event it is: "repelled attacks by Pakistan" is aimed
    at Pakistan, "condemned Russia's strikes" at Russia."""
    if tok.pos_ not in ("NOUN", "PROPN") or noun_code(tok, lex) is None:
        return None
    for child in tok.children:
        if child.dep_ == "poss" or (
            child.dep_ in ("amod", "compound") and child.ent_type_ in ("NORP", "GPE")
        ):
            return child
    found = pobjs(tok, ("by",))
    if found:
        return found[0]
    for obj in pobjs(tok, ("of",)):  # "three waves of attacks by Pakistan"
        return attacker_of(obj, lex)
    return None


def complement_objects(clause: Token) -> list[Token]:
    """Objects of a complement clause, for a governing verb that has none of its own."""
    objs = [c for c in clause.children if c.dep_ in ("dobj", "dative") and c.pos_ != "ADP"]
    return objs or pobjs(clause, COMPLEMENT_PREPS)


def noun_frame(tok: Token, lex: EventLexicon) -> Frame | None:
    """The frame of a stand-alone event noun ("drone attacks by Pakistan targeting X")."""
    found = noun_code(tok, lex)
    if found is None:
        return None
    code, entry = found
    preps = entry.tprep if entry else ("on", "against", "for", "to", "of")
    conf = entry.conf if entry else 0.65
    frame = Frame(trigger=tok, last=tok, code=code, conf=conf)
    sources: list[Token] = []
    for child in tok.children:
        if child.dep_ == "poss" or (
            child.dep_ in ("compound", "amod") and child.ent_type_ in ("NORP", "GPE", "ORG")
        ):
            sources.append(child)
    sources += pobjs(tok, ("by", "from"))
    for child in tok.children:  # "a Saudi-led strike", "a Russia-backed offensive"
        if child.dep_ == "amod" and child.lemma_ in ("lead", "back", "sponsor", "support", "broker"):
            sources += [g for g in child.children if g.ent_type_ in ("GPE", "NORP", "ORG")]
    anchor = tok
    if not sources and tok.dep_ == "appos":  # "India's Operation Sindoor - a strike in ..."
        anchor = tok.head
        sources = [c for c in anchor.children if c.dep_ == "poss"]
        for child in anchor.children:
            if child.dep_ == "compound":
                sources += [c for c in child.children if c.dep_ == "poss"]
    targets = pobjs(tok, preps)
    if tok.dep_ == "dobj" and tok.head.lemma_ in UNDERGO:  # "X faces criticism from Y"
        targets += subjects(tok.head)[0]
    nxt = tok.right_edge.i + 1
    follower = [tok.doc[nxt]] if nxt < len(tok.doc) else []
    for child in list(tok.children) + follower:
        if (
            child.dep_ in ("acl", "advcl")
            and child.lemma_ in ("target", "aim", "hit")
            and (child.head == tok or child.i == nxt)
        ):
            targets += [c for c in child.children if c.dep_ == "dobj"]
    if not targets and tok.dep_ == "dobj":  # "had lunch with X": the preposition hangs on the verb
        targets = pobjs(tok.head, preps)
    if not targets:
        targets = [t for t in pobjs(tok, ("in", "into", "inside")) if t.ent_type_ == "GPE"]
    between = expand_conj(pobjs(tok, ("between",))[0]) if pobjs(tok, ("between",)) else []
    if not sources and len(between) > 1:  # "cooperation between X and Y"
        sources, targets = between[:1], between[1:]
    if not sources and tok.dep_ in ("dobj", "attr", "pobj"):
        # "X is the largest donor", "X is heading an inquiry", "X participates in operations";
        # but not "X condemned the attack": the condemner is not the attacker
        gov = tok.head.head if tok.dep_ == "pobj" else tok.head
        if gov.pos_ == "ADJ" and gov.dep_ in ("acomp", "amod") and gov.head != gov:
            gov = gov.head  # "X has been responsible for mass killings"
        if (
            gov.pos_ in ("VERB", "AUX")
            and gov.lemma_ not in REACTIVE_VERBS
            and gov.lemma_ not in REPORTING_VERBS
        ):
            sources = subjects(gov)[0]
            frame.conf -= 0.1
    if not sources and not targets:
        # "the Pahalgam attack", "the Hamas attack": a bare name; the caller decides
        # whether it is a place (target) or an actor (source)
        frame.loose = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if not frame.loose:
            return None
    frame.sources, frame.targets = sources, targets
    return frame


def speech_request_frame(tok: Token) -> Frame | None:
    """ "X said Y must ..." is X's demand on Y (CAMEO 100), "should" an appeal (020)."""
    for child in tok.children:
        if child.dep_ != "ccomp":
            continue
        aux = {c.lower_ for c in child.children if c.dep_ in AUX_DEPS}
        needs = any(c.dep_ == "xcomp" for c in child.children) and child.lemma_ in ("have", "need")
        blame = any(
            c.dep_ == "acomp" and c.lower_ in ("responsible", "guilty", "behind", "culpable")
            for c in child.children
        )
        if blame:
            code = "112"  # "X said Y was responsible"
        elif aux & {"must"} or needs:
            code = "100"
        elif aux & {"should", "ought"}:
            code = "020"
        else:
            continue
        subj = clause_subject(child)
        if not subj:
            continue
        frame = Frame(trigger=tok, last=tok, code=code, conf=0.75)
        frame.sources, _ = subjects(tok)
        frame.targets = subj
        return frame
    return None


def expand(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for tok in tokens:
        for item in expand_conj(tok):
            if item not in out:
                out.append(item)
    return out


_OTHER_CLAUSE = frozenset({"nsubj", "csubj", "ccomp", "advcl", "relcl", "parataxis", "punct", "cc"})


def alternate_targets(trig: Token, exclude: set[Token]) -> list[Token]:
    """Noun phrases of the trigger's own clause that could be its target, nearest first:
    objects and prepositional objects, not the subject and not other clauses."""
    out: list[Token] = []
    stack = [c for c in trig.children if c.dep_ not in _OTHER_CLAUSE]
    while stack:
        tok = stack.pop()
        if tok.lemma_ in CONTENT_NOUNS:  # "an investigation into claims that X abused ..."
            stack.extend(
                g
                for c in tok.children
                if c.dep_ in ("acl", "ccomp", "relcl")
                for g in c.children
                if g.dep_ == "nsubj"
            )
        about = tok.dep_ == "nsubj" and tok.head.head.lemma_ in CONTENT_NOUNS
        if (
            (tok.dep_ in ("pobj", "dobj", "dative", "conj", "appos", "poss", "nmod") or about)
            and tok.pos_ in ("NOUN", "PROPN")
            and tok not in exclude
        ):
            out.append(tok)  # phrase heads only: "compound" parts belong to their head
        stack.extend(c for c in tok.children if c.dep_ not in _OTHER_CLAUSE)
    return sorted(out, key=lambda t: abs(t.i - trig.i))
