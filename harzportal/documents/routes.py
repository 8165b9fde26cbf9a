"""HTTP route of the library: downloading a document version, streamed from private storage.

No valid session: 401 without details. Signed in but refused for any reason — another audience,
a withdrawn, unknown or damaged version, `..` in the path — the same 404, so the route reveals
nothing about which documents exist. The file is checked against its SHA-256 before it is sent,
then streamed in chunks (never read whole into memory).

A download counts once it is complete: a GET answered with the whole file (200) whose last chunk
was handed to the server, once per person, version and day (`library.record_download`). A HEAD
request, a Range request (206, a part of the file) and a transfer broken off write nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from urllib.parse import quote, unquote

from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from harzportal.core.actor import Actor
from harzportal.core.errors import DomainError
from harzportal.core.ids import parse_id
from harzportal.documents import library
from harzportal.shell.routes import NOT_FOUND_HEADERS, as_signed_in, not_found

URL_PREFIX = "/files/documents/"
LATEST = "latest"
STREAM_CHUNK = 256 * 1024  # Starlette sends 64 KB chunks: a server round per 64 KB
_TRANSLITERATE = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe",
                                "Ü": "Ue", "ß": "ss"})
_NOT_ASCII_SAFE = re.compile(r"[^A-Za-z0-9 ._()+,=@-]+")


def download_url(document_id: int | str, version_id: int | str = LATEST) -> str:
    return f"{URL_PREFIX}{document_id}/{version_id}"


def content_disposition(display_name: str) -> str:
    """RFC 6266: an ASCII fallback name plus the exact name as UTF-8 (filename*)."""
    suffix = Path(display_name).suffix
    fallback = unicodedata.normalize("NFKD", display_name.translate(_TRANSLITERATE))
    fallback = fallback.encode("ascii", "ignore").decode()
    fallback = " ".join(_NOT_ASCII_SAFE.sub("_", fallback).split()).strip(" .")
    if not fallback or fallback == suffix.lstrip("."):
        fallback = f"dokument{suffix}"
    return (f'attachment; filename="{fallback}"; '
            f"filename*=UTF-8''{quote(display_name, safe='')}")


def _not_signed_in() -> Response:
    return Response(b"", status_code=401, headers=NOT_FOUND_HEADERS)


def _has_dot_segment(request: Request) -> bool:
    raw = request.scope.get("raw_path") or request.url.path.encode()
    return ".." in unquote(raw.decode("latin-1")) or any(
        ".." in str(value) for value in request.path_params.values())


REFUSED_DOWNLOAD = object()  # signed in, but this file is not theirs to download


def _download(session: Session, actor: Actor, document_id: int | None, version_id: int | None,
              latest: bool):
    """The checked file, or REFUSED_DOWNLOAD (as_signed_in answers None without a session)."""
    if document_id is None or (version_id is None and not latest):
        return REFUSED_DOWNLOAD
    try:
        return library.find_download(session, actor, document_id, version_id)
    except DomainError:
        return REFUSED_DOWNLOAD


def _record(session: Session, actor: Actor, document_id: int, version_id: int) -> bool:
    try:
        return library.record_download(session, actor, document_id, version_id)
    except DomainError:  # withdrawn or out of the audience while it was being sent
        return False


class _CountedFile(FileResponse):
    """A FileResponse that runs `on_complete` after a GET's whole file (status 200) was sent
    to its last chunk; HEAD, a part of the file (206) or a broken transfer run nothing."""

    def __init__(self, *args, on_complete: Callable[[], Awaitable[object]], **kwargs):
        super().__init__(*args, **kwargs)
        self._on_complete = on_complete

    async def __call__(self, scope, receive, send) -> None:
        status, complete = 0, False

        async def watched(message) -> None:
            nonlocal status, complete
            await send(message)
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.pathsend" or (
                    message["type"] == "http.response.body" and not message.get("more_body")):
                complete = status == 200

        await super().__call__(scope, receive, watched)
        if complete and scope["method"] == "GET":
            await self._on_complete()


async def serve_document(request: Request) -> Response:
    if _has_dot_segment(request):
        return not_found()
    raw_version = request.path_params["version_id"]
    latest = raw_version == LATEST
    found = await as_signed_in(request, _download, parse_id(request.path_params["document_id"]),
                               None if latest else parse_id(raw_version), latest)
    if found is None:
        return _not_signed_in()
    if found is REFUSED_DOWNLOAD:
        return not_found()
    # Streamed after the unit of work: no transaction stays open while the file is sent.
    response = _CountedFile(found.path, media_type=found.mime, headers={
        "Content-Disposition": content_disposition(found.display_name),
        "X-Content-Type-Options": "nosniff", "Cache-Control": "private"},
        on_complete=partial(as_signed_in, request, _record, found.document_id, found.version_id))
    response.chunk_size = STREAM_CHUNK
    return response


ROUTES = [Route(URL_PREFIX + "{document_id}/{version_id}", serve_document, methods=["GET"])]
