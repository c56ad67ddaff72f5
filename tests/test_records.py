"""The output contract in `records`: JSON both ways, the error shape, dates, counted events,
and a contract module light enough that the store and the batch writer need no spaCy."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from eventwire.errors import InputError
from eventwire.records import (
    COUNTED_MODALITIES,
    MODALITIES,
    Article,
    ErrorRecord,
    FragmentedSpan,
    Quote,
    error_dict,
    from_dict,
    is_counted,
    parse_published,
    to_dict,
    to_json,
)


@pytest.fixture(scope="module")
def record():
    import eventwire

    coded = eventwire.code_article(
        Article(
            id="r",
            text="India's foreign minister said on Friday that Pakistan had shelled Poonch. "
            '"We will respond," he said.',
            published="2025-05-10",
            title="T",
            source="S",
        )
    )
    assert coded.events and coded.actors and coded.quotes and coded.times
    return coded


def test_to_json_is_the_contract_json(record):
    assert to_json(record) == json.dumps(to_dict(record))
    error = ErrorRecord("x", "InputError", "empty")
    assert to_json(error) == json.dumps(to_dict(error))


def test_from_dict_inverts_to_dict(record):
    data = json.loads(to_json(record))
    assert from_dict(data) == record
    assert json.loads(json.dumps(to_dict(from_dict(data)))) == data


def test_fragmented_quotes_read_back_as_fragmented(record):
    content = FragmentedSpan("A,' he said. 'B.", 1, 17, ((1, 3), (15, 17)))
    quoted = type(record)(id="f", text="x" * 20, quotes=(Quote("q1", "direct", content, None, None),))
    data = json.loads(to_json(quoted))
    assert data["quotes"][0]["content"]["fragments"] == [[1, 3], [15, 17]]
    back = from_dict(data).quotes[0].content
    assert isinstance(back, FragmentedSpan) and back == content


def test_error_records_keep_their_shape():
    assert error_dict("x", "InputError", "empty") == {
        "id": "x",
        "error": {"type": "InputError", "message": "empty"},
    }
    assert from_dict(error_dict("x", "InputError", "empty")) == ErrorRecord("x", "InputError", "empty")


@pytest.mark.parametrize(
    "value,expected",
    [
        (None, None),
        ("", None),
        ("2025-05-10", dt.date(2025, 5, 10)),
        ("2025-05-10T09:30:00+05:30", dt.date(2025, 5, 10)),
        ("2025-05-10T23:30:00Z", dt.date(2025, 5, 10)),
    ],
)
def test_parse_published(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["10 May 2025", "2025-13-01", "yesterday"])
def test_parse_published_names_the_bad_value(value):
    with pytest.raises(InputError, match="is not an ISO 8601 date"):
        parse_published(value)


def test_counted_events_are_asserted_or_intended_and_not_negated(record):
    from dataclasses import replace

    event = record.events[0]
    counted = {
        (modality, negated)
        for modality in MODALITIES
        for negated in (False, True)
        if is_counted(replace(event, modality=modality, negated=negated))
    }
    assert counted == {("asserted", False), ("intended", False)}
    assert set(COUNTED_MODALITIES) == {"asserted", "intended"}


def test_the_contract_store_and_batch_writer_load_without_spacy():
    """`eventwire export` and `summary` read the store: importing it must not load the
    pipeline (spaCy takes seconds to import)."""
    code = (
        "import sys, eventwire, eventwire.records, eventwire.store, eventwire.store.export, "
        "eventwire.store.search, eventwire.batch, eventwire.batch.output, eventwire.cli.main; "
        "eventwire.cli.main.build_parser(); "
        "loaded = sorted(m for m in sys.modules if m == 'spacy' or m.startswith(('eventwire.pipeline', "
        "'eventwire.extract', 'eventwire.nlp'))); "
        "print(loaded); sys.exit(1 if loaded else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
