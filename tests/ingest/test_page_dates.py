"""`eventwire code page.html` takes the date the page declares, and every record says where
its date came from (issue 14, item 12)."""

from __future__ import annotations

import json

import pytest

from eventwire.cli.main import main
from eventwire.ingest.files import article_from_json, dated
from eventwire.records import Article, from_dict

BODY = "".join(
    f"<p>Pakistan accused India of shelling villages in Kashmir on Friday, officials said in "
    f"statement number {i} issued after the attack.</p>"
    for i in range(4)
)
DATED = (
    '<html><head><meta property="article:published_time" content="2025-05-10T08:00:00Z"></head>'
    f"<body><article><h1>Shelling</h1>{BODY}</article></body></html>"
)
UNDATED = f"<html><body><article><h1>Shelling</h1>{BODY}</article></body></html>"


def code(capsys, *argv) -> list[dict]:
    main(["code", "-q", *argv])
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


@pytest.mark.parametrize(
    "page, option, published, source",
    [
        (DATED, [], "2025-05-10", "page"),
        (DATED, ["--published", "2025-01-01"], "2025-05-10", "page"),  # the page's own date first
        (UNDATED, ["--published", "2025-01-01"], "2025-01-01", "given"),
        (UNDATED, [], None, "none"),
    ],
)
def test_code_page_takes_the_declared_date(tmp_path, capsys, page, option, published, source):
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    (record,) = code(capsys, str(path), *option)
    assert record["published"] == published and record["published_from"] == source
    if published:  # the events are dated from it: "on Friday" before 10 May is 9 May
        assert any(e["date"] == "2025-05-09" for e in record["events"]) or published != "2025-05-10"


def test_text_articles_say_given_or_none(tmp_path, capsys):
    path = tmp_path / "a.jsonl"
    lines = [{"id": "a", "text": "Talks resumed.", "published": "2025-05-10"}, {"id": "b", "text": "Talks."}]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines))
    records = code(capsys, str(path))
    assert [(r["published"], r["published_from"]) for r in records] == [
        ("2025-05-10", "given"),
        (None, "none"),
    ]


def test_jsonl_html_without_a_date_gets_the_page_date():
    article = article_from_json({"id": "x", "html": DATED}, "2025-01-01", "x.jsonl:1")
    assert (article.published, article.published_from) == ("2025-05-10", "page")


def test_dated_keeps_an_own_date():
    article = Article(id="x", html=DATED, published="2024-12-31")
    assert dated(article, None) is article


def test_records_read_back_keep_where_their_date_came_from():
    record = from_dict(
        {
            "id": "x",
            "published": "2025-05-10",
            "published_from": "page",
            "text": "T.",
            "actors": [],
            "events": [],
            "quotes": [],
            "places": [],
            "times": [],
        }
    )
    assert record.published_from == "page"
    old = from_dict(
        {
            "id": "x",
            "published": "2025-05-10",
            "text": "T.",
            "actors": [],
            "events": [],
            "quotes": [],
            "places": [],
            "times": [],
        }
    )
    assert old.published_from == "given"  # stored before the field existed


def test_a_folder_of_pages_skips_the_index_beside_them_and_says_what_it_read(tmp_path, capsys):
    (tmp_path / "a.html").write_text(DATED, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Pakistan accused India of shelling villages.", encoding="utf-8")
    index = {"url": "https://news.example/a", "file": "a.html", "title": "Shelling"}
    (tmp_path / "index.jsonl").write_text(json.dumps(index) + "\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    main(["code", str(tmp_path)])
    captured = capsys.readouterr()
    assert [json.loads(line)["id"] for line in captured.out.splitlines()] == ["a.html", "b.txt"]
    assert "read 1 .html, 1 .txt; skipped index.jsonl: an index beside the pages" in captured.err
    assert "ignored 1 files of other kinds" in captured.err
    main(["code", "-q", str(tmp_path / "index.jsonl")])  # named, it is read (and each line says why it fails)
    assert "index.jsonl:1" in json.loads(capsys.readouterr().out)["error"]["message"]


def test_a_folder_of_json_lines_alone_is_read(tmp_path, capsys):
    (tmp_path / "x.jsonl").write_text(json.dumps({"id": "x", "text": "Talks resumed."}) + "\n")
    main(["code", str(tmp_path)])
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 1 and "read 1 .jsonl" in captured.err
