"""Which events are counted: arguments are actors (not things, not mere locations), one event
per predicate and pair, no self-pairs or pairs inside a list, the reporting speaker is no
source, and only the sentence's main event counts (background clauses are kept, uncounted).
Sentences written for these tests; each rule is a general codebook pattern."""

from __future__ import annotations

import pytest

from eventwire import code_article

COUNTED = ("asserted", "intended")


def _events(text: str):
    record = code_article(text, published="2025-05-10")
    counted = [e for e in record.events if not e.negated and e.modality in COUNTED and e.plover]
    return counted, record


def _pairs(events):
    return [(e.source and e.source.text, e.plover, e.target and e.target.text) for e in events]


@pytest.mark.parametrize(
    "text,word",
    [
        ("Chile and Peru agreed joint naval exercises on Monday.", "exercises"),
        ("The minister paid compensation for the seized assets.", "assets"),
        ("Prisoners set fire to their mattresses in the jail.", "mattresses"),
        ("Brazil signed a treaty of friendship with Chile.", "friendship"),
        ("The army imposed a curfew on Friday.", "Friday"),
        ("Sudan lifted the state of emergency in Darfur.", "emergency"),
    ],
)
def test_a_thing_or_a_date_is_never_a_target(text, word):
    counted, _ = _events(text)
    assert counted, text
    assert not any(e.target and word in e.target.text for e in counted), _pairs(counted)


def test_a_visited_town_is_the_location_not_the_target():
    counted, _ = _events("The French president visited Marseille on Tuesday.")
    visits = [e for e in counted if e.cameo_root == "04"]
    assert visits and all(e.target is None or "Marseille" not in e.target.text for e in visits)


def test_a_country_visited_is_the_target():
    counted, _ = _events("The French president visited Kenya on Tuesday.")
    assert any(e.target and e.target.country == "KEN" for e in counted if e.cameo_root == "04")


def test_protests_in_a_list_of_places_pair_no_place_with_another():
    counted, _ = _events("Protests were held in Texas, Ohio and Georgia on Sunday.")
    places = ("Texas", "Ohio", "Georgia")
    for e in counted:
        assert not (
            e.source and e.target and any(p in e.source.text for p in places) and e.target.text in places
        ), _pairs(counted)


def test_no_self_pairs():
    counted, _ = _events("Turkey said Ankara would not accept the proposal.")
    assert not any(e.source and e.target and e.source.code == e.target.code for e in counted), _pairs(counted)


def test_the_reporting_speaker_is_kept_uncounted():
    counted, record = _events("Jordan and Britain agreed to hold joint exercises, a Jordanian official said.")
    assert not any(e.source and "official" in e.source.text for e in counted), _pairs(counted)
    assert any(e.uncounted and e.source and "official" in e.source.text for e in record.uncounted_events)
    assert {(e.source.country, e.target and e.target.country) for e in counted if e.plover == "AGREE"} >= {
        ("JOR", "GBR"),
        ("GBR", "JOR"),
    }


def test_one_counted_event_for_a_verb_and_its_controlled_complement():
    counted, _ = _events("Egypt agreed to lift the blockade on Gaza.")
    agree = [e for e in counted if e.plover == "AGREE"]
    assert len({(e.source.text, e.target and e.target.text) for e in agree}) == len(agree)
    assert len(agree) == 1, _pairs(counted)


@pytest.mark.parametrize(
    "text,background",
    [
        ("Serbia lifted the curfew after rebels attacked a police station.", "attacked"),
        ("The rebels, who kidnapped two engineers last year, signed a truce.", "kidnapped"),
        ("The government freed 20 students who were arrested during the protests.", "arrested"),
    ],
)
def test_background_clauses_are_kept_but_not_counted(text, background):
    counted, record = _events(text)
    assert counted and not any(e.trigger.text == background for e in counted), _pairs(counted)
    assert any(e.trigger.text == background and e.uncounted for e in record.uncounted_events)


def test_a_result_participle_is_its_own_event():
    counted, _ = _events("Police opened fire on the protesters, killing two of them.")
    assert any(e.trigger.text == "killing" for e in counted), _pairs(counted)


def test_agreeing_on_a_pact_is_agree():
    counted, _ = _events("Chile and Peru agreed upon a new free-trade pact.")
    assert {e.plover for e in counted} == {"AGREE"}, _pairs(counted)


def test_uncounted_events_are_in_the_record_with_their_reason():
    from eventwire import to_dict

    record = code_article("Serbia lifted the curfew after rebels attacked a police station.")
    data = to_dict(record)
    assert data["uncounted_events"] and all(e["uncounted"] for e in data["uncounted_events"])
    assert all(e["uncounted"] is None for e in data["events"])
    assert {e["id"] for e in data["uncounted_events"]}.isdisjoint({e["id"] for e in data["events"]})


def test_demo_articles_have_no_thing_as_source_or_target(shared):
    """The dashboard's events: every counted source and target is an actor (coded, a name,
    a pronoun or an agent noun such as "the army"), never a thing, an act or a date."""
    import json
    from importlib.resources import files

    from eventwire import Article, code_many
    from eventwire.extract.syntax import ACTOR_PRONOUNS
    from eventwire.resources.event_lexicon import event_lexicon

    agents = event_lexicon().agents
    lines = files("eventwire.demo").joinpath("articles.jsonl").read_text(encoding="utf-8").splitlines()
    articles = [
        Article(**{k: v for k, v in json.loads(line).items() if k in Article.__slots__}) for line in lines
    ]
    bad = []
    for record in code_many(articles):
        for e in record.events:
            for actor in (e.source, e.target):
                if actor is None or actor.code:
                    continue
                head = actor.text.split()[-1]
                if not (
                    head.lower() in ACTOR_PRONOUNS or head.lower() in agents or any(c.isupper() for c in head)
                ):
                    bad.append((record.id, e.trigger.text, actor.text))
    assert bad == []


@pytest.mark.parametrize(
    "text,trigger",
    [
        ("The government's reluctance to lift the sanctions angered Iran.", "lift"),
        ("Their refusal to release the prisoners prolonged the crisis.", "release"),
    ],
)
def test_nouns_of_refusal_negate_their_infinitive(text, trigger):
    counted, record = _events(text)
    assert not any(e.trigger.text.startswith(trigger) for e in counted), _pairs(counted)
    found = [e for e in record.events + record.uncounted_events if e.trigger.text.startswith(trigger)]
    assert found and all(e.negated for e in found)


def test_a_plea_in_court_is_no_appeal():
    counted, _ = _events("The former minister pleaded guilty to tax evasion charges.")
    assert not any(e.plover == "REQUEST" for e in counted), _pairs(counted)
    counted, _ = _events("The opposition leader pleaded with the army to free the students.")
    assert any(e.plover == "REQUEST" and e.target and "army" in e.target.text for e in counted)
