"""Actor coding with the knowledge base: names NER finds, dated roles, former office holders,
places acting as actors, the field's agent nouns, and the article's own names first."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.extract.actors import extract_actors
from eventwire.extract.actors.knowledge import formerly, place_country


def _code(nlp, text: str, fragment: str, published: str | None = "2023-06-01"):
    doc = nlp(text)
    day = dt.date.fromisoformat(published) if published else None
    actors = [a for a in extract_actors(doc, day) if fragment in a.text]
    assert actors, f"no actor containing {fragment!r}"
    return max(actors, key=lambda a: len(a.text)).code


@pytest.mark.parametrize(
    ("text", "fragment", "published", "code"),
    [
        # people the knowledge base knows, coded by the role the date picks
        ("Jüri Ratas spoke to reporters in the capital.", "Ratas", "2020-05-01", "ESTGOV"),
        ("Jüri Ratas spoke to reporters in the capital.", "Ratas", "2022-01-10", "ESTLEG"),
        ("Gitanas Nausėda met farmers on Tuesday.", "Nausėda", "2023-06-01", "LTUGOV"),
        ("Albin Kurti rejected the plan.", "Kurti", "2022-03-01", "XKXGOV"),
        # a day after every role: a former official, never the next or the last office
        ("Hashim Thaçi arrived at the court.", "Thaçi", "2023-06-01", "XKXELI"),
        # former, retired and ex- office holders are ELI, whatever the office
        ("A former defence minister criticised the deal.", "minister", "2023-06-01", "ELI"),
        ("The retired minister said the army was ready.", "minister", "2023-06-01", "ELI"),
        ("A former CIA official said the report was wrong.", "CIA", "2023-06-01", "USAELI"),
        # places acting as actors take their country
        ("Mariupol asked for help on Monday.", "Mariupol", "2023-06-01", "UKR"),
        ("Shanghai authorities ordered the lockdown.", "authorities", "2023-06-01", "CHNGOV"),
        # generic agents from the field's dictionary carry their sector
        ("The smugglers said they would surrender.", "smugglers", "2023-06-01", "CRM"),
        ("The medic said the wounded were evacuated.", "medic", "2023-06-01", "HLH"),
    ],
)
def test_knowledge_base_codes(nlp, text, fragment, published, code):
    assert _code(nlp, text, fragment, published) == code


def test_the_articles_own_office_beats_the_dictionary(nlp):
    # the knowledge base's data ends this person's office earlier; the article names it
    text = "Estonian Prime Minister Jüri Ratas met the press. Jüri Ratas said the border would stay open."
    doc = nlp(text)
    actors = extract_actors(doc, dt.date(2024, 6, 1))
    second = [a for a in actors if a.text == "Jüri Ratas"][-1]
    assert second.code == "ESTGOV"


def test_a_common_name_from_a_parliament_list_alone_is_not_enough(nlp):
    # an unknown Ayub Khan is not coded as the former member of some parliament
    assert _code(nlp, "Ayub Khan led the march through the city.", "Ayub Khan", "2025-05-01") is None


@pytest.mark.parametrize(
    ("name", "country"), [("Mariupol", "UKR"), ("Sydney", "AUS"), ("Prishtina", "XKX"), ("Zzyzxq", None)]
)
def test_place_country(name, country):
    assert place_country(name) == country


def test_formerly(nlp):
    doc = nlp("the former president and the ex-minister met the president")
    assert formerly(doc, 0, 3) and formerly(doc, 4, 6) and not formerly(doc, 8, 10)


def test_bare_institutions_take_the_articles_home_country(nlp):
    text = (
        "Ecuador will suspend crude exports for four months, Ecuador's energy minister said. "
        "Ecuador needs loans to repair the pipeline. "
        "Oil accounts for two-thirds of export income, analysts noted. "
        "The ministry said repairs would start next week."
    )
    assert _code(nlp, text, "The ministry") == "ECUGOV"


def test_no_home_country_in_a_story_of_two_countries(nlp):
    text = (
        "India and Pakistan traded fire across the border. India said Pakistan started it. "
        "Pakistan denied it. Exports were unaffected, traders said. The ministry said talks would go on."
    )
    assert _code(nlp, text, "The ministry") == "GOV"


def test_an_acronym_the_article_defines_takes_the_long_forms_code(nlp):
    text = "An Egyptian General Petroleum Corp (EGPC) spokesman spoke. Later, EGPC said prices would rise."
    assert _code(nlp, text, "EGPC", "1987-04-29") == "EGYBUS"


def test_a_common_surname_alone_is_not_a_dictionary_person(nlp):
    # "Diaz" is nobody's head of state here: no guess from the dictionaries
    assert _code(nlp, "Diaz said the commission would recover more funds.", "Diaz", "1987-03-16") is None
