"""eventwire: structured, sourced political event data from news articles.

>>> import eventwire
>>> record = eventwire.code_article("India and Pakistan agreed to a ceasefire.", published="2025-05-10")
>>> eventwire.to_dict(record)["events"]
"""

from .errors import EventwireError, InputError, ResourceError, StoreError, UsageError
from .pipeline import code_article, code_many
from .records import Actor, Article, CodedArticle, ErrorRecord, Event, Place, Quote, Span, Time, to_dict

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
