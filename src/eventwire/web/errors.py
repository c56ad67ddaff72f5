"""One error shape for every failure of the API: {"error": {"type": ..., "message": ...}}.

FastAPI's own validation errors (a limit that is not a number) and Starlette's (unknown
path, wrong method) are rewritten into the same shape, so a client parses one thing.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import EventwireError

log = logging.getLogger(__name__)

# Status codes to error types for errors raised by the framework, not by us.
_HTTP_TYPES = {
    400: "BadRequest",
    401: "Unauthorized",
    403: "Forbidden",
    404: "NotFound",
    405: "MethodNotAllowed",
    422: "InvalidParameter",
    503: "Unavailable",
}


def shown(value, longest: int = 80) -> str:
    """The value as an error message repeats it: its repr, cut to `longest` characters."""
    text = repr(value)
    return text if len(text) <= longest else f"{text[:longest]}... ({len(str(value)):,} characters)"


class ApiError(Exception):
    """An error the API answers with: HTTP status, a stable type name, a helpful message."""

    def __init__(self, status: int, type: str, message: str):
        super().__init__(message)
        self.status, self.type, self.message = status, type, message


def error_body(type: str, message: str) -> dict:
    return {"error": {"type": type, "message": message}}


def _respond(status: int, type: str, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse(error_body(type, message), status_code=status, headers=headers)


def _describe(errors: Sequence[dict]) -> str:
    """'limit: Input should be less than or equal to 1000 (got 5000)' for each problem."""
    parts = []
    for err in errors:
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
        got = f" (got {shown(err['input'])})" if "input" in err and not isinstance(err["input"], dict) else ""
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}{got}")
    return "; ".join(parts)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return _respond(exc.status, exc.type, exc.message)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        return _respond(422, "InvalidParameter", _describe(exc.errors()))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such path {request.url.path!r}; the endpoints are listed at /docs"
        return _respond(
            exc.status_code,
            _HTTP_TYPES.get(exc.status_code, "HTTPError"),
            message,
            getattr(exc, "headers", None),
        )

    @app.exception_handler(EventwireError)
    async def _eventwire(request: Request, exc: EventwireError):
        return _respond(500 if exc.code != "E004" else 503, type(exc).__name__, str(exc))

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception):
        log.exception("unexpected failure on %s", request.url.path)
        return _respond(
            500, "InternalError", f"{type(exc).__name__}: {exc} (a bug in eventwire; please report it)"
        )
