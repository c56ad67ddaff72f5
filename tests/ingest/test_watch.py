"""Watching feeds: intervals, the feeds file, cycles that survive a feed that is down."""

import pytest

from eventwire.errors import UsageError
from eventwire.ingest.watch import parse_every, read_feeds_file, watch
from eventwire.store import open_store

from .helpers import PAGE, FakeWeb, rss


@pytest.mark.parametrize(
    "text, seconds", [("15m", 900), ("90s", 90), ("1h", 3600), ("30", 30), ("2.5 min", 150)]
)
def test_parse_every(text, seconds):
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "0m", "-5m", "15 minutes please"])
def test_parse_every_rejects(text):
    with pytest.raises(UsageError, match="not an interval"):
        parse_every(text)


@pytest.mark.parametrize(
    "content, expected",
    [
        (
            "# my feeds\nhttps://a.example/rss\n\n  https://b.example/atom  \n",
            ["https://a.example/rss", "https://b.example/atom"],
        ),
        ("https://a.example/rss#fragment-kept\n", ["https://a.example/rss#fragment-kept"]),
        ("not a url\n", UsageError),
        ("# nothing\n", UsageError),
    ],
)
def test_read_feeds_file(tmp_path, content, expected):
    path = tmp_path / "feeds.txt"
    path.write_text(content, encoding="utf-8")
    if expected is UsageError:
        with pytest.raises(UsageError):
            read_feeds_file(path)
    else:
        assert read_feeds_file(path) == expected


def test_watch_survives_a_down_feed_and_picks_up_new_entries(tmp_path):
    page = PAGE.format(
        title="Talks",
        canonical="https://n.example/talks",
        date="2025-05-12",
        body="India and Pakistan agreed to hold talks on Monday, officials in Islamabad said.",
    )
    web = FakeWeb(
        {
            "https://n.example/feed": (
                200,
                "application/rss+xml",
                rss([("Talks", "https://n.example/talks", "Mon, 12 May 2025 10:00:00 +0000")]),
            ),
            "https://n.example/talks": (200, "text/html", page),
        },
        down={"down.example"},
    )
    lines, sleeps = [], []
    store = tmp_path / "s.duckdb"

    def sleep(seconds):
        sleeps.append(seconds)
        # Between cycles a second story appears in the feed.
        web.routes["https://n.example/feed"] = (
            200,
            "application/rss+xml",
            rss(
                [
                    ("Talks", "https://n.example/talks", "Mon, 12 May 2025 10:00:00 +0000"),
                    ("Envoys", "https://n.example/envoys", "Mon, 12 May 2025 12:00:00 +0000"),
                ]
            ),
        )
        web.routes["https://n.example/envoys"] = (
            200,
            "text/plain",
            "Both countries recalled their envoys on Monday, officials said.",
        )

    reports = watch(
        ["https://down.example/feed", "https://n.example/feed"],
        store,
        every=60,
        cycles=2,
        fetcher=web.fetcher(),
        sleep=sleep,
        emit=lines.append,
    )
    assert [r.report.stored for r in reports] == [1, 1]
    assert len(sleeps) == 1 and 0 <= sleeps[0] <= 60
    assert all("down: https://down.example/feed" in line for line in lines) and lines[0].startswith(
        "cycle 1:"
    )
    con = open_store(store, read_only=True)  # the watch closed the store between cycles
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    assert con.execute("SELECT attempts FROM ingest_failures").fetchall() == [(2,)]


def test_one_failing_feed_does_not_starve_the_feeds_after_it(tmp_path, monkeypatch):
    """Whatever one feed raises, the feeds listed after it are still read in every cycle."""
    from eventwire.ingest import watch as watch_module

    web = FakeWeb(
        {
            "https://n.example/feed": (
                200,
                "application/rss+xml",
                rss(
                    [
                        ("Bad", "http://[::1", "Mon, 12 May 2025 10:00:00 +0000"),
                        ("Talks", "https://n.example/talks", "Mon, 12 May 2025 10:00:00 +0000"),
                    ]
                ),
            ),
            "https://n.example/talks": (
                200,
                "text/plain",
                "India and Pakistan agreed to hold talks on Monday.",
            ),
        }
    )
    real = watch_module.ingest

    def ingest(sources, con, **kwargs):
        if sources == ["https://broken.example/feed"]:
            raise RuntimeError("a bug on a strange feed")
        return real(sources, con, **kwargs)

    monkeypatch.setattr(watch_module, "ingest", ingest)
    lines = []
    reports = watch(
        ["https://broken.example/feed", "http://[::1", "https://n.example/feed"],
        tmp_path / "s.duckdb",
        every=0,
        cycles=2,
        fetcher=web.fetcher(),
        sleep=lambda s: None,
        emit=lines.append,
    )
    assert [r.report.stored for r in reports] == [1, 0] and [r.report.skipped for r in reports] == [0, 1]
    assert sorted((f.origin, f.kind) for f in reports[0].report.failures) == [
        ("http://[::1", "entry"),  # the feed's malformed link
        ("http://[::1", "url"),  # the malformed feed URL
        ("https://broken.example/feed", "feed"),  # the feed whose ingest raised
    ]
    assert all("down: " in line and "broken.example" in line for line in lines)
