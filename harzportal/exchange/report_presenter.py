"""The activity report as the page, the CSV and the PDF show it, in the reader's language."""

from __future__ import annotations

import csv
import io

from fpdf import FPDF

from harzportal.core.formatting import day, number
from harzportal.core.i18n import N_, translate
from harzportal.core.spreadsheet import inert
from harzportal.exchange.report import ActivityReport
from harzportal.exchange.views import ReportFiguresView
from harzportal.invoices.letter import fonts_for_one_document
from harzportal.organizations.labels import federal_state_label, kind_label
from harzportal.ui.charts import ChartBarView

FIGURES = (("seminars_held", N_("report.seminars_held")),
           ("participants", N_("report.participants")),
           ("organizations_reached", N_("report.organizations_reached")),
           ("posts_published", N_("report.posts_published")),
           ("interests_expressed", N_("report.interests_expressed")),
           ("cooperations_started", N_("report.cooperations_started")))


def period(report: ActivityReport, language: str) -> str:
    return translate("report.period", language, start=day(report.start, language),
                     end=day(report.end, language))


def figures_view(report: ActivityReport, language: str) -> ReportFiguresView:
    return ReportFiguresView(period=period(report, language),
                             **{name: number(getattr(report, name), language)
                                for name, _key in FIGURES})


def bars(tally: tuple[tuple[str, int], ...], language: str, label_of) -> list[ChartBarView]:
    return [ChartBarView(label=label_of(value, language), value=count,
                         text=number(count, language)) for value, count in tally]


def _rows(report: ActivityReport, language: str) -> list[tuple[str, str, str]]:
    """(section, what, count) for every figure and every bar of the breakdowns."""
    rows = [(translate("report.figures", language), translate(key, language),
             str(getattr(report, name))) for name, key in FIGURES]
    rows += [(translate("report.by_kind", language), kind_label(kind, language), str(count))
             for kind, count in report.participants_by_kind]
    rows += [(translate("report.by_state", language), federal_state_label(state, language),
              str(count)) for state, count in report.participants_by_state]
    return rows


def report_csv(report: ActivityReport, language: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([translate("report.title", language), period(report, language)])
    writer.writerow([translate("report.section", language), translate("report.what", language),
                     translate("report.count", language)])
    for row in _rows(report, language):
        writer.writerow([inert(cell) for cell in row])
    return out.getvalue()


def report_pdf(report: ActivityReport, language: str) -> bytes:
    pdf = FPDF(format="A4", unit="mm")
    pdf.fonts.update(fonts_for_one_document())
    pdf.set_title(translate("report.title", language))
    pdf.add_page()
    pdf.set_margins(20, 20, 20)
    pdf.set_font("DejaVu", "B", 16)
    pdf.cell(0, 10, translate("report.title", language), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 11)
    pdf.cell(0, 7, period(report, language), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    section = ""
    for group, what, count in _rows(report, language):
        if group != section:
            section = group
            pdf.ln(3)
            pdf.set_font("DejaVu", "B", 12)
            pdf.cell(0, 8, group, new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("DejaVu", "", 11)
        pdf.cell(130, 7, what, border="B")
        pdf.cell(0, 7, number(int(count), language), border="B", align="R", new_x="LMARGIN",
                 new_y="NEXT")
    return bytes(pdf.output())
