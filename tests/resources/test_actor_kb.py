"""The actor knowledge base: Phoenix conversion, layers, dated roles, surnames, user rows."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
import time
from pathlib import Path

import pytest

from eventwire.resources import actor_kb as kb
from eventwire.settings import get_settings

REPO = Path(__file__).resolve().parents[2]
D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def base():
    return kb.load_kb()


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


def test_tabari_entries_parse_names_synonyms_and_dated_roles():
    phoenix = _script("convert_phoenix")
    lines = [
        "HAMID_KARZAI_  # CountryInfo.txt",
        "+KARZAI_",
        "\t[AFGELI 750101-000101]",
        "\t[AFGGOV >011222]",
        "\t[AFGELI]",
        "SOME_TOWN_MILITIA_ [AFGUAF] # comment",
    ]
    first, second = phoenix.parse_actors(lines)
    assert first.name == "Hamid Karzai" and first.aliases == ["Karzai"]
    assert first.roles == [
        ("AFGELI", "1975-01-01", "2000-01-01"),
        ("AFGGOV", "2001-12-22", ""),
        ("AFGELI", "", ""),
    ]
    assert phoenix.kind_of(first) == "person"
    assert second.roles == [("AFGUAF", "", "")] and phoenix.kind_of(second) == "org"


def test_agents_expand_macros_and_plural_forms():
    phoenix = _script("convert_phoenix")
    pairs = phoenix.parse_agents(
        ["!PERSON! = MAN, WOMAN", "DAIRY!PERSON! [~AGR]", "CHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]"]
    )
    assert ("dairy man", "~AGR") in pairs and ("dairy woman", "~AGR") in pairs
    assert ("chambers of commerce", "~BUS") in pairs


@pytest.mark.parametrize(
    "code, parts",
    [
        ("AFGGOVAGR", ("AFG", "GOV")),
        ("IGOUNOHLHWHO", ("UNO", "HLH")),
        ("ELI", (None, "ELI")),
        ("KSVGOV", ("XKX", "GOV")),
        ("~MIL", (None, "MIL")),
        ("NGO", ("NGO", None)),
        ("---", (None, None)),
    ],
)
def test_split_code(code, parts):
    assert kb.split_code(code) == parts


@pytest.mark.parametrize(
    "name, day, code, status",
    [
        ("Jüri Ratas", "2020-05-01", "ESTGOV", "in office"),  # Prime Minister then
        ("Juri Ratas", "2022-01-01", "ESTLEG", "in office"),  # Speaker; accents do not matter
        ("Joe Biden", "2019-06-01", "USAELI", "otherwise"),  # between offices: what Phoenix says he is then
        ("Kamala Harris", "2019-06-01", "USALEG", "in office"),  # a senator then, not yet Vice President
        ("Kamala Harris", "2010-06-01", "USA", "not yet in office"),  # never the future office
        ("Tony Blair", "2005-01-01", "GBRGOV", "in office"),
        ("Tony Blair", "2012-01-01", "GBRELI", "otherwise"),
        ("Hashim Thaci", "2018-01-01", "XKXGOV", "in office"),
        ("Hashim Thaci", "2023-06-01", "XKXELI", "former"),  # Phoenix's open role ends at newer data
        ("Gitanas Nauseda", "2023-06-01", "LTUGOV", "in office"),
        ("Hezbollah", "2023-06-01", "LBNREB", "otherwise"),
    ],
)
def test_the_date_picks_the_role(base, name, day, code, status):
    answer = base.resolve(name, D(day))
    assert (answer.code, answer.status) == (code, status)


def test_no_date_gives_the_latest_role(base):
    answer = base.resolve("Jüri Ratas")
    assert answer.status == "latest" and answer.code == "ESTLEG"


def test_surnames(base):
    assert base.resolve("Ratas", D("2020-05-01")) is None  # a surname is not a name
    assert base.resolve("Ratas", D("2020-05-01"), surname=True).entity.name == "Jüri Ratas"
    # two office holders called Museveni: the country, not a guess between them
    museveni = base.resolve("Museveni", D("2023-06-01"), surname=True)
    assert (museveni.country, museveni.sector, museveni.status) == ("UGA", None, "ambiguous")


def test_opens_fast_and_knows_many_more_people_than_the_hand_table(base):
    kb.load_kb.cache_clear()
    started = time.perf_counter()
    fresh = kb.load_kb()
    fresh.resolve("Vladimir Putin", D("2023-06-01"))
    assert time.perf_counter() - started < 0.5
    count = fresh._con().execute("SELECT count(*) FROM entity WHERE kind = 'person'").fetchone()[0]
    assert count > 40_000


def test_describe_names_the_row_used(base):
    report = kb.describe("Jüri Ratas", D("2020-05-01"))
    assert report["code"] == "ESTGOV" and report["status"] == "in office"
    (match,) = report["matches"]
    assert match["row_used"]["title"] == "Prime Minister" and match["row_used"]["start"] == "2016-11-23"
    assert len(match["roles"]) >= 3
    assert kb.describe("Nobody Zzyzx")["status"] == "unknown"


@pytest.fixture
def user_kb(tmp_path, monkeypatch):
    table = tmp_path / "mine.tsv"
    table.write_text(
        "# my corrections\n"
        "name\taliases\tcountry\tsector\ttitle\tstart\tend\n"
        "Jüri Ratas\tRatas\tEST\tLEG\tMember of the European Parliament\t2024-07-16\t\n"
        "Zzyzx Quorble\tQuorble\tNOR\tMIL\tArmy chief\t2020-01-01\t\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EVENTWIRE_ACTORS_FILE", str(table))
    get_settings.cache_clear()
    kb.load_kb.cache_clear()
    yield kb.load_kb()
    monkeypatch.delenv("EVENTWIRE_ACTORS_FILE")
    get_settings.cache_clear()
    kb.load_kb.cache_clear()


def test_user_rows_are_loaded_over_ours(user_kb):
    assert user_kb.resolve("Zzyzx Quorble", D("2023-01-01")).code == "NORMIL"
    # the user's rows for a name replace ours: before their row, Ratas holds no office
    assert user_kb.resolve("Jüri Ratas", D("2025-01-01")).code == "ESTLEG"
    assert user_kb.resolve("Jüri Ratas", D("2020-05-01")).status == "not yet in office"


def test_a_missing_user_file_is_an_error_that_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_ACTORS_FILE", str(tmp_path / "absent.tsv"))
    get_settings.cache_clear()
    try:
        with pytest.raises(kb.ResourceError, match="unset it"):
            kb.user_file()
    finally:
        monkeypatch.delenv("EVENTWIRE_ACTORS_FILE")
        get_settings.cache_clear()
