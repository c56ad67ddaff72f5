"""Broken and hostile input (issue 14): every input gives exactly one record, in order, and
the run goes on. Each test is one of the issue's reproductions."""

from __future__ import annotations

import gzip
import io
import json
import sys

import pytest

import eventwire
from eventwire import pipeline
from eventwire.batch.inputs import item_from_line, read_items
from eventwire.clean import clean_html
from eventwire.cli.main import main
from eventwire.ingest.files import decode_bytes
from eventwire.records import Article, ErrorRecord, to_dict

GOOD = "Pakistan accused India of shelling villages in Kashmir on Friday."
DEEP = "[" * 1000 + "]" * 1000


def kinds(records) -> list[str]:
    return [type(r).__name__ for r in records]


def run(capsys, *argv) -> tuple[int, list[dict], str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err


def test_a_lone_surrogate_in_text_is_replaced_and_the_article_coded():
    text = GOOD + " The army denied it \ud800 and said so."
    out = list(eventwire.code_many([Article(id="s", text=text), Article(id="g", text=GOOD)]))
    assert kinds(out) == ["CodedArticle", "CodedArticle"]
    assert "\ufffd" in out[0].text and len(out[0].text) == len(text)
    json.dumps(to_dict(out[0]), ensure_ascii=False).encode("utf-8")  # writable as UTF-8


def test_a_lone_surrogate_in_the_id_is_replaced(tmp_path, capsys):
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps({"id": "a\ud800b", "text": GOOD}) + "\n", encoding="utf-8")
    code, records, _ = run(capsys, "code", "-q", str(path))
    assert code == 0 and [r["id"] for r in records] == ["a\ufffdb"]


def test_a_text_that_breaks_the_parser_fails_alone(monkeypatch):
    """A batch of `nlp.pipe` that raises is parsed again one text at a time."""
    nlp = pipeline.load_nlp()

    class Fragile:
        def pipe(self, pairs, **kwargs):
            for text, context in pairs:
                if "BOOM" in text:
                    raise UnicodeEncodeError("utf-8", text, 0, 1, "surrogates not allowed")
                yield nlp(text), context

        def __call__(self, text):
            if "BOOM" in text:
                raise UnicodeEncodeError("utf-8", text, 0, 1, "surrogates not allowed")
            return nlp(text)

    monkeypatch.setattr(pipeline, "load_nlp", lambda: Fragile())
    items = [Article(id=str(i), text=("BOOM. " if i == 2 else "") + GOOD) for i in range(5)]
    out = list(pipeline.code_many(items, batch_size=2))
    assert [r.id for r in out] == ["0", "1", "2", "3", "4"]
    assert kinds(out) == ["CodedArticle"] * 2 + ["ErrorRecord"] + ["CodedArticle"] * 2
    assert out[2].type == "InternalError" and "UnicodeEncodeError" in out[2].message


@pytest.mark.parametrize(
    "field, value",
    [("url", 5), ("title", ["a", "b"]), ("source", {"name": "x"}), ("published", 20250510)],
)
def test_a_field_of_the_wrong_type_is_an_error_record_naming_it(tmp_path, capsys, field, value):
    path = tmp_path / "t.jsonl"
    lines = [{"id": "bad", "text": GOOD, field: value}, {"id": "ok", "text": GOOD}]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    code, records, _ = run(capsys, "code", "-q", str(path))
    assert code == 0 and [r["id"] for r in records] == ["bad", "ok"]
    assert repr(field) in records[0]["error"]["message"] or field in records[0]["error"]["message"]
    assert "error" not in records[1]


def test_python_api_checks_field_types_too():
    (record,) = eventwire.code_many([Article(id="x", text=GOOD, url=5)])
    assert isinstance(record, ErrorRecord) and "'url' must be a string" in record.message


def test_json_nested_1000_deep_in_a_file_a_batch_and_stdin(tmp_path, capsys, monkeypatch):
    path = tmp_path / "deep.jsonl"
    path.write_text(DEEP + "\n" + json.dumps({"id": "ok", "text": GOOD}) + "\n", encoding="utf-8")
    code, records, _ = run(capsys, "code", "-q", str(path))
    assert code == 0 and [r["id"] for r in records] == ["deep.jsonl:1", "ok"]
    assert "nested too deeply" in records[0]["error"]["message"]
    assert "nested too deeply" in item_from_line(DEEP, "x.jsonl").message
    assert kinds(read_items([str(path)], "jsonl")) == ["ErrorRecord", "Article"]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DEEP.encode() + b"\n")))
    code, records, _ = run(capsys, "code", "-q", "-")
    assert code == 1 and "nested too deeply" in records[0]["error"]["message"]


def _gz_lines(count: int) -> bytes:
    return gzip.compress(
        b"".join(json.dumps({"id": str(i), "text": GOOD}).encode() + b"\n" for i in range(count))
    )


@pytest.mark.parametrize("damage", ["truncated", "corrupt"])
def test_a_damaged_gzip_keeps_what_was_read_and_says_so(tmp_path, capsys, damage):
    data = _gz_lines(200)
    data = data[: len(data) // 2] if damage == "truncated" else data[:30] + b"\x00" * 40 + data[70:]
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(data)
    code, records, _ = run(capsys, "code", "-q", str(path))
    assert code in (0, 1) and records[-1]["id"] == "a.jsonl.gz:damaged"
    assert "damaged" in records[-1]["error"]["message"]
    assert all("error" not in r for r in records[:-1])
    batch = list(read_items([str(path)], "jsonl"))
    assert batch[-1].id == "a.jsonl.gz:damaged" and len(batch) == len(records)


@pytest.mark.parametrize(
    "name, content",
    [
        ("ws.jsonl", b"  \n\t\n \n"),
        ("e.csv", b""),
        ("e.jsonl.gz", gzip.compress(b"")),
        ("h.csv", b"id,text\n"),
    ],
)
def test_an_input_without_articles_gives_one_record_that_says_so(tmp_path, capsys, name, content):
    (tmp_path / name).write_bytes(content)
    code, records, _ = run(capsys, "code", "-q", str(tmp_path / name))
    assert code == 1 and [r["id"] for r in records] == [name]
    assert "holds no articles" in records[0]["error"]["message"]


def test_blank_lines_between_articles_are_skipped(tmp_path, capsys):
    path = tmp_path / "b.jsonl"
    path.write_text(
        f"{json.dumps({'id': '1', 'text': GOOD})}\n   \n\n{json.dumps({'id': '2', 'text': GOOD})}\n"
    )
    _, records, _ = run(capsys, "code", "-q", str(path))
    assert [r["id"] for r in records] == ["1", "2"]


def test_a_failed_batch_leaves_no_parquet_file(tmp_path, monkeypatch):
    from eventwire.batch import local, run_batch

    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "1", "text": GOOD}) + "\n")

    def broken(*args, **kwargs):
        raise OSError("disk full")
        yield  # a generator, like the real one

    monkeypatch.setattr(local, "iter_tables", broken)
    with pytest.raises(OSError):
        run_batch(str(path), str(tmp_path / "out.parquet"), processes=1)
    assert list(tmp_path.glob("out.parquet*")) == []


def test_error_messages_do_not_echo_a_huge_value():
    (record,) = eventwire.code_many([Article(id="x", text=GOOD, published="9" * 100_000)])
    assert isinstance(record, ErrorRecord) and len(record.message) < 1200
    assert "published" in record.message and "characters cut" in record.message
    assert record.message.endswith("fix or drop it.")  # what to do next survives the cut


def test_utf8_with_one_bad_byte_stays_utf8():
    data = "Café in Zürich — “quoted” text. ".encode() * 3 + b"\xff and the rest."
    text = decode_bytes(data)
    assert text.startswith("Café in Zürich — “quoted”") and text.count("\ufffd") == 1
    assert (
        decode_bytes("Le ministre a déclaré la trêve.".encode("latin-1")) == "Le ministre a déclaré la trêve."
    )


def test_a_crash_of_eventwire_exits_with_its_own_code(monkeypatch, capsys):
    import eventwire.cli.main as cli

    def crash(args):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(cli, "cmd_summary", crash)
    assert main(["summary"]) == cli.EXIT_INTERNAL == 4
    assert "internal error" in capsys.readouterr().err


def test_the_same_page_gives_the_same_text_whatever_was_read_before():
    paragraphs = "".join(
        f"<p>Officials of India and Pakistan met for round {i} of talks at the border on Friday, "
        "a statement said after the meeting ended.</p>"
        for i in range(8)
    )
    page = f"<html><body><article><h1>Talks</h1>{paragraphs}</article></body></html>"
    texts = {clean_html(page) for _ in range(6)}
    assert len(texts) == 1 and "round 7" in texts.pop()


def test_post_with_a_lone_surrogate_is_not_a_server_error(tmp_path):
    from fastapi.testclient import TestClient

    from eventwire.web import create_app

    with TestClient(create_app(tmp_path / "w.duckdb", token="t0k")) as client:
        body = json.dumps({"id": "s", "text": GOOD + " \ud800 More text follows here."})
        response = client.post(
            "/api/articles",
            content=body.encode("ascii"),  # the JSON escape \ud800, as a client would send it
            headers={"Authorization": "Bearer t0k", "Content-Type": "application/json"},
        )
    # The request model refuses a lone surrogate (422) or the pipeline replaces it (201).
    assert response.status_code in (201, 422), response.text
