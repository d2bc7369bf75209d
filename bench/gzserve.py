"""A static file server for a built site that compresses text with gzip, as a web host would.

Python's `http.server` sends everything uncompressed; a visitor's browser would download
more than from any real host. This handler gzips text types (level 6, the usual default
of nginx and Apache) when the browser accepts it, and sends images and fonts as they are.
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

COMPRESSLEVEL = 6
# Content types worth compressing.
_TEXT = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml",
         "application/rss+xml", "application/atom+xml", "application/x-bibtex")


class _GzipHandler(SimpleHTTPRequestHandler):
    """Serves files; compresses text types for clients that send Accept-Encoding: gzip."""

    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map, ".js": "application/javascript",
        ".bib": "application/x-bibtex", ".ics": "text/calendar"}

    def do_GET(self) -> None:
        """Answer a GET, gzipped where it pays off; directories without '/' get redirected."""
        target = Path(self.translate_path(self.path))
        if target.is_dir() and urlsplit(self.path).path.endswith("/"):
            target = target / "index.html"
        kind = self.guess_type(str(target))
        if target.is_file() and "gzip" in self.headers.get("Accept-Encoding", "") and kind.startswith(_TEXT):
            self._send_gzipped(target.read_bytes(), kind)
        else:
            super().do_GET()

    # Send a 200 response with a gzipped body.
    def _send_gzipped(self, data: bytes, kind: str) -> None:
        body = gzip.compress(data, compresslevel=COMPRESSLEVEL, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet: the benchmark prints its own table."""


@contextmanager
def serving(site: Path) -> Iterator[str]:
    """Serve a built site on a free loopback port with gzip; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_GzipHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
