"""Seeded fuzzing of the input side (issue 14): thousands of broken, odd and hostile inputs
through the readers and the whole pipeline. Every input gives exactly one record, in its
place, writable as UTF-8 JSON, and nothing raises. Runs in well under a minute."""

from __future__ import annotations

import gzip
import json
import random

import pytest

from eventwire.batch.inputs import item_from_line
from eventwire.ingest import read_inputs
from eventwire.pipeline import code_many
from eventwire.records import ErrorRecord, to_dict

pytestmark = pytest.mark.filterwarnings("ignore")
SEED = 20261206
LINES = 2500

_WORDS = "India Pakistan accused the army of shelling Kashmir on Friday said minister talks urged".split()
_ODD = [
    "\ud800",
    "\udfff",
    "\x00",
    "\ufeff",
    "\u202e",
    "\x1b[31m",
    "\ufffd",
    "𝔘𝔫𝔦",
    "e\u0301",
    "\u2028",
    "\t",
]


def _text(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(0, 40))]
    for _ in range(rng.randint(0, 3)):
        words.insert(rng.randint(0, len(words)), rng.choice(_ODD))
    return " ".join(words) + rng.choice(["", ".", "!", " \n", "\r\n"])


def _html(rng: random.Random) -> str:
    depth = rng.choice([1, 5, 300])
    body = "<p>" + _text(rng) + "</p>"
    return (
        "<html><body>" + "<div>" * depth + body + "</div>" * rng.randint(0, depth) + rng.choice(["", "<scr"])
    )


def _value(rng: random.Random):
    return rng.choice(
        [None, 5, -1.5, True, [], ["x"], {"a": 1}, "", "x" * rng.randint(1, 3000), _text(rng), "2025-05-10"]
    )


def _object(rng: random.Random, number: int) -> dict:
    obj: dict = {"id": f"f{number}"}
    kind = rng.random()
    if kind < 0.45:
        obj["text"] = _text(rng)
    elif kind < 0.6:
        obj["html"] = _html(rng)
    elif kind < 0.7:
        obj["text"] = _value(rng)
    for field in ("published", "title", "url", "source"):
        if rng.random() < 0.25:
            obj[field] = _value(rng)
    if rng.random() < 0.05:
        obj["id"] = rng.choice([_value(rng), f"f{number}\ud800"])
    return obj


def _line(rng: random.Random, number: int) -> bytes:
    """One non-blank line: a JSON object of many shapes, or something that is not one."""
    kind = rng.random()
    if kind < 0.7:
        return json.dumps(_object(rng, number), ensure_ascii=rng.random() < 0.5).encode(
            "utf-8", "surrogatepass"
        )
    if kind < 0.75:
        return rng.choice([b"[", b"{"]) * rng.choice([10, 1000, 5000]) + b"1"
    if kind < 0.8:
        return json.dumps(_value(rng)).encode()
    if kind < 0.9:
        junk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 300))).replace(b"\n", b"")
        return b"x" + junk
    if kind < 0.95:
        return (
            json.dumps(_object(rng, number)).encode("utf-8")[: rng.randint(1, 40)].replace(b"\n", b"") + b"x"
        )
    return json.dumps(_object(rng, number)).encode("utf-16")  # wrong encoding, no newline bytes


@pytest.fixture(scope="module")
def fuzz_lines() -> list[bytes]:
    rng = random.Random(SEED)
    lines = [_line(rng, n) for n in range(LINES)]
    return [line for line in lines if b"\n" not in line and line.strip()]


def test_every_fuzzed_line_gives_one_writable_record_in_place(tmp_path, fuzz_lines):
    path = tmp_path / "fuzz.jsonl"
    path.write_bytes(b"\n".join(fuzz_lines) + b"\n")
    records = list(code_many(read_inputs([str(path)]), batch_size=64))
    assert len(records) == len(fuzz_lines)
    for number, (line, record) in enumerate(zip(fuzz_lines, records), start=1):
        json.dumps(to_dict(record), ensure_ascii=False).encode("utf-8")
        if isinstance(record, ErrorRecord):
            assert record.message and len(record.message) <= 1100, number
        try:
            obj = json.loads(line.decode("utf-8"))
        except (ValueError, RecursionError):
            continue
        if isinstance(obj, dict) and isinstance(obj.get("id"), str) and obj["id"].startswith("f"):
            assert record.id.replace("\ufffd", "") == obj["id"].encode("utf-16", "surrogatepass").decode(
                "utf-16", "ignore"
            ).replace("\ufffd", ""), number
    assert (
        sum(not isinstance(r, ErrorRecord) for r in records) > len(records) // 10
    )  # the fuzz reaches the parser


def test_every_fuzzed_line_gives_one_batch_item(fuzz_lines):
    for line in fuzz_lines:
        item_from_line(line.decode("utf-8", "replace").strip(), "fuzz.jsonl")


@pytest.mark.parametrize("seed", range(6))
def test_fuzzed_files_give_records_and_never_raise(tmp_path, seed):
    rng = random.Random(SEED + seed)
    junk = bytes(rng.randrange(256) for _ in range(rng.randint(0, 5000)))
    good = json.dumps({"id": "g", "text": _text(rng)}).encode() + b"\n"
    files = {
        "a.txt": junk,
        "b.html": b"<html>" + junk,
        "c.jsonl": junk,
        "d.jsonl.gz": gzip.compress(good * 3)[: rng.randint(0, 60)],
        "e.csv": junk,
        "f.parquet": junk,
        "g.jsonl.gz": junk,
        "h.txt": _text(rng).encode("utf-16", "surrogatepass"),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    records = list(code_many(read_inputs([str(tmp_path)])))
    assert len(records) >= len(files)
    for record in records:
        json.dumps(to_dict(record), ensure_ascii=False).encode("utf-8")
