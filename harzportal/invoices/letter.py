"""The network's A4 letter as PDF/A-3b (fpdf2): the frame every invoice document shares.

fpdf2's PDF/A-3B mode embeds every font (DejaVu, subset), adds the sRGB OutputIntent that
DeviceRGB/DeviceGray colours need, and writes the XMP pdfaid part/conformance. Page 1 carries the
full letterhead and the address window; every further page a compact header with the document's
title and number and "Seite n von m". The footer names the seller (and its bank account only on
documents that ask for a payment).
"""

from __future__ import annotations

import copy
import functools
import io
import logging
from pathlib import Path

from fontTools import ttLib
from fpdf import FPDF
from fpdf.enums import DocumentCompliance

from harzportal.settings import Seller

FONTS = Path(__file__).parent / "fonts"
FONT_FILES = {"": FONTS / "DejaVuSans.ttf", "B": FONTS / "DejaVuSans-Bold.ttf"}
for _chatty in ("fontTools", "factur-x"):  # they log every subset and every embedding at INFO
    logging.getLogger(_chatty).setLevel(logging.WARNING)
LANGUAGE = "de"
BRAND = (11, 93, 86)
HEADER_WIDTH = 95  # the letterhead's column at the right, beside the address window


@functools.cache
def _parsed_fonts() -> dict:
    """The fonts as fpdf2 prepares them (metrics, widths), once per process: that costs more
    than the whole page."""
    template = FPDF()
    for style, path in FONT_FILES.items():
        template.add_font("DejaVu", style, str(path))
    return template.fonts


@functools.cache
def _font_bytes(path: Path) -> bytes:
    return path.read_bytes()


def fonts_for_one_document() -> dict:
    """Copies of the prepared fonts, each with its own fontTools object: fpdf2 subsets that
    object in place when it writes the PDF, so documents must never share it."""
    fonts = copy.deepcopy(_parsed_fonts())
    for font in fonts.values():
        font.ttfont = ttLib.TTFont(io.BytesIO(_font_bytes(Path(font.ttffile))),
                                   recalcTimestamp=False, lazy=True)
    return fonts


class Letter(FPDF):
    """One document: `title` and `number` head every page; `show_bank` puts the account in
    the footer; `continued` is called on every page after the first, below the header (the
    invoice repeats its table header and the carried total there)."""

    def __init__(self, seller: Seller, title: str, number: str, *, show_bank: bool,
                 total_pages: int | None = None):
        super().__init__(format="A4", unit="mm", enforce_compliance=DocumentCompliance.PDFA_3B)
        self.seller, self.title_text, self.number = seller, title, number
        self.show_bank = show_bank
        # "Seite n von m": fpdf2's {nb} alias is replaced after alignment, so a right-aligned or
        # centred "von {nb}" would stand off by the alias' width. A document is therefore laid
        # out twice (`laid_out_twice`): the first pass counts the pages, the second writes them.
        self.total_pages = total_pages
        self.continued = None
        self.fonts.update(fonts_for_one_document())
        self.set_margins(20, 15, 20)
        self.set_auto_page_break(auto=True, margin=30)
        self.set_title(f"{title} {number}")
        self.set_author(seller.legal_name)
        self.set_creator("HarzPortal")
        self.set_lang("de-DE")
        if total_pages is None:
            self.alias_nb_pages()

    def _of(self) -> str:
        return "{nb}" if self.total_pages is None else str(self.total_pages)

    def header(self):
        if self.page_no() == 1:
            return
        self.set_font("DejaVu", "B", 9)
        self.set_text_color(*BRAND)
        self.multi_cell(100, 4.5, self.seller.legal_name, align="L", new_x="LMARGIN",
                        new_y="TOP")
        self.set_font("DejaVu", "", 9)
        self.set_text_color(0, 0, 0)
        self.set_x(self.w - self.r_margin - 70)
        self.multi_cell(70, 4.5, f"{self.title_text} {self.number}\n"
                                 f"Seite {self.page_no()} von {self._of()}",
                        align="R", new_x="LMARGIN", new_y="NEXT")
        self.set_y(max(self.get_y(), 15 + 9) + 3)
        if self.continued is not None:
            self.continued()

    def footer(self):
        seller = self.seller
        self.set_y(-24)
        self.set_font("DejaVu", "", 7)
        self.set_text_color(90, 90, 90)
        bank = (f"{seller.bank_name} · IBAN {seller.iban} · BIC {seller.bic}\n"
                if self.show_bank else "")
        register = f"{seller.register} · " if seller.register else ""
        self.multi_cell(0, 3.5, (
            f"{seller.legal_name} · {seller.street} · {seller.postal_code} {seller.city}\n"
            f"{bank}{register}USt-IdNr. {seller.vat_id} · Steuernummer {seller.tax_number} · "
            f"Seite {self.page_no()} von {self._of()}"), align="C")
        self.set_text_color(0, 0, 0)

    def letterhead(self, recipient: tuple[str, ...]) -> None:
        """Page 1: the seller at the right (long names wrap), the return line and the
        recipient's address in the window at the left, set flush left."""
        seller = self.seller
        self.set_font("DejaVu", "B", 13)
        self.set_text_color(*BRAND)
        self.set_x(self.w - self.r_margin - HEADER_WIDTH)
        self.multi_cell(HEADER_WIDTH, 6, seller.legal_name, align="R", new_x="LMARGIN",
                        new_y="NEXT")
        self.set_font("DejaVu", "", 8.5)
        self.set_text_color(60, 60, 60)
        self.set_x(self.w - self.r_margin - HEADER_WIDTH)
        self.multi_cell(HEADER_WIDTH, 4, (f"{seller.street}\n{seller.postal_code} {seller.city}\n"
                                          f"{seller.phone}\n{seller.email}\n"
                                          f"USt-IdNr. {seller.vat_id}\n"
                                          f"Steuernummer {seller.tax_number}"),
                        align="R", new_x="LMARGIN", new_y="NEXT")
        self.set_y(max(self.get_y() + 2, 50))
        self.set_font("DejaVu", "", 7)
        self.multi_cell(90, 3.5, f"{seller.legal_name} · {seller.street} · "
                                 f"{seller.postal_code} {seller.city}",
                        align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_font("DejaVu", "", 10.5)
        self.set_text_color(0, 0, 0)
        self.multi_cell(90, 5, "\n".join(part for part in recipient if part), align="L",
                        new_x="LMARGIN", new_y="NEXT")
        self.set_y(max(self.get_y() + 6, 88))

    def heading(self) -> None:
        self.set_font("DejaVu", "B", 15)
        self.multi_cell(0, 8, f"{self.title_text} {self.number}", align="L", new_x="LMARGIN",
                        new_y="NEXT")
        self.ln(1)

    def facts(self, rows: list[tuple[str, str]]) -> None:
        self.set_font("DejaVu", "", 9.5)
        for label, value in rows:
            self.cell(50, 5.5, label)
            self.multi_cell(0, 5.5, value, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def paragraph(self, text: str, width: float = 0, size: float = 9.5) -> None:
        self.set_font("DejaVu", "", size)
        self.multi_cell(width, 5, text, align="L", new_x="LMARGIN", new_y="NEXT")

    def girocode(self, png: bytes, top: float) -> None:
        """The QR code at the right, beside the payment text that starts at `top`."""
        self.image(png, x=self.w - self.r_margin - 35, y=top, w=35, h=35)
        self.set_xy(self.w - self.r_margin - 35, top + 35.5)
        self.set_font("DejaVu", "", 7)
        self.multi_cell(35, 3.2, "GiroCode: mit der Banking-App scannen", align="C",
                        new_x="LMARGIN", new_y="NEXT")
        self.set_y(max(self.get_y() + 4, top + 44))

    def room_for(self, height: float) -> None:
        """Start a new page unless `height` mm still fit on this one."""
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()


def laid_out_twice(build) -> Letter:
    """`build(total_pages)` lays a document out; the first pass (total unknown) counts the
    pages, the second is the document with "Seite n von m" written out (and aligned)."""
    return build(build(None).page_no())
