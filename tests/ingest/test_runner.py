"""Ingest end to end: idempotent, failures recorded and survived, feeds followed."""

import io
import json

import duckdb
import pytest

from eventwire.errors import UsageError
from eventwire.ingest.runner import ingest, sources_of
from eventwire.store import open_store

from .helpers import PAGE, FakeWeb, rss

STORY = (
    "Pakistani troops fired on Indian posts along the Line of Control in Kupwara on Friday night, "
    "the Indian Army said on Saturday. India summoned Pakistan's envoy in New Delhi to protest."
)
OTHER = "The United States urged India and Pakistan to show restraint, the State Department said on Saturday."


def _dump(con) -> dict:
    """Every table's rows, in a stable order (what 'the store is unchanged' means)."""
    tables = [
        r[0]
        for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' ORDER BY 1"
        ).fetchall()
    ]
    return {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall())) for t in tables}


@pytest.fixture
def folder(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(STORY, encoding="utf-8")
    (src / "copy-of-a.txt").write_text(STORY + "\n", encoding="utf-8")  # the same article again
    (src / "b.html").write_text(
        PAGE.format(title="Restraint", canonical="https://n.example/b", date="2025-05-10", body=OTHER),
        encoding="utf-8",
    )
    (src / "empty.txt").write_text("   ", encoding="utf-8")  # an article that cannot be coded
    (src / "batch.jsonl").write_text(
        "\n".join(
            [
                json.dumps(
                    {
                        "id": "j1",
                        "text": OTHER.replace("United States", "United Kingdom"),
                        "published": "2025-05-11",
                    }
                ),
                "{broken",
            ]
        ),
        encoding="utf-8",
    )
    duckdb.sql(
        f"COPY (SELECT 'c1' AS id, 'China called for calm between India and Pakistan on Sunday.' AS text, "
        f"DATE '2025-05-11' AS published) TO '{src / 't.parquet'}' (FORMAT parquet)"
    )
    (src / "t.csv").write_text(
        'id,text,published,source\nv1,"Iran offered to mediate between India and '
        'Pakistan, its foreign ministry said.",2025-05-09,Wire\n',
        encoding="utf-8",
    )
    return src


def test_ingesting_the_same_folder_twice_leaves_the_store_unchanged(tmp_path, folder):
    con = open_store(tmp_path / "s.duckdb")
    first = ingest(sources_of([str(folder)]), con, fetcher=FakeWeb({}).fetcher())
    assert first.stored == 5  # a.txt, b.html, j1, c1, v1 (the copy of a.txt is stored once)
    assert first.errors == 2  # empty.txt and the broken JSON line, kept as error records
    before = _dump(con)
    second = ingest(sources_of([str(folder)]), con, fetcher=FakeWeb({}).fetcher())
    assert (second.stored, second.errors) == (0, 0) and second.skipped == 8
    assert _dump(con) == before
    rows = dict(con.execute("SELECT id, published FROM articles WHERE error_type IS NULL").fetchall())
    assert rows["b.html"] == "2025-05-10"  # the date the page declares (htmldate)
    assert rows["c1"] == "2025-05-11" and rows["v1"] == "2025-05-09"  # Parquet and CSV columns
    assert (
        con.execute("SELECT canonical_url FROM articles WHERE id = 'b.html'").fetchone()[0]
        == "https://n.example/b"
    )


def test_published_option_fills_only_missing_dates(tmp_path, folder):
    con = open_store(tmp_path / "s.duckdb")
    ingest(sources_of([str(folder / "a.txt"), str(folder / "t.csv")]), con, published="2025-01-01")
    rows = dict(con.execute("SELECT id, published FROM articles").fetchall())
    assert rows == {"a.txt": "2025-01-01", "v1": "2025-05-09"}


def test_missing_path_is_a_usage_error_before_anything_is_read(tmp_path):
    with pytest.raises(UsageError, match="no such file"):
        sources_of(["https://n.example/x", str(tmp_path / "nope.txt")])


def _feed_web(down: set[str] = frozenset()) -> FakeWeb:
    story = PAGE.format(title="LoC firing", canonical="https://n.example/loc", date="2025-05-10", body=STORY)
    return FakeWeb(
        {
            "https://n.example/feed": (
                200,
                "application/rss+xml",
                rss(
                    [
                        (
                            "LoC firing",
                            "https://n.example/loc?utm_source=rss",
                            "Sat, 10 May 2025 08:00:00 +0530",
                        ),
                        ("Gone", "https://n.example/gone", "Sat, 10 May 2025 09:00:00 +0530"),
                    ]
                ),
            ),
            "https://n.example/loc?utm_source=rss": (200, "text/html; charset=utf-8", story),
            "https://n.example/page": (
                200,
                "text/html",
                PAGE.format(title="Calm", canonical="https://n.example/page", date="2025-05-11", body=OTHER),
            ),
        },
        down=down,
    )


def test_unreachable_feed_and_url_are_recorded_and_the_rest_goes_on(tmp_path, folder):
    con = open_store(tmp_path / "s.duckdb")
    web = _feed_web(down={"down.example"})
    sources = [
        "https://down.example/feed",
        "https://n.example/feed",
        str(folder / "a.txt"),
        "https://down.example/story",
        "https://n.example/page",
    ]
    report = ingest(sources_of(sources), con, fetcher=web.fetcher())
    assert report.stored == 3  # the feed's reachable entry, a.txt and the page
    # The page's text (with its headline) nearly copies a.txt: one near-duplicate group.
    groups = dict(con.execute("SELECT coalesce(origin, id), dup_group FROM articles").fetchall())
    assert groups[str(folder / "a.txt")] == groups["https://n.example/loc"]
    failures = dict(con.execute("SELECT origin, kind FROM ingest_failures").fetchall())
    assert failures == {
        "https://down.example/feed": "url",
        "https://down.example/story": "url",
        "https://n.example/gone": "entry",
    }
    entry = con.execute(
        "SELECT title, published, url FROM articles WHERE origin = 'https://n.example/loc'"
    ).fetchone()
    assert entry == ("LoC firing", "2025-05-10T08:00:00+05:30", "https://n.example/loc")
    # A second poll fetches only the feed and the entry that failed, and counts the attempt.
    web.requests.clear()
    report = ingest(sources_of(["https://n.example/feed"]), con, fetcher=web.fetcher())
    assert report.stored == 0 and web.requests == ["https://n.example/feed", "https://n.example/gone"]
    assert (
        con.execute(
            "SELECT attempts FROM ingest_failures WHERE origin = 'https://n.example/gone'"
        ).fetchone()[0]
        == 2
    )


def test_a_real_closed_loopback_port_is_reported(tmp_path, folder):
    import socket

    with socket.socket() as sock:  # find a free port, then close it: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    from eventwire.ingest.web import Fetcher

    con = open_store(tmp_path / "s.duckdb")
    with Fetcher(allow_private=True, timeout=5) as fetcher:
        report = ingest([f"http://127.0.0.1:{port}/feed", folder / "a.txt"], con, fetcher=fetcher)
    assert report.stored == 1 and [f.kind for f in report.failures] == ["url"]
    with Fetcher(timeout=5) as fetcher:  # without --allow-private, refused before connecting
        report = ingest([f"http://127.0.0.1:{port}/feed"], con, fetcher=fetcher)
    assert "non-public" in str(report.failures[0].error)


def test_same_wire_copy_at_two_urls_is_two_reports_in_one_group(tmp_path):
    body = PAGE.replace('<link rel="canonical" href="{canonical}">', "")
    web = FakeWeb(
        {
            f"https://{host}/wire": (
                200,
                "text/html",
                body.format(title="LoC", canonical="", date="2025-05-10", body=STORY),
            )
            for host in ("one.example", "two.example")
        }
    )
    con = open_store(tmp_path / "s.duckdb")
    report = ingest(
        ["https://one.example/wire", "https://two.example/wire", "https://one.example/wire"],
        con,
        fetcher=web.fetcher(),
    )
    assert report.stored == 2 and report.skipped == 1
    assert len({r[0] for r in con.execute("SELECT dup_group FROM articles").fetchall()}) == 1
    sources = con.execute(
        "SELECT max(sources), max(articles), max(article_groups) FROM event_clusters"
    ).fetchone()
    assert sources == (2, 2, 1)  # two outlets, two articles, one story
    assert web.requests == [
        "https://one.example/wire",
        "https://two.example/wire",
    ]  # a known URL is not fetched


@pytest.mark.parametrize(
    "declared, fallback, expected",
    [
        ("2025-05-11", "2025-01-01", "2025-05-11"),  # the page's own date beats --published
        (None, "2025-01-01", "2025-01-01"),
        (None, None, None),
    ],
)
def test_page_date_precedence(tmp_path, declared, fallback, expected):
    html = PAGE.format(title="Calm", canonical="https://n.example/p", date=declared or "", body=OTHER)
    if declared is None:
        html = html.replace('<meta property="article:published_time" content="">', "")
    web = FakeWeb({"https://n.example/p": (200, "text/html", html)})
    con = open_store(tmp_path / "s.duckdb")
    ingest(["https://n.example/p"], con, fetcher=web.fetcher(), published=fallback)
    assert con.execute("SELECT published FROM articles").fetchone()[0] == expected


def test_articles_from_standard_input_each_get_their_own_origin(tmp_path, monkeypatch):
    lines = [json.dumps({"id": "s1", "text": STORY}), json.dumps({"id": "s2", "text": OTHER})]
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO("\n".join(lines).encode())))
    con = open_store(tmp_path / "s.duckdb")
    assert ingest(sources_of(["-"]), con, fetcher=FakeWeb({}).fetcher()).stored == 2
    assert dict(con.execute("SELECT id, origin FROM articles").fetchall()) == {
        "s1": "<stdin>#s1",
        "s2": "<stdin>#s2",
    }


BAD_LINKS = ["http://[::1", "https://n.example:99999/x", "https://n.example/" + "x" * 70_000]


def test_malformed_links_are_failures_and_the_entries_after_them_are_read(tmp_path):
    """A feed whose first entries link to malformed URLs (an unclosed IPv6 bracket, a port over
    65535, a URL over 65,536 characters): each is one failure, the good entry is stored."""
    web = _feed_web()
    story = web.routes["https://n.example/loc?utm_source=rss"]
    items = [("Bad", link, "Sat, 10 May 2025 08:00:00 +0530") for link in BAD_LINKS]
    items.append(("LoC firing", "https://n.example/loc?utm_source=rss", "Sat, 10 May 2025 08:00:00 +0530"))
    web.routes["https://n.example/feed"] = (200, "application/rss+xml", rss(items))
    web.routes["https://n.example/loc?utm_source=rss"] = story
    con = open_store(tmp_path / "s.duckdb")
    report = ingest(sources_of(["https://n.example/feed", *BAD_LINKS]), con, fetcher=web.fetcher())
    assert report.stored == 1
    kinds = sorted(f.kind for f in report.failures)
    assert kinds == ["entry"] * 3 + ["url"] * 3
    assert all("not a valid URL" in str(f.error) or "over the limit" in str(f.error) for f in report.failures)
    stored = con.execute("SELECT origin, kind, length(message) FROM ingest_failures").fetchall()
    assert len(stored) == 3 and all(n < 1000 for _, _, n in stored)  # one row per link


def test_a_jsonl_article_with_a_malformed_url_is_known_by_its_text(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(
        "\n".join(
            json.dumps({"id": f"u{i}", "text": f"{STORY} ({i})", "url": u}) for i, u in enumerate(BAD_LINKS)
        ),
        encoding="utf-8",
    )
    con = open_store(tmp_path / "s.duckdb")
    report = ingest(sources_of([str(path)]), con)
    assert report.stored == 3 and not report.failures
    again = ingest(sources_of([str(path)]), con)
    assert (again.stored, again.skipped) == (0, 3)
