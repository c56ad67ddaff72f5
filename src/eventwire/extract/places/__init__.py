"""Places: toponyms resolved to GeoNames entries.

`names` says what a capitalised name can be (a place, a person's, a firm's), `mentions`
finds toponym spans with their candidate entries (one step per NER label, then proper-noun
runs NER missed), `patterns` adds those read off the text around names (containment,
lists, datelines), and `disambiguation` picks one entry per span with the article's own
geography as context. Tuned word lists are in resources/data/place_words.yaml.
"""

from .disambiguation import extract_places

__all__ = ["extract_places"]
