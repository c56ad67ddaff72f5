"""Quotes: direct and indirect speech with cue and speaker.

`marks` pairs quotation marks on the raw text, `attributions` reads cue, speaker and
content off the parse, `bounds` and `scorer` are the learned layer over indirect
speech, and `assembly` joins them into Quote records.
"""

from .assembly import FragmentedSpan, extract_quotes

__all__ = ["FragmentedSpan", "extract_quotes"]
