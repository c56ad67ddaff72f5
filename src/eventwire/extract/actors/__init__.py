"""Actors: mentions of people, organisations and countries with CAMEO actor codes.

`pieces` finds dictionary and NER hits, `chains` joins them into coded noun phrases
(`mention.Mention`), `resolution` adds pronouns, surnames, descriptions and "the two
countries". See `chains` for how a mention is built.
"""

from .chains import extract_actors

__all__ = ["extract_actors"]
