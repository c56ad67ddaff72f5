"""The REST API (FastAPI) and the dashboard's web server. `create_app` builds the app;
`eventwire serve` runs it with uvicorn.

Endpoints (JSON; every error is `{"error": {"type", "message"}}` with a 4xx/5xx status;
OpenAPI at /openapi.json, interactive docs at /docs):

- `GET /api/events` - events filtered by `dyad` (IND-PAK, both directions), `actor` (code
  prefix or name substring), `start`/`end` (YYYY-MM-DD), `cameo_root` (01-20), `plover`,
  `quad_class` (1-4), `place` (name substring or GeoNames id), `bbox`
  (minlon,minlat,maxlon,maxlat), `all=true` (also negated and non-asserted events),
  `unique=true` (each corroborated event once), `limit` (1-1000) and `offset`; newest
  first. Each event is its store row plus `evidence` (sentence, and trigger, source and
  target offsets in it), `article` (id, title, source, url, published) and the
  corroboration counts `mentions`, `articles`, `article_groups`, `sources`, `is_first`.
- `GET /api/events/{article_id}/{event_id}` - one event, same shape.
- `GET /api/articles/{id}` - the article's coded record (contract shape).
- `POST /api/articles` - code an input article and store it; needs
  `Authorization: Bearer <EVENTWIRE_API_TOKEN>` (401 missing, 403 wrong, 503 when no token
  is configured); answers 201 with the coded record.
- `GET /api/dyads` - country pairs with counted events, first and last day.
- `GET /api/timeline?dyad=&start=&end=` - per day: counts per QuadClass, Goldstein sum and
  mean, the escalation index, its baseline and jumps (see `analytics/escalation.py`), over
  the span of the data only, per week, month, year or decade when that span is long
  (`bucket`; see `analytics/buckets.py`).
- `GET /api/quotes?speaker=&actor=&limit=&offset=`, `GET /api/speakers`, `GET /api/actors`.
- `GET /api/codebook` - the 20 CAMEO roots (code, name, QuadClass, Goldstein, PLOVER type)
  and the counted modalities, read from `resources/data/cameo.tsv` and `records`.
- `GET /api/health` - `{"ok": true, "version": ...}`.
- `/` and `/static/...` - the dashboard.
"""

from .app import create_app

__all__ = ["create_app"]
