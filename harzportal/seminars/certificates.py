"""The attendance certificate PDF (German), rendered on request from the attendance record."""

from __future__ import annotations

from fpdf import FPDF

from harzportal.core import clock
from harzportal.core.formatting import day
from harzportal.invoices.letter import fonts_for_one_document
from harzportal.seminars.participation import CertificateData
from harzportal.seminars.schedule import when
from harzportal.settings import get as get_settings


def render_certificate(data: CertificateData) -> bytes:
    seminar, settings = data.seminar, get_settings()
    pdf = FPDF(format="A4", unit="mm")
    pdf.fonts.update(fonts_for_one_document())
    pdf.set_title(f"Teilnahmebescheinigung {seminar.title}")
    pdf.set_author(settings.seller.legal_name)
    pdf.add_page()
    pdf.set_margins(25, 25, 25)
    pdf.set_y(40)
    pdf.set_font("DejaVu", "B", 13)
    pdf.set_text_color(11, 93, 86)
    pdf.cell(0, 8, settings.seller.legal_name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(20)
    pdf.set_font("DejaVu", "B", 24)
    pdf.cell(0, 14, "Teilnahmebescheinigung", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(12)
    pdf.set_font("DejaVu", "", 12)
    pdf.multi_cell(0, 7, "Hiermit bestätigen wir, dass", align="C", new_x="LMARGIN",
                   new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", "B", 16)
    pdf.multi_cell(0, 9, data.name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 12)
    pdf.multi_cell(0, 7, f"({data.organization})", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.multi_cell(0, 7, "an der Veranstaltung", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("DejaVu", "B", 14)
    pdf.multi_cell(0, 8, seminar.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 12)
    pdf.multi_cell(0, 7, f"am {when(seminar, 'de')}" + (f" in {seminar.venue}" if seminar.venue
                                                          else " (online)"),
                   align="C", new_x="LMARGIN", new_y="NEXT")
    if seminar.speakers:
        pdf.multi_cell(0, 7, f"Referierende: {seminar.speakers}", align="C", new_x="LMARGIN",
                       new_y="NEXT")
    pdf.ln(4)
    pdf.multi_cell(0, 7, "teilgenommen hat.", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(30)
    pdf.set_font("DejaVu", "", 10)
    pdf.cell(0, 6, f"{settings.seller.city}, {day(clock.today(), 'de')}", align="C",
             new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 6, settings.seller.legal_name, align="C")
    return bytes(pdf.output())
