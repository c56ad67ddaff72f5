"""What every request passes first: the Host allow-list, the token before the body, the body
cap, and the security headers (`eventwire.web.guards`)."""

from __future__ import annotations

import socket
import threading
import time

import pytest
from fastapi.testclient import TestClient

from eventwire.web import create_app
from eventwire.web.guards import parse_hosts

from .conftest import TOKEN
from .test_api import error_of

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    application = create_app(
        tmp_path_factory.mktemp("g") / "g.duckdb", token=TOKEN, allowed_hosts="localhost,127.0.0.1,::1"
    )
    yield application
    application.state.store.close()


@pytest.mark.parametrize(
    "base, status",
    [
        ("http://127.0.0.1:8765", 200),
        ("http://localhost:8765", 200),
        ("http://[::1]:8765", 200),
        ("http://LOCALHOST", 200),
        ("http://rebound.attacker.example:8765", 400),  # a name made to resolve to 127.0.0.1
        ("http://127.0.0.1.attacker.example", 400),
        ("http://testserver", 400),
    ],
)
def test_only_listed_hosts_are_served(app, base, status):
    response = TestClient(app, base_url=base).get("/api/health")
    if status == 400:
        assert error_of(response, 400)["type"] == "InvalidHost"
        assert "EVENTWIRE_ALLOWED_HOSTS" in response.json()["error"]["message"]
    else:
        assert response.status_code == 200


def test_a_star_allows_any_host(tmp_path):
    app = create_app(tmp_path / "s.duckdb", token="", allowed_hosts="*")
    assert TestClient(app, base_url="http://any.example").get("/api/health").status_code == 200
    app.state.store.close()


@pytest.mark.parametrize(
    "value, hosts",
    [
        ("localhost, 127.0.0.1,::1", {"localhost", "127.0.0.1", "::1"}),
        ("[::1]:8765,Example.org:80", {"::1", "example.org"}),
        ("", set()),
    ],
)
def test_parse_hosts(value, hosts):
    assert parse_hosts(value) == hosts


@pytest.mark.parametrize("path", ["/", "/api/health", "/api/events", "/static/app.js", "/nowhere", "/docs"])
def test_every_response_carries_the_security_headers(app, path):
    response = TestClient(app, base_url="http://127.0.0.1").get(path)
    csp = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self';" in csp and "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"


def test_health_shows_no_path_of_the_machine(app):
    body = TestClient(app, base_url="http://127.0.0.1").get("/api/health").json()
    assert body["store"] == "g.duckdb" and "/" not in str(body)


def test_a_body_over_the_cap_is_refused_before_it_is_read(app, monkeypatch):
    client = TestClient(app, base_url="http://127.0.0.1")
    guard = _guard(app)
    monkeypatch.setattr(guard, "max_body", 1000)
    article = {"id": "big", "text": "India and Pakistan agreed to talks. " * 100}
    message = error_of(client.post("/api/articles", json=article, headers=AUTH), 413)["message"]
    assert "EVENTWIRE_MAX_REQUEST_BYTES" in message

    # Without a declared length (chunked), it is counted as it arrives.
    sent = []

    def chunks():
        for _ in range(100):
            sent.append(1)
            yield b"x" * 100

    response = client.post(
        "/api/articles", content=chunks(), headers=AUTH | {"Content-Type": "application/json"}
    )
    assert error_of(response, 413)["type"] == "PayloadTooLarge"
    assert client.get("/api/articles/big").status_code == 404


def _guard(app):
    app.build_middleware_stack()  # the stack Starlette builds on the first request
    layer = app.middleware_stack
    while type(layer).__name__ != "Guard":
        layer = layer.app
    return layer


def _raw_post(port: int, headers: str, body_bytes: int) -> tuple[bytes, float, int]:
    """POST with the given headers, then try to send `body_bytes`; returns the answer's head,
    the seconds until it came and how many body bytes the server let us send meanwhile."""
    sock = socket.create_connection(("127.0.0.1", port))
    sock.settimeout(10)
    started = time.monotonic()
    sock.sendall(f"POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}\r\n".encode())
    sent = 0
    sock.setblocking(False)
    chunk = b"x" * 65536
    answer = b""
    while time.monotonic() - started < 10 and sent < body_bytes:
        try:
            answer += sock.recv(65536)
            if b"\r\n\r\n" in answer:
                break
        except BlockingIOError:
            pass
        try:
            sent += sock.send(chunk)
        except (BlockingIOError, ConnectionError):
            time.sleep(0.01)
    sock.setblocking(True)
    while b"\r\n\r\n" not in answer:
        answer += sock.recv(65536)
    sock.close()
    return answer.split(b"\r\n\r\n")[0], time.monotonic() - started, sent


@pytest.fixture(scope="module")
def live(app):
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield port
    server.should_exit = True
    thread.join(10)


@pytest.mark.parametrize(
    "headers, status",
    [
        ("Content-Type: application/json\r\nContent-Length: 200000000\r\n", b"401"),
        ("Authorization: Bearer wrong\r\nContent-Length: 200000000\r\n", b"403"),
        (f"Authorization: Bearer {TOKEN}\r\nContent-Length: 200000000\r\n", b"413"),
    ],
    ids=["no token", "wrong token", "over the cap"],
)
def test_a_200_mb_post_is_answered_before_its_body_is_read(live, headers, status):
    head, seconds, sent = _raw_post(live, headers, 200_000_000)
    assert head.split()[1] == status and seconds < 5
    assert sent < 50_000_000  # the answer came long before the body could have been read
