"""The README's endpoint table lists every route of the API (as datasette's docs tests do),
so a new route cannot ship undocumented."""

from __future__ import annotations

import re

from conftest import REPO

README = REPO / "README.md"


def _normalised(path: str) -> str:
    """A path without its query and with every {parameter} alike: `/api/articles/{}`."""
    return re.sub(r"\{[^}]*\}", "{}", path.split("?", 1)[0])


def readme_endpoints(text: str) -> set[tuple[str, str]]:
    """(method, path) of every `METHOD /api/...` in the first column of the endpoint table."""
    found = set()
    for line in text.splitlines():
        if not line.startswith("| `"):
            continue
        first_cell = line.split(" | ", 1)[0]
        for method, path in re.findall(r"`(GET|POST|PUT|PATCH|DELETE) (/api/[^`\s]*)`", first_cell):
            found.add((method, _normalised(path)))
    return found


def api_routes(client) -> set[tuple[str, str]]:
    """(method, path) of every API operation the app publishes in its OpenAPI schema."""
    paths = client.get("/openapi.json").json()["paths"]
    return {
        (method.upper(), _normalised(path))
        for path, operations in paths.items()
        if path.startswith("/api/")
        for method in operations
    }


def test_readme_endpoints_are_parsed():
    table = "| `GET /api/x?a=1`, `GET /api/y/{id}` | what |\n| `POST /api/z` | more |\nGET /api/not-a-row"
    assert readme_endpoints(table) == {("GET", "/api/x"), ("GET", "/api/y/{}"), ("POST", "/api/z")}


def test_every_api_route_is_in_the_readme_table(client):
    routes = api_routes(client)
    assert ("GET", "/api/events") in routes and len(routes) >= 10
    missing = routes - readme_endpoints(README.read_text(encoding="utf-8"))
    assert not missing, f"add these routes to the endpoint table in README.md: {sorted(missing)}"
