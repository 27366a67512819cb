"""Shared fixtures: a fresh database per test and a real HTTP server on 127.0.0.1.

The server serves the saved pages in `tests/resources/site/` plus a few routes that misbehave on
purpose (slow, huge, erroring, redirecting), so fetching is tested over real sockets and no test
touches the internet.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from corroborator.settings import Settings
from corroborator.store import SQLiteStore, open_store

RESOURCES = Path(__file__).parent / "resources"
SITE = RESOURCES / "site"
SEEDS = RESOURCES / "seeds"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[SQLiteStore]:
    with open_store(db_path) as fresh:
        yield fresh


@pytest.fixture
def settings(db_path: Path) -> Settings:
    """Settings for tests: our own server is on loopback, so private addresses are allowed."""
    return Settings(db_path=db_path, allow_private=True, timeout=2.0)


class _Handler(BaseHTTPRequestHandler):
    server_version = "TestSite/1.0"

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        route = parts.path
        if route.startswith("/site/"):
            self._static(route.removeprefix("/site/"))
        elif route == "/slow":
            time.sleep(float(query.get("s", ["3"])[0]))
            self._send(200, b"<html><body><p>too late</p></body></html>", "text/html")
        elif route.startswith("/status/"):
            self._send(int(route.rsplit("/", 1)[1]), b"error page", "text/html")
        elif route == "/big":
            self._send(200, b"<p>" + b"word " * 400_000 + b"</p>", "text/html")
        elif route == "/big-chunked":
            self._chunked(b"<p>" + b"word " * 400_000 + b"</p>")
        elif route == "/redirect":
            self.send_response(302)
            self.send_header("Location", query["to"][0])
            self.end_headers()
        elif route == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
        else:
            self._send(404, b"not found", "text/plain")

    def _static(self, name: str) -> None:
        path = SITE / name
        if not path.is_file():
            self._send(404, b"not found", "text/plain")
            return
        body = path.read_bytes().replace(b"PLACEHOLDER", self.server.base_url.encode())  # type: ignore[attr-defined]
        kind = "application/rss+xml" if name.endswith(".xml") else "text/html"
        self._send(200, body, kind)

    def _send(self, code: int, body: bytes, kind: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _chunked(self, body: bytes) -> None:
        self.protocol_version = "HTTP/1.1"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for start in range(0, len(body), 65536):
            piece = body[start : start + 65536]
            self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
        self.wfile.write(b"0\r\n\r\n")


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """Clients that hang up early (size and time limits) are expected here, not errors."""


@pytest.fixture(scope="session")
def site() -> Iterator[str]:
    """Base URL of a real local HTTP server (127.0.0.1, random free port)."""
    server = _QuietServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    base = f"http://127.0.0.1:{server.server_address[1]}"
    server.base_url = base  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()
