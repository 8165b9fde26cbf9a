"""Small shared components: cards, form fields, messages."""

from __future__ import annotations

import reflex as rx

from harzportal.core.i18n import N_
from harzportal.shell.layout import STACKED_TABLE
from harzportal.shell.text import t, t_plural


def card(*children, **props) -> rx.Component:
    return rx.card(rx.vstack(*children, spacing="3", width="100%"), width="100%", size="3", **props)


def page_title(key: str, subtitle: rx.Var | str | None = None) -> rx.Component:
    return rx.vstack(
        rx.heading(t(key), size=rx.breakpoints(initial="6", sm="7"), as_="h1"),
        rx.text(subtitle, color_scheme="gray") if subtitle is not None else rx.fragment(),
        spacing="1",
        margin_bottom="1em",
    )


def page_header(title: rx.Component, *actions: rx.Component) -> rx.Component:
    """A page's title with its actions (buttons, links, dialogs) at the right."""
    return rx.hstack(title, rx.spacer(), *actions, width="100%", align="start", wrap="wrap")


def back_link(label: rx.Var | str, href: str) -> rx.Component:
    return rx.link(rx.hstack(rx.icon("arrow_left", size=16), label, align="center", spacing="1"),
                   href=href)


_TableCell = type(rx.table.cell())


def table_row(header, *cells, **props) -> rx.Component:
    """A row of a `data_table`: `header` names the row (a row header cell, so screen readers
    announce it with each cell), then a cell for each of `cells`; a cell that needs props of its
    own is given as `rx.table.cell(...)` and kept as it is."""
    return rx.table.row(
        rx.table.row_header_cell(header),
        *(cell if isinstance(cell, _TableCell) else rx.table.cell(cell) for cell in cells),
        **props)


VISUALLY_HIDDEN = "hp-visually-hidden"


def data_table(headers, rows: rx.Var, row, *, caption: rx.Var | str,
               caption_visible: bool = False, **table_props) -> rx.Component:
    """A table of `rows`, one `row(entry)` each, under the column headers (texts), named by its
    `caption` (for screen readers only, unless `caption_visible`: the heading above says it for
    the eye). On a phone each row becomes a block of its cells, each under its column's name
    (assets/contrast.css; the names are copied onto the cells by
    shell/layout.StackedTableLabels)."""
    return rx.box(rx.table.root(
        rx.el.caption(caption, class_name="" if caption_visible else VISUALLY_HIDDEN),
        rx.table.header(rx.table.row(*[rx.table.column_header_cell(text) for text in headers])),
        rx.table.body(rx.foreach(rows, row)),
        width="100%", variant="surface", class_name=STACKED_TABLE, **table_props),
        overflow_x="auto", width="100%")


def field(label_key: str, name: str, *, type: str = "text", autocomplete: str = "off",
          required: bool = True, **props) -> rx.Component:
    input_id = f"field-{name}"
    return rx.vstack(
        rx.el.label(t(label_key), html_for=input_id, font_weight="500", font_size="0.9em"),
        rx.input(id=input_id, name=name, type=type, auto_complete=autocomplete,
                 required=required, size="3", width="100%", **props),
        spacing="1",
        width="100%",
    )


def labelled(label_key: str, name: str, control: rx.Component) -> rx.Component:
    """A visible label above a control whose id is `field-<name>`."""
    return rx.vstack(rx.el.label(t(label_key), html_for=f"field-{name}", font_weight="500",
                                 font_size="0.9em"), control, spacing="1", width="100%")


def error_callout(message: rx.Var) -> rx.Component:
    return rx.cond(
        message != "",
        rx.callout(message, icon="triangle_alert", color_scheme="red", role="alert", width="100%"),
    )


def message_callout(message: rx.Var) -> rx.Component:
    """The success callout while there is a message (as `error_callout` for an error)."""
    return rx.cond(message != "", success_callout(message))


def outcome_callouts(state) -> rx.Component:
    """A state's refusal (`state.error`) and success (`state.message`), each while it is set."""
    return rx.fragment(error_callout(state.error), message_callout(state.message))


def keyed_form(state, on_submit, *fields: rx.Component) -> rx.Component:
    """A form whose inputs start again from their default values (the state's) each time
    `state.form_key` changes: after a save, a refusal that reloads, a new object."""
    return rx.form(rx.vstack(*fields, spacing="4", width="100%"), on_submit=on_submit,
                   key=state.form_key, width="100%")


def link_button(label, href, icon: str = "", **button_props) -> rx.Component:
    """A link to another page that looks like a button ("Neues Seminar", "Bearbeiten")."""
    content = (rx.icon(icon), label) if icon else (label,)
    return rx.link(rx.button(*content, **button_props), href=href)


def object_page(state, back: rx.Component, *body: rx.Component) -> rx.Component:
    """The page of one object: the way `back`, the state's refusal and success, and `body` once
    the object is loaded (`state.loaded`)."""
    return rx.vstack(back, outcome_callouts(state),
                     rx.cond(state.loaded, rx.vstack(*body, spacing="4", width="100%")),
                     spacing="4", width="100%")


def success_callout(message: rx.Var | str) -> rx.Component:
    return rx.callout(message, icon="circle_check", color_scheme="green", role="status", width="100%")


def detail_row(label_key: str, value: rx.Var) -> rx.Component:
    return rx.flex(
        rx.text(t(label_key), color_scheme="gray", width=rx.breakpoints(initial="8em", sm="11em"),
                flex_shrink="0", overflow_wrap="anywhere"),
        rx.text(value, font_weight="500", overflow_wrap="anywhere", min_width="0"),
        gap="3",
        width="100%",
    )


def checked_field(label_key: str, name: str, error: rx.Var, *, control: rx.Component | None = None,
                  hint_key: str | None = None, **input_props) -> rx.Component:
    """A labelled form control with its own server-side error message beneath it.

    The message is tied to the control (aria-describedby) and announced (aria-live)."""
    input_id = f"field-{name}"
    error_id = f"error-{name}"
    aria = {"aria-describedby": error_id, "aria-invalid": rx.cond(error != "", "true", "false")}
    if control is None:
        control = rx.input(id=input_id, name=name, size="3", width="100%", **aria, **input_props)
    else:
        control = rx.box(control, width="100%")
    return rx.vstack(
        rx.el.label(t(label_key), html_for=input_id, font_weight="500", font_size="0.9em"),
        control,
        rx.text(t(hint_key), size="1", color_scheme="gray") if hint_key else rx.fragment(),
        rx.el.div(
            rx.cond(error != "", rx.hstack(
                rx.icon("circle_alert", size=14, color="var(--red-11)", flex_shrink="0"),
                rx.text(error, size="2", color_scheme="red"), spacing="1", align="center")),
            id=error_id, aria_live="polite",
        ),
        spacing="1",
        width="100%",
    )


COMPETENCE_SCRIPT = "/competences.js"


def competence_field(label_key: str, name: str, error: rx.Var, default_value: rx.Var,
                     vocabulary: rx.Var) -> rx.Component:
    """A comma-separated competence list with the profiles' vocabulary as suggestions: the
    browser's own suggestion list (a datalist: arrow keys, Enter, read by screen readers);
    assets/competences.js makes it complete the item being typed after a comma. The same on the
    profile form and the exchange's post form."""
    source = f"vocabulary-{name}"
    return rx.fragment(
        checked_field(label_key, name, error, default_value=default_value,
                      auto_complete="off", hint_key=N_("competences.hint"),
                      custom_attrs={"list": source, "data-competences": source}),
        rx.el.datalist(rx.foreach(vocabulary, lambda tag: rx.el.option(value=tag)), id=source),
        rx.script(src=COMPETENCE_SCRIPT))


def paged_table_page(title: rx.Component, action: rx.Component, headers, state, row,
                     count_one_key: str, count_other_key: str, *,
                     caption: rx.Var | str) -> rx.Component:
    """A list page: its title with an action, the table of `state.rows` and the pager."""
    return rx.vstack(
        page_header(title, action),
        card(data_table(headers, state.rows, row, caption=caption), pager(state, count_one_key, count_other_key)),
        spacing="4", width="100%",
    )


def pager(state, count_one_key: str, count_other_key: str) -> rx.Component:
    """Previous / next buttons for a State with `page`, `pages`, `total` and `go_to_page`; the
    total is a counted message ("1 Rechnung", "2 Rechnungen")."""
    return rx.hstack(
        rx.button(rx.icon("chevron_left"), t("common.previous"), variant="soft",
                  disabled=state.page <= 1, on_click=state.go_to_page(state.page - 1)),
        rx.text(t("common.page"), " ", state.page, " / ", state.pages, " · ",
                t_plural(count_one_key, count_other_key, state.total)),
        rx.button(t("common.next"), rx.icon("chevron_right"), variant="soft",
                  disabled=state.page >= state.pages, on_click=state.go_to_page(state.page + 1)),
        align="center", justify="center", spacing="3", width="100%", wrap="wrap",
    )


SELECT_STYLE = {"width": "100%", "padding": "0.55em", "border_radius": "var(--radius-2)",
                "border": "1px solid var(--gray-7)", "background": "var(--color-surface)"}


def native_select(name: str, options: list[tuple[str, rx.Var | str]], *, value=None,
                  **props) -> rx.Component:
    """A plain <select> that takes part in form submission; options are (value, label)."""
    return rx.el.select(
        *[rx.el.option(label, value=option_value) for option_value, label in options],
        id=props.pop("id", f"field-{name}"), name=name, default_value=value, style=SELECT_STYLE,
        **props,
    )


def danger_button_confirmed(icon: str, label: rx.Var | str, question: rx.Var | str, on_confirm,
                            *, button_id: str | None = None,
                            confirm_id: str | None = None) -> rx.Component:
    """A red button that asks `question` before it acts; the dialog's title and its confirming
    button say what the button says."""
    button_props = {"id": button_id} if button_id else {}
    return confirm_dialog(
        rx.button(rx.icon(icon), label, variant="soft", color_scheme="red", **button_props),
        label, [question], label, on_confirm, confirm_id=confirm_id)


def confirm_dialog(trigger: rx.Component, title: rx.Var | str, description: list,
                   confirm_label: rx.Var | str, on_confirm, *, color: str = "red",
                   confirm_id: str | None = None) -> rx.Component:
    """A button that asks before it acts: Cancel, or the confirming action."""
    confirm_props = {"id": confirm_id} if confirm_id else {}
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(trigger),
        rx.alert_dialog.content(
            rx.alert_dialog.title(title),
            rx.alert_dialog.description(*description),
            rx.hstack(
                rx.alert_dialog.cancel(rx.button(t("common.cancel"), variant="soft",
                                                 color_scheme="gray")),
                rx.alert_dialog.action(rx.button(confirm_label, color_scheme=color,
                                                 on_click=on_confirm, **confirm_props)),
                justify="end", spacing="3", margin_top="1em"),
        ),
    )
