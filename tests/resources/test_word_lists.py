"""The word lists tuned like data (resources/data/place_words.yaml, quote_words.yaml)."""

from __future__ import annotations

import pytest
import yaml

from eventwire.errors import ResourceError
from eventwire.resources import data_path, word_lists
from eventwire.resources.word_lists import place_not_names, place_words, quote_words

PLACE_LISTS = (
    "org_heads",
    "person_heads",
    "media_heads",
    "firm_words",
    "road_heads",
    "person_titles",
    "place_words",
    "directions",
)


@pytest.mark.parametrize(("name", "keys"), [("place_words.yaml", PLACE_LISTS), ("quote_words.yaml", None)])
def test_lists_are_lower_case_words_without_repeats(name, keys):
    raw = yaml.safe_load(data_path(name).read_text(encoding="utf-8"))
    if keys is not None:
        assert set(raw) == set(keys)
    for key, words in raw.items():
        assert all(isinstance(w, str) and w == w.lower() and w.strip() == w for w in words), key
        assert len(words) == len(set(words)), f"{key} repeats {[w for w in words if words.count(w) > 1]}"


def test_lists_hold_what_the_extractors_test():
    assert {"police", "university", "court"} <= place_words("org_heads")
    assert {"inc", "mines", "insurance"} <= place_words("firm_words")
    assert {"critical", "wary"} <= quote_words("stance_adjectives")
    assert {"editor's note", "read more"} <= quote_words("not_speakers")  # words with spaces stay whole
    assert "Police" in place_not_names()


def test_unknown_list_names_the_valid_ones():
    with pytest.raises(ResourceError, match="firm_words"):
        place_words("firm_word")


def test_a_list_yaml_misreads_is_an_error(tmp_path, monkeypatch):
    (tmp_path / "bad.yaml").write_text("words: [north, yes, 12]\n", encoding="utf-8")
    monkeypatch.setattr("eventwire.resources.DATA", tmp_path)
    with pytest.raises(ResourceError, match="'words' must be a list of words"):
        word_lists._lists("bad.yaml")
    word_lists._lists.cache_clear()
