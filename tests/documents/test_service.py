"""The staff's side: categories, publishing with a checked form, the list with download counts,
the audit trail, and the optional notice to the audience by mail."""

from __future__ import annotations

from datetime import date

import pytest

from harzportal.audit.models import AuditEvent
from harzportal.core.errors import PermissionDenied, ValidationFailed
from harzportal.documents import library, presenter, service, storage
from harzportal.documents.models import Document, DocumentVersion
from harzportal.documents.views import CategoryView, StaffDocumentRowView
from harzportal.mail.models import OutboxEmail
from tests.documents.conftest import give_function
from tests.documents.helpers import category_id, form, publish, rows, run, upload

pytestmark = pytest.mark.service


def test_categories_are_listed_in_order_in_the_actors_language(actors):
    found = run(service.list_categories, actors["staff"])
    german, english = presenter.categories(found, "de"), presenter.categories(found, "en")

    assert [c.key for c in found] == ["hse", "data_protection", "templates", "minutes"]
    assert german[1] == CategoryView(id=int(category_id("data_protection")),
                                     key="data_protection", name="Datenschutz")
    assert english[1].name == "Data protection"


def test_staff_create_a_category_with_a_generated_key(staff_actor):
    category = run(service.create_category, staff_actor, " Gefahrstoffe & Lagerung ",
                   "Hazardous substances")
    again = run(service.create_category, staff_actor, "Gefahrstöffe", "Other")

    assert (category.key, category.name_de, category.position) == (
        "gefahrstoffe_lagerung", "Gefahrstoffe & Lagerung", 5)
    assert again.key == "gefahrstoeffe"
    assert run(service.list_categories, staff_actor)[-1].name_de == "Gefahrstöffe"
    with pytest.raises(ValidationFailed) as caught:
        run(service.create_category, staff_actor, "gefahrstoffe & lagerung", "Duplicate")
    assert caught.value.message_key == "document.category_exists"
    with pytest.raises(ValidationFailed) as caught:
        run(service.create_category, staff_actor, "Neu", "")
    assert (caught.value.message_key, caught.value.field) == ("document.category_name_invalid",
                                                              "name_en")


def test_publishing_stores_the_cleaned_form_and_the_first_version(staff_actor):
    stored = upload(name="TRGS 510.pdf")
    document = run(service.create_document, staff_actor, form(
        title="  Lagerung\tbrennbarer Flüssigkeiten ", tags="TRGS 510, Lager\nLager;Brandschutz",
        description="Zeile 1\r\nZeile 2\x07", language="en", audience="kinds",
        audience_kinds="logistics,chemical", audience_function="hse",
        review_date="2027-06-30", change_note="Erstfassung"), stored, False)

    saved = rows(Document)[0]
    assert (saved.title, saved.tags, saved.description, saved.language) == (
        "Lagerung brennbarer Flüssigkeiten", "TRGS 510\nLager\nBrandschutz", "Zeile 1\nZeile 2",
        "en")
    assert (saved.audience, saved.audience_kinds, saved.audience_function) == (
        "kinds", "chemical,logistics", "")
    assert saved.review_date == date(2027, 6, 30)
    assert saved.created_by_user_id == staff_actor.user_id
    version = rows(DocumentVersion)[0]
    assert (version.document_id, version.number, version.file_name, version.sha256,
            version.display_name, version.change_note) == (
        document.id, 1, stored.file_name, stored.sha256, "TRGS 510.pdf", "Erstfassung")
    event = rows(AuditEvent, AuditEvent.action == "document.create")[0]
    assert event.actor_user_id == staff_actor.user_id and event.object_id == str(document.id)


@pytest.mark.parametrize(("fields", "key", "field"), [
    ({"title": " "}, "document.title_invalid", "title"),
    ({"title": "x" * 201}, "document.title_invalid", "title"),
    ({"category_id": "999999"}, "document.category_invalid", "category_id"),
    ({"category_id": "abc"}, "document.category_invalid", "category_id"),
    ({"description": "x" * 4001}, "document.description_too_long", "description"),
    ({"language": "fr"}, "document.language_invalid", "language"),
    ({"audience": "everyone"}, "document.audience_invalid", "audience"),
    ({"audience": ["all"]}, "document.audience_invalid", "audience"),
    ({"audience": "kinds", "audience_kinds": []}, "document.audience_kinds_invalid",
     "audience_kinds"),
    ({"audience": "kinds", "audience_kinds": ["chemical", "pharma"]},
     "document.audience_kinds_invalid", "audience_kinds"),
    ({"audience": "function", "audience_function": "ceo"}, "document.audience_function_invalid",
     "audience_function"),
    ({"audience": "function", "audience_function": ""}, "document.audience_function_invalid",
     "audience_function"),
    ({"tags": "x" * 61}, "document.tag_too_long", "tags"),
    ({"tags": ",".join(f"Schlagwort {n}" for n in range(60))}, "document.tags_too_long", "tags"),
    ({"review_date": "30.06.2027"}, "document.review_date_invalid", "review_date"),
    ({"review_date": "2027-02-30"}, "document.review_date_invalid", "review_date"),
    ({"change_note": "x" * 501}, "document.change_note_too_long", "change_note"),
])
def test_a_bad_form_is_refused_naming_the_field(staff_actor, fields, key, field):
    with pytest.raises(ValidationFailed) as caught:
        run(service.create_document, staff_actor, form(**fields), upload(), False)

    assert (caught.value.message_key, caught.value.field) == (key, field)
    assert rows(Document) == []


def test_publishing_needs_a_stored_file(staff_actor):
    missing = storage.StoredFile(file_name="a" * 64 + ".pdf", sha256="a" * 64, size_bytes=1,
                                 mime="application/pdf", display_name="x.pdf")
    for stored in (None, missing, {"file_name": "x"}):
        with pytest.raises(ValidationFailed) as caught:
            run(service.create_document, staff_actor, form(), stored, False)
        assert caught.value.message_key == "document.file_required"


@pytest.mark.parametrize("person", ["hse", "plain", "logistics_manager", "dpo"])
def test_members_do_not_run_the_library(actors, person):
    actor = actors[person]
    for call in (lambda: run(service.create_document, actor, form(), upload(), False),
                 lambda: run(service.create_category, actor, "Neu", "New"),
                 lambda: run(service.list_staff_documents, actor)):
        with pytest.raises(PermissionDenied):
            call()


def test_discarding_an_unpublished_upload_keeps_files_that_versions_use(staff_actor,
                                                                       document_store):
    published = publish(staff_actor)
    used = rows(DocumentVersion, DocumentVersion.document_id == published.id)[0]
    staged = upload(b"%PDF-1.7\n% verworfen\n", "Verworfen.pdf")

    run(service.discard_upload, staff_actor, staged)
    run(service.discard_upload, staff_actor, upload(
        (document_store / used.file_name).read_bytes(), "Gleich.pdf"))

    assert sorted(p.name for p in document_store.iterdir()) == [used.file_name]


def test_the_staff_list_counts_versions_and_downloads(actors, staff_actor, clock_now):
    hse_only = publish(staff_actor, title="Ex-Schutz", audience="function",
                       audience_function="hse")
    clock_now.advance(hours=1)
    for_all = publish(staff_actor, title="Protokoll MV", category_id=category_id("minutes"))
    clock_now.advance(hours=1)
    run(service.add_version, staff_actor, hse_only.id, upload(b"%PDF-1.7\n2\n", "v2.pdf"),
        "Zweite Fassung", False)
    for _ in range(3):  # on three days: a person's downloads of a version count once a day
        run(library.open_download, actors["hse"], hse_only.id, None)
        clock_now.advance(days=1)
    run(library.open_download, actors["plain"], for_all.id, None)

    found = run(service.list_staff_documents, staff_actor)
    view = presenter.staff_page(found, "de")

    assert [(e.versions, e.downloads) for e in found.items] == [(2, 3), (1, 1)]
    assert (view.page, view.pages, view.total) == (1, 1, 2)
    assert view.items == (
        StaffDocumentRowView(id=hse_only.id, href=f"/admin/documents/{hse_only.id}",
                             title="Ex-Schutz", category="Arbeits- und Umweltschutz (HSE)",
                             audience_label="Für HSE-Ansprechpartner", versions="2",
                             downloads="3", updated="28.11.2026"),
        StaffDocumentRowView(id=for_all.id, href=f"/admin/documents/{for_all.id}",
                             title="Protokoll MV", category="Protokolle",
                             audience_label="Alle Mitglieder", versions="1", downloads="1",
                             updated="28.11.2026"),
    )


def test_the_staff_list_is_paged(staff_actor, clock_now):
    for number in range(23):
        clock_now.advance(minutes=1)
        publish(staff_actor, title=f"Dokument {number:02d}")

    second = run(service.list_staff_documents, staff_actor, page=2)

    assert (second.page, second.pages, second.total) == (2, 2, 23)
    assert [entry.document.title for entry in second.items] == ["Dokument 02", "Dokument 01",
                                                                "Dokument 00"]
    assert run(service.list_staff_documents, staff_actor, page=9).page == 2


# Notices by mail

def mails() -> list[OutboxEmail]:
    return rows(OutboxEmail)


def test_without_notify_no_mail_is_sent(staff_actor, people):
    publish(staff_actor, notify=False)
    assert mails() == []


def test_a_new_document_is_announced_to_its_audience_in_each_ones_language(
        factories, staff_actor, people):
    english_hse = factories.user(people["university"], preferred_language="en")
    inactive_hse = factories.user(people["chemical"], is_active=False)
    for user in (english_hse, inactive_hse):
        give_function(user, "hse")

    document = publish(staff_actor, title="Gefährdungsbeurteilung", audience="function",
                       audience_function="hse", notify=True)

    sent = {mail.recipient: mail for mail in mails()}
    assert set(sent) == {people["hse"].email, english_hse.email}
    german, english = sent[people["hse"].email], sent[english_hse.email]
    assert german.subject == "Neues Dokument in der Bibliothek: Gefährdungsbeurteilung"
    assert "Guten Tag Hanna HSE" in german.body_text
    assert f"/documents/{document.id}" in german.body_text
    assert english.subject == "New document in the library: Gefährdungsbeurteilung"
    assert german.kind == english.kind == "document_new"


def test_a_document_for_all_reaches_every_member_but_not_staff(staff_actor, people):
    publish(staff_actor, notify=True)

    assert sorted(mail.recipient for mail in mails()) == sorted(
        people[name].email for name in ("hse", "plain", "logistics_manager", "dpo"))


def test_a_document_for_kinds_reaches_those_organizations(staff_actor, people):
    publish(staff_actor, audience="kinds", audience_kinds=["logistics", "university"],
            notify=True)

    assert sorted(mail.recipient for mail in mails()) == sorted(
        [people["logistics_manager"].email, people["dpo"].email])


def test_a_new_version_is_announced_with_its_change_note(staff_actor, people):
    document = publish(staff_actor, audience="function", audience_function="data_protection")

    run(service.add_version, staff_actor, document.id, upload(b"%PDF-1.7\nv2\n", "v2.pdf"),
        "Art. 33 ergänzt", True)

    [mail] = mails()
    assert mail.recipient == people["dpo"].email
    assert mail.subject == "New version: Arbeitshilfe Gefahrstoffe"
    assert "Art. 33 ergänzt" in mail.body_text and mail.kind == "document_version"


