"""The gazetteer index: build, load speed, lookups by normalised name."""

from __future__ import annotations

import time

import pytest

from eventwire.resources import gazetteer as gz


@pytest.fixture(scope="module")
def gaz():
    return gz.load_gazetteer()


@pytest.mark.parametrize(
    "text, key",
    [
        ("St. Paul", "st paul"),
        ("Khyber-Pakhtunkhwa", "khyber pakhtunkhwa"),
        ("Montréal", "montreal"),
        ("U.S.", "us"),
        ("  New   York ", "new york"),
    ],
)
def test_name_key(text, key):
    assert gz.name_key(text) == key


@pytest.mark.parametrize(
    "name, feature, country, geonameid",
    [
        ("India", "country", "IN", 1269750),
        ("U.S.", "country", "US", 6252001),
        ("America", "country", "US", 6252001),
        ("Britain", "country", "GB", 2635167),
        ("Rajouri", "city", "IN", 1258891),
        ("Amritsar", "city", "IN", 1278710),
        ("Jammu and Kashmir", "admin1", "IN", 1269320),
        ("Illinois", "admin1", "US", 4896861),
        ("W.Va.", "admin1", "US", 4826850),
        ("Pakistan-Occupied Kashmir", "admin1", "PK", 1184196),
        ("Bavaria", "admin1", "DE", 2951839),
        ("Helmand", "admin1", "AF", 1140043),
        ("Anbar", "admin1", "IQ", 99592),
        # English names of regions GeoNames lists under their own language's name
        ("Hesse", "admin1", "DE", 2905330),
        ("Baden-Wuerttemberg", "admin1", "DE", 2953481),
        ("Mecklenburg-Western Pomerania", "admin1", "DE", 2872567),
        ("Graubuenden", "admin1", "CH", 2660522),
        ("Dagestan", "admin1", "RU", 567293),
        ("Tatarstan", "admin1", "RU", 484048),
    ],
)
def test_known_names(gaz, name, feature, country, geonameid):
    assert any(
        e.feature == feature and e.country == country and e.geonameid == geonameid for e in gaz.find(name)
    )


@pytest.mark.parametrize(
    "name, country",
    [
        ("Mindanao", "PH"),
        ("Sumatra", "ID"),
        ("Kyushu", "JP"),
        ("Jutland", "DK"),
        ("Bohemia", "CZ"),
        ("Transylvania", "RO"),
        ("Anatolia", "TR"),
        ("Patagonia", "AR"),
    ],
)
def test_geographic_regions(gaz, name, country):
    assert any(e.feature == "region" and e.country == country and e.kind == gz.ALIAS for e in gaz.find(name))


@pytest.mark.parametrize(
    "name, geonameid",
    [
        # former countries are read as their main successor state
        ("Soviet Union", 2017370),
        ("USSR", 2017370),
        ("U.S.S.R.", 2017370),
        ("Yugoslavia", 6290252),
        ("Czechoslovakia", 3077311),
        ("East Germany", 2921044),
        ("West Germany", 2921044),
        ("Zaire", 203312),
        ("Burma", 1327865),
        ("Rhodesia", 878675),
        ("Korea", 1835841),
    ],
)
def test_former_and_short_country_names(gaz, name, geonameid):
    assert any(
        e.feature == "country" and e.geonameid == geonameid and e.kind == gz.ALIAS for e in gaz.find(name)
    )


@pytest.mark.parametrize(
    "name, country, capital",
    [
        ("Washington", "US", True),
        ("Paris", "FR", True),
        ("London", "GB", True),
        ("Canberra", "AU", True),
        ("Sydney", "AU", False),
        ("New York City", "US", False),
    ],
)
def test_capitals(gaz, name, country, capital):
    best = max(
        (e for e in gaz.find(name) if e.country == country and e.feature == "city"),
        key=lambda e: e.population,
    )
    assert bool(best.capital) is capital


@pytest.mark.parametrize("name", ["Zzyzxqwv", "the", "said"])
def test_unknown_names(gaz, name):
    assert all(e.feature != "country" for e in gaz.find(name))
    assert not gaz.find(name) or name != "Zzyzxqwv"


def test_punjab_exists_in_both_countries(gaz):
    assert {e.country for e in gaz.find("Punjab") if e.feature == "admin1"} == {"IN", "PK"}


def test_countries_have_coordinates(gaz):
    india = next(e for e in gaz.find("India") if e.feature == "country")
    assert india.lat is not None and gz.distance_km(india.lat, india.lon, 22, 79) < 50


def test_cities_link_to_their_region(gaz):
    springfield = [e for e in gaz.find("Springfield") if e.admin1 == "IL"]
    assert springfield and springfield[0].admin1_name == "Illinois"
    assert gaz.region("US", "IL").name == "Illinois"


def test_loads_fast():
    gz.load_gazetteer.cache_clear()
    started = time.perf_counter()
    gz.load_gazetteer().find("Gainesville")
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(
    "a, b, km",
    [
        ((31.634, 74.873), (31.634, 74.873), 0),
        ((33.72, 73.04), (31.63, 74.87), 290),  # Islamabad - Amritsar
    ],
)
def test_distance(a, b, km):
    assert abs(gz.distance_km(*a, *b) - km) < 15


@pytest.mark.parametrize(
    "name, ok",
    [
        ("Bombay", True),
        ("LAX", False),
        ("A1", False),
        ("Москва", False),
        ("Zürich", True),
    ],
)
def test_usable_alternate(name, ok):
    assert gz._usable_alternate(name) is ok


@pytest.mark.parametrize(
    "county, state, near",
    [
        ("Walker County", "TX", (30.7, -95.6)),
        ("Hall County", "GA", (34.3, -83.8)),
        ("Laurel County", "KY", (37.1, -84.1)),
    ],
)
def test_us_counties_have_centres(gaz, county, state, near):
    hits = [e for e in gaz.find(county) if e.feature == "admin2" and e.admin1 == state]
    assert hits and gz.distance_km(hits[0].lat, hits[0].lon, *near) < 60
