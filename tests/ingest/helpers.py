"""An offline web for ingest tests: pages and feeds served by httpx.MockTransport."""

from __future__ import annotations

import httpx

from eventwire.ingest.web import Fetcher

PUBLIC_IP = "93.184.215.14"  # any global address: the resolver below is fake, nothing leaves the machine

PAGE = """<html><head><title>{title}</title><link rel="canonical" href="{canonical}">
<meta property="article:published_time" content="{date}"></head>
<body><article><h1>{title}</h1><p>{body}</p></article></body></html>"""


def rss(items: list[tuple[str, str, str]]) -> str:
    """An RSS 2.0 feed of (title, link, RFC 822 date) items."""
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><pubDate>{d}</pubDate></item>" for t, link, d in items
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"<link>https://news.example/</link>{entries}</channel></rss>"
    )


class FakeWeb:
    """URL -> (status, content type, body); unknown hosts are unreachable. Counts requests."""

    def __init__(self, routes: dict[str, tuple[int, str, str | bytes]], down: set[str] = frozenset()):
        self.routes, self.down, self.requests = routes, set(down), []

    def handler(self, request: httpx.Request) -> httpx.Response:
        # The fetcher sends a request to the address it checked, with the name in Host.
        url = str(request.url.copy_with(host=request.headers["host"]))
        self.requests.append(url)
        if request.url.host in self.down or url not in self.routes:
            raise httpx.ConnectError(f"cannot connect to {request.url.host}", request=request)
        status, ctype, body = self.routes[url]
        headers = {"content-type": ctype}
        if status in (301, 302):
            return httpx.Response(status, headers={"location": body}, request=request)
        return httpx.Response(
            status,
            headers=headers,
            content=body.encode("utf-8") if isinstance(body, str) else body,
            request=request,
        )

    def fetcher(self, **kwargs) -> Fetcher:
        return Fetcher(
            transport=httpx.MockTransport(self.handler), resolve=lambda host: [PUBLIC_IP], **kwargs
        )
