"""eventwire: structured, sourced political event data from news articles.

>>> import eventwire
>>> record = eventwire.code_article("India and Pakistan agreed to a ceasefire.", published="2025-05-10")
>>> eventwire.to_dict(record)["events"]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import EventwireError, InputError, ResourceError, StoreError, UsageError
from .records import Actor, Article, CodedArticle, ErrorRecord, Event, Place, Quote, Span, Time, to_dict

if TYPE_CHECKING:
    from .pipeline import code_article, code_many

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Article",
    "CodedArticle",
    "ErrorRecord",
    "Event",
    "EventwireError",
    "InputError",
    "Place",
    "Quote",
    "ResourceError",
    "Span",
    "StoreError",
    "Time",
    "UsageError",
    "__version__",
    "code_article",
    "code_many",
    "to_dict",
]


def __getattr__(name: str) -> Any:
    # The pipeline loads spaCy (seconds): it is imported on first use, so `eventwire.store`,
    # exports and summaries, which only read records, start without it.
    if name in ("code_article", "code_many"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'eventwire' has no attribute {name!r}")
