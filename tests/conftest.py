"""Shared fixtures. `../shared` (gold sets, seed, corpora) sits beside the repo for
developers and CI, not in a user's clone: tests that need it skip with a message."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# FastAPI's TestClient sends `Host: testserver`; the API refuses hosts it does not know
# (EVENTWIRE_ALLOWED_HOSTS), so the tests name it. Set before any settings are read.
os.environ.setdefault("EVENTWIRE_ALLOWED_HOSTS", "localhost,127.0.0.1,::1,testserver")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED_TEXT = SHARED / "seed" / "000_89c6c322ce452435.txt"
SEED_GOLD = SEED_TEXT.with_name("000_89c6c322ce452435.gold.json")


def need_shared(path: Path = SHARED) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent (it holds the gold sets beside the repo for developers and CI)")
    return path


@pytest.fixture(scope="session")
def shared() -> Path:
    return need_shared()


@pytest.fixture(scope="session")
def nlp():
    """The English pipeline, loaded once for the whole session (every test that parses uses it)."""
    from eventwire.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seed_record():
    """The seed article coded once for the whole session."""
    import eventwire

    need_shared(SEED_TEXT)
    return eventwire.code_article(
        eventwire.Article(id="seed", text=SEED_TEXT.read_text(encoding="utf-8"), published="2025-05-10")
    )
