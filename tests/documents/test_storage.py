"""Uploads: type checked by content and extension together, size limit, empty files, names,
streaming to disk, and nothing left behind when an upload is refused or interrupted."""

from __future__ import annotations

import hashlib
import io
import tracemalloc

import pytest

from harzportal.core.errors import ValidationFailed
from harzportal.documents import storage
from tests.documents import files
from tests.documents.files import ZeroStream

pytestmark = pytest.mark.service

MB = 1024 * 1024


def stored_files(directory) -> list[str]:
    return sorted(path.name for path in directory.iterdir()) if directory.exists() else []


def refused(content_or_stream, name: str) -> ValidationFailed:
    stream = io.BytesIO(content_or_stream) if isinstance(content_or_stream, bytes) \
        else content_or_stream
    with pytest.raises(ValidationFailed) as caught:
        storage.store_upload(stream, name)
    assert caught.value.field == "file"
    return caught.value


OFFICE_MIME = "application/vnd.openxmlformats-officedocument."


@pytest.mark.parametrize(("name", "content", "mime"), [
    ("Gefährdungsbeurteilung.pdf", files.pdf(), "application/pdf"),
    ("Bericht.DOCX", files.office("docx"), OFFICE_MIME + "wordprocessingml.document"),
    ("Kennzahlen.xlsx", files.office("xlsx"), OFFICE_MIME + "spreadsheetml.sheet"),
    ("Vortrag.pptx", files.office("pptx"), OFFICE_MIME + "presentationml.presentation"),
    ("Protokoll.odt", files.opendocument("odt"), "application/vnd.oasis.opendocument.text"),
    ("Tabelle.ods", files.opendocument("ods"), "application/vnd.oasis.opendocument.spreadsheet"),
    ("Notiz.txt", "Grüße aus Goslar\n".encode(), "text/plain; charset=utf-8"),
    ("Alt.TXT", "Grüße aus Goslar\r\n".encode("cp1252"), "text/plain; charset=windows-1252"),
])
def test_every_allowed_type_is_stored_under_its_hash(document_store, name, content, mime):
    stored = storage.store_upload(io.BytesIO(content), name)

    digest = hashlib.sha256(content).hexdigest()
    extension = name.rsplit(".", 1)[1].lower()
    assert stored == storage.StoredFile(file_name=f"{digest}.{extension}", sha256=digest,
                                        size_bytes=len(content), mime=mime, display_name=name)
    assert stored_files(document_store) == [stored.file_name]
    assert (document_store / stored.file_name).read_bytes() == content


def test_the_allowed_extensions_are_the_seven_agreed_ones():
    assert sorted(storage.ALLOWED_EXTENSIONS) == sorted(
        [".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".txt"])
    assert storage.MAX_UPLOAD_MB == 50


@pytest.mark.parametrize(("name", "content"), [
    ("Rechnung.pdf", files.executable(b"MZ")),  # a Windows program with a PDF header inside
    ("Rechnung.pdf", files.executable(b"\x7fELF")),
    ("Rechnung.pdf", b"<html><script>alert(1)</script></html>"),
    ("Rechnung.pdf", b"<html><!-- %PDF-1.7 --><script>alert(1)</script></html>"),
    ("Bericht.docx", files.office("xlsx")),  # a spreadsheet renamed
    ("Bericht.docx", files.office("docx", with_content_types=False)),
    ("Bericht.docx", files.office("docm", macros=True)),  # a macro document renamed
    ("Bericht.docx", files.pdf()),
    ("Kennzahlen.xlsx", files.office("docx")),
    ("Vortrag.pptx", files.office("xlsx")),
    ("Protokoll.odt", files.opendocument("ods")),
    ("Protokoll.odt", files.opendocument("odt", mimetype_first=False)),
    ("Tabelle.ods", files.office("xlsx")),
    ("Bericht.docx", b"MZ" + files.office("docx")),  # a self-extracting archive
    ("Notiz.txt", b"Text mit \x00 NUL-Byte"),
    ("Notiz.txt", files.executable(b"\x7fELF")),
])
def test_content_that_does_not_match_the_extension_is_refused(document_store, name, content):
    error = refused(content, name)

    assert error.message_key == "document.content_mismatch"
    assert error.values["type"] == name.rsplit(".", 1)[1].upper()
    assert stored_files(document_store) == []


@pytest.mark.parametrize("name", ["programm.exe", "seite.html", "bild.svg", "archiv.zip",
                                  "ohne_endung", "", "makro.docm", "Bericht.pdf.exe",
                                  "Bericht.pdf."])
def test_other_extensions_are_refused_before_anything_is_written(document_store, name):
    error = refused(files.pdf(), name)

    assert error.message_key == "document.type_refused"
    assert "PDF" in error.values["allowed"] and "DOCX" in error.values["allowed"]
    assert stored_files(document_store) == []


def test_a_file_over_the_limit_is_refused_naming_the_limit(document_store):
    error = refused(ZeroStream(51 * MB, head=b"%PDF-1.7\n"), "Gross.pdf")

    assert error.message_key == "document.too_large"
    assert error.values == {"limit_mb": 50}
    assert stored_files(document_store) == []


def test_a_file_of_exactly_the_limit_is_accepted(document_store):
    stored = storage.store_upload(ZeroStream(50 * MB, head=b"%PDF-1.7\n"), "Genau50.pdf")

    assert stored.size_bytes == 50 * MB
    assert stored_files(document_store) == [stored.file_name]


def test_the_limit_is_a_setting(document_store, monkeypatch):
    monkeypatch.setattr(storage, "MAX_UPLOAD_MB", 1)

    error = refused(ZeroStream(MB + 1, head=b"%PDF-1.7\n"), "Klein.pdf")
    assert error.values == {"limit_mb": 1}


def test_an_empty_file_is_refused(document_store):
    assert refused(b"", "Leer.pdf").message_key == "document.empty"
    assert stored_files(document_store) == []


def test_an_interrupted_upload_leaves_neither_a_file_nor_a_temporary_file(document_store):
    stream = ZeroStream(10 * MB, head=b"%PDF-1.7\n", fail_after=3 * MB)

    error = refused(stream, "Abbruch.pdf")

    assert error.message_key == "document.upload_interrupted"
    assert isinstance(error.__cause__, ConnectionResetError)
    assert stored_files(document_store) == []


def test_a_cancelled_upload_is_cleaned_up_and_the_cancellation_passes_through(document_store):
    class Cancelled(BaseException):
        pass

    class Stream:
        calls = 0

        def read(self, size):
            self.calls += 1
            if self.calls > 2:
                raise Cancelled()
            return b"%PDF-1.7\n" + bytes(size - 9)

    with pytest.raises(Cancelled):
        storage.store_upload(Stream(), "Abbruch.pdf")
    assert stored_files(document_store) == []


def test_the_upload_is_streamed_to_disk_not_held_in_memory(document_store):
    tracemalloc.start()
    try:
        stored = storage.store_upload(ZeroStream(40 * MB, head=b"%PDF-1.7\n"), "Gross.pdf")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert stored.size_bytes == 40 * MB
    assert peak < 5 * MB


def test_the_same_content_twice_is_one_file(document_store):
    content = files.pdf("Zweimal")
    first = storage.store_upload(io.BytesIO(content), "Erste.pdf")
    second = storage.store_upload(io.BytesIO(content), "Zweite.pdf")

    assert first.file_name == second.file_name
    assert (first.display_name, second.display_name) == ("Erste.pdf", "Zweite.pdf")
    assert stored_files(document_store) == [first.file_name]


def test_a_text_file_may_hold_any_text_even_markup(document_store):
    """Decision: TXT accepts any UTF-8 (or Windows-1252) text without NUL bytes, also HTML or SVG
    source. It is stored and served as text/plain, as an attachment with nosniff, so no browser
    renders it; checking text for "looks like markup" would refuse harmless notes."""
    content = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>\n<html></html>\n'

    stored = storage.store_upload(io.BytesIO(content), "notiz.txt")

    assert stored.mime == "text/plain; charset=utf-8"


@pytest.mark.parametrize(("declared", "shown"), [
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("C:\\Users\\hanna\\Desktop\\Bericht.pdf", "Bericht.pdf"),
    ("Bericht\u202efdp.exe.pdf", "Bericht fdp.exe.pdf"),  # right-to-left override removed
    ("Zeile\r\nzwei\t.pdf", "Zeile zwei.pdf"),
    ('Ein "Zitat": <b>?.pdf', "Ein _Zitat__ _b__.pdf"),
    ("Bericht.DOCX", "Bericht.DOCX"),
    ("   .pdf", "dokument.pdf"),
    ("Gefa\u0308hrdung.pdf", "Gefährdung.pdf"),  # decomposed umlaut (macOS) composed
])
def test_the_original_name_is_kept_only_as_sanitized_display_text(declared, shown):
    extension = declared.rsplit(".", 1)[1].lower()
    assert storage.sanitize_name(declared, extension) == shown


def test_a_long_name_is_cut_to_200_characters_keeping_the_extension(document_store):
    stored = storage.store_upload(io.BytesIO(files.pdf()), "Ä" * 300 + ".pdf")

    assert len(stored.display_name) == 200
    assert stored.display_name.endswith("Ä.pdf")


def test_open_verified_returns_the_file_only_while_its_hash_matches(document_store):
    stored = storage.store_upload(io.BytesIO(files.pdf()), "Bericht.pdf")

    path = storage.open_verified(stored.file_name, stored.sha256)
    assert path == document_store / stored.file_name

    path.write_bytes(path.read_bytes() + b"% manipuliert")
    assert storage.open_verified(stored.file_name, stored.sha256) is None
    path.unlink()
    assert storage.open_verified(stored.file_name, stored.sha256) is None


@pytest.mark.parametrize("name", ["../../etc/passwd", "Bericht.pdf", "", None, "a" * 64 + ".pdf/",
                                  "../" + "a" * 64 + ".pdf"])
def test_open_verified_accepts_only_names_we_generate(document_store, name):
    assert storage.open_verified(name, "a" * 64) is None
