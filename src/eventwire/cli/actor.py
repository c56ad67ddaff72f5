"""`eventwire actor NAME [--date DAY]`: what the actor knowledge base knows of a name."""

from __future__ import annotations

import datetime as dt
import json
import sys

from ..errors import UsageError


def _day(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise UsageError(f"--date {text!r} is not an ISO date; write it as 2020-05-01.") from None


def _row(role: dict | None) -> str:
    if role is None:
        return "-"
    span = f"{role['start'] or '…'} to {role['end'] or '…'}"
    title = f" {role['title']}" if role["title"] else ""
    return f"{role['code'] or '-'}{title} ({span}; {role['source']})"


def print_report(report: dict, out=None) -> None:
    out = out or sys.stdout
    when = report["date"] or "no date (latest role)"
    print(f"{report['query']} on {when}: {report['code'] or 'no code'} ({report['status']})", file=out)
    for match in report["matches"]:
        print(
            f"  {match['name']} [{match['kind']}, by {match['matched_by']}] -> {match['code'] or '-'} "
            f"({match['status']}); row used: {_row(match['row_used'])}",
            file=out,
        )
        for role in match["roles"]:
            print(f"      {_row(role)}", file=out)


def cmd_actor(args) -> int:
    from ..resources.actor_kb import describe

    report = describe(args.name, _day(args.date))
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print_report(report)
    return 0


def register(sub, settings) -> None:
    actor = sub.add_parser("actor", help="look a name up in the actor knowledge base: its roles and code")
    actor.add_argument("name", help='a person or organisation ("Jüri Ratas", "Hezbollah", "Museveni")')
    actor.add_argument("--date", metavar="DAY", help="the day whose role to use (ISO; default: the latest)")
    actor.add_argument("--json", action="store_true", help="print the report as JSON")
    actor.set_defaults(func=cmd_actor)
