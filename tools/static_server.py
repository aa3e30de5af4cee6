"""Serve a built site on 127.0.0.1 the way the README's host configuration does: gzip for
text files, the 404 page of the path's language, long caching for assets. Used by the audit,
the search probe (and so the benchmark) and the tests, so all of them see what readers get."""

from __future__ import annotations

import contextlib
import functools
import gzip
import io
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

#: Text that a host compresses; Pagefind's own index files are compressed already.
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".webmanifest")


class Handler(SimpleHTTPRequestHandler):
    """Static files as a production host serves them."""

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and not self.path.split("?")[0].endswith("/"):
            return super().send_head()  # redirect to the folder
        target = path / "index.html" if path.is_dir() else path
        if not target.is_file():
            return self._send(404, (Path(self.directory) / ("en/404.html" if self.path.startswith("/en/") else "404.html")).read_bytes(),
                              "text/html; charset=utf-8")
        if "gzip" not in self.headers.get("Accept-Encoding", "") or target.suffix not in COMPRESSIBLE:
            return super().send_head()
        return self._send(200, gzip.compress(target.read_bytes(), mtime=0), self.guess_type(str(target)), gzip_encoded=True,
                          cache="public, max-age=31536000" if "/assets/" in target.as_posix() else "no-cache")

    def _send(self, status: int, body: bytes, content_type: str, gzip_encoded: bool = False, cache: str = "no-cache"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if gzip_encoded:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache)
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(site: Path, port: int = 0) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 (`port`, or a free one); yields its base URL, without a trailing slash."""
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
