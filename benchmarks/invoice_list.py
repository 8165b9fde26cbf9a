"""Benchmark: a member's invoice list with 200,000 invoices in the database, and PDF rendering.

    .venv/bin/python -m benchmarks.invoice_list [--db-url URL] [--invoices 200000]

Fills a fresh database (a temporary SQLite file unless --db-url is given) with 2,000
organizations and the invoices by bulk insert, then measures `list_member_invoices` for one
organization: SQL statements per call and wall time (median and max of 50 calls), and the time
to render and embed one invoice PDF. Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import event, insert

from harzportal import db, migrations, settings
from harzportal.core.actor import Actor
from harzportal.core.roles import Role
from harzportal.invoices import pdf, service
from harzportal.invoices.amounts import LineInput, Totals, compute_totals
from harzportal.invoices.einvoice import EInvoiceData
from harzportal.invoices.models import Invoice, InvoiceLine
from harzportal.organizations.models import Organization

ORGANIZATIONS = 2000


def _fill(invoice_count: int) -> None:
    with db.unit_of_work() as session:
        session.exec(insert(Organization), params=[
            {"name": f"Mitglied {n:04d} GmbH", "kind": "chemical", "street": "Weg 1",
             "postal_code": "38640", "city": "Goslar", "federal_state": "NI",
             "search_text": f"mitglied {n:04d} gmbh goslar"} for n in range(ORGANIZATIONS)])
    start = date(2016, 1, 15)
    batch = []
    with db.unit_of_work() as session:
        for n in range(invoice_count):
            issued = start + timedelta(days=n % 3650)
            batch.append({
                "number": f"BEN-{n:07d}", "kind": "invoice", "organization_id": n % ORGANIZATIONS + 1,
                "status": "paid" if n % 7 else "issued", "recipient_name": "Mitglied",
                "issue_date": issued, "service_from": issued, "service_to": issued,
                "due_date": issued + timedelta(days=30), "currency": "EUR", "net_cents": 120000,
                "vat_cents": 0, "gross_cents": 120000, "paid_cents": 120000 if n % 7 else 0,
                "reminder_level": 0, "pdf_file": "", "pdf_sha256": ""})
            if len(batch) == 10000:
                session.exec(insert(Invoice), params=batch)
                batch = []
        if batch:
            session.exec(insert(Invoice), params=batch)


def _measure_list(organization_id: int) -> tuple[int, list[float]]:
    actor = Actor(user_id=1, organization_id=None, role=Role.NETWORK_ADMIN)
    statements = []
    listener = lambda *args: statements.append(1)  # noqa: E731
    event.listen(db.get_engine(), "before_cursor_execute", listener)
    with db.unit_of_work() as session:
        service.list_member_invoices(session, actor, organization_id, 1)
    event.remove(db.get_engine(), "before_cursor_execute", listener)
    timings = []
    for _ in range(50):
        began = time.perf_counter()
        with db.unit_of_work() as session:
            service.list_member_invoices(session, actor, organization_id, 1)
        timings.append((time.perf_counter() - began) * 1000)
    return len(statements), timings


def _sample_invoice() -> tuple[EInvoiceData, Totals]:
    lines = [LineInput("Mitgliedsbeitrag 2027 (Chemische Industrie, 250–999 Beschäftigte)",
                       1000, 240000, 0, True, "Echter Mitgliedsbeitrag, nicht umsatzsteuerbar"),
             LineInput("Seminar Gefahrstoffe", 2000, 19900, 1900)]
    totals = compute_totals(lines)
    invoice = Invoice(id=1, number="CNH-2027-0001", organization_id=1,
                      recipient_name="Harzer Chemiewerke GmbH", recipient_street="Am Rammelsberg 12",
                      recipient_postal_code="38640", recipient_city="Goslar",
                      issue_date=date(2027, 1, 15), service_from=date(2027, 1, 1),
                      service_to=date(2027, 12, 31), due_date=date(2027, 2, 14),
                      net_cents=totals.net_cents, vat_cents=totals.vat_cents,
                      gross_cents=totals.gross_cents)
    rows = [InvoiceLine(invoice_id=1, position=n, description=line.description,
                        quantity_milli=line.quantity_milli, unit_price_cents=line.unit_price_cents,
                        vat_rate_bp=line.vat_rate_bp, vat_exempt=line.vat_exempt,
                        exemption_note=line.exemption_note, net_cents=net)
            for n, (line, net) in enumerate(zip(lines, totals.line_net_cents, strict=True), 1)]
    data = EInvoiceData(invoice=invoice, lines=rows, totals=totals,
                        seller=settings.get().seller, payment_terms="Zahlbar bis 14.02.2027")
    return data, totals


def _measure_pdf() -> list[float]:
    data, totals = _sample_invoice()
    timings = []
    for _ in range(20):
        began = time.perf_counter()
        pdf.render(data, totals)
        timings.append((time.perf_counter() - began) * 1000)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db-url")
    parser.add_argument("--invoices", type=int, default=200_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hp-bench-"))
    url = args.db_url or f"sqlite:///{work / 'bench.db'}"
    db.use_engine(db.make_engine(url))
    settings.reload()
    migrations.upgrade(url)
    began = time.perf_counter()
    _fill(args.invoices)
    print(f"filled {ORGANIZATIONS} organizations and {args.invoices} invoices "
          f"in {time.perf_counter() - began:.1f} s ({url.split(':')[0]})")
    statements, timings = _measure_list(organization_id=17)
    print(f"member invoice list, page 1 of {args.invoices // ORGANIZATIONS} invoices: "
          f"{statements} SQL statements; median {statistics.median(timings):.1f} ms, "
          f"max {max(timings):.1f} ms over {len(timings)} calls")
    pdf_timings = _measure_pdf()
    print(f"invoice PDF with GiroCode and embedded XML: median "
          f"{statistics.median(pdf_timings):.0f} ms, first {pdf_timings[0]:.0f} ms "
          f"over {len(pdf_timings)} renders")


if __name__ == "__main__":
    main()
