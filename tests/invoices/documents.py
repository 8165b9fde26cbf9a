"""Independent checks of the invoice documents as a finance office's tools would read them:
the PDF/A-3 essentials (pikepdf), the GiroCodes as a banking app sees them (the pages rendered
by pdftoppm, the QR codes decoded by zxing-cpp), the text, and the embedded CII XML against the
Factur-X XSD."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import facturx
import pikepdf
import zxingcpp
from lxml import etree
from PIL import Image
from pypdf import PdfReader

PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"


@dataclass(frozen=True)
class PdfaFacts:
    output_intents: tuple[tuple[str, int], ...]  # (subtype, ICC components) of each intent
    fonts_unembedded: tuple[str, ...]
    part: str
    conformance: str
    associated_files: tuple[tuple[str, str], ...]  # (file name, AFRelationship) of /AF


def pdfa_facts(content: bytes) -> PdfaFacts:
    with pikepdf.open(io.BytesIO(content)) as pdf:
        intents = tuple((str(intent.S), int(intent.DestOutputProfile.N))
                        for intent in pdf.Root.get("/OutputIntents", []))
        unembedded = set()
        for page in pdf.pages:
            for name, font in page.Resources.get("/Font", {}).items():
                descendants = font.get("/DescendantFonts", [font])
                for part in descendants:
                    descriptor = part.get("/FontDescriptor")
                    if descriptor is None or not any(key in descriptor for key in (
                            "/FontFile", "/FontFile2", "/FontFile3")):
                        unembedded.add(str(font.get("/BaseFont", name)))
        metadata = etree.fromstring(pdf.Root.Metadata.read_bytes())
        part = metadata.findtext(f".//{PDFAID}part") or ""
        conformance = metadata.findtext(f".//{PDFAID}conformance") or ""
        for description in metadata.iter("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
                                         "Description"):
            part = part or description.get(f"{PDFAID}part", "")
            conformance = conformance or description.get(f"{PDFAID}conformance", "")
        files = tuple((str(spec.F), str(spec.get("/AFRelationship", "")))
                      for spec in pdf.Root.get("/AF", []))
    return PdfaFacts(intents, tuple(sorted(unembedded)), part, conformance, files)


def pdf_text(content: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.replace("\xa0", " ").split())


def page_texts(content: bytes) -> list[str]:
    return [" ".join(page.extract_text().replace("\xa0", " ").split())
            for page in PdfReader(io.BytesIO(content)).pages]


def page_images(content: bytes, dpi: int = 150) -> list[Image.Image]:
    """Every page as pdftoppm renders it (poppler-utils, `make pdftools`)."""
    assert shutil.which("pdftoppm"), "pdftoppm is missing: make pdftools"
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "document.pdf"
        source.write_bytes(content)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(source),
                        str(Path(folder) / "page")], check=True, timeout=60)
        return [Image.open(path).copy() for path in sorted(Path(folder).glob("page*.png"))]


def girocodes(content: bytes) -> list[str]:
    """The payloads of all QR codes on all pages, as read from the rendered pages."""
    return [result.text for image in page_images(content)
            for result in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def embedded_xml(content: bytes) -> tuple[str, bytes]:
    filename, xml = facturx.get_xml_from_pdf(content, check_xsd=False)
    return filename, xml


def valid_cii(xml: bytes) -> etree._Element:
    """The XML, after checking it against the CII XSD (factur-x's EN 16931 schema)."""
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931") is True
    return etree.fromstring(xml)


@dataclass(frozen=True)
class Word:
    page: int
    left: float  # points from the left edge
    top: float
    right: float
    bottom: float
    text: str


def words(content: bytes) -> list[Word]:
    """Every word with its box, as poppler's pdftotext -bbox-layout places it."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "document.pdf"
        source.write_bytes(content)
        html = subprocess.run(["pdftotext", "-bbox-layout", str(source), "-"], check=True,
                              capture_output=True, timeout=60).stdout
    root = etree.fromstring(html, etree.XMLParser(recover=True))
    found = []
    for number, page in enumerate(root.iter("{*}page"), start=1):
        for word in page.iter("{*}word"):
            found.append(Word(number, float(word.get("xMin")), float(word.get("yMin")),
                              float(word.get("xMax")), float(word.get("yMax")),
                              word.text or ""))
    return found


def lines_of_words(found: list[Word]) -> list[list[Word]]:
    """Words grouped into visual lines (same page, overlapping vertically), left to right."""
    rows: list[list[Word]] = []
    for word in sorted(found, key=lambda w: (w.page, round(w.top), w.left)):
        row = rows[-1] if rows else None
        if row and row[0].page == word.page and abs(row[0].top - word.top) < 2:
            row.append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w.left) for row in rows]
