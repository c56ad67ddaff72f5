"""Place extraction: recognition and resolution on hand-made sentences, plus the seed."""

from __future__ import annotations

import json

import pytest
from conftest import SEED_GOLD, need_shared

from eventwire.extract.places import extract_places
from eventwire.resources.gazetteer import distance_km


def places(nlp, text):
    doc = nlp(text)
    found = extract_places(doc)
    for p in found:
        assert doc.text[p.start : p.end] == p.text
    assert [p.start for p in found] == sorted(p.start for p in found)
    return found


def find(found, text):
    return next((p for p in found if p.text == text), None)


@pytest.mark.parametrize(
    "text, name, country, near",
    [
        (
            "Drones were spotted over Khasa Cantt, Amritsar, the Indian Army said.",
            "Amritsar",
            "IN",
            (31.63, 74.87),
        ),
        (
            "The company is based in Springfield, Ill., and hires in Chicago.",
            "Springfield",
            "US",
            (39.80, -89.64),
        ),
        ("Officials in Gainesville, Ga., met on Monday.", "Gainesville", "US", (34.30, -83.82)),
        (
            "India attacked military installations in Jammu and Kashmir, Rajasthan, and Punjab.",
            "Punjab",
            "IN",
            (30.9, 75.5),
        ),
        ("Pakistan said Lahore and Punjab were calm, as Karachi reopened.", "Punjab", "PK", (31.0, 72.5)),
        ("The U.S. and Britain issued a statement.", "U.S.", "US", (39.76, -98.5)),
        ("Explosions were heard near the capital Islamabad.", "Islamabad", "PK", (33.72, 73.04)),
        ("A car bomb exploded in Baghdad on Sunday.", "Baghdad", "IQ", (33.34, 44.40)),
        ("Fighting continued in Helmand, Afghan officials said.", "Helmand", "AF", (31.0, 64.0)),
        (
            "Fires burned in Camden, Charlton and Nassau counties, officials in Georgia said.",
            "Charlton",
            "US",
            (30.83, -82.0),
        ),
        ("Russian missiles struck Odessa overnight.", "Odessa", "UA", (46.48, 30.74)),
        ("White House Press Secretary Karoline Leavitt said it.", "White House", "US", (38.9, -77.04)),
        (
            "Russian troops entered Georgia after fighting in South Ossetia and near Tbilisi.",
            "Georgia",
            "GE",
            (42.0, 43.5),
        ),
    ],
)
def test_resolves(nlp, text, name, country, near):
    p = find(places(nlp, text), name)
    assert p is not None, f"{name!r} not found"
    assert p.country == country
    assert distance_km(p.lat, p.lon, *near) < 161


@pytest.mark.parametrize(
    "text, name, country, admin1",
    [
        # naming a country (as wire stories name "U.S.") does not outweigh a famous city...
        ("The dollar rose after the Paris currency accord, U.S. dealers said.", "Paris", "FR", None),
        (
            "U.S. officials said six nations agreed in Paris on February 22 to stabilise their currencies.",
            "Paris",
            "FR",
            None,
        ),
        (
            "Ferro Corp said it formed a venture with Paris-based Alsthom to export U.S. expertise.",
            "Paris",
            "FR",
            None,
        ),
        (
            "U.S. officials expect progress when leaders of the seven meet in Venice this June.",
            "Venice",
            "IT",
            None,
        ),
        # ... nor do its capital and markets, named as such
        (
            "Officials in Washington and New York dealers expect the Venice summit in June to help.",
            "Venice",
            "IT",
            None,
        ),
        (
            "IMF meetings in Washington will review the Paris accord, U.S. officials said.",
            "Paris",
            "FR",
            None,
        ),
        # ... but local evidence does: the state, a place nearby, the county
        ("The U.S. company opened a plant in Paris, Texas, last year.", "Paris", "US", "Texas"),
        ("A U.S. charter boat sank off Venice, Fla., on Sunday.", "Venice", "US", "Florida"),
        ("Police in Paris and Henry County said the U.S. highway was closed.", "Paris", "US", "Tennessee"),
        # and a city known at home only gains nothing against its namesakes at home
        (
            "Officials in Charleston said a body was found near Hampton Park.",
            "Charleston",
            "US",
            "South Carolina",
        ),
    ],
)
def test_famous_cities(nlp, text, name, country, admin1):
    p = find(places(nlp, text), name)
    assert p is not None and p.country == country, p
    assert admin1 is None or p.admin1 == admin1, p


@pytest.mark.parametrize(
    "text, name, admin1",
    [
        # a town and its county, or neighbouring towns, beat bigger namesakes far apart
        (
            "The burn ban for Walker County was lifted on Monday. Residents of Huntsville still "
            "need a permit.",
            "Huntsville",
            "Texas",
        ),
        (
            "The burn ban for Walker County was lifted on Monday. Residents of Huntsville still "
            "need a permit.",
            "Walker County",
            "Texas",
        ),
        ("Lebanon council members met with Boone County officials on Tuesday.", "Lebanon", "Indiana"),
        # the state the article is about outweighs a few names that cluster elsewhere
        (
            "Units from Northeast Nebraska will help. In Nebraska, troops from Wayne, Bloomfield, "
            "Madison and Plainview will collect food with help from Neligh, Nebraska.",
            "Wayne",
            "Nebraska",
        ),
        (
            "Nebraska Scouts in Wayne and Bloomfield will collect food with Madison and Plainview "
            "troops, Nebraska leaders said.",
            "Bloomfield",
            "Nebraska",
        ),
    ],
)
def test_resolves_by_neighbours(nlp, text, name, admin1):
    p = find(places(nlp, text), name)
    assert p is not None and p.country == "US" and p.admin1 == admin1, p


@pytest.mark.parametrize(
    "text, name, admin1, feature",
    [
        # a name the article also gives in full is that place
        (
            "Decatur and Avondale Estates plan to annex more land. Lots in Avondale would join.",
            "Avondale",
            "Georgia",
            "city",
        ),
        (
            "Jurors from Walton County, Ga., heard the case. Walton has one courthouse.",
            "Walton",
            "Georgia",
            "admin2",
        ),
        # but a state stays a state
        ("Kansas City police said the man fled to Kansas.", "Kansas", "Kansas", "admin1"),
    ],
)
def test_short_forms(nlp, text, name, admin1, feature):
    p = find(places(nlp, text), name)
    assert p is not None and (p.admin1, p.feature) == (admin1, feature), p


@pytest.mark.parametrize(
    "text, found",
    [
        ("Budget criticized . COLUMBUS, Ohio (AP) — The governor spoke.", "COLUMBUS"),
        ("A Texas-based company hired 40 people.", "Texas"),
        ("She was taken to the Hospital of the University of Pennsylvania.", "Pennsylvania"),
        ("The Henderson County Jail reopened on Monday.", "Henderson County"),
        ("Russian missiles struck Kharkiv and Odesa overnight.", "Odesa"),
        ("Rain fell across Northeast Georgia on Monday.", "Northeast Georgia"),
        # Big cities that NER labels a group or a title.
        ("Sudan's army said it retook Omdurman, near Khartoum.", "Omdurman"),
        ("In Kyiv, officials said Russian drones hit Odesa overnight.", "Odesa"),
        # places inside organisations' names
        ("He is a University of Cincinnati student.", "Cincinnati"),
        ("Bank of Canada governor Mark Carney spoke.", "Canada"),
        ("The S.C. Highway Patrol is looking for the driver.", "S.C."),
        ("She leads the Spina Bifida Association of Western Pennsylvania.", "Pennsylvania"),
        # a place that speaks in the present stands for its government
        ("Tbilisi says the separatists attacked first.", "Tbilisi"),
        ("Russia said it would respond.", "Russia"),
        ("Officials in McKinney said the budget was tight.", "McKinney"),
    ],
)
def test_recognises(nlp, text, found):
    assert find(places(nlp, text), found) is not None, [p.text for p in places(nlp, text)]


@pytest.mark.parametrize(
    "text, not_place",
    [
        ("NATO leaders met on Monday.", "NATO"),
        ("Traffic was closed on Pine Needle Drive.", "Pine"),
        ("The Washington Post reported the story.", "Washington"),
        ("John Ripley said that Ripley would not run again.", "Ripley"),
        ("Police said the man was arrested.", "Police"),
        # a table row's first word, a month's abbreviation
        ("Shr 24 cts vs 13 cts\n    Net 1,506,000 vs 824,000\n    Sales 9,045,000 vs 7,845,000", "Sales"),
        ("Qtr ended Nov 30\n    Shr loss nil vs profit nil", "Nov"),
        # a lower-case word is a common noun, whatever its namesakes
        ("The United States has vowed to keep the gulf open to oil traffic.", "gulf"),
        ("Iran installed missiles near the mouth of the gulf.", "gulf"),
        # the one-word subject of "said" is a person, even where a town has the name
        ("McKinney said the budget was tight.", "McKinney"),
        ("\u201cThe tenant left and then called police,\u201d Nelson said. Nelson is new.", "Nelson"),
    ],
)
def test_not_places(nlp, text, not_place):
    assert all(not_place not in p.text for p in places(nlp, text))


@pytest.mark.parametrize(
    "text, not_place",
    [
        # a town read only inside a firm's name, with nothing in the article near it, is a
        # founder's name or a word
        ("Merrill Lynch and Co said investment banking revenues were strong.", "Merrill"),
        ("Dome Petroleum Ltd's revised debt plan keeps the company alive, U.S. analysts said.", "Dome"),
        ("The Home Insurance Co, a unit of the Home Group Inc, said it is not affected.", "Home"),
        ("Investment banker Drexel Burnham Lambert Inc said it placed 180 mln dlrs of notes.", "Drexel"),
        ("The issue is rated Baa-1 by Moody's and BBB by Standard and Poor's.", "Moody"),
        ("Barris Industries said it acquired a stake in Media General Inc.", "Media"),
        ("Hewlett Packard Co said it unveiled a new laser printer.", "Hewlett"),
        ("Phillips Petroleum Co won a judgment against the company.", "Phillips"),
        ("The Roman Catholic Church said it would not comment.", "Roman"),
        # a firm's word after it makes a name a firm's, whatever NER calls it
        ("The company is considering selling its stake in Dome Mines.", "Dome"),
        ("Pope John Paul, head of the Roman Catholic Church, visited Chile.", "Roman"),
    ],
)
def test_firm_names_are_not_towns(nlp, text, not_place):
    assert all(not_place not in p.text for p in places(nlp, text)), places(nlp, text)


@pytest.mark.parametrize(
    "text, found, admin1",
    [
        # but a town the article's geography backs, a state, a county, a landmark we list
        (
            "Officers of the Springfield Police Department said the Illinois man was arrested.",
            "Springfield",
            "Illinois",
        ),
        (
            "The Springfield Bus Co. added routes across Springfield, Mo., this year.",
            "Springfield",
            "Missouri",
        ),
        ("Kansas Electric Cooperatives Inc. raised its rates.", "Kansas", "Kansas"),
        (
            "White House spokesman Marlin Fitzwater said the talks would go on.",
            "White House",
            "District of Columbia",
        ),
        ("Members of the Licking County Genealogy Society met on Monday.", "Licking County", "Ohio"),
    ],
)
def test_places_in_firm_names(nlp, text, found, admin1):
    p = find(places(nlp, text), found)
    assert p is not None and p.admin1 == admin1, places(nlp, text)


@pytest.mark.parametrize(
    "text, demonym, country",
    [
        ("Russian forces shelled the town.", "Russian", "RU"),
        ("Pakistani drones were destroyed.", "Pakistani", "PK"),
    ],
)
def test_demonyms_are_their_country(nlp, text, demonym, country):
    p = find(places(nlp, text), demonym)
    assert p is not None and p.feature == "country" and p.country == country


@pytest.mark.parametrize(
    "text, name, country, feature",
    [
        # a country is inside no region: "X, Y, Z" of countries is a list, not containment
        ("Exports to Bolivia, Chile, Ecuador and Central America were lower.", "Chile", "CL", "country"),
        # a wrapped name the gazetteer lacks is not its core ("Central America" is no part of
        # America)
        (
            "Exports to Bolivia, Chile, Ecuador and Central America were lower.",
            "Central America",
            None,
            "region",
        ),
        ("OPEC crude is priced above sweet North Sea grades.", "North Sea", None, "region"),
    ],
)
def test_lists_and_regions(nlp, text, name, country, feature):
    p = find(places(nlp, text), name)
    assert p is not None and (p.country, p.feature) == (country, feature), places(nlp, text)


@pytest.mark.parametrize(
    "text, name, country, feature",
    [
        # a region GeoNames lists under its own language's name beats a small namesake town
        # elsewhere (a village in France, a hamlet in Alberta, a town in Missouri)...
        ("Shares rose in Hesse, where the state government said it would help.", "Hesse", "DE", "admin1"),
        (
            "Farmers in Tuscany, Lombardy and Piedmont said the drought was the worst in decades.",
            "Tuscany",
            "IT",
            "admin1",
        ),
        (
            "Farmers in Tuscany, Lombardy and Piedmont said the drought was the worst in decades.",
            "Piedmont",
            "IT",
            "admin1",
        ),
        ("Rebels attacked a village in Dagestan on Sunday, Russian media said.", "Dagestan", "RU", "admin1"),
        (
            "Troops were sent to Mindanao after the attack, the Philippine army said.",
            "Mindanao",
            "PH",
            "region",
        ),
        # ... but a city of that name inside the region is the city
        ("Officials in Salzburg said the festival would go ahead.", "Salzburg", "AT", "city"),
    ],
)
def test_regions_by_english_name(nlp, text, name, country, feature):
    p = find(places(nlp, text), name)
    assert p is not None and (p.country, p.feature) == (country, feature), places(nlp, text)


@pytest.mark.parametrize(
    "text, name, country",
    [
        # a country named outright beats a neighbourhood of the article's country...
        (
            "Jamaica bought U.S. corn, wheat and rice at its tender, a U.S. official said. Cargill "
            "sold wheat at 117 dlrs FOB Gulf, excluding Brownsville.",
            "Jamaica",
            "JM",
        ),
        ("She came home from Jamaica last week, the U.S. embassy said.", "Jamaica", "JM"),
        # ... unless local evidence (a county next to it) says otherwise
        ("Lebanon council members met with Boone County officials on Tuesday.", "Lebanon", "US"),
    ],
)
def test_countries_beat_namesake_towns(nlp, text, name, country):
    p = find(places(nlp, text), name)
    assert p is not None and p.country == country, p


@pytest.mark.parametrize(
    "text, not_place",
    [
        # an acronym in running text is not a town of that name
        ("SAMA said the rules take effect on Sunday.", "SAMA"),
        ("The UN Security Council held closed consultations on Monday.", "UN"),
        # a title-case word is not one of our upper-case codes ("LA")
        ("La Caisse, the Quebec pension fund, bought a stake.", "La"),
        # a plural title cut by its period, and the name after it
        ("Sens. Kennedy and Dole voted against the bill.", "Sens"),
        ("Sens. Kennedy and Dole voted against the bill.", "Kennedy"),
        # a state's abbreviation needs its period or capitals ("La Pampa" is not Louisiana)
        ("Sowing ended in Santa Fe, Cordoba, La Pampa and Buenos Aires provinces.", "La"),
    ],
)
def test_acronyms_and_titles_are_not_towns(nlp, text, not_place):
    assert all(not_place not in p.text for p in places(nlp, text)), places(nlp, text)


@pytest.mark.parametrize(
    "text, name, country",
    [
        # codes the gazetteer knows as such, capitals in datelines and headlines, and a town
        # whose name ends a sentence
        ("The UAE and the US agreed on Monday.", "UAE", "AE"),
        ("WASHINGTON - The Treasury said it would sell bills.", "WASHINGTON", "US"),
        ("JAPAN CUTS RATES IN TOKYO", "TOKYO", "JP"),
        ("He was born in Sens. John Smith said so.", "Sens", "FR"),
    ],
)
def test_capitals_and_periods_kept(nlp, text, name, country):
    p = find(places(nlp, text), name)
    assert p is not None and p.country == country, places(nlp, text)


@pytest.mark.parametrize(
    "text, name, country, feature",
    [
        # a world city's other English name is that city in an international story...
        (
            "Officials in Washington said trade talks with Canton officials in China would go on.",
            "Canton",
            "CN",
            "city",
        ),
        ("U.S. exporters shipped goods to Canton and Peking last year.", "Canton", "CN", "city"),
        # ... but local evidence still wins
        ("The Canton, Ohio, plant will close, the company said.", "Canton", "US", "city"),
        # a region's name that is also another name of a city inside it is the city
        ("Iran attacked east of Iraq's southern city of Basra, Baghdad said.", "Basra", "IQ", "city"),
    ],
)
def test_world_exonyms(nlp, text, name, country, feature):
    p = find(places(nlp, text), name)
    assert p is not None and (p.country, p.feature) == (country, feature), places(nlp, text)


def test_unknown_street_keeps_its_span(nlp):
    p = find(places(nlp, "The crash happened on Shamrock Street late Friday."), "Shamrock Street")
    assert p is not None and p.geonameid is None and p.lat is None


def test_seed_article(seed_record):
    import eventwire

    gold = json.loads(need_shared(SEED_GOLD).read_text())["places"]
    record = eventwire.to_dict(seed_record)
    found = record["places"]
    for want in gold["required"]:
        hits = [p for p in found if p["text"] == want["text"]]
        assert hits, f"required place {want['text']!r} missing"
        assert all(p["country"] == want["country"] for p in hits), want
        if "near" in want:
            assert all(distance_km(p["lat"], p["lon"], *want["near"]) < want["km"] for p in hits), want
    for bad in gold["forbidden"]:
        assert not any(p["text"] == bad["text"] for p in found), bad


@pytest.mark.parametrize(
    "text, name, resolved, country, feature",
    [
        # former countries are their main successor state
        ("The Soviet Union bought U.S. corn, the USDA said.", "Soviet Union", "Russia", "RU", "country"),
        ("Trade with Yugoslavia and Czechoslovakia fell.", "Yugoslavia", "Serbia", "RS", "country"),
        ("Trade with Yugoslavia and Czechoslovakia fell.", "Czechoslovakia", "Czechia", "CZ", "country"),
        ("West Germany and East Germany signed a pact.", "East Germany", "Germany", "DE", "country"),
        (
            "Copper output in Zaire and Zambia fell.",
            "Zaire",
            "Democratic Republic of the Congo",
            "CD",
            "country",
        ),
        # "Korea" is South Korea, not a town in Ivory Coast
        (
            "Engines were sold to the U.S. Air Force, Korea, Singapore and Egypt.",
            "Korea",
            "South Korea",
            "KR",
            "country",
        ),
        # a bare ocean or gulf is the water body, not a town
        ("Officials cross the Atlantic to talk trade.", "Atlantic", "Atlantic Ocean", None, "region"),
        (
            "The pipeline links jungle oilfields to the Pacific port of Balao.",
            "Pacific",
            "Pacific Ocean",
            None,
            "region",
        ),
        (
            "An Iranian missile hit a Kuwaiti tanker in the Gulf, U.S. officials said.",
            "Gulf",
            "Persian Gulf",
            None,
            "region",
        ),
        # a state's own name is not a county's short form, in a list of states or beside one
        (
            "Earnings fell on the weak economies of Texas, Oklahoma and Louisiana.",
            "Texas",
            "Texas",
            "US",
            "admin1",
        ),
        ("Regulators closed a bank in Texas and one in Oklahoma.", "Texas", "Texas", "US", "admin1"),
        ("Kansas, Colorado and Utah farmers sold wheat.", "Kansas", "Kansas", "US", "admin1"),
        # a national capital is famous: not a county in New York, nor a town in England
        (
            "He held talks in New York before travelling to Washington for the IMF meeting.",
            "Washington",
            "Washington",
            "US",
            "city",
        ),
        (
            "Japan raised the issue with the Fed through its embassy in Washington.",
            "Washington",
            "Washington",
            "US",
            "city",
        ),
        (
            "British ministers in London said Washington should act, the Bank of England said.",
            "Washington",
            "Washington",
            "US",
            "city",
        ),
        # naming England, Scotland or Wales is national evidence, not local
        (
            "Ministers from England and Scotland met in Washington on Monday.",
            "Washington",
            "Washington",
            "US",
            "city",
        ),
    ],
)
def test_international_names(nlp, text, name, resolved, country, feature):
    p = find(places(nlp, text), name)
    assert p is not None and (p.name, p.country, p.feature) == (resolved, country, feature), places(nlp, text)


@pytest.mark.parametrize(
    "text, name, country",
    [
        # local evidence still wins
        ("Atlantic, Iowa, is west of Des Moines.", "Atlantic", "US"),
        ("Voters in Washington, Pennsylvania and Pittsburgh went to the polls.", "Washington", "US"),
    ],
)
def test_local_evidence_beats_water_and_lists(nlp, text, name, country):
    p = find(places(nlp, text), name)
    assert p is not None and p.country == country and p.feature == "city", places(nlp, text)


@pytest.mark.parametrize(
    "text, name",
    [
        # a name glued into a longer hyphenated name is the whole name
        ("AMEV Holdings Inc, the New York-based operating arm of NV AMEV, said it.", "New York"),
        (
            "Analyst Rick Sales at Vancouver, British Columbia-based Odlum Brown Ltd said so.",
            "British Columbia",
        ),
    ],
)
def test_glued_long_names(nlp, text, name):
    found = places(nlp, text)
    assert find(found, name) is not None, found
    assert find(found, name.split()[-1]) is None, found


@pytest.mark.parametrize(
    "text, not_place",
    [
        # a glued name cut from a longer unknown name is no place
        ("The Morgan Stanley-backed fund rose.", "Stanley"),
        # a name the article gives a firm is that firm where it stands alone
        (
            "USAir said it would buy Piedmont Aviation Inc. The 9,309,394 Piedmont shares and the "
            "Piedmont stock make up half of Piedmont's equity.",
            "Piedmont",
        ),
        (
            "APL will buy 1.5 mln shares of Fischbach Corp. After buying the Fischbach shares, "
            "APL said Fischbach would grow.",
            "Fischbach",
        ),
        ("Monfort of Colorado Inc soared 21-1/2 to 75. Monfort is an integrated beef producer.", "Monfort"),
        ("Republic Capital Group Inc. agreed to merge. Republic's assets are 459 mln dlrs.", "Republic"),
        # two firms named after towns of one state do not vouch for each other
        (
            "Analyst Lee of Drexel Burnham Lambert Inc said McDonald's Corp would gain. McDonald's "
            "rose 1-5/8 to 77-3/8.",
            "McDonald",
        ),
        (
            "Edelman and Dominion Textiles Inc of Canada bought a stake. Dominion bid for Avondale "
            "Mills last year.",
            "Dominion",
        ),
        # an ocean's name in a firm's is no place
        ("Atlantic Richfield Co said its profit rose.", "Atlantic"),
    ],
)
def test_more_firm_names(nlp, text, not_place):
    assert all(not_place not in p.text for p in places(nlp, text)), places(nlp, text)


@pytest.mark.parametrize(
    "text, name, country, admin1",
    [
        # a village sharing a state with the article's places does not outweigh a famous
        # namesake elsewhere...
        (
            "Shares of Coca-Cola rose in Atlanta on Monday. An item in the Milan weekly Milano "
            "Finanza said the bid would fail.",
            "Milan",
            "IT",
            "Lombardia",
        ),
        (
            "Venezuela and Mexico have concluded their talks with the banks, dealers in New York said.",
            "Mexico",
            "MX",
            None,
        ),
        ("Wheat will ship out of Toledo and Chicago this week.", "Toledo", "US", "Ohio"),
        # ... but a town's sharing a state still does
        (
            "Police in Paris said the Lamar County man was arrested near Dallas, Texas.",
            "Paris",
            "US",
            "Texas",
        ),
    ],
)
def test_villages_against_famous_namesakes(nlp, text, name, country, admin1):
    p = find(places(nlp, text), name)
    assert p is not None and (p.country, p.admin1) == (country, admin1), places(nlp, text)


@pytest.mark.parametrize(
    "text, name, admin1, feature",
    [
        # a series of big cities is a list: Boston is not inside Chicago, nor a village near a
        # listed state's or city's namesake
        (
            "Auto sales fell in New York, Boston, Chicago and Detroit last month.",
            "Boston",
            "Massachusetts",
            "city",
        ),
        (
            "Packages run from New York, Boston, Chicago, and Detroit. Fares from Pittsburgh, "
            "Baltimore and Philadelphia are higher.",
            "Boston",
            "Massachusetts",
            "city",
        ),
        # a list followed by "provinces" is a list of provinces
        (
            "Rains fell in Santa Fe, Cordoba, La Pampa and Buenos Aires provinces.",
            "Cordoba",
            "Córdoba",
            "admin1",
        ),
        # containment without a list stays
        (
            "Drones were spotted over Khasa Cantt, Amritsar, the Indian Army said.",
            "Khasa Cantt",
            "Punjab",
            "landmark",
        ),
        (
            "The company is based in Springfield, Ill., and hires in Chicago, Detroit and Boston.",
            "Springfield",
            "Illinois",
            "city",
        ),
    ],
)
def test_lists_of_cities(nlp, text, name, admin1, feature):
    p = find(places(nlp, text), name)
    assert p is not None and (p.admin1, p.feature) == (admin1, feature)


def _city(name, pop, names, kind):
    from eventwire.resources.gazetteer import Entry

    return Entry(hash((name, pop)) % 10**6, 1, name, 0.0, 0.0, "XX", "01", "R", "city", pop, kind, 0.0, names)


@pytest.mark.parametrize(
    "alternate, exact, renowned",
    [
        # Janīn (West Bank) against Jenin, Poland: far bigger, far better known
        ((34730, 17), [(1100, 2)], True),
        # not against a town (5,000+) called exactly that
        ((34730, 17), [(6000, 2)], False),
        # an alternate name of a town known by few names stays weak
        ((34730, 6), [(1100, 2)], False),
        # nor of a town hardly bigger than the village
        ((8000, 17), [(1100, 2)], False),
        # nor against a village as well known
        ((34730, 17), [(1100, 12)], False),
    ],
)
def test_renowned_alternate_names(alternate, exact, renowned):
    from eventwire.extract.places.disambiguation import _renowned_alternate
    from eventwire.resources.gazetteer import ALTERNATE, PRIMARY

    e = _city("Janin", *alternate, ALTERNATE)
    entries = (e, *(_city("Jenin", pop, names, PRIMARY) for pop, names in exact))
    assert _renowned_alternate(e, entries) is renowned


def test_renowned_alternate_name_in_text(nlp):
    p = find(places(nlp, "Israeli troops raided the town of Jenin on Tuesday, the army said."), "Jenin")
    assert p is not None and p.country == "PS"


@pytest.mark.parametrize(
    "text, name, country, not_place",
    [
        # NER cut the town's name at its particle
        (
            "Protectionism grew during the current Punta del Este round of world trade negotiations.",
            "Punta del Este",
            "UY",
            "Este",
        ),
        (
            "India attacked military installations in Jammu and Kashmir on Friday.",
            "Jammu and Kashmir",
            "IN",
            "Kashmir",
        ),
    ],
)
def test_names_cut_at_a_particle(nlp, text, name, country, not_place):
    found = places(nlp, text)
    p = find(found, name)
    assert p is not None and p.country == country
    assert find(found, not_place) is None


@pytest.mark.parametrize(
    "text, name",
    [
        ("Gulf export prices for soybeans rose, traders in Texas and Louisiana said.", "Gulf of Mexico"),
        (
            "Corn barge rates to the Gulf were steady, dealers in New Orleans and Houston said.",
            "Gulf of Mexico",
        ),
        ("Iranian gunboats attacked a tanker in the Gulf, shipping sources in Bahrain said.", "Persian Gulf"),
        # no places around either: the usual reading
        ("Shipping in the Gulf was disrupted, insurers said.", "Persian Gulf"),
        # American places far from the Gulf of Mexico do not move it
        ("U.S. warships escorted Kuwaiti tankers in the Gulf, officials in Washington said.", "Persian Gulf"),
    ],
)
def test_gulf_by_the_articles_places(nlp, text, name):
    p = find(places(nlp, text), "Gulf")
    assert p is not None and p.name == name


@pytest.mark.parametrize(
    "text, not_place",
    [
        # a university or foundation named for someone, not for a small town
        ("Students at Harvard University in Cambridge, Mass., protested.", "Harvard"),
        # a person's full name the article gives, inside a foundation's name and alone
        (
            "The will of hotelier Conrad Hilton left the stock to the Conrad Hilton Foundation. "
            "Barron Hilton, Conrad's son, is making a bid for the shares.",
            "Conrad",
        ),
        # a first name and a surname the article uses alone
        (
            '"That means get out," Harrison Goldin, comptroller of New York City told a news '
            "conference. Goldin said the group seeks a special meeting.",
            "Harrison",
        ),
        # a village in a facility's name with nothing around it
        (
            "The findings of the Royal Commission into Grain Storage, Handling and Transport were "
            "released in Canberra, Kerin said.",
            "Grain",
        ),
        # a one-word small town abroad in a country the article never names
        (
            "Hazeltine won a contract from the Naval Air Development Center in Warminster, Pa. It "
            "will develop software for Naval aircraft training simulators.",
            "Naval",
        ),
        ("The company's Oster division makes blenders at its Milwaukee, Wisconsin, plant.", "Oster"),
    ],
)
def test_people_and_institutions_are_not_towns(nlp, text, not_place):
    assert find(places(nlp, text), not_place) is None


@pytest.mark.parametrize(
    "text, name, country",
    [
        ("Boston University students marched in Boston.", "Boston", "US"),
        (
            "Liz Hurley will open a new Bicester Village boutique. Shoppers came to Bicester.",
            "Bicester",
            "GB",
        ),
        # NER calls a place a person: no full name of anyone
        (
            "Visitors to Greer Station spent more. Greer Station is busy. Officials in Greer, S.C., "
            "said growth was fast.",
            "Greer",
            "US",
        ),
        # a small town abroad whose country the article names stays
        ("Rebels attacked Naval, a town on Biliran island in the Philippines.", "Naval", "PH"),
    ],
)
def test_towns_in_names_kept(nlp, text, name, country):
    p = find(places(nlp, text), name)
    assert p is not None and p.country == country


def test_organisations_named_alone_vouch_for_no_firm(nlp):
    # "McDonald's" and "Drexel" are both towns in Ohio: two firms do not vouch for each other
    text = (
        "The stock of McDonald's Corp rose sharply this morning after analyst Daniel Lee of "
        "Drexel Burnham Lambert Inc reiterated his recommendation of the stock, traders "
        "said.\n    McDonald's, an operator of fast food restaurants, rose 1-5/8 to 77-3/8."
    )
    found = places(nlp, text)
    assert find(found, "Drexel") is None and find(found, "McDonald") is None
