"""Actor extraction: phrases -> CAMEO code, name and title (table-driven, offline)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.extract.actors import extract_actors

DAY = dt.date(2025, 5, 10)


def _actors(nlp, text: str, published: dt.date | None = DAY):
    """Actors of `text`; the default date (2025-05-10) picks current offices."""
    doc = nlp(text)
    actors = extract_actors(doc, published)
    for actor in actors:
        assert doc.text[actor.start : actor.end] == actor.text
    return actors


def _find(actors, fragment: str):
    hits = [a for a in actors if fragment in a.text]
    hits.sort(key=lambda a: -len(a.text))
    assert hits, f"no actor containing {fragment!r} in {[a.text for a in actors]}"
    return hits[0]


# sentence, a fragment of the expected mention, code, name, title
CASES = [
    (
        "US Secretary of State Marco Rubio spoke to reporters.",
        "Marco Rubio",
        "USAGOV",
        "Marco Rubio",
        "Secretary of State",
    ),
    (
        "Rubio spoke to Pakistan's Army Chief General Asim Munir on Friday.",
        "Asim Munir",
        "PAKMIL",
        "Asim Munir",
        "Army Chief",
    ),
    (
        "He met External Affairs Minister S Jaishankar in Delhi.",
        "Jaishankar",
        "INDGOV",
        "S Jaishankar",
        "External Affairs Minister",
    ),
    (
        "White House Press Secretary Karoline Leavitt said the talks went well.",
        "Karoline Leavitt",
        "USAGOV",
        "Karoline Leavitt",
        "Press Secretary",
    ),
    (
        "US Department of State spokesperson Tammy Bruce said in a statement.",
        "Tammy Bruce",
        "USAGOV",
        "Tammy Bruce",
        None,
    ),
    ("The hostile drones were destroyed, the Indian Army said.", "Indian Army", "INDMIL", None, None),
    ("India repelled Pakistani drones overnight.", "Pakistani drones", "PAKMIL", None, None),
    (
        "Pakistani Prime Minister Shehbaz Sharif spoke to the press.",
        "Shehbaz Sharif",
        "PAKGOV",
        "Shehbaz Sharif",
        "Prime Minister",
    ),
    (
        "US Vice President JD Vance said the war is none of our concern.",
        "JD Vance",
        "USAGOV",
        "JD Vance",
        "Vice President",
    ),
    ("The Kremlin rejected the proposal.", "Kremlin", "RUSGOV", "Kremlin", None),
    ("Washington said it would impose new sanctions.", "Washington", "USAGOV", None, None),
    ("Beijing condemned the visit.", "Beijing", "CHNGOV", None, None),
    ("India repulsed three waves of attacks.", "India", "IND", None, None),
    ("The U.S. imposed tariffs on steel.", "U.S.", "USA", None, None),
    ("Britain recalled its ambassador.", "Britain", "GBR", None, None),
    ("Dutch police arrested a Turkish man.", "Dutch police", "NLDCOP", None, None),
    ("A Kyrgyz court jailed the journalist.", "Kyrgyz court", "KGZJUD", None, None),
    ("Iraqi officials met in Basra.", "Iraqi officials", "IRQGOV", None, None),
    ("Syrian government forces shelled the town.", "Syrian government forces", "SYRMIL", None, None),
    ("Thousands of protesters gathered in the square.", "protesters", "CVL", None, None),
    ("Hamas fired rockets at Israel.", "Hamas", "PSEREB", "Hamas", None),
    ("The United Nations called for calm.", "United Nations", "UNO", "United Nations", None),
    ("NATO allies met in Brussels.", "NATO", "IGO", "NATO", None),
    ("Iran's Foreign Ministry summoned the envoy.", "Foreign Ministry", "IRNGOV", None, None),
    ("Venezuela's government expelled the diplomats.", "Venezuela's government", "VENGOV", None, None),
    (
        "Israeli Prime Minister Benjamin Netanyahu met Macron.",
        "Netanyahu",
        "ISRGOV",
        "Benjamin Netanyahu",
        "Prime Minister",
    ),
    ("Lashkar-e-Taiba claimed the attack.", "Lashkar-e-Taiba", "PAKREB", "Lashkar-e-Taiba", None),
    (
        "The Red Cross delivered aid to Gaza.",
        "Red Cross",
        "NGO",
        "International Committee of the Red Cross",
        None,
    ),
    ("The opposition party boycotted the vote.", "opposition party", "OPP", None, None),
    ("Russian troops crossed the border.", "Russian troops", "RUSMIL", None, None),
    (
        "A spokesman for the Taliban said talks would resume.",
        "spokesman for the Taliban",
        "AFGGOV",
        "Taliban",
        "spokesman",
    ),
    ("Muslim leaders condemned the attack.", "Muslim leaders", "REL", None, None),
    ("The U.S.-led coalition bombed the city.", "U.S.-led coalition", "USA", None, None),
    ("US-led forces withdrew from the base.", "US-led forces", "USAMIL", None, None),
    (
        "UN Secretary-General Antonio Guterres called for calm.",
        "Antonio Guterres",
        "UNO",
        "Antonio Guterres",
        "Secretary-General",
    ),
    ("PAKISTAN ARMY CHIEF SAYS IRAN WAS WARNED", "PAKISTAN ARMY CHIEF", "PAKMIL", None, None),
    ("Chinese state media reported the visit.", "Chinese state media", "CHNMED", None, None),
    ("U.S federal investigators arrested him.", "U.S federal investigators", "USACOP", None, None),
    ("Ukraine's General Staff said 30 drones were downed.", "General Staff", "UKRMIL", None, None),
    (
        "White House Chief of Staff Susie Wiles said so.",
        "Susie Wiles",
        "USAGOV",
        "Susie Wiles",
        "Chief of Staff",
    ),
    ("The Hamas-run health ministry said 40 people died.", "Hamas-run health ministry", "PSEHLH", None, None),
    ("Westinghouse president Paul Lego said profits rose.", "Paul Lego", None, "Paul Lego", None),
]


@pytest.mark.parametrize(("text", "fragment", "code", "name", "title"), CASES)
def test_phrase_codes(nlp, text, fragment, code, name, title):
    actor = _find(_actors(nlp, text), fragment)
    assert actor.code == code
    if name is not None:
        assert actor.name == name
    if title is not None:
        assert actor.title == title


NEGATIVE = [
    "The weather was fine.",
    "The talks were held in Washington last week.",
    "A military strike hit the depot.",
    "The general mood was calm.",
    "Drone strikes continued along the border.",
    "The chief reason was the price of oil.",
    "Ships patrolled the South China Sea.",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_no_actor(nlp, text):
    assert _actors(nlp, text) == []


SEED_SENTENCE = (
    "US Secretary of State Marco Rubio on Friday spoke to Pakistan's Army Chief General "
    "Asim Munir and urged for de-escalation with India amid heightened tensions between "
    "the two countries, US Department of State spokesperson Tammy Bruce said in a statement."
)


def test_whole_noun_phrases(nlp):
    got = [(a.text, a.code) for a in _actors(nlp, SEED_SENTENCE)]
    assert got == [
        ("US Secretary of State Marco Rubio", "USAGOV"),
        ("Pakistan's Army Chief General Asim Munir", "PAKMIL"),
        ("India", "IND"),
        ("the two countries", "PAK"),
        ("the two countries", "IND"),
        ("US Department of State spokesperson Tammy Bruce", "USAGOV"),
    ]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("The governor of New Mexico was re-elected.", "MEX"),
        ("Storms crossed the South China Sea.", "CHN"),
        ("Michael Jordan visited the school.", "JOR"),
        ("We met in Washington last week.", "USA"),
        ("Donald Trump Jr. said his father would win.", "USA"),
        ("The minister flew to Moscow on Friday.", "RUS"),
        ("Iran-backed militias fired rockets.", "IRN"),
        ("Trump won Georgia and Florida, the networks said.", "GEO"),
    ],
)
def test_not_a_country_actor(nlp, text, country):
    assert all(a.country != country for a in _actors(nlp, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He was taken to hospital and appeared in court on Monday.", ["He"]),
        ("The court ruled that the embassy must reopen.", ["The court", "the embassy"]),
    ],
)
def test_venues_are_actors_only_when_they_act(nlp, text, expected):
    assert [a.text for a in _actors(nlp, text)] == expected


def test_georgia_the_country_when_confirmed(nlp):
    actors = _actors(nlp, "The U.S. urged Georgia to release protesters in Tbilisi.")
    assert any(a.code == "GEO" for a in actors)


def test_pronoun_and_surname_resolution(nlp):
    actors = _actors(nlp, "US President Donald Trump spoke on Friday. He said Trump wants peace.")
    he = next(a for a in actors if a.text == "He")
    assert (he.code, he.name) == ("USAGOV", "Donald Trump")
    assert [a.code for a in actors if a.text == "Trump"] == ["USAGOV"]


def test_two_countries_are_two_actors(nlp):
    actors = _actors(
        nlp,
        "Rubio urged de-escalation with India amid tensions between Pakistan and "
        "India. He offered talks between the two countries.",
    )
    pair = [a for a in actors if a.text == "the two countries"]
    assert sorted(a.code for a in pair) == ["IND", "PAK"]
    assert pair[0].start == pair[1].start


def test_they_needs_one_plural_group(nlp):
    rebels = _actors(nlp, "Rebels attacked the town on Monday. They said the army had fled.")
    assert [a.code for a in rebels if a.text == "They"] == ["REB"]
    pair = _actors(nlp, "Pakistan and India exchanged fire. They agreed to a ceasefire later.")
    assert sorted(a.code for a in pair if a.text == "They") == ["IND", "PAK"]  # a coordinated subject
    mixed = _actors(nlp, "Rebels attacked the soldiers on Monday. Officials said they had fled.")
    assert not [a for a in mixed if a.text == "they"]  # rebels or soldiers: not clear


def test_two_countries_leave_out_the_speaker(nlp):
    actors = _actors(
        nlp,
        "India and Pakistan traded fire again. Trump spoke to Sharif on Friday and urged "
        "the two countries to talk.",
    )
    assert sorted(a.code for a in actors if a.text == "the two countries") == ["IND", "PAK"]


def test_two_leaders_are_two_actors(nlp):
    actors = _actors(nlp, "Narendra Modi met Xi Jinping in Kazan. The two leaders agreed to restore patrols.")
    assert sorted(a.name for a in actors if a.text == "The two leaders") == ["Narendra Modi", "Xi Jinping"]


@pytest.mark.parametrize(
    ("published", "code"),
    [
        (dt.date(2019, 6, 1), "AFGREB"),
        (dt.date(2023, 6, 1), "AFGGOV"),
    ],
)
def test_dated_organisation(nlp, published, code):
    assert _find(_actors(nlp, "The Taliban announced a ban.", published), "Taliban").code == code


def test_ids_in_text_order(nlp):
    actors = _actors(nlp, "India and Pakistan traded fire. China urged calm.")
    assert [a.id for a in actors] == [f"a{i}" for i in range(1, len(actors) + 1)]
    assert [a.start for a in actors] == sorted(a.start for a in actors)


@pytest.mark.parametrize(
    ("text", "mention", "code", "name"),
    [
        (
            "Rubio spoke with Prime Minister Shehbaz Sharif and reiterated his calls for restraint.",
            "his",
            "USAGOV",
            "Marco Rubio",
        ),
        ("US Vice President JD Vance, who has backed disengagement, said so.", "who", "USAGOV", "JD Vance"),
        (
            "While the US is encouraging talks, it said that it will not get involved.",
            "it",
            "USA",
            "United States",
        ),
        (
            "Foreign Ministry spokesman Lin Jian spoke on Monday. The spokesman said China was ready.",
            "The spokesman",
            "CHNGOV",
            "Lin Jian",
        ),
        (
            "France's immigration minister criticized the film.",
            "France's immigration minister",
            "FRAGOV",
            None,
        ),
        ("Russia said its troops had taken the village.", "its troops", "RUSMIL", None),
        ("Modi said his government would respond.", "his government", "INDGOV", None),
        (
            "Pakistan's Foreign Office rejected the claims. Foreign Office spokesperson Shafqat Ali Khan "
            "said more.",
            "Foreign Office spokesperson Shafqat Ali Khan",
            "PAKGOV",
            "Shafqat Ali Khan",
        ),
        # The owner of a subject is a subject for the next pronoun.
        (
            "Jaishankar said he had spoken to Rubio. Shehbaz Sharif's office said the talks failed. "
            "He accused India of provocations.",
            "He",
            "PAKGOV",
            "Shehbaz Sharif",
        ),
        # The other side of a relation is not the owner's country.
        ("Ukraine asked its Western allies for more air defence systems.", "its Western allies", None, None),
        # "it" prefers the latest subject to a later object.
        (
            "Pakistan shut the border and told India's defence advisers to leave. It warned of a reply.",
            "It",
            "PAK",
            "Pakistan",
        ),
    ],
)
def test_in_article_resolution(nlp, text, mention, code, name):
    actor = next(a for a in _actors(nlp, text) if a.text == mention)
    assert (actor.code, actor.name) == (code, name)


def test_unresolved_pronoun_keeps_span_without_code(nlp):
    actors = _actors(nlp, "He said the deal was done.")
    assert [(a.text, a.code) for a in actors] == [("He", None)]


@pytest.mark.parametrize(
    ("published", "code", "title"),
    [
        (dt.date(2016, 6, 1), "USALEG", "Senator"),
        (dt.date(2025, 6, 1), "USAGOV", "Secretary of State"),
    ],
)
def test_known_person_office_by_date(nlp, published, code, title):
    actor = _find(_actors(nlp, "Marco Rubio said the talks would go on.", published), "Rubio")
    assert (actor.code, actor.title) == (code, title)


# --- the dictionaries themselves -------------------------------------------------------

from eventwire.resources import actor_dictionary as dictionary  # noqa: E402

SECTORS = {
    "GOV",
    "MIL",
    "POL",
    "REB",
    "OPP",
    "COP",
    "JUD",
    "LEG",
    "MED",
    "BUS",
    "CVL",
    "SPY",
    "EDU",
    "REF",
    "CRM",
    "UAF",
    "LAB",
    "AGR",
    "HLH",
    "REL",
    "ELI",
    "ENV",
    "HRI",
    "DEV",
    "RAD",
    "NGO",
    "IGO",
}
KINDS = {"title", "rank", "body", "venue", "unit", "group", "members", "generic", "equipment", "modifier"}


def _codes():
    return set(dictionary.country_names().values()) | dictionary.INTERNATIONAL


def test_sector_terms_are_valid():
    for term in dictionary.sector_terms().values():
        assert term.kind in KINDS, term
        assert term.sector is None or term.sector in SECTORS, term


def test_organisations_are_valid():
    for surface, rows in dictionary.organisations().items():
        for org in rows:
            assert org.country is None or org.country in _codes(), (surface, org)
            assert org.sector is None or org.sector in SECTORS, (surface, org)
            assert org.country or org.sector, surface


def test_people_are_valid():
    for surface, rows in dictionary.people().items():
        for person in rows:
            assert person.country in _codes(), (surface, person)
            assert person.sector in SECTORS, (surface, person)
            assert person.start is None or person.end is None or person.start <= person.end, person


@pytest.mark.parametrize(
    ("surface", "code"),
    [
        ("U.S.", "USA"),
        ("America", "USA"),
        ("UK", "GBR"),
        ("Britain", "GBR"),
        ("China", "CHN"),
        ("Burma", "MMR"),
        ("Ivory Coast", "CIV"),
        ("UAE", "ARE"),
        ("Türkiye", "TUR"),
    ],
)
def test_country_names(surface, code):
    assert dictionary.country_names()[surface] == code


@pytest.mark.parametrize(
    ("surface", "code"),
    [
        ("Pakistani", "PAK"),
        ("Indians", "IND"),
        ("American", "USA"),
        ("Dutch", "NLD"),
        ("Israeli", "ISR"),
        ("Filipino", "PHL"),
        ("Soviet", "RUS"),
    ],
)
def test_country_adjectives(surface, code):
    assert dictionary.country_adjectives()[surface] == code


@pytest.mark.parametrize("word", ["English", "us", "Chinese Taipei", "Persian"])
def test_no_misleading_adjectives(word):
    assert word not in dictionary.country_adjectives()


@pytest.mark.parametrize(
    ("text", "pronoun", "name"),
    [
        ("Marco Rubio met Kaja Kallas in Brussels. She said the talks went well.", "She", "Kaja Kallas"),
        ("Kaja Kallas met Marco Rubio in Brussels. He said the talks went well.", "He", "Marco Rubio"),
    ],
)
def test_pronoun_gender_agreement(nlp, text, pronoun, name):
    actor = next(a for a in _actors(nlp, text) if a.text == pronoun)
    assert actor.name == name


# --- the seed article (skips without ../shared) ----------------------------------------

SEED_ACTORS = [
    ("US Secretary of State Marco Rubio", "USAGOV", "Marco Rubio", "Secretary of State"),
    ("Pakistan's Army Chief General Asim Munir", "PAKMIL", "Asim Munir", "Army Chief"),
    ("US Department of State spokesperson Tammy Bruce", "USAGOV", "Tammy Bruce", None),
    ("External Affairs Minister S Jaishankar", "INDGOV", "S Jaishankar", "External Affairs Minister"),
    ("Pakistani Prime Minister Shehbaz Sharif", "PAKGOV", "Shehbaz Sharif", "Prime Minister"),
    ("US President Donald Trump", "USAGOV", "Donald Trump", "President"),
    ("White House Press Secretary Karoline Leavitt", "USAGOV", "Karoline Leavitt", "Press Secretary"),
    ("US Vice President JD Vance", "USAGOV", "JD Vance", "Vice President"),
    ("the Indian Army", "INDMIL", None, None),
    ("the Pakistani government", "PAKGOV", None, None),
    ("Pakistani drone", "PAKMIL", None, None),
    ("Rubio", "USAGOV", "Marco Rubio", None),
    ("The President", "USAGOV", "Donald Trump", None),
    ("the Indians", "IND", None, None),
]


def test_seed_article_actors(seed_record):
    actors = seed_record.actors
    for text, code, name, title in SEED_ACTORS:
        hits = [a for a in actors if a.text == text]
        assert hits, f"{text!r} not found"
        assert all(a.code == code for a in hits), (text, [a.code for a in hits])
        if name:
            assert hits[0].name == name
        if title:
            assert hits[0].title == title
    pair = [a.code for a in actors if a.text == "the two countries"]
    assert sorted(pair) == ["IND", "IND", "PAK", "PAK"]
    assert not any("Rajouri" in a.text or "J&K" in a.text for a in actors)


def test_works_on_unparsed_and_empty_docs(nlp):
    doc = nlp.make_doc("US Secretary of State Marco Rubio spoke to Pakistan's Army Chief.")
    assert [a.code for a in extract_actors(doc, DAY)] == ["USAGOV", "PAKMIL"]
    assert extract_actors(nlp(""), DAY) == []


@pytest.mark.parametrize(
    ("text", "mention", "name"),
    [
        ("Okafor wins. Governor Amaka Okafor won the vote on Tuesday.", "Okafor", "Amaka Okafor"),
        ("Governor Amaka Okafor won. Supporters cheered for Amaka at the rally.", "Amaka", "Amaka Okafor"),
    ],
)
def test_names_resolve_to_full_names(nlp, text, mention, name):
    hits = [a for a in _actors(nlp, text) if a.text == mention]
    assert hits and hits[0].name == name


@pytest.mark.parametrize(
    "text, fragment, code",
    [
        ("Police in Dhaka arrested dozens of activists on Saturday.", "Police", "BGDCOP"),
        ("Protesters from Tbilisi clashed with riot police.", "Protesters", "GEOCVL"),
        # troops and embassies are often abroad: where they are says nothing of whose they are
        ("Troops in Syria came under attack.", "Troops", "MIL"),
        ("The embassy in Kabul was closed.", "embassy", "GOV"),
    ],
)
def test_a_group_placed_in_a_country_is_of_that_country(nlp, text, fragment, code):
    assert _find(_actors(nlp, text), fragment).code == code


@pytest.mark.parametrize(
    "text, fragment, code",
    [
        ("Congo accused Rwanda of backing the rebels.", "Congo", "COD"),
        ("The Republic of Congo signed an oil deal with China.", "Republic of Congo", "COG"),
    ],
)
def test_a_bare_congo_is_the_democratic_republic(nlp, text, fragment, code):
    assert _find(_actors(nlp, text), fragment).code == code
