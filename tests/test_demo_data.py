"""The bundled demo articles: loadable as package data and shaped like contract input."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources

import pytest

FIRST_DAY = dt.date(2025, 4, 20)
LAST_DAY = dt.date(2025, 5, 31)


def load_demo() -> list[dict]:
    # Read through importlib.resources so the test also covers the installed-package path
    # that `eventwire demo` uses, not only the source tree.
    text = resources.files("eventwire.demo").joinpath("articles.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


ARTICLES = load_demo()


def test_enough_articles():
    assert len(ARTICLES) >= 12


def test_ids_are_unique():
    ids = [a["id"] for a in ARTICLES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a["id"])
def test_article_shape(article):
    published = dt.date.fromisoformat(article["published"])
    assert FIRST_DAY <= published <= LAST_DAY
    assert article["title"].strip()
    assert article["source"].strip()
    assert 100 <= len(article["text"].split()) <= 400


@pytest.mark.parametrize(
    "value, ok",
    [
        ("2025-05-10", True),
        ("2025-04-20", True),
        ("2025-05-31", True),
        ("2025-04-19", False),  # before the crisis window
        ("2025-06-01", False),  # after it
        ("10/05/2025", False),  # not ISO
        ("2025-5-10", False),  # ISO needs zero padding
    ],
)
def test_date_window_check(value, ok):
    # The shape test relies on this check rejecting what it should.
    try:
        inside = FIRST_DAY <= dt.date.fromisoformat(value) <= LAST_DAY
    except ValueError:
        inside = False
    assert inside is ok


def test_paragraphs_are_separated_by_newlines():
    for article in ARTICLES:
        paragraphs = article["text"].split("\n")
        assert len(paragraphs) >= 3, article["id"]
        assert all(p.strip() == p and p for p in paragraphs), article["id"]
