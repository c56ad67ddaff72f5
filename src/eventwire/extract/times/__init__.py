"""Times: TIMEX3 recognition and normalisation against the publication date.

`grammar` holds the regular expressions, `recognition` runs them and checks each match's
context, `values`, `rules` and `relative` normalise the matches per rule, and `tagger`
reads the tense of the governing verb and runs the whole.
"""

from .tagger import extract_times

__all__ = ["extract_times"]
