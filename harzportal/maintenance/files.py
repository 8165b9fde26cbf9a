"""Stale private files: what a killed process or an abandoned form leaves in private storage.

Every private file is written to a temporary `*.part` file and renamed when complete, so a
process killed in between leaves a `.part` file behind. A document upload is stored when it
arrives, before staff send the form (staged), so is a bank statement when it is previewed (kept
as the statement's original once booked), and an invoice PDF is stored before its
transaction commits; a crash, a rolled back run or an abandoned form leaves a complete file that
no database row refers to. None of these is ever served (the routes only serve file names
recorded in the database), but they take space. `harzportal clean-files` removes them once they
are older than a day, so an upload in progress or a form being filled in is never touched.
"""

from __future__ import annotations

import time
from datetime import timedelta

from sqlmodel import Session, select

from harzportal.banking import import_job
from harzportal.banking.models import BankStatement
from harzportal.core import private_files
from harzportal.documents import storage
from harzportal.documents.models import DocumentVersion
from harzportal.invoices.issuing import PDF_AREA
from harzportal.invoices.models import Invoice

STALE_AFTER = timedelta(hours=24)
TEMPORARY_SUFFIX = ".part"


def _referenced(session: Session) -> dict[str, set[str]]:
    """The areas whose files belong to database rows, with the names the rows refer to."""
    return {storage.AREA: set(session.exec(select(DocumentVersion.file_name))),
            PDF_AREA: set(session.exec(select(Invoice.pdf_file))),
            import_job.AREA: {import_job.stored_name(sha256) for sha256 in session.exec(
                select(BankStatement.file_sha256).distinct())}}


def remove_stale_files(session: Session, older_than: timedelta = STALE_AFTER) -> list[str]:
    """Delete temporary files of every private area, and files of the documents and invoices
    areas that no row refers to, when last written longer ago than `older_than`. Returns the
    removed paths relative to the private folder."""
    cutoff = time.time() - older_than.total_seconds()
    root = private_files.directory("").resolve()
    referenced = _referenced(session)
    removed: list[str] = []
    if not root.is_dir():
        return removed
    for folder in sorted(path for path in root.iterdir() if path.is_dir()):
        names = referenced.get(folder.name)
        for path in sorted(folder.iterdir()):
            try:
                if not path.is_file() or path.stat().st_mtime >= cutoff:
                    continue
            except FileNotFoundError:
                continue
            if path.name.endswith(TEMPORARY_SUFFIX) or (names is not None
                                                        and path.name not in names):
                path.unlink(missing_ok=True)
                removed.append(f"{folder.name}/{path.name}")
    return removed
