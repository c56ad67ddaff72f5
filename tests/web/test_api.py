"""Every endpoint of the REST API over a small hand-made store, bad parameters included."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from eventwire.web import create_app
from eventwire.web.errors import ApiError

from .conftest import TOKEN


def error_of(response, status: int) -> dict:
    """The one error shape, with the expected status."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"type", "message"}
    return body["error"]


def eventually(check, timeout: float = 20.0) -> bool:
    """True as soon as `check()` is, polling until `timeout` seconds."""
    import time

    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def ids(body: dict) -> set[str]:
    return {f"{e['article_id']}/{e['event_id']}" for e in body["events"]}


def test_health(client):
    body = client.get("/api/health").json()
    assert body["ok"] is True and body["version"] and body["writable"] is False


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", {"a1/e1", "a1/e2", "a2/e1", "a2/e3", "a3/e1"}),  # a2/e2 is negated: not counted
        ("all=true", {"a1/e1", "a1/e2", "a2/e1", "a2/e2", "a2/e3", "a3/e1"}),
        ("dyad=IND-PAK", {"a1/e1", "a1/e2", "a2/e3", "a3/e1"}),
        ("dyad=pak-ind", {"a1/e1", "a1/e2", "a2/e3", "a3/e1"}),  # both directions, any case
        ("dyad=IND-USA", {"a2/e1"}),
        ("dyad=CHN-IND", set()),
        ("actor=PAKMIL", {"a1/e1", "a2/e3"}),
        ("actor=united states", {"a2/e1"}),
        ("start=2025-05-10", {"a2/e1"}),  # the ISO week 2025-W19 counts as its Monday, 5 May: out
        ("start=2025-05-01&end=2025-05-09", {"a1/e1", "a1/e2", "a2/e3"}),
        ("cameo_root=19", {"a1/e1", "a2/e3"}),
        ("cameo_root=2", {"a2/e1"}),
        ("plover=accuse", {"a1/e2"}),
        ("quad_class=1", {"a2/e1", "a3/e1"}),
        ("place=lahore", {"a2/e3"}),
        ("place=1269320", {"a1/e1"}),
        ("bbox=70,30,80,35", {"a1/e1", "a2/e3"}),
        ("bbox=74.5,30,80,35", {"a1/e1"}),
        ("dyad=IND-PAK&plover=ASSAULT&start=2025-05-09&end=2025-05-09", {"a1/e1"}),
    ],
)
def test_event_filters(client, query, expected):
    body = client.get(f"/api/events?{query}").json()
    assert ids(body) == expected and body["total"] == len(expected)


def test_event_json_has_evidence_and_article(client):
    body = client.get("/api/events?dyad=IND-PAK&plover=ASSAULT&start=2025-05-09&end=2025-05-09").json()
    event = body["events"][0]
    ev = event["evidence"]
    # Offsets are relative to the sentence, in characters (the curly apostrophe counts once).
    assert ev["sentence"] == "Pakistan’s army shelled villages in Kashmir on Friday."
    assert ev["sentence"][slice(*ev["trigger"])] == "shelled"
    assert ev["sentence"][slice(*ev["source"])] == "Pakistan’s army"
    assert ev["sentence"][slice(*ev["target"])] == "villages"
    assert event["article"] == {
        "id": "a1",
        "title": "Shelling in Kashmir",
        "source": "Desk One",
        "url": "https://example.org/a1",
        "published": "2025-05-09",
    }
    assert event["cameo"] == "195" and event["quad_class"] == 4 and event["place_geonameid"] == 1269320


def test_event_pages_are_ordered_and_stable(client):
    first = client.get("/api/events?limit=2").json()
    second = client.get("/api/events?limit=2&offset=2").json()
    assert first["total"] == second["total"] == 5
    assert len(first["events"]) == 2 and not ids(first) & ids(second)
    days = [e["event_date"] for e in first["events"]]
    assert days == ["2025-05-10", "2025-05-09"]  # newest first; the month-only date comes last
    assert client.get("/api/events?offset=100").json() == {
        "total": 5,
        "limit": 100,
        "offset": 100,
        "events": [],
    }


@pytest.mark.parametrize(
    "query, status, fragment",
    [
        ("dyad=INDPAK", 422, "dyad"),
        ("dyad=IND-PAK-USA", 422, "dyad"),
        ("start=2025-02-30", 422, "start"),
        ("end=10/05/2025", 422, "end"),
        ("start=2025-05-10&end=2025-05-01", 400, "after"),
        ("bbox=1,2,3", 422, "bbox"),
        ("bbox=a,b,c,d", 422, "bbox"),
        ("bbox=80,30,70,35", 422, "bbox"),
        ("bbox=0,-91,10,10", 422, "bbox"),
        ("cameo_root=21", 422, "cameo_root"),
        ("cameo_root=x9", 422, "cameo_root"),
        ("plover=FIGHT", 422, "ASSAULT"),  # the message lists the valid types
        ("quad_class=5", 422, "quad_class"),
        ("limit=0", 422, "limit"),
        ("limit=1001", 422, "limit"),
        ("limit=ten", 422, "limit"),
        ("offset=-1", 422, "offset"),
        ("all=maybe", 422, "all"),
        ("actor=" + "x" * 300, 422, "actor"),
        # Digits that str.isdigit() accepts and int() refuses, and offsets past 64 bits.
        ("cameo_root=²", 422, "cameo_root"),
        ("cameo_root=1²", 422, "cameo_root"),
        ("cameo_root=١٩", 422, "cameo_root"),
        ("start=２０２５-05-10", 422, "start"),
        ("offset=9223372036854775808", 422, "offset"),
        ("offset=" + "9" * 40, 422, "offset"),
    ],
)
def test_event_filters_reject_bad_parameters(client, query, status, fragment):
    assert fragment in error_of(client.get(f"/api/events?{query}"), status)["message"]


@pytest.mark.parametrize("path", ["/api/events", "/api/quotes", "/api/speakers", "/api/actors", "/api/dyads"])
@pytest.mark.parametrize("value", ["9223372036854775808", "9" * 40, "²", "-0", "1e3"])
def test_no_numeric_parameter_is_a_server_error(client, path, value):
    for name in ("limit", "offset"):
        response = client.get(f"{path}?{name}={value}")
        assert response.status_code < 500, response.text


@pytest.mark.parametrize("place", ["²", "1²", "9" * 40, "\u0000"])
def test_odd_place_values_are_names_that_match_nothing(client, place):
    assert client.get("/api/events", params={"place": place}).json()["total"] == 0


def test_error_messages_cut_a_huge_bad_value():
    from eventwire.web.params import parse_dyad

    with pytest.raises(ApiError) as info:
        parse_dyad("x" * 100_000)
    assert len(info.value.message) < 400 and "100,000 characters" in info.value.message


def test_a_huge_bad_number_is_not_echoed_whole(client):
    message = error_of(client.get("/api/events?limit=" + "9" * 60_000), 422)["message"]
    assert len(message) < 400


def test_one_event(client):
    event = client.get("/api/events/a2/e3").json()
    assert (
        event["trigger_text"] == "hit"
        and event["evidence"]["sentence"] == "Pakistani drones hit an airbase near Lahore."
    )
    assert event["evidence"]["sentence"][slice(*event["evidence"]["trigger"])] == "hit"
    assert error_of(client.get("/api/events/a2/e99"), 404)["type"] == "NotFound"
    assert error_of(client.get("/api/events/nope/e1"), 404)["type"] == "NotFound"


def test_article_record(client):
    record = client.get("/api/articles/a1").json()
    assert (
        record["id"] == "a1" and record["text"].startswith("Pakistan’s army") and len(record["events"]) == 2
    )
    assert client.get("/api/articles/bad").json() == {
        "id": "bad",
        "error": {"type": "InputError", "message": "the article is empty"},
    }
    assert error_of(client.get("/api/articles/missing"), 404)["type"] == "NotFound"


def test_dyads(client):
    assert client.get("/api/dyads").json() == [
        {"dyad": "IND-PAK", "events": 4, "first": "2025-05-05", "last": "2025-05-09"},
        {"dyad": "IND-USA", "events": 1, "first": "2025-05-10", "last": "2025-05-10"},
    ]
    assert len(client.get("/api/dyads?limit=1").json()) == 1
    error_of(client.get("/api/dyads?limit=-3"), 422)


def test_timeline(client):
    body = client.get("/api/timeline?dyad=PAK-IND").json()
    assert body["dyad"] == "IND-PAK"
    days = {d["day"]: d for d in body["days"]}
    assert list(days) == [f"2025-05-{d:02d}" for d in range(5, 10)]  # gaps filled with empty days
    assert days["2025-05-07"]["events"] == 0 and days["2025-05-07"]["goldstein_mean"] is None
    friday = days["2025-05-09"]
    assert (friday["events"], friday["q3"], friday["q4"], friday["goldstein_sum"]) == (2, 1, 1, -12.0)
    assert friday["goldstein_mean"] == -6.0 and friday["escalation"] == 12.0  # 12 over a usual volume of < 1
    assert set(friday) >= {
        "day",
        "events",
        "q1",
        "q2",
        "q3",
        "q4",
        "goldstein_sum",
        "goldstein_mean",
        "escalation",
        "jump",
    }
    assert body["bucket"] == "day" and "last" not in friday
    # A date range is clipped to the days with data inside it; the baseline still sees the
    # days before (5 May is in its window).
    window = client.get("/api/timeline?dyad=IND-PAK&start=2025-05-08&end=2025-05-20").json()["days"]
    assert [d["day"] for d in window] == ["2025-05-09"] and window[0]["escalation"] == 12.0
    assert client.get("/api/timeline?dyad=CHN-USA").json() == {"dyad": "CHN-USA", "bucket": "day", "days": []}
    # The first calendar day has no window before it.
    assert client.get("/api/timeline?start=0001-01-01&end=0001-12-31").json()["days"] == []


@pytest.mark.parametrize(
    "query, status", [("dyad=IN-PK", 422), ("start=yesterday", 422), ("start=2025-05-09&end=2025-05-01", 400)]
)
def test_timeline_rejects_bad_parameters(client, query, status):
    error_of(client.get(f"/api/timeline?{query}"), status)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", 1),
        ("speaker=united", 1),
        ("actor=USA", 1),
        ("actor=PAK", 0),
        ("speaker=nobody", 0),
    ],
)
def test_quotes(client, query, expected):
    body = client.get(f"/api/quotes?{query}").json()
    assert body["total"] == len(body["quotes"]) == expected
    if expected:
        assert body["quotes"][0] == {
            "article_id": "a2",
            "quote_id": "q1",
            "kind": "direct",
            "content": "talk",
            "speaker_text": "The United States",
            "speaker_code": "USA",
            "speaker_name": "The United States",
            "published": "2025-05-10",
        }


def test_quotes_and_speakers_reject_bad_limits(client):
    error_of(client.get("/api/quotes?limit=0"), 422)
    error_of(client.get("/api/speakers?limit=5000"), 422)


def test_speakers_and_actors(client):
    assert client.get("/api/speakers").json() == [
        {"speaker": "The United States", "code": "USA", "quotes": 1, "example": "talk"}
    ]
    top = client.get("/api/actors?limit=2").json()
    assert len(top) == 2 and top[0]["events"] >= top[1]["events"]


def test_every_endpoint_is_documented(client):
    schema = client.get("/openapi.json").json()
    for path, methods in schema["paths"].items():
        for method, op in methods.items():
            assert op.get("summary"), f"{method.upper()} {path} has no summary"
            for param in op.get("parameters", []):
                if param["in"] == "query":
                    assert param.get("description"), (
                        f"{path}: query parameter {param['name']} is undocumented"
                    )


def test_openapi_docs_and_dashboard(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/events",
        "/api/events/{article_id}/{event_id}",
        "/api/articles/{article_id}",
        "/api/articles",
        "/api/dyads",
        "/api/timeline",
        "/api/quotes",
        "/api/speakers",
        "/api/health",
    ):
        assert path in paths
    assert client.get("/docs").status_code == 200
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]


@pytest.mark.parametrize(
    "method, path, status",
    [
        ("get", "/api/nothing", 404),
        ("delete", "/api/events", 405),
        ("put", "/api/articles", 405),
    ],
)
def test_framework_errors_share_the_shape(client, method, path, status):
    error_of(getattr(client, method)(path), status)


def test_post_without_configured_token_is_unavailable(client):
    error_of(
        client.post(
            "/api/articles",
            json={"id": "x", "text": "India and Pakistan agreed to talks."},
            headers={"Authorization": "Bearer anything"},
        ),
        503,
    )


@pytest.fixture(scope="module")
def writer(tmp_path_factory):
    with TestClient(create_app(tmp_path_factory.mktemp("w") / "w.duckdb", token=TOKEN)) as c:
        yield c


@pytest.mark.parametrize(
    "headers, status",
    [
        ({}, 401),
        ({"Authorization": "Bearer wrong"}, 403),
        ({"Authorization": f"Basic {TOKEN}"}, 403),
        ({"Authorization": "Bearer"}, 403),
    ],
)
def test_post_needs_the_right_token(writer, headers, status):
    error_of(writer.post("/api/articles", json={"id": "x", "text": "Hello."}, headers=headers), status)
    assert writer.get("/api/articles/x").status_code == 404  # nothing stored


@pytest.mark.parametrize(
    "body, fragment",
    [
        ({"text": "No id."}, "id"),
        ({"id": "x"}, "text"),
        ({"id": "x", "text": "a", "html": "<p>b</p>"}, "text"),
        ({"id": "x", "text": "a", "published": "10 May"}, "published"),
    ],
)
def test_post_rejects_bad_articles(writer, body, fragment):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert fragment in error_of(writer.post("/api/articles", json=body, headers=auth), 422)["message"]


def test_post_codes_and_stores(writer):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    article = {
        "id": "p1",
        "text": "Pakistan accused India of shelling villages in Kashmir on Friday.",
        "published": "2025-05-10",
        "title": "Posted",
    }
    response = writer.post("/api/articles", json=article, headers=auth)
    assert response.status_code == 201, response.text
    record = response.json()
    assert (
        record["id"] == "p1"
        and record["text"] == article["text"]
        and {"events", "actors", "quotes"} <= set(record)
    )
    assert writer.get("/api/articles/p1").json() == record
    assert writer.get("/api/health").json()["writable"] is True
    # Posting again replaces the article rather than adding a copy.
    writer.post("/api/articles", json=article, headers=auth)
    events = writer.get("/api/events?all=true").json()
    assert events["total"] == len(record["events"])


def test_corroboration_counts_and_unique_events(tmp_path):
    from dataclasses import replace

    from eventwire.store import open_store, write_records

    from .conftest import ARTICLES

    # The same shelling reported again by another outlet a day later: one event, two reports.
    copy = replace(
        ARTICLES[0],
        id="a1-copy",
        published="2025-05-10",
        source="Desk Three",
        url="https://example.net/copy",
        text=ARTICLES[0].text,
    )
    con = open_store(tmp_path / "c.duckdb")
    write_records(con, [ARTICLES[0], copy])
    con.close()
    with TestClient(create_app(tmp_path / "c.duckdb", token="")) as c:
        events = c.get("/api/events?plover=ASSAULT").json()["events"]
        assert len(events) == 2
        assert {(e["mentions"], e["articles"], e["sources"]) for e in events} == {(2, 2, 2)}
        assert sorted(e["is_first"] for e in events) == [False, True]
        unique = c.get("/api/events?plover=ASSAULT&unique=true").json()
        assert unique["total"] == 1 and unique["events"][0]["article_id"] == "a1"
        assert c.get("/api/events/a1-copy/e1").json()["mentions"] == 2


def test_the_server_does_not_lock_the_store_and_follows_its_changes(tmp_path):
    from eventwire.store import open_store, write_records

    from .conftest import ARTICLES

    path = tmp_path / "live.duckdb"
    con = open_store(path)
    write_records(con, ARTICLES[:1])
    con.close()
    with TestClient(create_app(path, token="", refresh_seconds=0)) as c:
        assert c.get("/api/events").json()["total"] == 2
        # Another writer (an `eventwire watch`) can open the file while the app is up.
        con = open_store(path)
        write_records(con, ARTICLES[1:])
        con.close()
        # The change is loaded in the background; requests meanwhile see the old snapshot.
        assert eventually(lambda: c.get("/api/events").json()["total"] == 5)
        assert c.get("/api/articles/a3").status_code == 200


def test_reads_stay_consistent_while_the_store_changes(tmp_path):
    """Readers in threads while another writer adds articles: every answer is whole (its
    count matches its rows, every row has its article), whichever snapshot it came from."""
    import threading
    from dataclasses import replace

    from eventwire.store import open_store, write_records
    from eventwire.store.database import writing

    from .conftest import ARTICLES

    path = tmp_path / "busy.duckdb"
    con = open_store(path)
    write_records(con, ARTICLES)
    con.close()
    problems, totals, stop = [], set(), threading.Event()
    with TestClient(create_app(path, token="", refresh_seconds=0)) as c:

        def read():
            while not stop.is_set():
                body = c.get("/api/events?all=true&limit=1000").json()
                totals.add(body["total"])
                if body["total"] != len(body["events"]):
                    problems.append(("count", body["total"], len(body["events"])))
                problems.extend(
                    ("row", e["event_id"]) for e in body["events"] if not e["evidence"]["sentence"]
                )
                if c.get("/api/timeline?dyad=IND-PAK").status_code != 200:
                    problems.append("timeline")

        readers = [threading.Thread(target=read) for _ in range(2)]
        for r in readers:
            r.start()
        for i in range(4):
            with writing(path) as w:  # waits while the app copies the file
                write_records(w, [replace(a, id=f"{a.id}-{i}") for a in ARTICLES])
        stop.set()
        for r in readers:
            r.join()
        assert eventually(lambda: c.get("/api/events?all=true").json()["total"] == 30)
    assert problems == [] and totals <= {6, 12, 18, 24, 30}


def test_an_old_store_is_migrated_when_served(tmp_path):
    from importlib import resources

    import duckdb

    path = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(path))
    con.execute(resources.files("eventwire.store").joinpath("schema.sql").read_text())
    con.execute("INSERT INTO schema_version VALUES (1)")
    con.close()
    with TestClient(create_app(path, token="")) as c:
        assert c.get("/api/events").json()["total"] == 0


def test_the_server_starts_while_a_writer_holds_the_store(tmp_path):
    """A long `eventwire ingest` holds the file: the app starts on an empty store and
    serves the real one as soon as the writer lets go."""
    import subprocess
    import sys

    from eventwire.store import open_store, write_records

    from .conftest import ARTICLES

    path = tmp_path / "held.duckdb"
    con = open_store(path)
    write_records(con, ARTICLES)
    con.close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, duckdb; con = duckdb.connect(sys.argv[1]); "
            "print('holding', flush=True); sys.stdin.readline()",
            str(path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        with TestClient(create_app(path, token="", refresh_seconds=0)) as c:
            assert c.get("/api/events").json()["total"] == 0
            holder.stdin.write("\n")
            holder.stdin.flush()
            holder.wait(timeout=10)
            assert eventually(lambda: c.get("/api/events").json()["total"] == 5)
    finally:
        holder.kill()
