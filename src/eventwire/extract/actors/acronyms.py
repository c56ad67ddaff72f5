"""Short forms an article defines: "the Presidential Commission on Good Government (PCGG)"
makes every later "PCGG" that commission, with its code. The article's own definition
beats any dictionary: the same letters name other bodies elsewhere.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .mention import Mention
from .pieces import ORGNAME


def _defined_at(doc: Doc, short: str) -> int | None:
    """Token index of the first "(SHORT)" in the text, or None."""
    for token in doc:
        if token.text == short and token.i > 0 and doc[token.i - 1].text == "(":
            return token.i
    return None


def _short_form(mention: Mention) -> str | None:
    if mention.code or len(mention.pieces) != 1 or mention.pieces[0].kind != ORGNAME:
        return None
    key = mention.pieces[0].key
    return key if key.isupper() and key.isalpha() and len(key) >= 2 else None


def resolve_acronyms(doc: Doc, mentions: list[Mention]) -> None:
    """Give uncoded short forms the code of the coded mention they were defined after."""
    for mention in mentions:
        short = _short_form(mention)
        at = _defined_at(doc, short) if short else None
        if at is None:
            continue
        # the long form ends right before the parenthesis, or its span swallowed it
        owner = next(
            (
                m
                for m in mentions
                if m.code and m is not mention and m.start < at - 1 and at - 2 <= m.end - 1 <= at
            ),
            None,
        )
        if owner is not None:
            mention.code, mention.country, mention.sector = owner.code, owner.country, owner.sector
            mention.name = owner.name or mention.name
