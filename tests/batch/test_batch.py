"""Batch engines: input shapes, bad lines as data, output rows, store load, Ray == local."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import SHARED

from eventwire.batch import row_of, run_batch
from eventwire.batch.inputs import expand_input, input_format, item_from_line, item_from_row
from eventwire.cli.main import demo_articles_path, main
from eventwire.errors import UsageError
from eventwire.records import Article, ErrorRecord, from_dict, to_dict

REUTERS = SHARED / "corpora" / "reuters21578.jsonl.gz"


@pytest.mark.parametrize(
    "name, fmt",
    [
        ("a.jsonl", "jsonl"),
        ("a.JSONL.GZ", "jsonl"),
        ("b.ndjson", "jsonl"),
        ("c.parquet", "parquet"),
    ],
)
def test_input_format(name, fmt):
    assert input_format(name) == fmt


@pytest.mark.parametrize("name", ["a.txt", "a.html", "a.csv", "a.parquet.gz"])
def test_input_format_rejects(name):
    with pytest.raises(UsageError):
        input_format(name)


@pytest.mark.parametrize(
    "raw, kind, ident",
    [
        ('{"id": "x", "text": "Hello."}', Article, "x"),
        ('{"id": 7, "html": "<p>Hi</p>"}', Article, "7"),
        ('{"id": "y"}', ErrorRecord, "y"),  # no text: the error keeps its id
        ("{not json", ErrorRecord, None),  # id from file name and hash
        ("[1, 2]", ErrorRecord, None),
    ],
)
def test_item_from_line(raw, kind, ident):
    item = item_from_line(raw, "f.jsonl")
    assert isinstance(item, kind)
    if ident is None:
        assert item.id.startswith("f.jsonl#") and item.id == item_from_line(raw, "f.jsonl").id
    else:
        assert item.id == ident


@pytest.mark.parametrize(
    "row, kind",
    [
        ({"id": "a", "text": "T.", "published": "2025-05-10"}, Article),
        ({"id": None, "text": "T."}, ErrorRecord),
        ({"id": "b", "text": None, "html": None}, ErrorRecord),
    ],
)
def test_item_from_row(row, kind):
    assert isinstance(item_from_row(row, "f.parquet"), kind)


def test_expand_input_folder_glob_and_missing(tmp_path):
    for name in ("b.jsonl", "a.jsonl.gz", "skip.txt"):
        (tmp_path / name).write_text("")
    assert expand_input(str(tmp_path))[1] == [str(tmp_path / "a.jsonl.gz"), str(tmp_path / "b.jsonl")]
    assert expand_input(str(tmp_path / "*.jsonl")) == ("jsonl", [str(tmp_path / "b.jsonl")])
    with pytest.raises(UsageError):
        expand_input(str(tmp_path / "missing.jsonl"))


def demo_lines(n: int) -> list[str]:
    """n articles: Reuters when ../shared is there, else the demo articles with new ids."""
    if REUTERS.exists():
        with gzip.open(REUTERS, "rt", encoding="utf-8") as handle:
            return [line.strip() for _, line in zip(range(n), handle)]
    base = [json.loads(line) for line in demo_articles_path().read_text().splitlines() if line.strip()]
    return [json.dumps({**base[i % len(base)], "id": f"demo-{i}"}) for i in range(n)]


@pytest.fixture
def small_input(tmp_path) -> Path:
    lines = demo_lines(6)
    lines.insert(2, "{broken")
    lines.insert(4, json.dumps({"id": "empty"}))
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_local_engine_keeps_bad_lines_in_place_and_round_trips(small_input, tmp_path):
    out = tmp_path / "out.parquet"
    summary = run_batch(str(small_input), str(out), "local", processes=1, batch_size=4)
    rows = pq.read_table(out).to_pylist()
    assert summary["articles"] == len(rows) == 8 and summary["errors"] == 2
    assert rows[2]["error"].startswith("InputError") and rows[4]["id"] == "empty"
    assert [r["id"] for r in rows if not r["error"]] == [json.loads(x)["id"] for x in demo_lines(6)]
    for row in rows:  # the record column is the contract JSON, and reads back unchanged
        data = json.loads(row["record"])
        assert json.loads(json.dumps(to_dict(from_dict(data)))) == data
        assert row_of(from_dict(data)) == row


def test_local_worker_processes_give_the_same_rows_as_one_process(tmp_path):
    """Workers code whole chunks and send back tables: same rows, same order."""
    lines = demo_lines(40)
    lines.insert(7, "{broken")
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n")
    one = run_batch(str(source), str(tmp_path / "one.parquet"), "local", processes=1, batch_size=4)
    two = run_batch(str(source), str(tmp_path / "two.parquet"), "local", processes=2, batch_size=4)
    assert {k: one[k] for k in ("articles", "events", "errors")} == {
        k: two[k] for k in ("articles", "events", "errors")
    } and one["articles"] == 41
    assert (
        pq.read_table(tmp_path / "one.parquet").to_pylist()
        == pq.read_table(tmp_path / "two.parquet").to_pylist()
    )


def test_store_is_loaded_from_the_output(small_input, tmp_path):
    import duckdb

    store = tmp_path / "ew.duckdb"
    summary = run_batch(str(small_input), str(tmp_path / "out"), "local", processes=1, store=str(store))
    assert summary["stored"] == 8
    assert (tmp_path / "out" / "part-00000.parquet").exists()
    con = duckdb.connect(str(store), read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] >= 6


def test_cli_batch(small_input, tmp_path, capsys):
    assert main(["batch", str(small_input), str(tmp_path / "o.parquet"), "--processes", "1", "-q"]) == 0
    assert "8 articles" in capsys.readouterr().err


def test_cli_batch_bad_input_is_a_usage_error(tmp_path, capsys):
    assert main(["batch", str(tmp_path / "none.jsonl"), str(tmp_path / "o.parquet")]) == 2


def test_ray_and_local_give_identical_output(tmp_path):
    """A few hundred articles, local Ray with 2 CPUs (about a minute)."""
    pytest.importorskip("ray")
    if not REUTERS.exists():
        print("../shared/corpora absent: using the demo articles repeated with new ids")
    lines = demo_lines(200)
    lines.insert(50, "{broken")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_text("\n".join(lines[:120]) + "\n")
    with gzip.open(tmp_path / "in" / "b.jsonl.gz", "wt") as handle:
        handle.write("\n".join(lines[120:]) + "\n")
    import tempfile

    import ray

    from eventwire.batch.ray_engine import start_ray

    # Ray's socket paths must stay under 108 bytes: pytest's tmp_path is too deep.
    temp_dir = tempfile.mkdtemp(prefix="ewray")
    start_ray(None, 2, temp_dir=temp_dir)
    try:
        ray_summary = run_batch(str(tmp_path / "in"), str(tmp_path / "ray.parquet"), "ray", processes=2)
    finally:
        ray.shutdown()
        shutil.rmtree(temp_dir, ignore_errors=True)
    local_summary = run_batch(str(tmp_path / "in"), str(tmp_path / "local.parquet"), "local", processes=1)
    ray_rows = pq.read_table(tmp_path / "ray.parquet").to_pylist()
    local_rows = pq.read_table(tmp_path / "local.parquet").to_pylist()
    assert len(ray_rows) == 201 and ray_summary["errors"] == local_summary["errors"] >= 1
    assert ray_rows == local_rows
