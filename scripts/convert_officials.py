"""Convert office-holder tables (Wikidata facts compiled per country) into `officials.tsv`.

The every-politician-scrapers project keeps one public GitHub repository per country (for
example `every-politician-scrapers/kenya`, `.../us-cabinet`) whose `html/holders21.csv`
lists the country's heads of state and government, ministers, army and police chiefs,
speakers, judges and ambassadors with Wikidata ids and dates (`position, person, personID,
start, end, ...`), drawn from Wikidata (CC0). This script reads those files from local
mirrors (bare git repositories, one per country, as `fetch` leaves them under
`/work/.mirror/every-politician-scrapers+<slug>/repo`), gives each row the country's ISO
alpha-3 code and a CAMEO sector from its position's wording, and writes
`src/eventwire/resources/data/actors/officials.tsv` (columns as `people.tsv`, plus
`source`: the slug of the country table). Facts only (names, offices, dates).

    python3 scripts/convert_officials.py --mirrors /work/.mirror [--since 2005-01-01]

The repositories and the commits read are listed in `officials_sources.tsv` beside it.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import io
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "eventwire" / "resources" / "data" / "actors"
OWNER = "every-politician-scrapers"

# Each country table's slug -> ISO 3166-1 alpha-3 (facts; "world" holds UN offices).
COUNTRIES = {
    "afghanistan": "AFG", "albania-cabinet": "ALB", "algeria-cabinet": "DZA", "andorra-cabinet": "AND",
    "angola": "AGO", "antigua-barbuda-ministers": "ATG", "argentina-ministers": "ARG",
    "armenia-ministers": "ARM", "australia-cabinet": "AUS", "austria-cabinet": "AUT",
    "azerbaijan-cabinet": "AZE", "bahamas-cabinet": "BHS", "bahrain": "BHR", "bangladesh-ministers": "BGD",
    "barbados-cabinet": "BRB", "belarus-ministers": "BLR", "belgium-cabinet": "BEL", "belize-ministers": "BLZ",
    "benin-ministers": "BEN", "bhutan-ministers": "BTN", "bolivia-ministers": "BOL",
    "bosnia-herzegovina-ministers": "BIH", "botswana-ministers": "BWA", "brazil-ministers": "BRA",
    "brunei-ministers": "BRN", "bulgaria-cabinet": "BGR", "burkina-faso": "BFA", "burundi-ministers": "BDI",
    "cabo-verde": "CPV", "cambodia": "KHM", "cameroon": "CMR", "canada-cabinet": "CAN",
    "central-african-republic": "CAF", "chad-ministers": "TCD", "chile-ministers": "CHL",
    "china-ministers": "CHN", "comoros": "COM", "congo-brazzaville": "COG", "congo-kinshasa-ministers": "COD",
    "costa-rica": "CRI", "croatia-ministers": "HRV", "cuba": "CUB", "cyprus-cabinet": "CYP",
    "czech-ministers": "CZE", "denmark-cabinet": "DNK", "djibouti-ministers": "DJI", "dominica": "DMA",
    "dominican-republic": "DOM", "ecuador-ministers": "ECU", "egypt-ministers": "EGY",
    "el-salvador-ministers": "SLV", "equatorial-guinea": "GNQ", "eritrea-ministers": "ERI", "estonia": "EST",
    "eswatini": "SWZ", "ethiopia-ministers": "ETH", "fiji-ministers": "FJI", "finland-cabinet": "FIN",
    "france-cabinet": "FRA", "gabon-ministers": "GAB", "gambia-ministers": "GMB", "georgia-ministers": "GEO",
    "ghana-ministers": "GHA", "greece-cabinet": "GRC", "grenada": "GRD", "guatemala-ministers": "GTM",
    "guinea": "GIN", "guinea-bissau": "GNB", "guyana": "GUY", "haiti": "HTI", "honduras-ministers": "HND",
    "hong-kong": "HKG", "hungary-cabinet": "HUN", "india-ministers": "IND", "indonesia-ministers": "IDN",
    "iran-ministers": "IRN", "iraq-ministers": "IRQ", "ireland-ministers": "IRL", "israel-ministers": "ISR",
    "italy-ministers": "ITA", "ivory-coast": "CIV", "jamaica-ministers": "JAM", "japan-ministers": "JPN",
    "jordan-ministers": "JOR", "kazakhstan-cabinet": "KAZ", "kenya": "KEN", "kiribati-ministers": "KIR",
    "kosovo-cabinet": "XKX", "kuwait-ministers": "KWT", "kyrgyzstan-ministers": "KGZ", "latvia-cabinet": "LVA",
    "lesotho-ministers": "LSO", "liberia-ministers": "LBR", "liechtenstein-ministers": "LIE",
    "lithuania": "LTU", "luxembourg-cabinet": "LUX", "malawi-ministers": "MWI", "malaysia-ministers": "MYS",
    "maldives-ministers": "MDV", "malta-ministers": "MLT", "marshall-islands-ministers": "MHL",
    "mauritania": "MRT", "mauritius-ministers": "MUS", "mexico-ministers": "MEX", "micronesia-ministers": "FSM",
    "moldova-ministers": "MDA", "mongolia-ministers": "MNG", "montenegro-cabinet": "MNE",
    "morocco-ministers": "MAR", "mozambique": "MOZ", "myanmar-ministers": "MMR", "nepal-ministers": "NPL",
    "netherlands-cabinet": "NLD", "new-zealand-cabinet": "NZL", "niger-ministers": "NER", "nigeria": "NGA",
    "north-korea": "PRK", "north-macedonia-ministers": "MKD", "norway-cabinet": "NOR", "oman": "OMN",
    "pakistan-ministers": "PAK", "panama-ministers": "PAN", "papua-new-guinea": "PNG",
    "paraguay-ministers": "PRY", "philippines-ministers": "PHL", "poland-cabinet": "POL",
    "portugal-cabinet": "PRT", "romania-cabinet": "ROU", "russia-cabinet": "RUS", "rwanda-ministers": "RWA",
    "san-marino-ministers": "SMR", "sao-tome-and-principe": "STP", "saudi-ministers": "SAU",
    "senegal-ministers": "SEN", "serbia-ministers": "SRB", "sierra-leone": "SLE", "singapore-ministers": "SGP",
    "slovakia-cabinet": "SVK", "slovenia-cabinet": "SVN", "solomons-ministers": "SLB", "somalia-cabinet": "SOM",
    "south-africa-cabinet": "ZAF", "south-korea-ministers": "KOR", "south-sudan": "SSD",
    "spain-ministers": "ESP", "sri-lanka-cabinet": "LKA", "st-kitts-and-nevis-cabinet": "KNA",
    "st-lucia-cabinet": "LCA", "st-vincent-and-the-grenadines": "VCT", "sudan": "SDN", "suriname": "SUR",
    "sweden-cabinet": "SWE", "swiss-federal-council": "CHE", "syria": "SYR", "taiwan": "TWN",
    "tajikistan-ministers": "TJK", "tanzania-ministers": "TZA", "timor-leste-ministers": "TLS", "togo": "TGO",
    "tonga-ministers": "TON", "trinidad-and-tobago-cabinet": "TTO", "tunisia-ministers": "TUN",
    "turkey-ministers": "TUR", "turkmenistan": "TKM", "tuvalu-ministers": "TUV", "uae-ministers": "ARE",
    "uganda-ministers": "UGA", "ukraine-cabinet": "UKR", "united-kingdom-cabinet": "GBR",
    "uruguay-ministers": "URY", "us-cabinet": "USA", "uzbekistan-ministers": "UZB", "vanuatu-cabinet": "VUT",
    "venezuela": "VEN", "vietnam": "VNM", "world": "UNO", "yemen": "YEM", "zambia-ministers": "ZMB",
    "zimbabwe": "ZWE",
}  # fmt: skip

# Position wording -> CAMEO sector, first match wins; positions matching SKIP are not offices.
SKIP = re.compile(r"\b(First Lady|First Gentleman|spouse|consort)\b", re.I)
SECTORS = [
    (re.compile(r"^(Minister|Secretary|Deputy Minister|State Secretary|Under ?secretary)\b", re.I), "GOV"),
    (re.compile(r"\b(Chief|Commander|Head)\b.*\b(General Staff|Army|Navy|Naval|Air Force|Defen[cs]e (Staff|Forces?)"
                r"|Armed Forces|Military|Land Forces|Joint Staff)\b", re.I), "MIL"),
    (re.compile(r"\bChief of (the )?(General|Defen[cs]e|Army|Naval|Air) Staff\b", re.I), "MIL"),
    (re.compile(r"\b(Police|Gendarmerie)\b", re.I), "COP"),
    (re.compile(r"\b(Intelligence|Security Service|State Security Committee)\b", re.I), "SPY"),
    (re.compile(r"\b(Justice|Judge|Court|Prosecutor|Procurator|Solicitor General)\b", re.I), "JUD"),
    (re.compile(r"\b(Speaker|Senator|Member of (the )?Parliament|Leader of the (House|Opposition)|Majority Leader"
                r"|Minority Leader)\b", re.I), "LEG"),
    (re.compile(r"\b(President|Chair(man|woman|person)?|Vice[- ]President|Deputy Speaker) of the (Senate|National "
                r"Assembly|Chamber|Parliament|House|Congress|Assembly|Majlis|Duma|Legislative|Federal Assembly"
                r"|National Council|Federation Council|Storting|Riksdag|Sejm|Knesset|Bundestag|Riigikogu|Saeima|Seimas|Sabor"
                r"|Verkhovna Rada|Rada|Althing|Folketing|Eduskunta|Cortes|Bundesrat|Dáil|Seanad|Lok Sabha|Rajya Sabha"
                r"|Shura|Diet|Kenesh|Mazhilis|Oliy Majlis|Jatiya Sangsad|Parlament|Skupština|Assembleia|Asamblea)",
                re.I), "LEG"),
    (re.compile(r"\b(leader|chair(man|woman|person)?|president|secretary[- ]general)\b.*\bParty\b", re.I), "POL"),
]  # fmt: skip


def sector_of(position: str) -> str | None:
    if SKIP.search(position):
        return None
    for pattern, sector in SECTORS:
        if pattern.search(position):
            return sector
    return "GOV"


def iso_day(text: str, end: bool) -> str:
    """'1999' / '2008-07' / '2008-07-08' -> an ISO day (a year or month's last day for an end)."""
    text = (text or "").strip()[:10]
    parts = text.split("-")
    try:
        if len(parts) == 1 and parts[0].isdigit():
            return f"{parts[0]}-12-31" if end else f"{parts[0]}-01-01"
        if len(parts) == 2:
            year, month = int(parts[0]), int(parts[1])
            day = calendar.monthrange(year, month)[1] if end else 1
            return f"{year:04d}-{month:02d}-{day:02d}"
        if len(parts) == 3:
            return f"{int(parts[0]):04d}-{int(parts[1]):02d}-{int(parts[2]):02d}"
    except ValueError:
        return ""
    return ""


def merge_terms(spans: list[tuple[str, str]], gap_days: int = 200) -> list[tuple[str, str]]:
    """Consecutive terms of one member (a new term starting within `gap_days` of the last
    one's end, or overlapping it) become one span; an open term stays open."""
    merged: list[list[str]] = []
    for start, end in sorted(spans, key=lambda s: s[0] or "0000"):
        if merged and merged[-1][1] != "" and start and _days(merged[-1][1], start) <= gap_days:
            merged[-1][1] = "" if end == "" else max(merged[-1][1], end)
        elif merged and merged[-1][1] == "":
            continue  # already open
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _days(earlier: str, later: str) -> int:
    import datetime as dt

    try:
        return (dt.date.fromisoformat(later) - dt.date.fromisoformat(earlier)).days
    except ValueError:
        return 10**6


def country_for(slug: str, position: str) -> str:
    if slug == "world":
        return "UNO" if re.search(r"United Nations|\bUN\b", position) else "IGO"
    return COUNTRIES[slug]


def read_table(repo: Path, path: str = "html/holders21.csv") -> tuple[str, list[dict[str, str]]]:
    commit = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    shown = subprocess.run(["git", "-C", str(repo), "show", f"HEAD:{path}"], capture_output=True, text=True)
    return commit, list(csv.DictReader(io.StringIO(shown.stdout))) if shown.returncode == 0 else []


def _clean(cell: str) -> str:
    return (cell or "").replace("\t", " ").replace("|", "/").strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mirrors", default="/work/.mirror")
    parser.add_argument("--since", default="2005-01-01", help="drop roles that ended before this day")
    parser.add_argument(
        "--members-since",
        default="2014-01-01",
        help="drop members of parliament whose term ended before this day",
    )
    args = parser.parse_args(argv)
    rows, sources, terms = set(), [], {}
    for slug in sorted(COUNTRIES):
        repo = Path(args.mirrors) / f"{OWNER}+{slug}" / "repo"
        if not repo.exists():
            print(f"no mirror of {OWNER}/{slug} at {repo}; skipped", file=sys.stderr)
            continue
        commit, table = read_table(repo)
        _, members = read_table(repo, "html/legislators.csv")
        sources.append((f"{OWNER}/{slug}", commit, len(table), len(members)))
        for row in table + [{**m, "legislator": "1"} for m in members]:
            position, name = _clean(row.get("position", "")), _clean(row.get("person", ""))
            sector = "LEG" if row.get("legislator") else sector_of(position)
            if row.get("legislator") and (iso_day(row.get("end", ""), True) or "9999") < args.members_since:
                continue
            if not name or not position or sector is None or re.fullmatch(r"Q\d+", name):
                continue
            start, end = iso_day(row.get("start", ""), False), iso_day(row.get("end", ""), True)
            if end and end < args.since:
                continue
            if row.get("legislator"):  # terms of one member are merged below
                terms.setdefault((name, country_for(slug, position), slug), []).append((start, end))
                continue
            rows.add((name, country_for(slug, position), sector, position, start, end, slug))
        for (name, country, _source), spans in terms.items():
            for start, end in merge_terms(spans):
                rows.add((name, country, "LEG", "", start, end, ""))  # titles and sources kept short
        terms.clear()
    out = OUT / "officials.tsv"
    with out.open("w", encoding="utf-8") as handle:
        handle.write(
            "# Office holders from Wikidata (CC0) as compiled per country by the every-politician-scrapers\n"
            "# repositories (html/holders21.csv; repositories and commits in officials_sources.tsv).\n"
            "# Generated by scripts/convert_officials.py; correct a row in people.tsv, which wins.\n"
        )
        handle.write("name\taliases\tcountry\tsector\ttitle\tstart\tend\tsource\n")
        for name, country, sector, title, start, end, slug in sorted(rows):
            handle.write(f"{name}\t\t{country}\t{sector}\t{title}\t{start}\t{end}\t{slug}\n")
    with (OUT / "officials_sources.tsv").open("w", encoding="utf-8") as handle:
        handle.write(
            "# GitHub repositories read by scripts/convert_officials.py (html/holders21.csv, html/legislators.csv)\n"
        )
        handle.write("repository\tcommit\toffice_rows\tmember_rows\n")
        for repo_name, commit, count, members in sources:
            handle.write(f"{repo_name}\t{commit}\t{count}\t{members}\n")
    print(f"{len(rows)} roles from {len(sources)} tables -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
