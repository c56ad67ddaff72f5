"""A small store built from hand-made coded articles, so API tests do not depend on how well
today's extractors code a sentence."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from eventwire.records import Actor, CodedArticle, ErrorRecord, Event, Extent, Place, Quote, Span
from eventwire.store import open_store, write_records
from eventwire.web import create_app

TOKEN = "s3cret-token"

KASHMIR = Place(
    "Kashmir", 0, 0, 1269320, "Jammu and Kashmir", 33.5, 75.5, "IN", "Jammu and Kashmir", "admin1"
)
PUNJAB = Place("Lahore", 0, 0, 1172451, "Lahore", 31.558, 74.351, "PK", "Punjab", "city")


def _mention(text: str, sentence: str, base: int, code: str, country: str, sector=None, name=None):
    start = base + sentence.index(text)
    return Actor("a", text, start, start + len(text), code, country, sector, name)


def _event(
    eid,
    text,
    base,
    trigger,
    source,
    target,
    cameo,
    plover,
    quad,
    goldstein,
    date,
    place=None,
    negated=False,
    modality="asserted",
    quote_id=None,
):
    t = base + text.index(trigger)
    return Event(
        id=eid,
        sentence=Extent(base, base + len(text)),
        trigger=Span(trigger, t, t + len(trigger)),
        source=_mention(*source[:1], text, base, *source[1:]) if source else None,
        target=_mention(*target[:1], text, base, *target[1:]) if target else None,
        cameo=cameo,
        cameo_root=cameo[:2],
        plover=plover,
        plover_mode=None,
        quad_class=quad,
        goldstein=goldstein,
        date=date,
        date_text=None,
        location=place,
        negated=negated,
        modality=modality,
        quote_id=quote_id,
        confidence=0.9,
    )


def _article(aid, published, sentences, events, quotes=(), title=None, source=None):
    """A coded article from sentences (joined by a space) and event specs per sentence."""
    text, bases = "", []
    for s in sentences:
        bases.append(len(text))
        text += s + " "
    text = text.rstrip()
    evs = tuple(_event(f"e{i + 1}", sentences[si], bases[si], *spec) for i, (si, spec) in enumerate(events))
    qs = []
    for i, (content, speaker, code) in enumerate(quotes):
        c, sp = text.index(content), text.index(speaker)
        qs.append(
            Quote(
                f"q{i + 1}",
                "direct",
                Span(content, c, c + len(content)),
                None,
                Actor("a", speaker, sp, sp + len(speaker), code, code[:3], code[3:] or None, speaker),
            )
        )
    return CodedArticle(
        id=aid,
        text=text,
        published=published,
        title=title,
        url=f"https://example.org/{aid}",
        source=source,
        events=evs,
        quotes=tuple(qs),
    )


S1 = "Pakistan’s army shelled villages in Kashmir on Friday."
S2 = "India accused Pakistan of violating the ceasefire."
S3 = "The United States urged India and Pakistan to talk."
S4 = "India said it would not strike Lahore."
S5 = "Pakistani drones hit an airbase near Lahore."
S6 = "India and Pakistan agreed to a ceasefire."

ARTICLES = [
    _article(
        "a1",
        "2025-05-09",
        [S1, S2],
        [
            (
                0,
                (
                    "shelled",
                    ("Pakistan’s army", "PAKMIL", "PAK", "MIL"),
                    ("villages", "IND", "IND"),
                    "195",
                    "ASSAULT",
                    4,
                    -10.0,
                    "2025-05-09",
                    KASHMIR,
                ),
            ),
            (
                1,
                (
                    "accused",
                    ("India", "IND", "IND"),
                    ("Pakistan", "PAK", "PAK"),
                    "112",
                    "ACCUSE",
                    3,
                    -2.0,
                    "2025-05-09",
                ),
            ),
        ],
        title="Shelling in Kashmir",
        source="Desk One",
    ),
    _article(
        "a2",
        "2025-05-10",
        [S3, S4, S5],
        [
            (
                0,
                (
                    "urged",
                    ("The United States", "USA", "USA"),
                    ("India", "IND", "IND"),
                    "020",
                    "REQUEST",
                    1,
                    3.0,
                    "2025-05-10",
                ),
            ),
            (
                1,
                (
                    "strike",
                    ("India", "IND", "IND"),
                    ("Lahore", "PAK", "PAK"),
                    "190",
                    "ASSAULT",
                    4,
                    -10.0,
                    "2025-05-10",
                    PUNJAB,
                    True,
                    "intended",
                ),
            ),
            (
                2,
                (
                    "hit",
                    ("Pakistani drones", "PAKMIL", "PAK", "MIL"),
                    ("an airbase", "IND", "IND"),
                    "190",
                    "ASSAULT",
                    4,
                    -10.0,
                    "2025-W19",
                    PUNJAB,
                ),
            ),
        ],
        quotes=[("talk", "The United States", "USA")],
        title="Drones over Lahore",
        source="Desk Two",
    ),
    _article(
        "a3",
        "2025-05-11",
        [S6],
        [
            (
                0,
                (
                    "agreed",
                    ("India", "IND", "IND"),
                    ("Pakistan", "PAK", "PAK"),
                    "081",
                    "AGREE",
                    1,
                    5.0,
                    "2025-05",
                ),
            ),
        ],
        title="Ceasefire",
        source="Desk One",
    ),
]


@pytest.fixture(scope="session")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("api") / "store.duckdb"
    con = open_store(path)
    write_records(con, ARTICLES + [ErrorRecord("bad", "InputError", "the article is empty")])
    con.close()
    return path


@pytest.fixture(scope="session")
def client(store_path):
    """A read-only app (no token): what `eventwire serve` gives without EVENTWIRE_API_TOKEN."""
    with TestClient(create_app(store_path, token="")) as c:
        yield c
