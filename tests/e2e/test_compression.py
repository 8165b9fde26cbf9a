"""Text assets travel compressed (issue 23): the build precompresses the exported JS, CSS and
HTML (rxconfig's frontend_compression_formats) and the server answers with the copy the
request's Accept-Encoding prefers — brotli, else gzip, else the file itself — saying so in
Content-Encoding and Vary, with the same Cache-Control as the plain file."""

from __future__ import annotations

import gzip
import re
import urllib.request

import brotli


def _get(url: str, accept_encoding: str) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": accept_encoding})
    with urllib.request.urlopen(request, timeout=10) as response:
        return {k.lower(): v for k, v in response.headers.items()}, response.read()


def _assets(server: str) -> list[str]:
    _, page = _get(f"{server}/login", "identity")
    paths = sorted(set(re.findall(rb'"(/assets/[^"]+\.(?:js|css))"', page)))
    assert paths, "the login page names no built asset"
    return [path.decode() for path in paths]


def test_assets_are_served_as_brotli_and_decode_to_the_same_bytes(server):
    css = [path for path in _assets(server) if path.endswith(".css")]
    js = [path for path in _assets(server) if path.endswith(".js")]
    assert css and js
    for path in (css[0], js[0], js[-1]):
        plain_headers, plain = _get(f"{server}{path}", "identity")
        assert "content-encoding" not in plain_headers
        headers, body = _get(f"{server}{path}", "gzip, deflate, br, zstd")
        assert headers["content-encoding"] == "br", path
        assert "accept-encoding" in headers["vary"].lower()
        assert headers["cache-control"] == "public, max-age=31536000, immutable"
        assert len(body) < len(plain)
        assert brotli.decompress(body) == plain


def test_gzip_when_the_client_takes_no_brotli(server):
    path = next(path for path in _assets(server) if path.endswith(".css"))
    _, plain = _get(f"{server}{path}", "identity")
    headers, body = _get(f"{server}{path}", "gzip")
    assert headers["content-encoding"] == "gzip"
    assert gzip.decompress(body) == plain
    refused, _ = _get(f"{server}{path}", "br;q=0, gzip;q=0")
    assert "content-encoding" not in refused


def test_pages_are_compressed_and_never_stored(server):
    for page in ("/login", "/invoices", "/"):
        _, plain = _get(f"{server}{page}", "identity")
        headers, body = _get(f"{server}{page}", "br, gzip")
        assert headers["content-encoding"] == "br", page
        assert "accept-encoding" in headers["vary"].lower(), page
        assert headers["cache-control"] == "no-store", page
        assert brotli.decompress(body) == plain, page
