"""Places: toponyms resolved to GeoNames entries.

`names` says what a capitalised name can be (a place, a person's, a firm's), `mentions`
finds toponym spans with their candidate entries, `disambiguation` picks one entry per
span with the article's own geography as context.
"""

from .disambiguation import extract_places

__all__ = ["extract_places"]
