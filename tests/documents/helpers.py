"""Small helpers shared by the library tests."""

from __future__ import annotations

import io

from sqlmodel import select

from harzportal import db
from harzportal.documents import library, presenter, service, storage
from harzportal.documents.models import DocumentCategory
from tests.documents import files
from tests.service_calls import run as run  # re-exported for this domain's tests


def rows(model, *where) -> list:
    with db.unit_of_work() as session:
        return list(session.exec(select(model).where(*where).order_by(model.id)).all())


def category_id(key: str = "hse") -> str:
    with db.unit_of_work() as session:
        return str(session.exec(select(DocumentCategory.id).where(
            DocumentCategory.key == key)).one())


def upload(content: bytes | None = None, name: str = "Arbeitshilfe.pdf") -> storage.StoredFile:
    return storage.store_upload(io.BytesIO(files.pdf(name) if content is None else content), name)


def form(**fields) -> dict:
    return {"title": "Arbeitshilfe Gefahrstoffe", "category_id": category_id(),
            "description": "Eine Arbeitshilfe.", "tags": "", "language": "de", "audience": "all",
            "audience_kinds": [], "audience_function": "", "review_date": "",
            "change_note": "Erstfassung"} | fields


def publish(staff_actor, *, content: bytes | None = None, name: str = "Arbeitshilfe.pdf",
            notify: bool = False, **fields):
    """A published document (version 1), as staff create it."""
    stored = upload(content, name)
    return run(service.create_document, staff_actor, form(**fields), stored, notify)


def library_view(actor, **options):
    """The members' list as the page shows it (views in the actor's language)."""
    listing = run(library.list_library, actor, **options)
    return presenter.library_page(listing.page, actor.language)


def document_view(actor, document_id):
    """A document's page: its view and its versions' views, in the actor's language."""
    detail = run(library.get_document, actor, document_id)
    return presenter.document(detail, actor.language), presenter.versions(detail, actor.language)
