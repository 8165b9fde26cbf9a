"""The portal's Radix theme: the configured accent colour, light only, and the neutral scale
named outright.

Light only: the portal's own colours (contrast.css, the header, the charts) and their contrast
checks are made for the light page; a device in dark mode got Radix's dark cards and fields
under them (the invoice number's dark teal on near black). The neutral is the one Radix Themes
pairs with the accent in the browser (`getMatchingGrayColor`, what `gray_color="auto"` picks),
named in the compiled theme so that the stylesheet's purge keeps only that scale.
"""

from __future__ import annotations

import reflex as rx

APPEARANCE = "light"

_NEUTRAL_OF = {
    **dict.fromkeys(("tomato", "red", "ruby", "crimson", "pink", "plum", "purple", "violet"),
                    "mauve"),
    **dict.fromkeys(("iris", "indigo", "blue", "sky", "cyan"), "slate"),
    **dict.fromkeys(("teal", "jade", "mint", "green"), "sage"),
    **dict.fromkeys(("grass", "lime"), "olive"),
    **dict.fromkeys(("yellow", "amber", "orange", "brown", "gold", "bronze"), "sand"),
    "gray": "gray",
}


def matching_neutral(accent_color: str) -> str:
    return _NEUTRAL_OF[accent_color]


def portal_theme(accent_color: str) -> rx.Component:
    return rx.theme(accent_color=accent_color, gray_color=matching_neutral(accent_color),
                    appearance=APPEARANCE, radius="medium")
