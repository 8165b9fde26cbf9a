"""Staff pages of the library: all documents with downloads, a new document, its versions."""

from __future__ import annotations

import reflex as rx

from harzportal.documents.admin_state import (
    UPLOAD_ID,
    NewDocumentState,
    StaffDocumentsState,
    StaffDocumentState,
)
from harzportal.documents.labels import AUDIENCE_CHOICES, LANGUAGE_NAMES
from harzportal.documents.models import Audience
from harzportal.documents.pages import document_details, version_table
from harzportal.organizations.labels import FUNCTION_LABELS, KIND_LABELS
from harzportal.organizations.models import ContactFunction
from harzportal.shell.layout import portal_page
from harzportal.shell.navigation import NavEntry, contribute
from harzportal.shell.text import t
from harzportal.ui import components as ui

contribute(
    NavEntry("/admin/documents", "nav.admin_documents", "folder_cog",
             position=160, staff_only=True),
)

ACCEPT = {"application/pdf": [".pdf"], "text/plain": [".txt"],
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document": [".docx"],
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": [".xlsx"],
          "application/vnd.openxmlformats-officedocument.presentationml.presentation": [".pptx"],
          "application/vnd.oasis.opendocument.text": [".odt"],
          "application/vnd.oasis.opendocument.spreadsheet": [".ods"]}


def file_picker(state) -> rx.Component:
    return rx.vstack(
        rx.el.label(rx.upload.root(
            rx.hstack(rx.button(rx.icon("upload"), t("document.choose_file"), type="button",
                                variant="soft"),
                      rx.text(t("document.upload_hint"), size="1", color_scheme="gray"),
                      spacing="3", align="center", wrap="wrap"),
            id=UPLOAD_ID, max_files=1, multiple=False, accept=ACCEPT,
            on_drop=state.upload(rx.upload_files(upload_id=UPLOAD_ID)),
            border="1px dashed var(--gray-7)", padding="0.75em", border_radius="var(--radius-3)",
            width="100%"), width="100%"),
        rx.cond(state.staged_name != "", rx.hstack(
            rx.icon("paperclip", size=14, flex_shrink="0"),
            rx.text(state.staged_name, size="2"), spacing="1", align="center",
            id="staged-file")),
        rx.el.div(rx.cond(state.upload_error != "", rx.text(state.upload_error, size="2",
                                                            color_scheme="red")),
                  aria_live="polite", id="upload-error"),
        spacing="2", width="100%")


@portal_page("/admin/documents", "library.staff_title", on_load=[StaffDocumentsState.load])
def staff_documents_page() -> rx.Component:
    def row(entry: rx.Var) -> rx.Component:
        return ui.table_row(rx.link(entry.title, href=entry.href), entry.category,
                            entry.audience_label, entry.versions, entry.downloads, entry.updated)

    return ui.paged_table_page(
        ui.page_title("library.staff_title"),
        ui.link_button(t("document.new"), "/admin/documents/new", icon="file_plus"),
        (t("document.field.title"), t("library.category"), t("library.audience"),
         t("library.versions"), t("library.downloads"), t("library.updated")),
        StaffDocumentsState, row, "library.count_one", "library.count_other",
        caption=t("library.staff_title"))


def _audience_fields() -> rx.Component:
    return rx.vstack(
        ui.labelled("library.audience", "audience", ui.native_select(
            "audience", [(audience.value, t(key)) for audience, key in AUDIENCE_CHOICES.items()],
            value=Audience.ALL.value)),
        rx.flex(*[rx.el.label(rx.hstack(rx.checkbox(name=f"kind_{kind.value}", aria_label=t(key)),
                                        rx.text(t(key), size="2"), spacing="1", align="center"))
                  for kind, key in KIND_LABELS.items()], spacing="3", wrap="wrap"),
        ui.labelled("document.field.audience_function", "audience_function", ui.native_select(
            "audience_function", [(function.value, t(key))
                                  for function, key in FUNCTION_LABELS.items()],
            value=ContactFunction.HSE.value)),
        spacing="2", width="100%")


@portal_page("/admin/documents/new", "document.new", on_load=[NewDocumentState.load])
def new_document_page() -> rx.Component:
    state = NewDocumentState
    return rx.vstack(
        ui.page_title("document.new"),
        ui.card(rx.form(rx.vstack(
            file_picker(state),
            ui.field("document.field.title", "title", max_length=200),
            rx.grid(
                ui.labelled("library.category", "category_id", rx.el.select(
                    rx.foreach(state.categories, lambda c: rx.el.option(c.name, value=c.id)),
                    id="field-category_id", name="category_id",
                    style=ui.SELECT_STYLE)),
                ui.labelled("library.language", "language", ui.native_select(
                    "language", [(code, t(key)) for code, key in LANGUAGE_NAMES.items()],
                    value="de")),
                ui.field("library.tags", "tags", required=False, max_length=500),
                ui.labelled("library.review_date", "review_date", rx.input(
                    id="field-review_date", name="review_date", type="date")),
                columns=rx.breakpoints(initial="1", sm="2"), spacing="3", width="100%"),
            ui.labelled("document.field.description", "description", rx.text_area(
                id="field-description", name="description", rows="4", width="100%",
                max_length=4000)),
            _audience_fields(),
            ui.field("library.change_note", "change_note", required=False, max_length=500),
            rx.el.label(rx.hstack(rx.checkbox(name="notify", aria_label=t("document.notify")),
                                  rx.text(t("document.notify")),
                                  spacing="2", align="center")),
            ui.error_callout(state.error),
            rx.hstack(rx.button(rx.icon("save"), t("document.publish"), type="submit",
                                size="3", id="create-document"),
                      justify="end", width="100%"),
            spacing="3", width="100%"),
            on_submit=state.create, key=state.form_key, width="100%")),
        spacing="4", width="100%",
    )


def _withdraw(version: rx.Var) -> rx.Component:
    return rx.cond(~version.withdrawn, rx.button(
        t("document.withdraw"), size="1", variant="soft", color_scheme="red",
        on_click=StaffDocumentState.withdraw(version.id)))


@portal_page("/admin/documents/[document_id]", "library.staff_title",
             on_load=[StaffDocumentState.load])
def staff_document_page() -> rx.Component:
    state = StaffDocumentState
    return ui.object_page(
        state, ui.back_link(t("library.staff_title"), "/admin/documents"),
        rx.heading(state.document.title, size="7", as_="h1"),
        ui.card(document_details(state.document)),
        ui.card(rx.heading(t("library.versions"), size="4", as_="h2"),
                version_table(state.versions, staff_action=_withdraw)),
        ui.card(rx.heading(t("document.new_version"), size="4", as_="h2"),
                rx.form(rx.vstack(
                 file_picker(state),
                 ui.field("library.change_note", "change_note", max_length=500),
                 rx.el.label(rx.hstack(rx.checkbox(name="notify", aria_label=t("document.notify")),
                                       rx.text(t("document.notify")), spacing="2",
                                       align="center")),
                 rx.button(rx.icon("upload"), t("document.add_version"), type="submit"),
                 spacing="3", width="100%", align="start"),
                 on_submit=state.add_version, key=state.form_key, width="100%")),
    )
