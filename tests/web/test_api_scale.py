"""The event index against plain SQL on `events`, over a synthetic store of 20,000 events:
every filter must count what the straightforward query counts."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from eventwire.store import open_store
from eventwire.store.queries import COUNTED
from eventwire.store.synthetic import fill_synthetic
from eventwire.web import create_app

DAY = "coalesce(try_cast(left(event_date, 10) AS DATE), try_strptime(event_date || '-1', '%G-W%V-%u')::DATE)"
DYAD = "((source_country = '{a}' AND target_country = '{b}') OR (source_country = '{b}' AND target_country = '{a}'))"


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    path = tmp_path_factory.mktemp("scale") / "syn.duckdb"
    con = open_store(path)
    assert fill_synthetic(con, 20_000) == 20_000
    # A few week-dated and month-dated events, which the index dates by Monday or not at all.
    con.execute("UPDATE events SET event_date = '2024-W10' WHERE rowid % 97 = 0")
    con.execute("UPDATE events SET event_date = '2024-03' WHERE rowid % 89 = 0")
    con.close()
    with TestClient(create_app(path, token="")) as client:
        yield client, path


def oracle(path, where: str) -> int:
    import duckdb

    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(f"SELECT count(*) FROM events WHERE {where}").fetchall()[0][0]


@pytest.mark.parametrize(
    "query, where",
    [
        ("", COUNTED),
        ("all=true", "TRUE"),
        ("dyad=IND-PAK", f"{COUNTED} AND {DYAD.format(a='IND', b='PAK')}"),
        ("dyad=USA-CHN", f"{COUNTED} AND {DYAD.format(a='CHN', b='USA')}"),
        (
            "start=2024-03-04&end=2024-03-10",
            f"{COUNTED} AND {DAY} BETWEEN DATE '2024-03-04' AND DATE '2024-03-10'",
        ),
        (
            "dyad=IND-PAK&start=2024-01-01",
            f"{COUNTED} AND {DYAD.format(a='IND', b='PAK')} AND {DAY} >= DATE '2024-01-01'",
        ),
        ("plover=ASSAULT&cameo_root=19", f"{COUNTED} AND plover = 'ASSAULT' AND cameo_root = '19'"),
        ("quad_class=3", f"{COUNTED} AND quad_class = 3"),
        (
            "actor=PAKMIL",
            f"{COUNTED} AND (starts_with(source_code, 'PAKMIL') OR starts_with(target_code, 'PAKMIL'))",
        ),
        ("actor=forces", f"{COUNTED} AND source_text = 'Forces'"),
        ("place=place ind", f"{COUNTED} AND place_name = 'Place IND'"),
        ("bbox=60,20,80,35", f"{COUNTED} AND lon BETWEEN 60 AND 80 AND lat BETWEEN 20 AND 35"),
    ],
)
def test_index_counts_match_plain_sql(synthetic, query, where):
    client, path = synthetic
    body = client.get(f"/api/events?{query}&limit=5").json()
    assert body["total"] == oracle(path, where) > 0
    assert len(body["events"]) == 5


def test_pages_follow_the_day_order(synthetic):
    client, _ = synthetic
    events = client.get("/api/events?dyad=IND-PAK&limit=200").json()["events"]
    days = [e["event_date"] for e in events]
    assert days == sorted(days, reverse=True)
    later = client.get("/api/events?dyad=IND-PAK&limit=200&offset=200").json()["events"]
    assert later[0]["event_date"] <= days[-1]


def test_dyads_and_timeline_agree(synthetic):
    client, path = synthetic
    dyads = client.get("/api/dyads").json()
    top = dyads[0]
    assert top["dyad"] == "IND-PAK" and [d["events"] for d in dyads] == sorted(
        (d["events"] for d in dyads), reverse=True
    )
    days = client.get("/api/timeline?dyad=IND-PAK").json()["days"]
    dated = oracle(path, f"{COUNTED} AND {DYAD.format(a='IND', b='PAK')} AND {DAY} IS NOT NULL")
    assert sum(d["events"] for d in days) == dated <= top["events"]
    assert all(d["q1"] + d["q2"] + d["q3"] + d["q4"] == d["events"] for d in days)
    assert days[0]["day"] == top["first"] and days[-1]["day"] == top["last"]
