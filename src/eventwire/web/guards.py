"""What every request passes before the app sees it, as one plain ASGI middleware (one layer,
so it costs a few microseconds a request):

- **Host allow-list** against DNS rebinding: a page on another site whose name is made to
  resolve to 127.0.0.1 would otherwise read the API from the user's browser. A request whose
  `Host` is not listed (`EVENTWIRE_ALLOWED_HOSTS`) is refused with 400.
- **Token before body**: a request to a route that needs the bearer token is refused (401,
  403 or 503) before one byte of its body is read, so an anonymous client cannot make the
  server buffer and parse a large body.
- **Body cap**: a body declared larger than `EVENTWIRE_MAX_REQUEST_BYTES` is refused (413)
  before it is read; a body sent without a length is counted as it arrives and refused as
  soon as it passes the cap.
- **Security headers** on every response: a Content Security Policy (everything from this
  server, no inline script, no framing), `X-Content-Type-Options: nosniff`,
  `X-Frame-Options: DENY` and `Referrer-Policy: no-referrer`.
"""

from __future__ import annotations

import contextlib
import json
import secrets
from collections.abc import Iterable

from .errors import ApiError, error_body

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]
#: Routes that need the bearer token: (method, path).
PROTECTED = {("POST", "/api/articles")}
_BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def token_problem(configured: str | None, authorization: str | None) -> ApiError | None:
    """Why a request with this Authorization header may not post (None: it may)."""
    if not configured:
        return ApiError(
            503,
            "Unavailable",
            "posting articles is disabled: no API token is configured "
            "(set EVENTWIRE_API_TOKEN and restart the server)",
        )
    if not authorization:
        return ApiError(401, "Unauthorized", "missing header 'Authorization: Bearer <token>'")
    scheme, _, given = authorization.partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(), configured.encode()):
        return ApiError(403, "Forbidden", "the bearer token is wrong")
    return None


def parse_hosts(value: str | Iterable[str]) -> frozenset[str]:
    """'localhost, 127.0.0.1, ::1' -> the host names, lower-case, without brackets or ports."""
    items = value.split(",") if isinstance(value, str) else value
    return frozenset(_bare(h) for h in items if h.strip())


def _bare(host: str) -> str:
    """The host of a Host header: no port, no IPv6 brackets, lower-case."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host[1:]
    if host.count(":") == 1:
        return host.split(":")[0]
    return host


class _BodyTooLargeError(Exception):
    pass


class Guard:
    """The ASGI middleware described in the module docstring."""

    def __init__(self, app, allowed_hosts: frozenset[str], max_body: int, token):
        self.app = app
        self.allowed_hosts = allowed_hosts
        self.any_host = "*" in allowed_hosts
        self.max_body = max_body
        self.token = token  # a callable giving the configured token (the app's state)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope["headers"])
        problem = self._problem(scope, headers)
        if problem is not None:
            return await _answer(send, problem)

        async def send_secured(message):
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        if scope["method"] not in _BODY_METHODS:
            return await self.app(scope, receive, send_secured)
        return await self._capped(scope, receive, send_secured)

    def _problem(self, scope, headers: dict) -> ApiError | None:
        if not self.any_host:
            host = headers.get(b"host", b"").decode("latin-1")
            if _bare(host) not in self.allowed_hosts:
                return ApiError(
                    400,
                    "InvalidHost",
                    f"the host {host[:100]!r} is not served here; add it to EVENTWIRE_ALLOWED_HOSTS "
                    "if this server is meant to answer to that name.",
                )
        if (scope["method"], scope["path"]) in PROTECTED:
            authorization = headers.get(b"authorization")
            problem = token_problem(self.token(), authorization.decode("latin-1") if authorization else None)
            if problem is not None:
                return problem
        declared = headers.get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_body:
            return _too_large(self.max_body)
        return None

    async def _capped(self, scope, receive, send):
        """Run the app with its body counted as it is read; 413 once it passes the cap."""
        seen, started = 0, False

        async def counted_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise _BodyTooLargeError
            return message

        async def tracked_send(message):
            nonlocal started
            if seen > self.max_body:
                return  # the app's own answer to the cut body (400, 500) gives way to the 413
            started = started or message["type"] == "http.response.start"
            await send(message)

        with contextlib.suppress(_BodyTooLargeError):  # raised while the app read the body
            await self.app(scope, counted_receive, tracked_send)
        if seen > self.max_body and not started:
            await _answer(send, _too_large(self.max_body))


def _too_large(limit: int) -> ApiError:
    return ApiError(
        413,
        "PayloadTooLarge",
        f"the request body is over the limit of {limit:,} bytes (EVENTWIRE_MAX_REQUEST_BYTES); "
        "send a smaller article.",
    )


async def _answer(send, error: ApiError) -> None:
    body = json.dumps(error_body(error.type, error.message)).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if error.status == 401:
        headers.append((b"www-authenticate", b"Bearer"))
    # The connection is closed: a client that is still sending its body must not have the
    # rest read as a next request.
    headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": error.status, "headers": headers + SECURITY_HEADERS})
    await send({"type": "http.response.body", "body": body})
