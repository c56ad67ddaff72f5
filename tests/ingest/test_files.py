import json

import pytest

from eventwire.errors import UsageError
from eventwire.ingest import decode_bytes, read_inputs
from eventwire.records import Article, ErrorRecord


def test_jsonl_lines_become_articles_and_bad_lines_error_records(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({"id": "a", "text": "One.", "published": "2025-05-10", "title": "T"}),
                "{not json",
                json.dumps({"id": "b", "html": "<p>Two.</p>"}),
                json.dumps({"text": "no id"}),
                json.dumps(["a", "list"]),
                json.dumps({"id": "c"}),
                "",
            ]
        ),
        encoding="utf-8",
    )
    items = list(read_inputs([str(path)], published="2025-01-01"))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Article", "ErrorRecord", "Article", "ErrorRecord", "ErrorRecord", "ErrorRecord"]
    assert items[0] == Article(id="a", text="One.", published="2025-05-10", title="T")
    assert items[2].published == "2025-01-01"  # --published fills only what is missing
    assert items[1].id == "batch.jsonl:2" and "not valid JSON" in items[1].message
    assert items[5].id == "c" and "neither" in items[5].message


def test_text_and_html_files_use_the_file_name_as_id(tmp_path):
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "b.html").write_text("<p>Page.</p>", encoding="utf-8")
    (tmp_path / "skip.png").write_bytes(b"\x89PNG")
    items = list(read_inputs([str(tmp_path)]))
    assert [(i.id, i.text, i.html) for i in items] == [
        ("a.txt", "Text.", None),
        ("b.html", None, "<p>Page.</p>"),
    ]


def test_missing_path_is_a_usage_error_before_reading():
    with pytest.raises(UsageError, match="no such file"):
        read_inputs(["/nonexistent/file.txt"])


@pytest.mark.parametrize(
    "data, expected",
    [
        ("Café in Srinagar".encode(), "Café in Srinagar"),
        (b"\xef\xbb\xbfBOM text", "BOM text"),
        (
            "Le ministre a déclaré à Genève que la trêve était fragile et très précaire.".encode("latin-1"),
            "Le ministre a déclaré à Genève que la trêve était fragile et très précaire.",
        ),
        ("UTF-16 text".encode("utf-16"), "UTF-16 text"),
    ],
)
def test_decode_bytes(data, expected):
    assert decode_bytes(data) == expected


def test_oversized_file_is_an_error_record_read_only_up_to_the_limit(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.write(b"word " * (10 * 1024 * 1024))  # 50 MB
    (item,) = read_inputs([str(big)])
    assert isinstance(item, ErrorRecord) and "over the limit" in item.message
