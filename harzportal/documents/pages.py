"""Library pages for members: the document list and a document with its version history."""

from __future__ import annotations

import reflex as rx

from harzportal.documents.state import DocumentState, LibraryState
from harzportal.shell.layout import portal_page
from harzportal.shell.navigation import NavEntry, contribute
from harzportal.shell.text import t
from harzportal.ui import components as ui

contribute(
    NavEntry("/documents", "nav.library", "folder_open", position=60),
)


def _filters() -> rx.Component:
    state = LibraryState
    return rx.form(rx.flex(
        rx.input(name="search", placeholder=t("library.search_placeholder"),
                 default_value=state.search, aria_label=t("common.search"), flex="2 1 14em",
                 size="3"),
        rx.box(rx.el.select(
            rx.el.option(t("library.all_categories"), value=""),
            rx.foreach(state.categories, lambda c: rx.el.option(c.name, value=c.key)),
            name="category", default_value=state.category, aria_label=t("library.category"),
            style=ui.SELECT_STYLE), flex="1 1 10em"),
        rx.box(ui.native_select("sort", [("date", t("library.sort_date")),
                                         ("title", t("library.sort_title"))],
                                value=state.sort, aria_label=t("library.sort")), flex="0 1 10em"),
        rx.button(rx.icon("search"), t("common.search"), type="submit", size="3"),
        spacing="3", wrap="wrap", width="100%", align="center"),
        on_submit=state.apply_filter, width="100%")


def _document_row(row: rx.Var) -> rx.Component:
    return rx.card(rx.flex(
        rx.icon("file_text", size=28, color="var(--accent-10)", flex_shrink="0"),
        rx.vstack(
            rx.hstack(
                rx.link(row.title, href=row.href, weight="bold"),
                rx.cond(row.is_new, rx.badge(t("library.new"), color_scheme="orange")),
                rx.badge(row.category, variant="soft"),
                spacing="2", wrap="wrap", align="center"),
            rx.text(row.description, size="2", color_scheme="gray"),
            rx.cond(row.reason != "", rx.hstack(
                rx.icon("lock", size=12, color="var(--amber-11)", flex_shrink="0"),
                rx.text(row.reason, size="1", color_scheme="amber"),
                spacing="1", align="center")),
            rx.text(row.updated, " · ", row.display_name, " · ", row.size, size="1",
                    color_scheme="gray"),
            # Narrower than 14em beside the icon and the button: the button goes below.
            spacing="1", min_width="0", flex="1 1 14em"),
        rx.button(rx.icon("download"), t("library.download"), variant="soft",
                  on_click=rx.download(url=row.download_href),
                  flex_shrink="0",
                  aria_label=t("library.download") + ": " + row.title),
        spacing="3", align="start", wrap="wrap"), width="100%")


@portal_page("/documents", "library.title", on_load=[LibraryState.load])
def library_page() -> rx.Component:
    return rx.vstack(
        ui.page_title("library.title", t("library.intro")),
        ui.card(_filters()),
        rx.cond(LibraryState.rows.length() > 0,
                rx.vstack(rx.foreach(LibraryState.rows, _document_row), spacing="2",
                          width="100%"),
                rx.callout(t("library.empty"), icon="file_search", width="100%")),
        ui.pager(LibraryState, "library.count_one", "library.count_other"),
        spacing="4", width="100%",
    )


def version_table(versions: rx.Var, staff_action=None) -> rx.Component:
    def row(version: rx.Var) -> rx.Component:
        cells = [
            rx.table.cell(version.number), rx.table.cell(version.uploaded),
            rx.table.cell(version.change_note), rx.table.cell(version.size),
            rx.table.cell(rx.cond(
                version.withdrawn,
                rx.badge(t("library.withdrawn"), color_scheme="red"),
                rx.button(rx.icon("download", size=14), t("library.download"), size="1",
                          variant="soft", on_click=rx.download(url=version.href)))),
        ]
        if staff_action is not None:
            cells.append(rx.table.cell(staff_action(version)))
        return rx.table.row(*cells)

    headers = [t("library.version"), t("library.uploaded"), t("library.change_note"),
               t("library.size"), t("library.download")]
    if staff_action is not None:
        headers.append(t("admin.actions"))
    return ui.data_table(headers, versions, row, size="1", caption=t("library.versions"))


def document_details(document: rx.Var) -> rx.Component:
    return rx.vstack(
        ui.detail_row("library.category", document.category),
        ui.detail_row("library.language", document.language),
        ui.detail_row("library.tags", document.tags),
        ui.detail_row("library.review_date", document.review_date),
        rx.cond(document.reason != "", ui.detail_row("library.audience", document.reason)),
        rx.text(document.description, white_space="pre-wrap", margin_top="0.5em"),
        spacing="2", width="100%")


@portal_page("/documents/[document_id]", "library.title", on_load=[DocumentState.load])
def document_page() -> rx.Component:
    state = DocumentState
    return rx.vstack(
        ui.back_link(t("library.back"), "/documents"),
        ui.error_callout(state.error),
        rx.cond(state.loaded, rx.vstack(
            rx.hstack(rx.heading(state.document.title, size="7", as_="h1",
                                 overflow_wrap="anywhere"),
                      rx.spacer(),
                      rx.button(rx.icon("download"), t("library.download_latest"), size="3",
                                on_click=rx.download(url=state.document.href),
                                id="download-latest"),
                      width="100%", wrap="wrap", align="start"),
            ui.card(document_details(state.document)),
            ui.card(rx.heading(t("library.versions"), size="4", as_="h2"),
                    version_table(state.versions)),
            spacing="4", width="100%")),
        spacing="4", width="100%",
    )
