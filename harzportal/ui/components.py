"""Small shared components: cards, form fields, messages."""

from __future__ import annotations

import reflex as rx

from harzportal.ui.i18n import t


def card(*children, **props) -> rx.Component:
    return rx.card(rx.vstack(*children, spacing="3", width="100%"), width="100%", size="3", **props)


def page_title(key: str, subtitle: rx.Var | str | None = None) -> rx.Component:
    return rx.vstack(
        rx.heading(t(key), size="7", as_="h1"),
        rx.text(subtitle, color_scheme="gray") if subtitle is not None else rx.fragment(),
        spacing="1",
        margin_bottom="1em",
    )


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


def error_callout(message: rx.Var) -> rx.Component:
    return rx.cond(
        message != "",
        rx.callout(message, icon="triangle_alert", color_scheme="red", role="alert", width="100%"),
    )


def success_callout(message: rx.Var | str) -> rx.Component:
    return rx.callout(message, icon="circle_check", color_scheme="green", role="status", width="100%")


def detail_row(label_key: str, value: rx.Var) -> rx.Component:
    return rx.flex(
        rx.text(t(label_key), color_scheme="gray", width="9em", flex_shrink="0"),
        rx.text(value, font_weight="500", overflow_wrap="anywhere", min_width="0"),
        gap="3",
        width="100%",
    )
