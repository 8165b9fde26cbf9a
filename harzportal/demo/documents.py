"""Demo documents: real small PDF, DOCX and TXT files generated here and published through
the library's own upload checks a year ago; some only for HSE contacts, one revised last month.
Members have downloaded them over the year (so the staff dashboard has a history to show)."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timedelta

from fpdf import FPDF
from sqlmodel import Session, select

from harzportal.accounts.models import User
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.roles import Role
from harzportal.demo.moments import local_moment
from harzportal.documents import library, service, storage
from harzportal.documents.models import Audience, Document, DocumentCategory
from harzportal.invoices.letter import fonts_for_one_document

# title, category key, file name, audience, audience function, tags, description
DOCUMENTS = (
    ("Gefährdungsbeurteilung Tätigkeiten mit Gefahrstoffen", "hse",
     "Gefährdungsbeurteilung_Gefahrstoffe.pdf", "function", "hse", "TRGS 400, Gefahrstoffe",
     "Arbeitshilfe zur Gefährdungsbeurteilung nach GefStoffV mit Checkliste."),
    ("Betriebsanweisung Vorlage (GHS)", "templates", "Betriebsanweisung_Vorlage.docx", "all", "",
     "Betriebsanweisung, GHS, Vorlage", "Vorlage für Betriebsanweisungen nach § 14 GefStoffV."),
    ("Unfallmeldung: Ablauf und Fristen", "hse", "Unfallmeldung_Ablauf.pdf", "all", "",
     "Unfallanzeige, Berufsgenossenschaft", "Wer meldet wann was an wen – kompakt."),
    ("Explosionsschutzdokument – Muster", "hse", "Explosionsschutz_Muster.pdf", "function", "hse",
     "Ex-Schutz, ATEX", "Musterstruktur eines Explosionsschutzdokuments."),
    ("Verzeichnis von Verarbeitungstätigkeiten – Vorlage", "data_protection",
     "VVT_Vorlage.docx", "all", "", "DSGVO, Art. 30", "Vorlage für das Verzeichnis nach Art. 30."),
    ("DSGVO-Leitfaden für Mitgliedsunternehmen", "data_protection", "DSGVO_Leitfaden.pdf",
     "all", "", "DSGVO, Datenschutz", "Die wichtigsten Pflichten auf zehn Seiten."),
    ("Datenpannen melden: Checkliste", "data_protection", "Datenpanne_Checkliste.pdf",
     "function", "data_protection", "Art. 33, Meldepflicht",
     "Checkliste für Datenschutzbeauftragte: 72 Stunden und was dazugehört."),
    ("Auftragsverarbeitungsvertrag – Muster", "templates", "AVV_Muster.docx", "all", "",
     "AVV, Art. 28", "Muster für Verträge zur Auftragsverarbeitung."),
    ("Protokoll Mitgliederversammlung 2025", "minutes", "Protokoll_MV_2025.pdf", "all", "",
     "Mitgliederversammlung", "Beschlüsse und Wahlen der Mitgliederversammlung."),
    ("Protokoll Arbeitskreis HSE, Herbst 2026", "minutes", "Protokoll_AK_HSE.txt", "function",
     "hse", "Arbeitskreis HSE", "Ergebnisse des Arbeitskreises HSE."),
    ("Notfallplan Chemieunfall – Vorlage", "templates", "Notfallplan_Vorlage.docx", "kinds", "",
     "Notfall, Alarmplan", "Vorlage für Alarm- und Gefahrenabwehrpläne produzierender Betriebe."),
    ("Leitfaden Gefahrgutbeauftragte", "hse", "Leitfaden_Gefahrgut.pdf", "kinds", "",
     "ADR, Gefahrgut", "Pflichten nach GbV für Logistik und Produktion."),
)
PRODUCING_KINDS = ["chemical", "metallurgical", "recycling", "logistics"]
TWO_VERSIONS = "Gefährdungsbeurteilung Tätigkeiten mit Gefahrstoffen"


def _pdf(title: str, text: str) -> bytes:
    pdf = FPDF()
    pdf.fonts.update(fonts_for_one_document())
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 16)
    pdf.multi_cell(0, 9, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 11)
    pdf.multi_cell(0, 6, text + "\n\nDemo-Dokument des ChemieNetzwerks Harz.")
    return bytes(pdf.output())


def _docx(title: str, text: str) -> bytes:
    """A minimal but valid Word document."""
    buffer = io.BytesIO()
    body = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in (title, text))
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as docx:
        docx.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
            '.org/package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
            '"application/xml"/><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'))
        docx.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
            'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>'))
        docx.writestr("word/document.xml", (
            '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
            'openxmlformats.org/wordprocessingml/2006/main"><w:body>' + body +
            '</w:body></w:document>'))
    return buffer.getvalue()


def document_content(file_name: str, title: str, text: str) -> bytes:
    if file_name.endswith(".pdf"):
        return _pdf(title, text)
    if file_name.endswith(".docx"):
        return _docx(title, text)
    return f"{title}\n\n{text}\n".encode()


BASE_CATEGORIES = (("hse", "Arbeits- und Umweltschutz (HSE)", "Health, safety and environment"),
                   ("data_protection", "Datenschutz", "Data protection"),
                   ("templates", "Vorlagen", "Templates"), ("minutes", "Protokolle", "Minutes"))


def ensure_categories(session: Session) -> None:
    """Migration 0005 creates these; a database built without migrations (tests) gets them here."""
    present = set(session.exec(select(DocumentCategory.key)))
    for position, (key, name_de, name_en) in enumerate(BASE_CATEGORIES, start=1):
        if key not in present:
            session.add(DocumentCategory(key=key, name_de=name_de, name_en=name_en,
                                         position=position))
    session.flush()


PUBLISHED_DAYS_AGO = 380
REVISED_DAYS_AGO = 40
DOWNLOAD_MONTHS = 12


def seed_documents(session: Session, admin_id: int) -> None:
    revised_at = local_moment(-REVISED_DAYS_AGO, 11)  # before the clock is set back a year
    with clock.fixed_at(local_moment(-PUBLISHED_DAYS_AGO, 10)):
        _publish(session, admin_id, revised_at)
    _download_over_the_year(session)


def _publish(session: Session, admin_id: int, revised_at: datetime) -> None:
    staff = Actor(user_id=admin_id, organization_id=None, role=Role.NETWORK_ADMIN)
    ensure_categories(session)
    categories = {c.key: c.id for c in session.exec(select(DocumentCategory))}
    for title, category, file_name, audience, function, tags, description in DOCUMENTS:
        stored = storage.store_upload(io.BytesIO(document_content(file_name, title, description)),
                                      file_name)
        document = service.create_document(session, staff, {
            "title": title, "category_id": str(categories[category]), "description": description,
            "tags": tags, "language": "de", "audience": audience,
            "audience_kinds": PRODUCING_KINDS if audience == "kinds" else [],
            "audience_function": function, "review_date": "", "change_note": "Erstfassung",
        }, stored, notify=False)
        if title == TWO_VERSIONS:
            revised = storage.store_upload(io.BytesIO(document_content(
                file_name, title, description + "\nAktualisiert: TRGS 400 (2026).")), file_name)
            with clock.fixed_at(revised_at):
                service.add_version(session, staff, document.id, revised,
                                    "Aktualisiert auf TRGS 400, Ausgabe 2026", notify=False)


def _download_over_the_year(session: Session) -> None:
    """Between 6 and 16 downloads a month by members, of the documents for everyone.
    Through the library itself, so counters and audit events are as real ones."""
    readers = list(session.exec(select(User).where(User.organization_id.is_not(None))
                                .order_by(User.id)))
    documents = list(session.exec(select(Document.id).where(
        Document.audience == Audience.ALL.value).order_by(Document.id)))
    latest = clock.now() - timedelta(minutes=1)  # this month's downloads are all in the past
    for months_back in range(DOWNLOAD_MONTHS - 1, -1, -1):
        first_day = (clock.month_start(months_back) - clock.today()).days
        for number in range(6 + 3 * (DOWNLOAD_MONTHS - months_back) % 11):
            reader = readers[(7 * months_back + 3 * number) % len(readers)]
            moment = min(local_moment(first_day + (number * 5) % 28, 8 + number % 9), latest)
            with clock.fixed_at(moment):
                library.open_download(session, Actor(
                    user_id=reader.id, organization_id=reader.organization_id,
                    role=Role(reader.role)), documents[number % len(documents)])
