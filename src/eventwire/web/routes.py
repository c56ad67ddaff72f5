"""The API's endpoints. Each is a thin shell over a store or analytics function, so the CLI
and the API answer the same question the same way."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated

import duckdb
from fastapi import APIRouter, Depends, Header, Query, Request, Response
from pydantic import BaseModel, Field

from .. import __version__
from ..analytics import dyad_timeline, top_actors
from ..errors import InputError
from ..pipeline import code_article
from ..records import COUNTED_MODALITIES, Article, ErrorRecord, parse_published, to_dict
from ..resources import cameo_roots
from ..store.search import get_event, list_dyads, list_speakers, search_events, search_quotes
from . import params
from .cache import DyadSeries, encode
from .errors import ApiError
from .guards import token_problem

router = APIRouter(prefix="/api")


def as_json(data, status_code: int = 200) -> Response:
    """Plain json.dumps: FastAPI's generic encoder takes 10-30 ms on a page of events or a
    three-year timeline, json.dumps about 1-3 ms, and our rows hold only JSON types and dates."""
    return Response(encode(data), status_code=status_code, media_type="application/json")


def answer(request: Request, key: tuple, compute: Callable) -> Response:
    """The JSON answer of `compute(cursor)` on the current snapshot, from the snapshot's cache
    when the same question (`key`) was asked before."""
    store = request.app.state.store
    store.refresh()
    generation = store.generation

    def run() -> bytes:
        cur = store.con.cursor()
        try:
            return encode(compute(cur))
        finally:
            cur.close()

    return Response(store.cache.get(generation, key, run), media_type="application/json")


Limit = Annotated[int, Query(ge=1, le=params.MAX_LIMIT, description="page size, 1-1000")]
Offset = Annotated[int, Query(ge=0, le=params.MAX_OFFSET, description="rows to skip")]


def cursor(request: Request) -> Iterator:
    """A cursor of the app's store for one request."""
    cur = request.app.state.store.cursor()
    try:
        yield cur
    finally:
        cur.close()


Cursor = Annotated[duckdb.DuckDBPyConnection, Depends(cursor)]


@router.get("/health", summary="Liveness and version")
def health(request: Request) -> Response:
    store = request.app.state.store
    return as_json(
        {
            "ok": True,
            "version": __version__,
            "store": Path(store.path).name,  # the file's name only: no paths of this machine
            "writable": store.writable,
            "loaded_at": store.loaded_at,
        }
    )


@router.get("/events", summary="Events filtered by dyad, actor, dates, CAMEO root, PLOVER type, place, box")
def events(
    request: Request,
    dyad: Annotated[str | None, Query(description="undirected country pair, e.g. IND-PAK")] = None,
    actor: Annotated[str | None, Query(description="actor code prefix (PAKMIL) or name substring")] = None,
    start: Annotated[str | None, Query(description="first event day, YYYY-MM-DD")] = None,
    end: Annotated[str | None, Query(description="last event day, YYYY-MM-DD")] = None,
    cameo_root: Annotated[str | None, Query(description="CAMEO root 01-20")] = None,
    plover: Annotated[str | None, Query(description="PLOVER event type, e.g. ASSAULT")] = None,
    place: Annotated[str | None, Query(description="place name substring or GeoNames id")] = None,
    bbox: Annotated[str | None, Query(description="minlon,minlat,maxlon,maxlat")] = None,
    quad_class: Annotated[str | None, Query(description="QuadClass 1-4")] = None,
    all: Annotated[bool, Query(description="also negated, hypothetical, requested, denied events")] = False,
    unique: Annotated[bool, Query(description="each corroborated event once (its earliest report)")] = False,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    f = params.event_filter(dyad, actor, start, end, cameo_root, plover, place, bbox, quad_class, all, unique)

    def page(cur) -> dict:
        total, rows = search_events(cur, f, limit, offset)
        return {"total": total, "limit": limit, "offset": offset, "events": rows}

    return answer(request, ("events", f, limit, offset), page)


@router.get("/events/{article_id}/{event_id}", summary="One event with its evidence")
def event(cur: Cursor, article_id: str, event_id: str) -> Response:
    row = get_event(cur, article_id, event_id)
    if row is None:
        raise ApiError(
            404,
            "NotFound",
            f"no event {event_id!r} in article {article_id!r}; list events with GET /api/events",
        )
    return as_json(row)


@router.get("/articles/{article_id}", summary="One article's coded record (contract shape)")
def article(request: Request, article_id: str) -> Response:
    record = request.app.state.store.record(article_id)
    if record is None:
        raise ApiError(404, "NotFound", f"no article {article_id!r} in the store")
    return as_json(record)


class ArticleIn(BaseModel):
    """An input article as in the contract: `text` or `html`, optional metadata."""

    id: str = Field(min_length=1, max_length=500)
    text: str | None = None
    html: str | None = None
    published: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None


def check_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    """The same check as the guard's (which runs first, before the body is read): kept here
    so the route cannot be reached without it and OpenAPI shows the header."""
    problem = token_problem(request.app.state.token, authorization)
    if problem is not None:
        raise problem


@router.post(
    "/articles",
    status_code=201,
    dependencies=[Depends(check_token)],
    summary="Code an article and store it (needs the bearer token)",
)
def post_article(request: Request, body: ArticleIn) -> Response:
    store = request.app.state.store
    if (body.text is None) == (body.html is None):
        raise ApiError(422, "InvalidParameter", "give exactly one of 'text' or 'html'")
    try:
        parse_published(body.published)
    except InputError as exc:
        raise ApiError(422, "InvalidParameter", str(exc)) from None
    record = code_article(Article(**body.model_dump()))
    if isinstance(record, ErrorRecord):
        raise ApiError(422, record.type, record.message)
    store.write([record])
    return as_json(to_dict(record), status_code=201)


@router.get("/dyads", summary="Country dyads with counted events, most events first")
def dyads(request: Request, limit: Limit = 1000) -> Response:
    return answer(request, ("dyads", limit), lambda cur: list_dyads(cur, limit))


@router.get("/timeline", summary="Daily QuadClass counts, Goldstein, escalation index and jumps of a dyad")
def timeline(
    request: Request,
    dyad: Annotated[
        str | None, Query(description="undirected pair, e.g. IND-PAK; all counted events if absent")
    ] = None,
    start: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
    end: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
) -> Response:
    s, e = params.parse_range(start, end)
    pair = params.parse_dyad(dyad)
    store = request.app.state.store
    store.refresh()
    generation = store.generation

    def whole() -> DyadSeries:
        cur = store.con.cursor()
        try:
            return DyadSeries(dyad_timeline(cur, pair))
        finally:
            cur.close()

    # The dyad's whole series is computed once per snapshot; a date range is a slice of it.
    series = store.cache.get(generation, ("series", pair), whole, size=lambda v: v.size)
    if series.daily:
        body = series.answer(s and s.isoformat(), e and e.isoformat())
        return Response(body, media_type="application/json")
    return answer(request, ("timeline", pair, s, e), lambda cur: dyad_timeline(cur, pair, s, e))


@router.get("/quotes", summary="Quotes by speaker name or actor code")
def quotes(
    request: Request,
    speaker: Annotated[str | None, Query(description="speaker name or mention substring")] = None,
    actor: Annotated[str | None, Query(description="speaker actor code prefix, e.g. USAGOV")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    who, code = params.parse_text("speaker", speaker), params.parse_text("actor", actor)

    def page(cur) -> dict:
        total, rows = search_quotes(cur, who, code, limit, offset)
        return {"total": total, "quotes": rows}

    return answer(request, ("quotes", who, code, limit, offset), page)


@router.get("/speakers", summary="Speakers with their number of quotes, most first")
def speakers(request: Request, limit: Limit = 100) -> Response:
    return answer(request, ("speakers", limit), lambda cur: list_speakers(cur, limit))


@router.get("/actors/lookup", summary="What the actor knowledge base knows of a name, and its code on a day")
def actor_lookup(
    name: Annotated[str, Query(description='a person or organisation, e.g. "Jüri Ratas"')],
    date: Annotated[str | None, Query(description="YYYY-MM-DD; the latest role if absent")] = None,
) -> Response:
    from ..resources.actor_kb import describe

    text = params.parse_text("name", name)
    if not text:
        raise params.invalid("name", name, "a name of 1-200 characters")
    return as_json(describe(text, params.parse_day("date", date)))


@router.get("/actors", summary="Actors by number of counted events, as source or target")
def actors(request: Request, limit: Limit = 20) -> Response:
    return answer(request, ("actors", limit), lambda cur: top_actors(cur, limit))


@router.get("/codebook", summary="CAMEO root codes with their names and QuadClass; which modalities count")
def codebook() -> Response:
    # The dashboard labels codes with these names, so it never disagrees with the codebook
    # (resources/data/cameo.tsv) that the coder uses.
    roots = [
        {
            "code": c.code,
            "name": c.name,
            "quad_class": c.quad_class,
            "goldstein": c.goldstein,
            "plover": c.plover,
        }
        for c in cameo_roots()
    ]
    return as_json({"cameo_roots": roots, "counted_modalities": list(COUNTED_MODALITIES)})
