"""Timelines over far-apart dates stay small and fast: the series spans the data only, and
long spans come in weeks, months, years or decades (issue: two events dated 1800 and 2999
made /api/timeline answer 64 MB in 7.3 s; 0001 and 9999, 537 MB in 46.5 s)."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from eventwire.store import open_store, write_records
from eventwire.web import create_app

from .conftest import _article

SENTENCE = "Pakistani drones hit an airbase near Lahore."


def _store(path, dates: list[str]):
    articles = [
        _article(
            f"d{i}",
            "2025-05-10",
            [SENTENCE],
            [
                (
                    0,
                    (
                        "hit",
                        ("Pakistani drones", "PAKMIL", "PAK", "MIL"),
                        ("an airbase", "IND", "IND"),
                        "190",
                        "ASSAULT",
                        4,
                        -10.0,
                        date,
                    ),
                )
            ],
        )
        for i, date in enumerate(dates)
    ]
    con = open_store(path)
    write_records(con, articles)
    con.close()
    return path


@pytest.mark.parametrize(
    "dates, bucket, rows",
    [
        (["1800-01-01", "2999-12-31"], "decade", 120),
        (["0001-01-01", "9999-12-31"], "decade", 1000),
        (["1990-06-15", "2025-05-09"], "month", 420),
        (["2019-01-01", "2025-05-09"], "week", 332),
        (["2025-05-01", "2025-05-09"], "day", 9),
    ],
)
def test_far_apart_dates_answer_fast_and_small(tmp_path, dates, bucket, rows):
    app = create_app(_store(tmp_path / "s.duckdb", dates), token="")
    with TestClient(app) as client:
        client.get("/api/dyads")  # the app's first query warms DuckDB up; the timeline is timed
        for query in ("dyad=IND-PAK", ""):
            started = time.perf_counter()
            response = client.get(f"/api/timeline?{query}")
            seconds = time.perf_counter() - started
            body = response.json()
            assert response.status_code == 200 and seconds < 1.0
            assert body["bucket"] == bucket and len(body["days"]) == rows and len(response.content) < 200_000
            assert sum(d["events"] for d in body["days"]) == 2
            first, last = body["days"][0], body["days"][-1]
            assert first["day"] <= dates[0] <= first.get("last", first["day"])
            assert last["day"] <= dates[1] <= last.get("last", last["day"])


def test_a_range_inside_a_long_span_is_drawn_finer(tmp_path):
    app = create_app(_store(tmp_path / "s.duckdb", ["1800-01-01", "2025-05-05", "2025-05-09"]), token="")
    with TestClient(app) as client:
        body = client.get("/api/timeline?dyad=IND-PAK&start=2025-01-01&end=2025-12-31").json()
        assert body["bucket"] == "day" and body["days"][0]["day"] == "2025-05-05"
        assert len(body["days"]) == 5
    # A month starting before `start` counts only the days from `start` on.
    dates = ["1800-01-01", "1990-01-10", "1990-01-20", "2025-05-09"]
    app = create_app(_store(tmp_path / "m.duckdb", dates), token="")
    with TestClient(app) as client:
        body = client.get("/api/timeline?dyad=IND-PAK&start=1990-01-15").json()
        assert body["bucket"] == "month" and body["days"][0]["day"] == "1990-01-01"
        assert body["days"][0]["last"] == "1990-01-31" and body["days"][0]["events"] == 1
        assert sum(d["events"] for d in body["days"]) == 2


def test_a_range_shows_the_same_values_as_the_whole_series(tmp_path):
    dates = ["2025-04-01", "2025-04-20", "2025-05-01", "2025-05-02", "2025-05-09", "2025-05-09", "2025-06-01"]
    app = create_app(_store(tmp_path / "r.duckdb", dates), token="")
    with TestClient(app) as client:
        whole = {d["day"]: d for d in client.get("/api/timeline?dyad=IND-PAK").json()["days"]}
        for start, end in [("2025-05-01", "2025-05-31"), ("2025-04-21", "2025-05-09"), ("2025-05-09", None)]:
            query = f"dyad=IND-PAK&start={start}" + (f"&end={end}" if end else "")
            part = client.get(f"/api/timeline?{query}").json()["days"]
            assert part and all(d == whole[d["day"]] for d in part), query
