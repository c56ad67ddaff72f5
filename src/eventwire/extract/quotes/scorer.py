"""A learned filter over indirect attribution candidates (logistic regression).

The rules in `attributions` and `assembly.candidates` propose attributions; this module says how
likely each one is to be an attribution a PolNeAR annotator would mark, from a handful of
sparse, readable features of the cue word, its frame and its speaker. The weights are a TSV
of feature -> weight (`resources/data/quote_model.tsv`, trained by
`scripts/train_quote_model.py`), so every decision can be read back as a sum of named
features.
"""

from __future__ import annotations

import math
import re

from spacy.tokens import Doc

from ...resources.quote_lexicon import cues_by_lemma
from ...resources.quote_model import quote_model
from ..syntax import MODALS
from .attributions import Attribution

# Feature names go into a TSV: no whitespace or double quotes in them.
_UNSAFE = re.compile(r'[\s"]')


def _length_bucket(chars: int) -> str:
    for limit in (10, 25, 50, 100, 200, 400):
        if chars <= limit:
            return str(limit)
    return "more"


def _lexicon_class(lemma: str) -> str:
    entries = cues_by_lemma().get(lemma)
    if not entries:
        return "none"
    return "+".join(sorted(set().union(*(c.classes for c in entries))))


def features(doc: Doc, att: Attribution, in_quote: bool) -> list[str]:
    """Named features of one candidate; `in_quote` says the cue stands inside quotation
    marks (someone quoted reporting someone else)."""
    cue = doc[att.cue_token]
    lemma = cue.lemma_.lower() if att.role != "according" else "according"
    role = att.role
    klass = _lexicon_class(lemma)
    children = list(cue.children)
    deps = {c.dep_ for c in children}
    if att.speaker_token is not None:
        spk = doc[att.speaker_token]
        speaker = spk.ent_type_ or spk.pos_
        if spk.pos_ == "PRON":
            speaker = "PRON:" + spk.lower_
    else:
        speaker = "none"
    size = sum(e - s for s, e in att.content)
    where = "after" if att.content[0][0] >= att.cue[1] else "before"
    feats = [
        "bias",
        f"role={role}",
        f"lemma={lemma}",
        f"lemma_role={lemma}|{role}",
        f"class={klass}",
        f"class_role={klass}|{role}",
        f"pos={cue.pos_}",
        f"tag={cue.tag_}",
        f"dep={cue.dep_}",
        f"dep_head={cue.dep_}|{cue.head.pos_}",
        f"speaker={speaker}",
        f"lemma_speaker={lemma}|{att.speaker_token is not None}",
        f"size={_length_bucket(size)}",
        f"role_size={role}|{_length_bucket(size)}",
        f"where={role}|{where}",
        f"speech={att.speech}",
        f"in_quote={in_quote}",
        f"role_in_quote={role}|{in_quote}",
    ]
    if "neg" in deps:
        feats.append("neg")
    if "auxpass" in deps or "nsubjpass" in deps:
        feats.append(f"passive|{role}")
    modal = next((c.lower_ for c in children if c.dep_ == "aux" and c.lower_ in MODALS), None)
    if modal:
        feats.append(f"modal={modal}")
    if cue.dep_ in ("xcomp", "conj", "advcl", "ccomp", "relcl", "acl", "pcomp"):
        feats.append(f"governor={cue.head.lemma_.lower()}|{cue.dep_}")
    return [_UNSAFE.sub("_", f) for f in feats]


def probability(feats: list[str]) -> float:
    weights = quote_model().weights
    z = sum(weights.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def threshold() -> float:
    return quote_model().threshold
