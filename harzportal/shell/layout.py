"""The page shell (header, navigation, content) and the decorator that registers a page.

`portal_page` puts a page behind the session check: its first on_load loader opens the page
(the session check and the header's identity, shell/guard.py; `PortalState.check_session` for a
page without loaders), and the content is rendered only while `signed_in` is true. This is
for the eye only; every handler checks the session itself.
"""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx
from reflex_base.vars import VarData
from reflex_components_core.el.elements.inline import A as PlainAnchor

from harzportal.core.i18n import translate
from harzportal.settings import settings
from harzportal.shell.connection_banner import connection_banner
from harzportal.shell.guard import opens_page
from harzportal.shell.navigation import ACCOUNT_ENTRY, NavEntry, member_entries, staff_entries
from harzportal.shell.state import PortalState
from harzportal.shell.text import t

CONTENT_MAX_WIDTH = "1100px"
# sessionStorage: the next page was loaded by `FullNavigation` (sign-in): its heading takes focus.
_ARRIVED_KEY = "hp_arrived"
# The class of the tables whose rows stack on a phone (ui.components.data_table).
STACKED_TABLE = "hp-stacked-table"
FORM_GUARD_SCRIPT = "/form_guard.js"


def form_guard_script() -> rx.Component:
    """assets/form_guard.js, deferred in the head of every page: a form sent before the page is
    hydrated is not sent by the browser itself (its fields would land in the address)."""
    return rx.el.script(src=FORM_GUARD_SCRIPT, defer=True)


def _for_whom(entry: NavEntry, component: rx.Component, *, reserve: bool = False) -> rx.Component:
    if entry.requires and not reserve:
        component = rx.cond(PortalState.flags.contains(entry.requires), component)
    elif entry.requires:
        # The sidebar: until the session's flags are known (the socket's first answer), the
        # entry keeps its place, invisible: inserted later it pushed the entries below it down
        # (a layout shift).
        component = rx.cond(
            PortalState.flags.contains(entry.requires), component,
            rx.cond(PortalState.signed_in, rx.fragment(),
                    rx.box(component, visibility="hidden", width="100%",
                           class_name="hp-nav-placeholder")))
    return rx.cond(~PortalState.is_staff, component) if entry.members_only else component


def _nav_link(entry: NavEntry) -> rx.Component:
    path = PortalState.router.page.path
    active = (path == entry.route) | path.startswith(entry.pages_below)
    return _for_whom(entry, rx.link(
        rx.hstack(rx.icon(entry.icon, size=18), rx.text(t(entry.label_key)), spacing="2",
                  align="center"),
        href=entry.route,
        underline="none",
        padding="0.5em 0.75em",
        border_radius="var(--radius-3)",
        width="100%",
        color=rx.cond(active, "var(--accent-12)", "var(--gray-12)"),
        background_color=rx.cond(active, "var(--accent-3)", "transparent"),
        font_weight=rx.cond(active, "600", "400"),
        aria_current=rx.cond(active, "page", "false"),
        _hover={"background_color": "var(--accent-2)"},
    ), reserve=True)


def _staff_section() -> rx.Component:
    return rx.cond(
        PortalState.is_staff,
        rx.vstack(
            rx.text(t("nav.admin_section"), size="1", weight="bold", color_scheme="gray",
                    padding_left="0.75em", padding_top="1em", text_transform="uppercase"),
            *[_nav_link(entry) for entry in staff_entries()],
            spacing="1",
            width="100%",
        ),
    )


def sidebar() -> rx.Component:
    return rx.el.nav(
        rx.vstack(
            *[_nav_link(entry) for entry in member_entries()],
            _staff_section(),
            spacing="1",
            width="100%",
        ),
        aria_label=t("nav.aria_main"),
        display=["none", "none", "block"],
        width="15em",
        flex_shrink="0",
        padding="1em 0.5em",
    )


def _menu_item(entry: NavEntry) -> rx.Component:
    return _for_whom(entry, rx.menu.item(
        rx.hstack(rx.icon(entry.icon, size=16), rx.text(t(entry.label_key)), spacing="2"),
        on_click=rx.redirect(entry.route),
    ))


def language_switch(on_change) -> rx.Component:
    return rx.segmented_control.root(
        rx.segmented_control.item("DE", value="de"),
        rx.segmented_control.item("EN", value="en"),
        value=PortalState.lang,
        on_change=on_change,
        size="1",
        aria_label="Sprache / Language",
    )


def _mobile_menu() -> rx.Component:
    return rx.box(
        rx.menu.root(
            rx.menu.trigger(
                rx.icon_button(rx.icon("menu", color="white"), variant="ghost", size="3",
                               aria_label=t("nav.menu"))
            ),
            rx.menu.content(
                *[_menu_item(entry) for entry in member_entries()],
                rx.cond(
                    PortalState.is_staff,
                    rx.fragment(rx.menu.separator(), *[_menu_item(e) for e in staff_entries()]),
                ),
                rx.menu.separator(),
                _menu_item(ACCOUNT_ENTRY),
                rx.menu.item(t("nav.logout"), on_click=PortalState.logout, color_scheme="red"),
            ),
        ),
        display=["block", "block", "none"],
    )


def _user_menu() -> rx.Component:
    return rx.box(
        rx.menu.root(
            rx.menu.trigger(
                rx.button(
                    rx.icon("circle_user", size=18),
                    rx.text(PortalState.user_name),
                    rx.icon("chevron_down", size=14),
                    variant="ghost",
                    color="white",
                    id="user-menu",
                )
            ),
            rx.menu.content(
                rx.box(rx.text(PortalState.organization_name, size="1", color_scheme="gray"),
                       padding="0.25em 0.75em"),
                _menu_item(ACCOUNT_ENTRY),
                rx.menu.separator(),
                rx.menu.item(t("nav.logout"), on_click=PortalState.logout, color_scheme="red",
                             id="logout"),
            ),
        ),
        display=["none", "none", "block"],
    )


def header() -> rx.Component:
    return rx.el.header(
        rx.hstack(
            _mobile_menu(),
            rx.link(
                rx.vstack(
                    rx.text(settings.network_short_name, weight="bold", size="4", color="white"),
                    rx.text(settings.network_name, size="1", color="rgba(255,255,255,0.8)"),
                    spacing="0",
                ),
                href="/dashboard",
                underline="none",
            ),
            rx.spacer(),
            language_switch(PortalState.switch_language),
            _user_menu(),
            align="center",
            spacing="3",
            width="100%",
            max_width="1400px",
            margin="0 auto",
        ),
        background_color=settings.brand_color,
        padding="0.6em 1em",
        position="sticky",
        top="0",
        z_index="10",
    )


class DocumentLanguage(rx.Fragment):
    """Keeps `<html lang>` on the chosen language; the static HTML starts with German."""

    def add_imports(self) -> dict:
        return {"react": ["useEffect"]}

    def add_hooks(self) -> list:
        lang = PortalState.lang
        chosen = str(lang)  # the JavaScript expression of the state variable
        effect = f"useEffect(() => {{ document.documentElement.lang = {chosen}; }}, [{chosen}]);"
        return [rx.Var(_js_expr=effect, _var_data=lang._get_all_var_data())]


class FullNavigation(rx.Fragment):
    """Loads `PortalState.navigate_to` as a new page (not React Router's client-side move),
    so the HTTP answer there can set or clear the cookie and the next socket carries it. The
    effect is compiled into the page: the content security policy allows no eval."""

    def add_imports(self) -> dict:
        return {"react": ["useEffect"]}

    def add_hooks(self) -> list:
        target = PortalState.navigate_to
        where = str(target)  # the JavaScript expression of the state variable
        effect = (f"useEffect(() => {{ if ({where}) {{ "
                  f"window.sessionStorage.setItem('{_ARRIVED_KEY}', '1'); "
                  f"window.location.assign({where}); }} }}, [{where}]);")
        return [rx.Var(_js_expr=effect, _var_data=target._get_all_var_data())]


class HeadingFocus(rx.Fragment):
    """Moves the focus to the page's main heading (announced by screen readers) after each
    route change and after signing in (the page `FullNavigation` loaded), unless the
    reader has already put it somewhere in the page. A plain (re)load leaves it at the top."""

    def add_imports(self) -> dict:
        return {"react": ["useEffect", "useRef"]}

    def add_hooks(self) -> list:
        path, signed_in = PortalState.router.page.path, PortalState.signed_in
        effect = f"""
const hpShownPath = useRef(null);
useEffect(() => {{
  if (!{signed_in}) return;
  const first = hpShownPath.current === null;
  if (hpShownPath.current === {path}) return;
  hpShownPath.current = {path};
  const arrived = window.sessionStorage.getItem("{_ARRIVED_KEY}");
  window.sessionStorage.removeItem("{_ARRIVED_KEY}");
  if (first && !arrived) return;
  let tries = 0;
  let timer;
  const focusHeading = () => {{
    const heading = document.querySelector("main h1");
    const active = document.activeElement;
    if (active && active !== document.body && active.closest("main")) return;
    if (heading) {{ heading.setAttribute("tabindex", "-1"); heading.focus(); return; }}
    if (++tries < 30) timer = window.setTimeout(focusHeading, 100);
  }};
  timer = window.setTimeout(focusHeading, 0);
  return () => window.clearTimeout(timer);
}}, [{path}, {signed_in}]);"""
        var_data = VarData.merge(path._get_all_var_data(), signed_in._get_all_var_data())
        return [rx.Var(_js_expr=effect, _var_data=var_data)]


class StackedTableLabels(rx.Fragment):
    """Copies each column's name onto its cells (`data-label`) in the tables of
    `ui.components.data_table`, for the stacked rows a phone shows; kept up as rows change."""

    def add_imports(self) -> dict:
        return {"react": ["useEffect"]}

    def add_hooks(self) -> list:
        return [f"""
useEffect(() => {{
  let frame = 0;
  const label = () => {{
    frame = 0;
    document.querySelectorAll(".{STACKED_TABLE} table").forEach((table) => {{
      const names = [...table.querySelectorAll("thead th")].map((th) => th.innerText.trim());
      table.querySelectorAll("tbody tr").forEach((tr) => {{
        [...tr.children].forEach((cell, index) => {{
          const name = names[index] || "";
          if (cell.getAttribute("data-label") !== name) cell.setAttribute("data-label", name);
        }});
      }});
    }});
  }};
  const observer = new MutationObserver(() => {{ if (!frame) frame = requestAnimationFrame(label); }});
  observer.observe(document.body, {{ childList: true, subtree: true, characterData: true }});
  label();
  return () => {{ observer.disconnect(); if (frame) cancelAnimationFrame(frame); }};
}}, []);"""]


def skip_link() -> rx.Component:
    """The first stop of the Tab key: past header and navigation straight to the page."""
    # A plain <a> (rx.el.a is the router's Link, which would make "#main-content" relative to
    # the route: "/dashboard/#main-content", another address than the page "/dashboard").
    return PlainAnchor.create(
        t("nav.skip_to_content"),
        href="#main-content",
        class_name="skip-link",
        # Client-side only: React Router would take the plain link and leave the focus here.
        on_click=[rx.prevent_default, rx.set_focus("main-content")],
    )


def shell(content: rx.Component) -> rx.Component:
    return rx.box(
        DocumentLanguage.create(),
        FullNavigation.create(),
        HeadingFocus.create(),
        StackedTableLabels.create(),
        skip_link(),
        connection_banner(),
        header(),
        rx.hstack(
            sidebar(),
            rx.el.main(
                rx.cond(
                    PortalState.service_problem,
                    rx.callout(PortalState.service_problem, icon="cloud_off",
                               color_scheme="amber", role="alert", id="service-problem",
                               width="100%", margin_bottom="1em"),
                ),
                rx.cond(
                    PortalState.signed_in,
                    content,
                    rx.cond(PortalState.service_problem, rx.fragment(),
                            rx.center(rx.spinner(size="3"), padding="4em")),
                ),
                id="main-content",
                tab_index=-1,
                width="100%",
                max_width=CONTENT_MAX_WIDTH,
                padding=["1em 0.75em", "1.25em", "1.5em 2em"],
                min_width="0",
            ),
            align="start",
            spacing="0",
            width="100%",
            max_width="1400px",
            margin="0 auto",
        ),
        min_height="100vh",
        background_color="var(--gray-2)",
    )


def page_description() -> str:
    """The page's meta description (static HTML, so in the default language)."""
    return translate("meta.description", network=settings.network_name)


def tab_title(title_key: str) -> str:
    """The browser tab's title (static HTML, so in the default language)."""
    return f"{translate(title_key)} · {settings.network_short_name}"


def _in_module_of(render: Callable, page: Callable[[], rx.Component]) -> Callable:
    """`page` (the shell around `render`) as a function of `render`'s module. Reflex compiles a
    page's memoized parts into one JavaScript module per Python module of the page function
    (`.web/app_components/<module>.jsx`); named after this module, every page's parts landed in
    one file that every page loaded (all pages' components, the chart library included)."""
    page.__module__ = render.__module__
    page.__qualname__ = page.__name__ = render.__name__
    return page


def portal_page(route: str, title_key: str, on_load: list | None = None):
    """Register a signed-in page: shell, then its loaders; the first of them opens the page (the
    session check and the header's identity, in its own event: shell/guard.py), or
    `PortalState.check_session` for a page without loaders."""

    def decorator(render: Callable[[], rx.Component]):
        loaders = list(on_load or [PortalState.check_session])
        opens_page(loaders[0])
        return rx.page(route=route, title=tab_title(title_key), description=page_description(),
                       on_load=loaders)(_in_module_of(render, lambda: shell(render())))

    return decorator


def public_page(route: str, title_key: str, on_load=None):
    """Register a page that works without a session (login, password reset, invitation)."""

    def decorator(render: Callable[[], rx.Component]):
        return rx.page(route=route, title=tab_title(title_key), description=page_description(),
                       on_load=on_load)(_in_module_of(
            render, lambda: rx.fragment(FullNavigation.create(), connection_banner(), render())))

    return decorator
