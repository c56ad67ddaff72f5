"""Quotes: direct and indirect speech with cue and speaker.

`marks` pairs quotation marks on the raw text, `attributions` reads cue, speaker and
content off the parse, `bounds` and `scorer` are the learned layer over indirect
speech, and `assembly` joins them into Quote records. Tuned word lists are in
resources/data/quote_words.yaml.
"""

from .assembly import extract_quotes

__all__ = ["extract_quotes"]
