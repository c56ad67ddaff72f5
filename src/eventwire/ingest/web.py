"""Fetching pages and feeds over HTTP(S): the only network I/O in eventwire.

A `Fetcher` wraps an httpx client whose transport can be injected, so tests run offline
(httpx.MockTransport) or against a loopback server they start. It guards the user's
machine: only http and https, a time limit, a size cap, an allow-list of content types,
and no loopback, private, link-local or otherwise non-public addresses unless
`allow_private` is set (feeds are untrusted input: an entry could point at a router or a
cloud metadata endpoint). The time limit is for the whole fetch, not per read (see
`deadline.py`). Redirects are followed by hand so every hop is checked, and each
request goes to the address that was checked (a host name is resolved once), so a name
that resolves to another address a moment later cannot slip past the check.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import hashlib
import ipaddress
import re
import socket
import time
import urllib.request
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import SplitResult, parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import httpx

from ..errors import InputError
from ..settings import get_settings
from .deadline import Deadline, DeadlineTransport
from .files import decode_bytes

FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml"}
XML_TYPES = {"application/xml", "text/xml"}
PAGE_TYPES = {"text/html", "application/xhtml+xml", "text/plain"}
ALLOWED_TYPES = FEED_TYPES | XML_TYPES | PAGE_TYPES
MAX_REDIRECTS = 5
#: Longest URL fetched or kept as an article's identity (servers refuse longer ones with 414).
MAX_URL_CHARS = 8192
USER_AGENT = "eventwire (news event coder; +local use)"

# Query parameters that only track the reader: dropping them makes one story one URL.
_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|ocid|cmpid|smid|ncid|"
    r"ref|ref_src|taid|at_medium|at_campaign|icid|sr_share|_ga)$",
    re.I,
)
_LINK_TAG = re.compile(r"<link\b[^>]*>", re.I)
_ATTR = re.compile(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_FEED_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.S)


class FetchError(InputError):
    """A URL or feed could not be fetched (unreachable, refused, too big, wrong type)."""


@dataclass(frozen=True)
class Page:
    url: str  # after redirects
    content_type: str
    body: bytes

    @property
    def text(self) -> str:
        return decode_bytes(self.body)

    @property
    def is_feed(self) -> bool:
        """A feed by its declared type, or XML whose root is rss, feed or rdf:RDF."""
        if self.content_type in FEED_TYPES:
            return True
        if self.content_type in XML_TYPES or not self.content_type:
            return bool(_FEED_START.match(self.body[:4096].lstrip(b"\xef\xbb\xbf")))
        return False


def shown_url(url: str, longest: int = 200) -> str:
    """A URL as a message repeats it: cut to `longest` characters."""
    return url if len(url) <= longest else f"{url[:longest]}... ({len(url):,} characters)"


def split_url(url: str) -> SplitResult:
    """urlsplit, with the checks it leaves for later made now: FetchError for a URL that is not
    a string, is over MAX_URL_CHARS, has a malformed host (an unclosed '[') or a port outside
    0-65535, so a bad link in a feed is one failure, not a crash."""
    if not isinstance(url, str):
        raise FetchError(f"a URL must be a string, not {type(url).__name__}.")
    if len(url) > MAX_URL_CHARS:
        raise FetchError(
            f"{shown_url(url)} is over the limit of {MAX_URL_CHARS:,} characters for a URL; "
            "it is not fetched."
        )
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as exc:
        raise FetchError(f"{shown_url(url)} is not a valid URL ({exc}); check its host and port.") from None
    return parts


def normalize_url(url: str) -> str:
    """One spelling per URL: lower-case scheme and host, no default port, no fragment, no
    tracking parameters, sorted query. FetchError for a malformed URL (see `split_url`)."""
    parts = split_url(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    query = urlencode(
        sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k))
    )
    path = parts.path or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/")
    return urlunsplit((scheme, netloc, path, query, ""))


def declared_canonical(html: str | None, base: str | None = None) -> str | None:
    """The absolute http(s) URL a page declares with <link rel="canonical">, normalised."""
    for tag in _LINK_TAG.findall(html[:200_000] if html else ""):
        attrs = {m[0].lower(): m[1] or m[2] or m[3] for m in _ATTR.findall(tag)}
        if "canonical" in attrs.get("rel", "").lower().split() and attrs.get("href"):
            try:
                target = urljoin(base if isinstance(base, str) else "", attrs["href"].strip())
                parts = split_url(target)
            except (ValueError, FetchError):
                continue  # a malformed canonical link declares nothing
            if parts.scheme in ("http", "https") and parts.hostname:
                return normalize_url(target)
    return None


def canonical_url(url: str, html: str | None = None) -> str:
    """The page's declared canonical URL, else the URL itself, normalised."""
    return declared_canonical(html, url) or normalize_url(url)


def article_id_for(url: str) -> str:
    """A short, stable article id for a web article (URLs make awkward ids in API paths)."""
    return "web-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


Resolver = Callable[[str], list[str]]


def resolve_host(host: str) -> list[str]:
    """The addresses a host name resolves to (the system resolver)."""
    return sorted({str(info[4][0]) for info in socket.getaddrinfo(host, None)})


def check_address(url: str, allow_private: bool, resolve: Resolver = resolve_host) -> str | None:
    """FetchError unless the URL is http(s) to a public address (or private ones are allowed);
    the checked address of a host name, to connect to (None when there is nothing to pin)."""
    parts = split_url(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{shown_url(url)!r} is not an http or https URL; only those are fetched.")
    if allow_private:
        return None
    host = parts.hostname
    try:
        addresses = [host] if _is_ip(host) else resolve(host)
    except OSError as exc:
        raise FetchError(
            f"cannot resolve the host of {url} ({exc}); check the address and the network."
        ) from None
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not is_public(ip):
            raise FetchError(
                f"{url} points at a non-public address ({ip}); refused so that feeds cannot reach "
                "your own network. Pass --allow-private to fetch it anyway."
            )
    return None if _is_ip(host) or not addresses else addresses[0]


# IPv6 forms that carry an IPv4 address: a translator (NAT64) or the mapping itself takes
# the request to that IPv4 address, so it must be public. The well-known NAT64 prefix is
# how IPv6-only networks (DNS64) reach every IPv4 site, so it stays usable for public ones.
_V6_CARRYING_V4 = tuple(ipaddress.ip_network(n) for n in ("64:ff9b::/96", "64:ff9b:1::/48"))
# Deprecated or tunnel forms no public site is reached by, refused whatever they carry:
# IPv4-compatible (::a.b.c.d), site-local (fec0::/10), 6to4 (2002::/16), Teredo (2001::/32).
_V6_REFUSED = tuple(ipaddress.ip_network(n) for n in ("::/96", "fec0::/10", "2002::/16", "2001::/32"))


def is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True for a global unicast address; an IPv6 address carrying an IPv4 one is judged by
    the IPv4 address it leads to."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return is_public(ip.ipv4_mapped)
        if any(ip in net for net in _V6_REFUSED):
            return False
        if any(ip in net for net in _V6_CARRYING_V4):
            return is_public(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return ip.is_global and not ip.is_multicast


def _pinned(url: str, address: str | None) -> tuple[str, dict[str, str], dict[str, str]]:
    """The request for `url` sent to `address`: (URL, headers, extensions). The Host header
    and, for https, the TLS server name (which the certificate is checked against) keep the
    host name."""
    if address is None:
        return url, {}, {}
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    ip = f"[{address}]" if ":" in address else address
    extensions = {"sni_hostname": host} if parts.scheme == "https" else {}
    return urlunsplit(parts._replace(netloc=ip + port)), {"Host": host + port}, extensions


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return False


class Fetcher:
    """Fetches URLs with the guards above. Use as a context manager, or call `close`."""

    def __init__(
        self,
        transport: httpx.BaseTransport | None = None,
        allow_private: bool = False,
        timeout: float = 20.0,
        max_bytes: int | None = None,
        resolve: Resolver = resolve_host,
        revalidate_feeds: bool = False,
    ):
        self.allow_private = allow_private
        # With revalidate_feeds (for `watch`), a feed fetched before is asked for again with
        # its ETag / Last-Modified, and a 304 answer reuses the copy kept here: polling every
        # few minutes then costs the site almost nothing.
        self.revalidate_feeds = revalidate_feeds
        self._feeds: dict[str, tuple[dict[str, str], Page]] = {}
        self.max_bytes = max_bytes or get_settings().max_article_bytes
        self.resolve = resolve
        # Through a proxy, the proxy resolves the name and the TLS server name must stay the
        # host name: the address is checked but not pinned.
        proxied = bool(urllib.request.getproxies())
        self.pin = transport is not None or not proxied
        # `timeout` is the total time of one fetch, redirects included: each socket operation
        # waits at most the time left (`deadline.py`), so a server dripping bytes cannot hold
        # a fetch longer. An injected transport, or httpx's proxy transports, are checked
        # between chunks of the body only.
        self.timeout = timeout
        self.deadline = Deadline()
        if transport is None and not proxied:
            transport = DeadlineTransport(self.deadline)
        self.client = httpx.Client(
            transport=transport,
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT},
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def fetch(self, url: str) -> Page:
        """The page at `url`; FetchError with the reason when it cannot be had (also when it
        takes longer than `timeout` seconds in all)."""
        self.deadline.at = time.monotonic() + self.timeout
        try:
            return self._fetch(url)
        finally:
            self.deadline.at = None

    def _fetch(self, url: str) -> Page:
        asked = url
        for _ in range(MAX_REDIRECTS + 1):
            address = check_address(url, self.allow_private, self.resolve)
            target, headers, extensions = _pinned(url, address if self.pin else None)
            validators, kept = self._feeds.get(url, ({}, None))
            try:
                with self.client.stream(
                    "GET", target, headers=headers | validators, extensions=extensions
                ) as response:
                    if response.is_redirect and "location" in response.headers:
                        url = urljoin(url, response.headers["location"])
                        continue
                    if response.status_code == 304:
                        if kept is None:
                            raise FetchError(
                                f"{url} answered 304 Not Modified to a request that had no validators."
                            )
                        return kept
                    page = self._page(url, response)
                    self._keep(asked, page, response.headers)
                    return page
            except httpx.TimeoutException:
                raise FetchError(
                    f"{url} timed out (over {self.timeout:g} s in all); the site may be slow or down, "
                    "try again later."
                ) from None
            except httpx.HTTPError as exc:
                raise FetchError(f"{url} is unreachable ({type(exc).__name__}: {exc}).") from None
            except (httpx.InvalidURL, ValueError) as exc:  # a malformed redirect target, say
                raise FetchError(f"{shown_url(url)} is not a valid URL ({exc}).") from None
        raise FetchError(f"{url} redirects more than {MAX_REDIRECTS} times; giving up.")

    def _keep(self, url: str, page: Page, headers: httpx.Headers) -> None:
        """Remember a feed's validators for the next poll (feeds only: pages are not re-read)."""
        if not self.revalidate_feeds or not page.is_feed:
            return
        validators = {}
        if headers.get("etag"):
            validators["If-None-Match"] = headers["etag"]
        if headers.get("last-modified"):
            validators["If-Modified-Since"] = headers["last-modified"]
        if validators:
            self._feeds[url] = (validators, page)

    def _page(self, url: str, response: httpx.Response) -> Page:
        if response.status_code >= 400:
            raise FetchError(f"{url} answered HTTP {response.status_code}.")
        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type and content_type not in ALLOWED_TYPES:
            raise FetchError(
                f"{url} is {content_type}, not a news page or feed; "
                f"eventwire reads {', '.join(sorted(ALLOWED_TYPES))}."
            )
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(
                f"{url} is {int(declared) / 1e6:.1f} MB, over the limit of "
                f"{self.max_bytes / 1e6:.1f} MB (EVENTWIRE_MAX_ARTICLE_BYTES)."
            )
        body = bytearray()
        for chunk in response.iter_bytes():
            if self.deadline.at is not None and time.monotonic() > self.deadline.at:
                raise httpx.ReadTimeout("the total time limit of the request is over")
            body += chunk
            if len(body) > self.max_bytes:
                raise FetchError(
                    f"{url} is over the limit of {self.max_bytes / 1e6:.1f} MB "
                    "(EVENTWIRE_MAX_ARTICLE_BYTES); not read further."
                )
        return Page(str(url), content_type, bytes(body))


@dataclass(frozen=True)
class FeedEntry:
    link: str
    title: str | None
    published: str | None  # ISO 8601, with the feed's own offset when it gives one


def feed_entries(page: Page) -> list[FeedEntry]:
    """The entries of an RSS/Atom feed that link to a page; FetchError if it is no feed."""
    import feedparser  # imported here: only feeds need it

    parsed = feedparser.parse(page.body)
    if not parsed.get("version") and not parsed.entries:
        raise FetchError(f"{page.url} is not an RSS or Atom feed that eventwire can read.")
    entries = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        # A malformed link is kept as it is: fetching it records the failure of this one entry.
        with contextlib.suppress(ValueError):
            link = urljoin(page.url, link)
        entries.append(FeedEntry(link, entry.get("title"), entry_date(entry)))
    return entries


def entry_date(entry) -> str | None:
    """The entry's publication (else update) time, keeping its own UTC offset so the local
    date stays right; None when the feed gives no readable date."""
    for key in ("published", "updated", "created"):
        with warnings.catch_warnings():  # feedparser warns about its updated/published alias
            warnings.simplefilter("ignore", DeprecationWarning)
            raw = entry.get(key)
        if not raw:
            continue
        try:
            return email.utils.parsedate_to_datetime(raw).isoformat()
        except (TypeError, ValueError):
            pass
        try:
            return dt.datetime.fromisoformat(raw.replace("Z", "+00:00")).isoformat()
        except ValueError:
            pass
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return dt.datetime(*parsed[:6]).replace(tzinfo=dt.UTC).isoformat()
    return None


def page_date(html: str, url: str | None = None) -> str | None:
    """The publication date a page declares (htmldate, metadata and markup only)."""
    import htmldate  # imported here: it costs import time and only HTML needs it

    try:
        return htmldate.find_date(html, extensive_search=False, original_date=True, url=url)
    except Exception:  # noqa: BLE001 - a page without a readable date simply has none
        return None
