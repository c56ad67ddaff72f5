"""Times: TIMEX3 recognition and normalisation against the publication date.

`grammar` recognises expressions with regular expressions over the text, `values`,
`rules` and `relative` normalise them per rule, and `tagger` reads the tense of the
governing verb and runs the whole.
"""

from .tagger import extract_times

__all__ = ["extract_times"]
