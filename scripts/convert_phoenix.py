"""Convert the Phoenix/PETRARCH-2 actor dictionaries into eventwire's own actor data files.

Reads the TABARI-format dictionaries in `../shared/reference/phoenix/` (MIT licence, Open
Event Data Alliance, 2014) and writes, under `src/eventwire/resources/data/actors/`:

- `phoenix_actors.tsv`: one row per dictionary entry: `name` (as in the dictionary, words
  title-cased), `aliases` (its `+` synonyms, `|`-separated), `kind` (`person`, `org` or
  `place`), `roles` (`CODE start end` triples separated by `|`; ISO dates, empty when open).
  Countries' own entries are `place` rows (their synonyms are the country's other names and
  its cities and regions); entries marked as people in the source (CountryInfo) or carrying
  dated roles are `person`; the rest (institutions, parties, armed groups, IGOs) are `org`.
- `phoenix_agents.tsv`: generic agent nouns: `term` (lower case, words joined by spaces),
  `code` (the CAMEO sector codes; a leading `~` means "joins the actor's country").

Run from the repository root after the reference files change:

    python3 scripts/convert_phoenix.py [--source ../shared/reference/phoenix]

TABARI syntax handled: `NAME_WORDS_` (a trailing `_` ends the phrase), `+SYNONYM` lines,
`[CODE from-to]` role lines (indented, or on the name line), `>YYMMDD` (from) and `<YYMMDD`
(until), six-digit years pivoting at 30 (`070723` is 2007, `320101` is 1932), eight-digit
dates, `[---]` (no code), `#` comments; in agents, `{PLURAL}` forms and `!MACRO!` sets.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "eventwire" / "resources" / "data" / "actors"
SOURCES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)

# Words that make an entry an institution or group rather than a person.
_ORG_WORDS = frozenset(
    """ARMY FORCE FORCES MINISTRY MINISTRIES PARTY COUNCIL POLICE COURT PARLIAMENT ASSEMBLY
    GOVERNMENT AGENCY COMMITTEE FRONT MOVEMENT UNIVERSITY BANK CONGRESS SENATE NAVY GUARD
    BRIGADE BRIGADES ORGANIZATION ORGANISATION UNION LEAGUE ALLIANCE COMMISSION OFFICE
    DEPARTMENT SERVICE SERVICES CABINET REGIME MILITARY ASSOCIATION FEDERATION INSTITUTE
    COMMAND CORPS DIVISION REGIMENT BATTALION SECRETARIAT MISSION EMBASSY FUND PROGRAMME
    PROGRAM TRIBUNAL JUNTA MILITIA MILITIAS REBELS GROUP NETWORK CARTEL GANG SOCIETY COMPANY
    CORPORATION AUTHORITY BUREAU LEGISLATURE DIET KNESSET DUMA MAJLIS PRESIDENCY POLITBURO
    STAFF TROOPS GUERRILLAS JUDICIARY COALITION CENTER CENTRE FOUNDATION TIMES NEWS PRESS
    AGENCIES RADIO TELEVISION COLLEGE SCHOOL ACADEMY CHURCH COUNCILS PARTIES""".split()
)


@dataclass
class Entry:
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[tuple[str, str, str]] = field(default_factory=list)
    person_note: bool = False  # the source marks it as a CountryInfo person


def parse_date(text: str) -> dt.date | None:
    """A TABARI date: YYMMDD (years up to 30 are 20xx) or YYYYMMDD; None when unreadable."""
    text = text.strip()
    try:
        if len(text) == 6:
            year = int(text[:2])
            year += 2000 if year <= 30 else 1900
            return dt.date(year, int(text[2:4]), int(text[4:6]))
        if len(text) == 8:
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
        if len(text) == 7:  # "2004017": a typo for a year and a day of the year's first month
            return dt.date(int(text[:4]), int(text[4:5]), int(text[5:7]))
    except ValueError:
        return None
    return None


def parse_role(inside: str) -> tuple[str, str, str] | None:
    """`AFGGOV 331108-730717`, `AFGGOV >011222`, `USAGOV <050120`, `ELI` -> (code, start, end)."""
    parts = inside.split()
    if not parts:
        return None
    code = parts[0].strip().upper()
    if not re.fullmatch(r"[A-Z~-]{3,}", code):
        return None
    start = end = ""
    span = "".join(parts[1:])
    if span.startswith(">"):
        day = parse_date(span[1:])
        start = day.isoformat() if day else ""
    elif span.startswith("<"):
        day = parse_date(span[1:])
        end = day.isoformat() if day else ""
    elif "-" in span:
        first, _, last = span.partition("-")
        a, b = parse_date(first), parse_date(last)
        start, end = (a.isoformat() if a else ""), (b.isoformat() if b else "")
    return code, start, end


def phrase(text: str) -> str:
    """`HAMID_KARZAI_` -> `Hamid Karzai`: words split at `_` and spaces, title-cased."""
    words = [w for w in re.split(r"[_\s]+", text.strip()) if w]
    return " ".join(_title(w, i == 0) for i, w in enumerate(words))


_SMALL = frozenset("OF THE ON FOR AND IN AT TO DE DEL LA LE LES DU DA DOS DAS VAN VON DER BIN BEN".split())


def _title(word: str, first: bool = False) -> str:
    if word in _SMALL and not first:
        return word.lower()
    if len(word) <= 4 and word.isalpha() and not re.search(r"[AEIOUY]", word):
        return word  # "CIA"-like runs of consonants: "FSB", "PRD", "KGB" stay acronyms
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def _strip_comment(line: str) -> tuple[str, str]:
    body, _, comment = line.partition("#")
    return body.rstrip(), comment


def parse_actors(lines: list[str]) -> list[Entry]:
    """Entries of a TABARI .actors file, in file order."""
    entries: list[Entry] = []
    current: Entry | None = None
    for raw in lines:
        line, comment = _strip_comment(raw.rstrip("\n"))
        if not line.strip():
            continue
        roles = [parse_role(m) for m in re.findall(r"\[([^\]]*)\]", line)]
        roles = [r for r in roles if r is not None]
        text = re.sub(r"\[[^\]]*\]", "", line).strip()
        if raw[:1] in (" ", "\t"):  # a role line of the current entry
            if current is not None:
                current.roles.extend(roles)
            continue
        if text.startswith("+"):
            if current is not None and text[1:].strip():
                current.aliases.extend(phrase(part) for part in text[1:].split("+") if part.strip())
            continue
        current = Entry(phrase(text), roles=list(roles), person_note="CountryInfo" in comment)
        if current.name:
            entries.append(current)
    return entries


def kind_of(entry: Entry) -> str:
    codes = [code for code, _, _ in entry.roles if code != "---"]
    if codes and all(len(code) == 3 and code not in ("ELI", "IGO", "NGO", "IMG", "MNC") for code in codes):
        return "place"  # a country's own entry (`AFGHANISTAN_ [AFG]`) or a city of it
    words = {w.upper() for w in re.split(r"[\s-]+", entry.name)}
    if words & _ORG_WORDS:
        return "org"
    if entry.person_note or any(start or end for _, start, end in entry.roles):
        return "person"
    if len(words) >= 2 and all(w.isalpha() for w in words) and len(words) <= 4:
        return "person" if not entry.name.isupper() else "org"
    return "org"


def _clean(cell: str) -> str:
    return cell.replace("\t", " ").replace("|", "/").strip()


def write_actors(entries: list[Entry], path: Path, header: str) -> int:
    rows = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(header)
        out.write("name\taliases\tkind\troles\n")
        for entry in entries:
            if not entry.roles:
                continue
            aliases = sorted({_clean(a) for a in entry.aliases if a and a != entry.name})
            roles = "|".join(f"{code} {start} {end}".rstrip() for code, start, end in entry.roles)
            out.write(f"{_clean(entry.name)}\t{'|'.join(aliases)}\t{kind_of(entry)}\t{roles}\n")
            rows += 1
    return rows


def parse_agents(lines: list[str]) -> list[tuple[str, str]]:
    """(term, code) pairs of the agents file, macros expanded, plural forms included."""
    macros: dict[str, list[str]] = {}
    found: list[tuple[str, str]] = []
    for raw in lines:
        line, _ = _strip_comment(raw)
        line = line.strip()
        if not line:
            continue
        macro = re.fullmatch(r"(![A-Z]+!)\s*=\s*(.+)", line)
        if macro:
            macros[macro.group(1)] = [w.strip() for w in macro.group(2).split(",") if w.strip()]
            continue
        code = re.search(r"\[([^\]}]*)[\]}]", line)
        if code is None:
            continue
        text = line[: code.start()].replace("AD!MINIST!RATION", "ADMINISTRATION")
        plurals = re.findall(r"\{([^}]*)\}", text)
        text = re.sub(r"\{[^}]*\}", "", text)
        for variant in [text, *plurals]:
            for expanded in _expand(variant, macros):
                term = " ".join(w.lower() for w in re.split(r"[_\s]+", expanded) if w)
                if term:
                    found.append((term, code.group(1).strip().upper()))
    return found


def _expand(text: str, macros: dict[str, list[str]]) -> list[str]:
    hit = next((name for name in macros if name in text), None)
    if hit is None:
        return [text]
    return [out for word in macros[hit] for out in _expand(text.replace(hit, f"_{word}_", 1), macros)]


def write_agents(pairs: list[tuple[str, str]], path: Path, header: str) -> int:
    seen: dict[str, str] = {}
    for term, code in pairs:
        seen.setdefault(term, code)
    with path.open("w", encoding="utf-8") as out:
        out.write(header)
        out.write("term\tcode\n")
        for term in sorted(seen):
            out.write(f"{term}\t{seen[term]}\n")
    return len(seen)


_HEADER = """# Generated by scripts/convert_phoenix.py from the Phoenix/PETRARCH-2 actor dictionaries
# (openeventdata/petrarch2 @ 676801c, petrarch2/data/dictionaries/; MIT licence, (c) 2014 Open
# Event Data Alliance). Do not edit by hand: add corrections to people.tsv, officials.tsv or
# organisations.tsv, which are loaded over this file. See resources/data/README.md.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", default=str(ROOT.parent / "shared" / "reference" / "phoenix"))
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args(argv)
    source, out = Path(args.source), Path(args.out)
    if not source.is_dir():
        print(f"no Phoenix dictionaries at {source}; pass --source DIR", file=sys.stderr)
        return 2
    entries: list[Entry] = []
    for name in SOURCES:
        entries += parse_actors((source / name).read_text(encoding="utf-8", errors="replace").splitlines())
    rows = write_actors(entries, out / "phoenix_actors.tsv", _HEADER)
    agents = parse_agents(
        (source / "Phoenix.agents.txt").read_text(encoding="utf-8", errors="replace").splitlines()
    )
    terms = write_agents(agents, out / "phoenix_agents.tsv", _HEADER)
    print(f"{rows} actor entries, {terms} agent terms -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
