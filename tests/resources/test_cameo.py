"""The CAMEO codebook data file (resources/data/cameo.tsv) and its loader.

Every extractor that codes an event reads PLOVER type, QuadClass and Goldstein value from this
table, so a bad row silently corrupts every event with that code: check its structure as a
whole and spot-check values against the sources named at the top of the file.
"""

from __future__ import annotations

import pytest

from eventwire.resources import CameoCode, cameo_codebook

PLOVER_TYPES = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}
ROOTS = [f"{n:02d}" for n in range(1, 21)]


@pytest.fixture(scope="module")
def book() -> dict[str, CameoCode]:
    return cameo_codebook()


def quad_of_root(root: str) -> int:
    n = int(root)
    return 1 if n <= 5 else 2 if n <= 9 else 3 if n <= 14 else 4


def parent_of(code: str) -> str:
    return code[:2] if len(code) == 3 else code[:3]


def test_size_is_the_whole_codebook(book):
    # CAMEO 1.1b3 has 311 codes with roots; a few later additions are allowed on top.
    assert 311 <= len(book) <= 330


@pytest.mark.parametrize("root", ROOTS)
def test_every_root_present(book, root):
    assert root in book
    assert any(code.startswith(root) and len(code) == 3 for code in book), "root without codes"


def test_codes_well_formed_and_keyed_by_themselves(book):
    for key, row in book.items():
        assert key == row.code
        assert row.code.isdigit() and 2 <= len(row.code) <= 4, row.code
        assert row.root in ROOTS, row.code
        assert row.name and row.name == row.name.strip(), row.code


def test_codes_unique_in_the_file():
    # The loader builds a dict, which would hide a duplicated code; read the rows themselves.
    from eventwire.resources import read_tsv

    codes = [row["code"] for row in read_tsv("cameo.tsv")]
    assert len(codes) == len(set(codes))


def test_every_code_has_its_parent(book):
    for code in book:
        if len(code) > 2:
            assert parent_of(code) in book, code


def test_quad_class_follows_root(book):
    for row in book.values():
        assert row.quad_class == quad_of_root(row.root), row.code


def test_goldstein_in_range(book):
    for row in book.values():
        assert -10.0 <= row.goldstein <= 10.0, row.code


def test_plover_type_is_known_and_null_only_for_statements(book):
    for row in book.values():
        if row.root == "01":
            assert row.plover is None and row.plover_mode is None, row.code
        else:
            assert row.plover in PLOVER_TYPES, row.code


def test_modes_are_lower_case_names(book):
    for row in book.values():
        if row.plover_mode is not None:
            mode = row.plover_mode
            assert mode == mode.strip().lower() and " " not in mode, row.code
            assert all(ch.isalpha() or ch == "-" for ch in mode), row.code


def test_names_do_not_repeat(book):
    names = [row.name.lower() for row in book.values() if len(row.code) > 2]
    assert len(names) == len(set(names))


# (code, plover, mode, goldstein, quad_class), checked against GDELT's Goldstein table and the
# CAMEO-to-PLOVER table (see the header of cameo.tsv).
SPOT_CHECKS = [
    ("010", None, None, 0.0, 1),
    ("013", None, None, 0.4, 1),
    ("016", None, None, -2.0, 1),  # GDELT's value; Phoenix has 3.4
    ("02", "REQUEST", None, 3.0, 1),
    ("0256", "REQUEST", None, -0.3, 1),
    ("026", "REQUEST", None, 4.0, 1),
    ("036", "AGREE", None, 4.0, 1),
    ("039", "AGREE", None, 5.0, 1),
    ("041", "CONSULT", "phone", 1.0, 1),
    ("042", "CONSULT", "visit", 1.9, 1),
    ("043", "CONSULT", "visit", 2.8, 1),
    ("044", "CONSULT", "third-party", 2.5, 1),
    ("046", "CONSULT", None, 7.0, 1),
    ("051", "SUPPORT", None, 3.4, 1),
    ("057", "SUPPORT", None, 8.0, 1),
    ("062", "COOPERATE", None, 7.4, 2),
    ("073", "AID", None, 7.4, 2),
    ("08", "CONCEDE", None, 5.0, 2),
    ("083", "CONCEDE", None, 5.0, 2),
    ("0841", "RETREAT", "release", 7.0, 2),
    ("085", "RETREAT", None, 7.0, 2),
    ("0871", "RETREAT", "ceasefire", 9.0, 2),
    ("0874", "RETREAT", "disarm", 10.0, 2),
    ("091", "ACCUSE", "investigate", -2.0, 2),
    ("1056", "REQUEST", "yield", -5.0, 3),
    ("106", "REQUEST", "meet", -5.0, 3),
    ("111", "ACCUSE", "disapprove", -2.0, 3),
    ("112", "ACCUSE", "disapprove", -2.0, 3),
    ("1123", "ACCUSE", "allege", -2.0, 3),
    ("125", "REJECT", "meet", -5.0, 3),
    ("130", "THREATEN", None, -4.4, 3),
    ("13", "THREATEN", None, -6.0, 3),
    ("138", "THREATEN", "violence", -7.0, 3),
    ("1382", "THREATEN", "territory", -7.0, 3),
    ("141", "PROTEST", "demo", -6.5, 3),
    ("145", "PROTEST", "riot", -7.5, 3),
    ("154", "MOBILIZE", "troops", -7.2, 4),
    ("161", "SANCTION", "withdraw", -4.0, 4),
    ("163", "COERCE", "restrict", -8.0, 4),  # the 2021 table puts sanctions under COERCE
    ("166", "SANCTION", "expel", -7.0, 4),
    ("1712", "ASSAULT", "destroy", -9.2, 4),
    ("173", "COERCE", "arrest", -5.0, 4),
    ("175", "ASSAULT", None, -9.0, 4),
    ("181", "ASSAULT", "abduct", -9.0, 4),
    ("186", "ASSAULT", "assassinate", -10.0, 4),
    ("190", "ASSAULT", None, -10.0, 4),
    ("191", "COERCE", "restrict", -9.5, 4),
    ("192", "COERCE", "seize", -9.5, 4),
    ("193", "ASSAULT", "firearms", -10.0, 4),
    ("194", "ASSAULT", "heavy-weapons", -10.0, 4),
    ("195", "ASSAULT", "heavy-weapons", -10.0, 4),
    ("196", "ASSAULT", None, -9.5, 4),
    ("201", "ASSAULT", "cleansing", -9.5, 4),
    ("2042", "ASSAULT", "unconventional", -10.0, 4),
]


@pytest.mark.parametrize("code,plover,mode,goldstein,quad", SPOT_CHECKS)
def test_spot_checks(book, code, plover, mode, goldstein, quad):
    row = book[code]
    assert (row.plover, row.plover_mode, row.goldstein, row.quad_class) == (plover, mode, goldstein, quad)


@pytest.mark.parametrize(
    "code,words",
    [
        ("013", "optimistic"),
        ("0256", "de-escalation"),
        ("039", "mediate"),
        ("057", "agreement"),
        ("0871", "ceasefire"),
        ("101", "material cooperation"),  # some GDELT lists say "information, investigation"
        ("105", "yield"),
        ("106", "meeting"),
        ("107", "dispute"),
        ("108", "mediation"),
        ("163", "sanctions"),
        ("196", "ceasefire"),
    ],
)
def test_names_say_what_the_code_means(book, code, words):
    assert words in book[code].name.lower()


# Codes that are not CAMEO codes must not be in the table.
@pytest.mark.parametrize(
    "code",
    [
        "00",
        "21",
        "0",
        "1",
        "029",
        "047",
        "058",
        "065",
        "076",
        "088",
        "095",
        "109",
        "117",
        "1126",
        "146",
        "156",
        "167",
        "177",
        "187",
        "197",
        "205",
        "2043",
        "0257",
        "",
    ],
)
def test_not_codes(book, code):
    assert code not in book
