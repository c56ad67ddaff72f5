"""Events: CAMEO-coded (source, event, target) triples from the dependency parse.

`frames` finds triggers and codes in the predicate lexicon, `arguments` and
`participants` find and resolve who did what to whom, `modality` reads negation and
modality, `context` gives date, place and quote, and `coder` assembles the events.
"""

from .coder import extract_events

__all__ = ["extract_events"]
