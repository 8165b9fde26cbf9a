"""Real, minimal files of every allowed type (and some impostors), built in memory."""

from __future__ import annotations

import io
import zipfile

from fpdf import FPDF

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
    'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="'
    'application/xml"/><Override PartName="/{part}" ContentType="{main}"/></Types>')
_MAIN = {
    "docx": ("word/document.xml",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
    "xlsx": ("xl/workbook.xml",
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
    "pptx": ("ppt/presentation.xml",
             "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"),
    "docm": ("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml"),
}


def pdf(text: str = "Gefährdungsbeurteilung") -> bytes:
    document = FPDF()
    document.add_page()
    document.set_font("helvetica", size=12)
    document.cell(0, 10, text.encode("latin-1", "replace").decode("latin-1"))
    return bytes(document.output())


def office(kind: str, *, with_content_types: bool = True, macros: bool = False) -> bytes:
    """A minimal Office Open XML package: docx, xlsx, pptx (or docm, with macros)."""
    part, main = _MAIN[kind]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        if with_content_types:
            package.writestr("[Content_Types].xml", _CONTENT_TYPES.format(part=part, main=main))
        package.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://'
                         'schemas.openxmlformats.org/package/2006/relationships"/>')
        package.writestr(part, '<?xml version="1.0" encoding="UTF-8"?><root/>')
        if macros:
            package.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0macro")
    return buffer.getvalue()


def opendocument(kind: str, *, mimetype_first: bool = True) -> bytes:
    """A minimal OpenDocument file (odt or ods): the stored `mimetype` entry comes first."""
    mimetype = {"odt": "application/vnd.oasis.opendocument.text",
                "ods": "application/vnd.oasis.opendocument.spreadsheet"}[kind]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        if not mimetype_first:
            package.writestr("content.xml", "<office:document-content/>")
        package.writestr(zipfile.ZipInfo("mimetype"), mimetype, compress_type=zipfile.ZIP_STORED)
        package.writestr("META-INF/manifest.xml", "<manifest:manifest/>")
        if mimetype_first:
            package.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def executable(header: bytes = b"MZ") -> bytes:
    """A Windows (MZ) or Linux (ELF) program that also carries a PDF header further in."""
    return header + b"\x90\x00\x03\x00\x00\x00" + b"\x00" * 50 + b"%PDF-1.7\n" + b"\x00" * 200


class ZeroStream:
    """`size` zero bytes, produced on demand (never held in memory); optionally breaks after
    `fail_after` bytes, as an interrupted upload does."""

    def __init__(self, size: int, head: bytes = b"", fail_after: int | None = None):
        self.remaining, self.head, self.fail_after, self.sent = size, head, fail_after, 0

    def read(self, size: int = -1) -> bytes:
        if self.fail_after is not None and self.sent >= self.fail_after:
            raise ConnectionResetError("client went away")
        size = self.remaining if size < 0 else min(size, self.remaining)
        chunk, self.head = self.head[:size], self.head[size:]
        chunk += bytes(size - len(chunk))
        self.remaining -= size
        self.sent += size
        return chunk
