"""The attendance certificate PDF (German), rendered from the attendance record after the unit
of work that numbered it (participation.certificate_data): dated on the seminar's last day, with
its dates ("am …" or "vom … bis …"), the duration in hours, the network's signatory from the
settings and the verification line (number and the public check's URL)."""

from __future__ import annotations

from fpdf import FPDF

from harzportal.core.formatting import clock_time, day, decimal
from harzportal.invoices.letter import fonts_for_one_document
from harzportal.seminars.participation import CertificateData
from harzportal.seminars.schedule import local
from harzportal.settings import get as get_settings

LANGUAGE = "de"
FOOTER_HEIGHT = 36  # mm kept free at the bottom for the verification line


def _dates(data: CertificateData) -> str:
    if data.first_day == data.last_day:
        start, end = local(data.seminar.starts_at), local(data.seminar.ends_at)
        return (f"am {day(data.first_day, LANGUAGE)}, {clock_time(start, LANGUAGE)}–"
                f"{clock_time(end, LANGUAGE)} Uhr")
    return f"vom {day(data.first_day, LANGUAGE)} bis {day(data.last_day, LANGUAGE)}"


def _hours(minutes: int) -> str:
    hours = round(minutes / 60, 2)
    return f"{decimal(hours, LANGUAGE)} {'Stunde' if hours == 1 else 'Stunden'}"


def _centered(pdf: FPDF, height: float, text: str) -> None:
    pdf.multi_cell(0, height, text, align="C", new_x="LMARGIN", new_y="NEXT")


def render_certificate(data: CertificateData) -> bytes:
    seminar, settings = data.seminar, get_settings()
    pdf = FPDF(format="A4", unit="mm")
    pdf.fonts.update(fonts_for_one_document())
    pdf.set_title(f"Teilnahmebescheinigung {seminar.title}")
    pdf.set_author(settings.seller.legal_name)
    pdf.set_auto_page_break(True, margin=FOOTER_HEIGHT)  # never over the verification line
    pdf.add_page()
    pdf.set_margins(25, 25, 25)
    pdf.set_y(30)
    pdf.set_font("DejaVu", "B", 13)
    pdf.set_text_color(11, 93, 86)
    pdf.cell(0, 8, settings.seller.legal_name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(12)
    pdf.set_font("DejaVu", "B", 24)
    pdf.cell(0, 14, "Teilnahmebescheinigung", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    pdf.cell(0, 6, f"Nr. {data.number}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font("DejaVu", "", 12)
    _centered(pdf, 7, "Hiermit bestätigen wir, dass")
    pdf.ln(4)
    pdf.set_font("DejaVu", "B", 16)
    _centered(pdf, 9, data.name)
    pdf.set_font("DejaVu", "", 12)
    _centered(pdf, 7, f"({data.organization})")
    pdf.ln(6)
    _centered(pdf, 7, "an der Veranstaltung")
    pdf.ln(2)
    pdf.set_font("DejaVu", "B", 14)
    _centered(pdf, 8, seminar.title)
    pdf.set_font("DejaVu", "", 12)
    _centered(pdf, 7, _dates(data) + (f" in {seminar.venue}" if seminar.venue else " (online)"))
    _centered(pdf, 7, f"im Umfang von {_hours(data.duration_minutes)}")
    if seminar.speakers:
        pdf.set_font("DejaVu", "", 10)
        _centered(pdf, 5.5, f"Referierende: {seminar.speakers}")
        pdf.set_font("DejaVu", "", 12)
    pdf.ln(4)
    _centered(pdf, 7, "teilgenommen hat.")
    pdf.ln(12)
    pdf.set_font("DejaVu", "", 11)
    _centered(pdf, 6, f"{settings.seller.city}, {day(data.last_day, LANGUAGE)}")
    pdf.ln(14)
    pdf.line(70, pdf.get_y(), 140, pdf.get_y())
    pdf.ln(2)
    _centered(pdf, 6, settings.certificate_signatory_name)
    pdf.set_font("DejaVu", "", 10)
    _centered(pdf, 5, settings.certificate_signatory_role)
    _centered(pdf, 5, settings.seller.legal_name)
    pdf.set_auto_page_break(False)
    pdf.set_y(-32)
    pdf.set_font("DejaVu", "", 8)
    pdf.set_text_color(80, 80, 80)
    _centered(pdf, 4, f"Bescheinigungsnummer {data.number}. Die Echtheit dieser Bescheinigung "
                      "können Sie prüfen unter:")
    _centered(pdf, 4, data.verification_url)
    return bytes(pdf.output())
