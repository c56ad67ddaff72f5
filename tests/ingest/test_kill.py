"""kill -9 during `ingest`, then a rerun, leaves exactly the store of an uninterrupted run
(issue 14): no article lost, none twice, no half-written article."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb

SRC = str(Path(__file__).resolve().parents[2] / "src")
SUBJECTS = ["Pakistan", "India", "China", "The army", "Police in Lahore", "The minister"]
VERBS = ["accused India of shelling", "urged talks with", "met officials from", "condemned attacks on"]
OBJECTS = ["villages in Kashmir", "Pakistan", "the United States", "protesters in Delhi"]


def _articles(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            # long enough that coding takes a while, so progress lines come between writes
            text = " ".join(
                f"{SUBJECTS[(i + k) % 6]} {VERBS[(i + k) % 4]} {OBJECTS[(i // 4 + k) % 4]} on Friday, "
                f"report {i}.{k} said."
                for k in range(6)
            )
            published = f"2025-05-{1 + i % 28:02d}"
            out.write(json.dumps({"id": f"a{i}", "text": text, "published": published}) + "\n")
        out.write('{"id": "broken", "text": 5}\n')  # an error record is part of the store too


def _ingest(source: Path, store: Path, quiet: bool = True) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": SRC}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "eventwire.cli.main",
            "ingest",
            str(source),
            "--store",
            str(store),
            *(["-q"] if quiet else []),
            "--batch-size",
            "16",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _contents(store: Path) -> dict:
    con = duckdb.connect(str(store), read_only=True)
    try:
        tables = {
            "articles": "SELECT id, content_hash, error_type, error_message, published FROM articles",
            "events": "SELECT article_id, count(*) FROM events GROUP BY article_id",
            "actors": "SELECT article_id, count(*) FROM actors GROUP BY article_id",
            "times": "SELECT article_id, count(*) FROM times GROUP BY article_id",
            "clusters": "SELECT count(*) FROM event_clusters",
        }
        return {
            name: sorted(map(tuple, con.execute(sql).fetchall()), key=str) for name, sql in tables.items()
        }
    finally:
        con.close()


def test_kill_9_during_ingest_then_rerun_equals_an_uninterrupted_run(tmp_path):
    source = tmp_path / "news.jsonl"
    _articles(source, 200)
    whole = tmp_path / "whole.duckdb"
    run = _ingest(source, whole)
    assert run.wait(timeout=600) == 0, run.stderr.read().decode()
    expected = _contents(whole)
    assert len(expected["articles"]) == 201

    killed = tmp_path / "killed.duckdb"
    partials = []
    # Killed once its progress line shows this many articles coded in the run: past the
    # first write of 100, then at its first progress line.
    for threshold in (105, 0):
        run = _ingest(source, killed, quiet=False)
        for line in run.stderr:
            if line.startswith(b"ingested:") and int(line.split()[1]) >= threshold:
                break
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=60)
        partials.append(len(_contents(killed)["articles"]) if killed.exists() else 0)
    run = _ingest(source, killed)
    assert run.wait(timeout=600) == 0, run.stderr.read().decode()
    assert _contents(killed) == expected
    assert 0 < partials[0] < 201, partials  # the kills did land in the middle of the run
