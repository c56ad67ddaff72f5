"""Synthetic events for benchmarks and scale tests, generated inside DuckDB.

`fill_synthetic(con, events=1_000_000)` writes articles and events with set-based SQL over
`range()` (a million events in a few seconds; row-by-row inserts would take minutes). The
values are deterministic functions of the row number, so two runs build the same store:
a skewed mix of country dyads (IND-PAK is the busiest), dates over three years, CAMEO codes
with their QuadClass and Goldstein weights, places inside each country's rough box, and a
few negated or hypothetical events. Articles carry a short text whose first sentence is
the evidence of all their events; they have no stored record (`record` is NULL).
"""

from __future__ import annotations

import duckdb

from .queries import scalar
from .transaction import transaction

# Country codes with rough centre coordinates (lat, lon); the first ones are chosen most.
COUNTRIES = (
    ("IND", 22.0, 79.0),
    ("PAK", 30.0, 70.0),
    ("USA", 39.0, -98.0),
    ("CHN", 35.0, 103.0),
    ("RUS", 60.0, 90.0),
    ("UKR", 49.0, 32.0),
    ("ISR", 31.0, 35.0),
    ("IRN", 32.0, 53.0),
    ("AFG", 33.0, 66.0),
    ("GBR", 54.0, -2.0),
    ("FRA", 46.0, 2.0),
    ("DEU", 51.0, 10.0),
    ("TUR", 39.0, 35.0),
    ("SAU", 24.0, 45.0),
    ("EGY", 27.0, 30.0),
    ("BGD", 24.0, 90.0),
    ("LKA", 7.0, 81.0),
    ("NPL", 28.0, 84.0),
    ("JPN", 36.0, 138.0),
    ("KOR", 36.0, 128.0),
)

# CAMEO code, root, PLOVER type, QuadClass, Goldstein (a spread over all four classes).
CODES = (
    ("010", "01", None, 1, 0.0),
    ("020", "02", "REQUEST", 1, 3.0),
    ("036", "03", "AGREE", 1, 4.0),
    ("040", "04", "CONSULT", 1, 1.0),
    ("042", "04", "CONSULT", 1, 1.9),
    ("051", "05", "SUPPORT", 1, 3.4),
    ("057", "05", "AGREE", 1, 8.0),
    ("061", "06", "COOPERATE", 2, 6.4),
    ("070", "07", "AID", 2, 7.0),
    ("081", "08", "CONCEDE", 2, 5.0),
    ("111", "11", "ACCUSE", 3, -2.0),
    ("112", "11", "ACCUSE", 3, -2.0),
    ("120", "12", "REJECT", 3, -4.0),
    ("130", "13", "THREATEN", 3, -4.4),
    ("138", "13", "THREATEN", 3, -7.0),
    ("140", "14", "PROTEST", 3, -6.5),
    ("163", "16", "SANCTION", 3, -8.0),
    ("172", "17", "COERCE", 4, -5.0),
    ("150", "15", "MOBILIZE", 4, -7.2),
    ("190", "19", "ASSAULT", 4, -10.0),
    ("193", "19", "ASSAULT", 4, -10.0),
    ("195", "19", "ASSAULT", 4, -10.0),
    ("180", "18", "ASSAULT", 4, -9.0),
    ("183", "18", "ASSAULT", 4, -10.0),
)

EVENTS_PER_ARTICLE = 20
FIRST_DAY = "2023-01-01"
DAYS = 1095


def _values(rows: tuple[tuple, ...]) -> str:
    def lit(v):
        return "NULL" if v is None else repr(v) if isinstance(v, str) else str(v)

    return ", ".join("(" + ", ".join(lit(v) for v in row) + ")" for row in rows)


def fill_synthetic(con: duckdb.DuckDBPyConnection, events: int = 1_000_000) -> int:
    """Add `events` synthetic events (and their articles) to an empty store; returns the count."""
    articles = -(-events // EVENTS_PER_ARTICLE)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE syn_country AS SELECT * FROM (VALUES {_values(tuple((i, *c) for i, c in enumerate(COUNTRIES)))}) t(k, code, lat, lon)"
    )
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE syn_code AS SELECT * FROM (VALUES {_values(tuple((i, *c) for i, c in enumerate(CODES)))}) t(k, cameo, root, plover, quad, goldstein)"
    )
    n_countries, n_codes = len(COUNTRIES), len(CODES)
    with transaction(con):
        con.execute(f"""
            INSERT INTO articles (id, published, published_date, title, url, source, text)
            SELECT 's' || i, strftime(d, '%Y-%m-%d'), d, 'Synthetic report ' || i,
                   'https://example.org/s' || i, 'Outlet ' || (i % 50),
                   'Forces of one country acted against another on the day reported. ' ||
                   'This synthetic article exists to benchmark the store.'
            FROM (SELECT range AS i, DATE '{FIRST_DAY}' + CAST(range % {DAYS} AS INTEGER) AS d FROM range({articles}))""")
        # Country picks are skewed (squared uniform), so a few dyads are busy and most are rare.
        con.execute(f"""
            INSERT INTO events (article_id, event_id, sentence_start, sentence_end, trigger_text, trigger_start,
                trigger_end, source_text, source_code, source_country, source_sector, source_name,
                target_text, target_code, target_country, target_sector, target_name, cameo, cameo_root,
                plover, plover_mode, quad_class, goldstein, event_date, date_text, place_name,
                place_geonameid, lat, lon, place_country, negated, modality, quote_id, confidence)
            WITH r AS (
                SELECT range AS i, range // {EVENTS_PER_ARTICLE} AS a,
                       hash(range) AS h1, hash(range + 7919) AS h2, hash(range + 104729) AS h3
                FROM range({events})),
            picked AS (
                SELECT r.*,
                       CAST(floor(pow((h1 % 10000) / 10000.0, 2.5) * {n_countries}) AS INTEGER) AS s,
                       CAST(floor(pow((h2 % 10000) / 10000.0, 2.5) * {n_countries}) AS INTEGER) AS t0,
                       CAST(h3 % {n_codes} AS INTEGER) AS c
                FROM r)
            SELECT 's' || a, 'e' || (i % {EVENTS_PER_ARTICLE} + 1), 0, 65, 'acted', 10, 15,
                   'Forces', sc.code || 'MIL', sc.code, 'MIL', NULL,
                   'another', tc.code, tc.code, NULL, NULL,
                   k.cameo, k.root, k.plover, NULL, k.quad, k.goldstein,
                   strftime(DATE '{FIRST_DAY}' + CAST(a % {DAYS} AS INTEGER), '%Y-%m-%d'), NULL,
                   'Place ' || sc.code, 1000000 + s, sc.lat + ((h3 // 7) % 600) / 100.0 - 3,
                   sc.lon + ((h3 // 11) % 600) / 100.0 - 3, left(sc.code, 2),
                   (h2 // 3) % 20 = 0, CASE WHEN (h1 // 5) % 10 = 0 THEN 'hypothetical' ELSE 'asserted' END,
                   NULL, 0.5
            FROM picked p
            JOIN syn_country sc ON sc.k = p.s
            JOIN syn_country tc ON tc.k = CASE WHEN p.t0 = p.s THEN (p.s + 1) % {n_countries} ELSE p.t0 END
            JOIN syn_code k ON k.k = p.c""")
    return scalar(con, "SELECT count(*) FROM events")
