"""Fetching URLs safely: bounded in size and time, and never into private networks by default.

Article URLs come from feeds and users' lists, i.e. from the internet. A URL that resolves to
loopback, a private range or a link-local address is refused unless `allow_private` is set, and
every redirect hop is checked the same way, so a public page cannot bounce us onto the LAN.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urljoin, urlsplit

import httpx

from corroborator.errors import FetchError
from corroborator.settings import Settings


@dataclass(frozen=True, slots=True)
class Fetched:
    """A downloaded resource: final URL after redirects, body bytes and declared type."""

    url: str
    content: bytes
    content_type: str | None
    charset: str | None


def check_url_allowed(url: str, *, allow_private: bool) -> None:
    """Raise FetchError unless `url` is http(s) and every address its host resolves to is public."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"unsupported URL scheme {parts.scheme!r}: only http and https are fetched")
    host = parts.hostname
    if not host:
        raise FetchError("URL has no host name")
    if allow_private:
        return
    for address in _resolve(host, parts.port or (443 if parts.scheme == "https" else 80)):
        if not address.is_global:
            raise FetchError(
                f"refused: {host} resolves to {address}, a loopback/private address "
                "(use --allow-private to fetch from your own network)"
            )


def _resolve(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host}: {exc}") from exc
    addresses = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        addresses.append(address)
    return addresses


class Fetcher:
    """An HTTP client with corroborator's limits; reuse one for a whole batch."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.client = httpx.Client(
            timeout=httpx.Timeout(settings.timeout),
            follow_redirects=False,
            headers={"User-Agent": settings.user_agent, "Accept": "text/html,application/xhtml+xml,*/*"},
        )

    def fetch(self, url: str) -> Fetched:
        """Download `url` following checked redirects; raise FetchError with the reason."""
        deadline = time.monotonic() + self.settings.timeout
        current = url
        for _ in range(self.settings.max_redirects + 1):
            check_url_allowed(current, allow_private=self.settings.allow_private)
            outcome = self._get(current, deadline)
            if isinstance(outcome, Fetched):
                return outcome
            current = outcome
        raise FetchError(f"too many redirects (more than {self.settings.max_redirects})")

    def _get(self, url: str, deadline: float) -> Fetched | str:
        """GET once: the downloaded resource, or the URL a redirect points to."""
        try:
            with self.client.stream("GET", url) as response:
                if response.is_redirect and "location" in response.headers:
                    return urljoin(url, response.headers["location"])
                if response.status_code >= 400:
                    raise FetchError(f"HTTP {response.status_code} {response.reason_phrase} from {url}")
                body = self._read_bounded(response, deadline)
                content_type, charset = _parse_content_type(response.headers.get("content-type"))
                return Fetched(str(response.url), body, content_type, charset)
        except httpx.TimeoutException as exc:
            raise FetchError(f"timed out after {self.settings.timeout:g} s fetching {url}") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"could not fetch {url}: {type(exc).__name__}: {exc}") from exc

    def _read_bounded(self, response: httpx.Response, deadline: float) -> bytes:
        limit = self.settings.max_bytes
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise FetchError(
                f"response is {int(declared):,} bytes, over the {limit:,}-byte limit (--max-bytes)"
            )
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(f"response is over the {limit:,}-byte limit (--max-bytes)")
            if time.monotonic() > deadline:
                raise FetchError(f"timed out after {self.settings.timeout:g} s fetching {response.url}")
            chunks.append(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _parse_content_type(header: str | None) -> tuple[str | None, str | None]:
    if not header:
        return None, None
    message = Message()
    message["content-type"] = header
    charset = message.get_param("charset")
    return message.get_content_type(), charset if isinstance(charset, str) else None
