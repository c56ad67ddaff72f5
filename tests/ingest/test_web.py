"""URL guards, canonical URLs, feeds and fetching, all offline (httpx.MockTransport)."""

import httpx
import pytest

from eventwire.ingest.web import (
    Fetcher,
    FetchError,
    Page,
    canonical_url,
    check_address,
    entry_date,
    feed_entries,
    normalize_url,
)

from .helpers import FakeWeb, rss


@pytest.mark.parametrize(
    "url, expected",
    [
        ("HTTPS://News.Example:443/a/b/?utm_source=x&id=2&fbclid=y#top", "https://news.example/a/b?id=2"),
        ("http://news.example:80", "http://news.example/"),
        ("http://news.example:8080/x?b=2&a=1", "http://news.example:8080/x?a=1&b=2"),
        ("https://news.example/story?ref=rss", "https://news.example/story"),
        ("https://news.example/story?page=2", "https://news.example/story?page=2"),  # a real parameter stays
    ],
)
def test_normalize_url(url, expected):
    assert normalize_url(url) == expected


@pytest.mark.parametrize(
    "html, expected",
    [
        ('<link rel="canonical" href="https://news.example/s/1?utm_medium=x">', "https://news.example/s/1"),
        (
            "<link href='/s/2' rel='canonical'>",
            "https://news.example/s/2",
        ),  # relative, attributes in any order
        (
            '<link rel="alternate" href="https://amp.example/s/1">',
            "https://news.example/amp/1",
        ),  # not canonical
        ('<link rel="canonical" href="javascript:alert(1)">', "https://news.example/amp/1"),
        (None, "https://news.example/amp/1"),
    ],
)
def test_canonical_url(html, expected):
    assert canonical_url("https://news.example/amp/1?utm_campaign=c", html) == expected


@pytest.mark.parametrize(
    "url, allowed",
    [
        ("https://8.8.8.8/x", True),
        ("http://127.0.0.1:8000/", False),
        ("http://[::1]/", False),
        ("http://10.1.2.3/", False),
        ("http://192.168.0.10/", False),
        ("http://169.254.169.254/latest/meta-data", False),  # cloud metadata
        ("http://100.64.0.1/", False),  # carrier-grade NAT
        ("http://localhost/", False),  # resolves to loopback
        ("ftp://8.8.8.8/file", False),
        ("file:///etc/passwd", False),
        # IPv6 forms that carry an IPv4 address lead to that address.
        ("http://[::ffff:127.0.0.1]/", False),
        ("http://[::ffff:8.8.8.8]/", True),
        ("http://[64:ff9b::127.0.0.1]/", False),  # NAT64 to loopback
        ("http://[64:ff9b::10.0.0.1]/", False),
        ("http://[64:ff9b::169.254.169.254]/", False),
        ("http://[64:ff9b::8.8.8.8]/", True),  # how an IPv6-only network reaches a public site
        ("http://[64:ff9b:1::a00:1]/", False),
        # Deprecated and tunnel forms are refused whatever they carry.
        ("http://[::127.0.0.1]/", False),
        ("http://[::8.8.8.8]/", False),
        ("http://[2002:7f00:1::]/", False),  # 6to4 of 127.0.0.1
        ("http://[2002:808:808::1]/", False),
        ("http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", False),  # Teredo
        ("http://[fec0::1]/", False),  # site-local
        ("http://[2606:4700::1111]/", True),
        ("http://v6.example/", False),  # a name resolving to a NAT64 form of a private address
    ],
)
def test_check_address(url, allowed):
    def resolve(host):
        return {"localhost": ["127.0.0.1"], "v6.example": ["2606:4700::1", "64:ff9b::c0a8:1"]}.get(
            host, ["8.8.8.8"]
        )

    if allowed:
        check_address(url, allow_private=False, resolve=resolve)
    else:
        with pytest.raises(FetchError):
            check_address(url, allow_private=False, resolve=resolve)


@pytest.mark.parametrize(
    "url, sent_to, host, server_name",
    [
        ("https://n.example/a", "https://93.184.215.14/a", "n.example", "n.example"),
        ("http://n.example:8080/a", "http://93.184.215.14:8080/a", "n.example:8080", None),
    ],
)
def test_a_request_goes_to_the_address_that_was_checked(url, sent_to, host, server_name):
    seen = []

    def handler(request):
        seen.append((str(request.url), request.headers["host"], request.extensions.get("sni_hostname")))
        return httpx.Response(
            200, headers={"content-type": "text/html"}, content=b"<p>ok</p>", request=request
        )

    answers = iter([["93.184.215.14"], ["127.0.0.1"]])  # a name that points home once checked
    with Fetcher(transport=httpx.MockTransport(handler), resolve=lambda name: next(answers)) as fetcher:
        assert fetcher.fetch(url).url == url
    assert seen == [(sent_to, host, server_name)]


def test_behind_a_proxy_the_address_is_checked_but_not_pinned(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    with Fetcher() as fetcher:
        assert not fetcher.pin


def test_allow_private_lets_loopback_through_but_not_other_schemes():
    check_address("http://127.0.0.1:8000/", allow_private=True)
    with pytest.raises(FetchError, match="not an http"):
        check_address("file:///etc/passwd", allow_private=True)


def _fetch(routes, url, **kwargs):
    with FakeWeb(routes).fetcher(**kwargs) as fetcher:
        return fetcher.fetch(url)


@pytest.mark.parametrize(
    "routes, url, message",
    [
        ({"https://n.example/a": (200, "image/png", b"\x89PNG")}, "https://n.example/a", "image/png"),
        ({"https://n.example/a": (404, "text/html", "gone")}, "https://n.example/a", "HTTP 404"),
        ({}, "https://down.example/a", "unreachable"),
        ({"https://n.example/a": (302, "", "http://10.0.0.1/admin")}, "https://n.example/a", "non-public"),
        ({"https://n.example/a": (302, "", "https://n.example/a")}, "https://n.example/a", "redirects more"),
        ({"https://n.example/a": (200, "text/html", "x" * 5000)}, "https://n.example/a", "over the limit"),
    ],
)
def test_fetch_refusals(routes, url, message):
    with pytest.raises(FetchError, match=message):
        _fetch(routes, url, max_bytes=1000)


def test_fetch_follows_a_redirect_and_times_out_cleanly():
    page = _fetch(
        {"https://n.example/a": (301, "", "/b"), "https://n.example/b": (200, "text/html", "<p>ok</p>")},
        "https://n.example/a",
    )
    assert (page.url, page.content_type, page.body) == ("https://n.example/b", "text/html", b"<p>ok</p>")

    def slow(request):
        raise httpx.ReadTimeout("slow", request=request)

    fetcher = Fetcher(transport=httpx.MockTransport(slow), resolve=lambda host: ["8.8.8.8"])
    with pytest.raises(FetchError, match="timed out"):
        fetcher.fetch("https://slow.example/")


@pytest.mark.parametrize(
    "content_type, body, is_feed",
    [
        ("application/rss+xml", b"anything", True),
        ("text/xml", b'<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>', True),
        ("application/xml", b"<feed xmlns='http://www.w3.org/2005/Atom'></feed>", True),
        ("", b"\xef\xbb\xbf<?xml version='1.0'?><!-- c --><rdf:RDF></rdf:RDF>", True),
        ("text/xml", b"<?xml version='1.0'?><note>not a feed</note>", False),
        ("text/html", b"<rss>in a page</rss>", False),
    ],
)
def test_feed_recognised_by_type_or_by_its_root(content_type, body, is_feed):
    assert Page("https://n.example/f", content_type, body).is_feed is is_feed


def test_feed_entries_keep_the_local_publication_date():
    body = rss([("A", "/story/a", "Fri, 09 May 2025 23:30:00 +0500"), ("No date", "https://n.example/b", "")])
    entries = feed_entries(Page("https://n.example/feed", "application/rss+xml", body.encode()))
    assert [e.link for e in entries] == ["https://n.example/story/a", "https://n.example/b"]
    assert entries[0].published == "2025-05-09T23:30:00+05:00"  # UTC would be the 9th too late in the day
    assert entries[1].published is None


@pytest.mark.parametrize(
    "entry, expected",
    [
        ({"published": "2025-05-10T09:30:00Z"}, "2025-05-10T09:30:00+00:00"),
        ({"updated": "Sat, 10 May 2025 01:00:00 GMT"}, "2025-05-10T01:00:00+00:00"),
        (
            {"published": "sometime", "published_parsed": (2025, 5, 10, 1, 2, 3, 0, 0, 0)},
            "2025-05-10T01:02:03+00:00",
        ),
        ({}, None),
    ],
)
def test_entry_date(entry, expected):
    assert entry_date(entry) == expected


def test_watch_fetcher_revalidates_feeds_with_their_etag():
    seen = []
    feed = rss([("A", "https://n.example/a", "Sat, 10 May 2025 08:00:00 +0000")]).encode()

    def handler(request):
        seen.append(request.headers.get("if-none-match"))
        if request.headers.get("if-none-match") == '"v1"':
            return httpx.Response(304, request=request)
        return httpx.Response(
            200,
            headers={"content-type": "application/rss+xml", "etag": '"v1"'},
            content=feed,
            request=request,
        )

    for revalidate, expected in [(True, [None, '"v1"']), (False, [None, None])]:
        seen.clear()
        with Fetcher(
            transport=httpx.MockTransport(handler), resolve=lambda h: ["8.8.8.8"], revalidate_feeds=revalidate
        ) as fetcher:
            first, second = fetcher.fetch("https://n.example/feed"), fetcher.fetch("https://n.example/feed")
        assert seen == expected and first.body == second.body == feed


class DrippingServer:
    """A server on 127.0.0.1 that answers every request one byte at a time, every `pause`
    seconds: headers first (`headers=True`: a status line that never ends) or the body."""

    def __init__(self, pause: float, headers: bool):
        import socket
        import threading

        self.pause, self.headers = pause, headers
        self.stop = threading.Event()
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/slow"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        import contextlib

        self.sock.settimeout(0.2)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn, contextlib.suppress(OSError):
                conn.recv(65536)
                if self.headers:
                    head, body = b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 10_000, b""
                else:
                    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"
                    conn.sendall(head)
                    head, body = b"", b"<p>" + b"x" * 99_997
                for byte in (head or body)[:2000]:
                    if self.stop.wait(self.pause):
                        break
                    conn.sendall(bytes([byte]))

    def close(self):
        self.stop.set()
        self.sock.close()


@pytest.mark.parametrize("headers", [False, True], ids=["dripping body", "dripping headers"])
def test_a_server_dripping_bytes_cannot_hold_a_fetch_past_its_time_limit(headers):
    import time

    server = DrippingServer(pause=0.2, headers=headers)
    try:
        with Fetcher(allow_private=True, timeout=1.0) as fetcher:
            assert fetcher.pin  # the real socket transport, not an injected one
            started = time.monotonic()
            with pytest.raises(FetchError, match="timed out"):
                fetcher.fetch(server.url)
            assert time.monotonic() - started < 2.0
    finally:
        server.close()
