"""The fields of an input article made safe to process and to write out.

Every reader (files, standard input, batch, the REST API, the Python API) hands articles to
the pipeline, which passes each one through `check_article` first, so one rule holds for
all of them:

- `id`, `title`, `url`, `source` and `published` are strings or absent. Anything else (a
  number, a list, an object) makes the article an error record that names the field: the
  contract passes these fields through as strings, and guessing a string for a list would
  put data in the output that nobody wrote.
- A lone UTF-16 surrogate (from a JSON escape such as ``"\\ud800"``) cannot be written as
  UTF-8, nor tokenised; each one becomes U+FFFD, the replacement character, as a decoder
  does for a bad byte. One character for one keeps every offset of the text.
- An error message quotes at most `MAX_QUOTED_CHARS` characters of a bad value.
"""

from __future__ import annotations

import dataclasses
import re

from ..errors import InputError
from ..records import Article

PASSED_THROUGH = ("title", "url", "source", "published")
MAX_QUOTED_CHARS = 80
_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_surrogates(value: str) -> str:
    """`value` with each lone surrogate replaced by U+FFFD (a no-op on well-formed text)."""
    return _SURROGATE.sub("\ufffd", value)


def quoted(value: object, limit: int = MAX_QUOTED_CHARS) -> str:
    """`repr(value)` cut to `limit` characters, with the full length said, for messages."""
    text = repr(value)
    if len(text) <= limit:
        return text
    return f"{text[:limit]}... ({len(text):,} characters)"


def safe_id(value: object) -> str | None:
    """An id that can always be written out (a string without lone surrogates)."""
    if value is None:
        return None
    return replace_surrogates(value if isinstance(value, str) else str(value))


def check_article(article: Article) -> Article:
    """The article with writable strings; InputError naming the first field of a wrong type."""
    changes: dict[str, str] = {}
    if not isinstance(article.id, str):
        raise InputError(f"'id' must be a string, not {type(article.id).__name__} ({quoted(article.id)}).")
    for name in PASSED_THROUGH:
        value = getattr(article, name)
        if value is not None and not isinstance(value, str):
            raise InputError(
                f"{name!r} must be a string or null, not {type(value).__name__} ({quoted(value)}); "
                "fix the field or drop it."
            )
    for name in ("id", "text", "html", *PASSED_THROUGH):
        value = getattr(article, name)
        if isinstance(value, str) and _SURROGATE.search(value):
            changes[name] = replace_surrogates(value)
    return dataclasses.replace(article, **changes) if changes else article
