"""The theme names a neutral scale for every accent colour the settings allow, the one Radix
Themes pairs with it; the portal is light only."""

from __future__ import annotations

import pytest

from harzportal.setting_values import ACCENT_COLORS
from harzportal.ui import theme


@pytest.mark.parametrize("accent, neutral", [("teal", "sage"), ("blue", "slate"),
                                             ("red", "mauve"), ("amber", "sand"),
                                             ("grass", "olive"), ("gray", "gray")])
def test_the_neutral_is_the_one_radix_pairs_with_the_accent(accent, neutral):
    assert theme.matching_neutral(accent) == neutral


def test_every_allowed_accent_has_its_neutral_and_the_theme_is_light():
    for accent in ACCENT_COLORS:
        compiled = theme.portal_theme(accent)
        assert f'grayColor:"{theme.matching_neutral(accent)}"' in compiled.render()["props"]
        assert str(compiled.appearance) == '"light"'  # Reflex makes it the page's colour mode
