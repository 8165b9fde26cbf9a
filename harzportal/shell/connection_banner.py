"""The connection to the server as the reader sees it (replaces Reflex's English toast).

One live region (`role="status"`, `aria-live="polite"`, id `connection-status`) on every page
says, in the reader's language, whether the page is connecting, has lost its connection (with
"Neu laden") or has got it back. Its state is computed in the browser from Reflex's own signals:
the connection errors of the event loop (`EventLoopContext`), `is_hydrated` (the server has sent
the page's state), the socket's connect/disconnect reports (`window.__reflex_otel`, Reflex's
instrumentation hooks in utils/state.js) and the browser's `online`/`offline` events.

While the page is not connected:
- every button outside the banner is disabled, its `title` and `aria-describedby` name the
  reason; the buttons come back when the connection does (events Reflex queued meanwhile are
  sent then, so nothing clicked just before the drop is lost);
- an attempt that has not connected within 2.5 s counts as lost for the banner (it goes on);
- a click on a link of the portal is held (the app stays; the route's code could not be loaded)
  and the banner says that pages open again once the network is back.

Reflex reconnects by itself with an incremental backoff (utils/state.js); its connect timeout
is shortened here (`_SHORT_CONNECT_TIMEOUT_MS`) so that an attempt that hangs (a network that
drops packets) is given up and retried within seconds instead of 20 s.
"""

from __future__ import annotations

import json

import reflex as rx
from reflex_base.constants import Dirs
from reflex_base.utils.imports import ImportVar
from reflex_base.vars import FunctionStringVar, VarData

from harzportal.core.i18n import LANGUAGES, N_, translate
from harzportal.settings import settings
from harzportal.shell.state import PortalState

BANNER_ID = "connection-status"
_SHORT_CONNECT_TIMEOUT_MS = 5000
_CONNECTING_LONGEST_MS = 2500  # then the banner says "no connection" (the attempts go on)
_RESTORED_SHOWN_MS = 5000


def _texts() -> str:
    """Every text of the banner in every language, as a JavaScript object literal."""
    portal = settings.network_short_name
    keys = {
        "connecting": (N_("connection.connecting"), {"portal": portal}),
        "lost": (N_("connection.lost"), {}),
        "restored": (N_("connection.restored"), {}),
        "reload": (N_("connection.reload"), {}),
        "held": (N_("connection.navigation_held"), {}),
    }
    return json.dumps({language: {name: translate(key, language, **values)
                                  for name, (key, values) in keys.items()}
                       for language in LANGUAGES})


def _hook() -> str:
    hydrated = str(rx.State.is_hydrated)
    lang = str(PortalState.lang)
    return f"""
const hpConnectErrors = useContext(EventLoopContext)[1];
const hpHydrated = {hydrated};
const [hpOnline, setHpOnline] = useState(true);
const [hpEverUp, setHpEverUp] = useState(false);
const [hpWasLost, setHpWasLost] = useState(false);
const [hpHeld, setHpHeld] = useState(false);
const [hpDropped, setHpDropped] = useState(false);
const [hpStoredLang, setHpStoredLang] = useState("");
useEffect(() => {{
  setHpOnline(navigator.onLine);
  setHpStoredLang(window.localStorage.getItem("hp_lang") || "");
  const up = () => setHpOnline(true);
  const down = () => setHpOnline(false);
  window.addEventListener("online", up);
  window.addEventListener("offline", down);
  // Reflex reports its socket's connect and disconnect to an instrumentation object.
  const others = window.__reflex_otel || {{}};
  window.__reflex_otel = {{
    ...others,
    onSocketConnect: (...args) => {{ setHpDropped(false); others.onSocketConnect?.(...args); }},
    onSocketDisconnect: (reason, ...args) => {{
      if (reason !== "io client disconnect") setHpDropped(true);  // not a page being left
      others.onSocketDisconnect?.(reason, ...args);
    }},
  }};
  return () => {{
    window.__reflex_otel = others;
    window.removeEventListener("online", up);
    window.removeEventListener("offline", down);
  }};
}}, []);
const [hpSlow, setHpSlow] = useState(false);
// Waiting for the server's first answer (not a route change: that hydrates again too).
const hpWaiting = !hpHydrated && (!hpEverUp || hpWasLost);
const hpLost = hpConnectErrors.length > 0 || !hpOnline || hpSlow || hpDropped;
useEffect(() => {{
  if (!hpWaiting) {{ setHpSlow(false); return; }}
  const timer = window.setTimeout(() => setHpSlow(true), {_CONNECTING_LONGEST_MS});
  return () => window.clearTimeout(timer);
}}, [hpWaiting, hpConnectErrors.length]);
useEffect(() => {{
  if (hpLost) {{ setHpWasLost(true); return; }}
  if (hpHydrated) {{ setHpEverUp(true); setHpHeld(false); }}
  if (hpWasLost && hpHydrated) {{
    const timer = window.setTimeout(() => setHpWasLost(false), {_RESTORED_SHOWN_MS});
    return () => window.clearTimeout(timer);
  }}
}}, [hpLost, hpHydrated, hpWasLost]);
const hpPhase = hpLost ? "lost" : ((!hpEverUp || (hpWasLost && !hpHydrated)) ? "connecting"
  : (hpWasLost ? "restored" : "connected"));
const hpTexts = {_texts()};
const hpLanguage = hpHydrated ? {lang} : (hpStoredLang || {lang});
const hpText = (hpTexts[hpLanguage] || hpTexts.de);
const hpOffline = hpPhase === "lost" || hpPhase === "connecting";
useEffect(() => {{
  document.documentElement.dataset.connection = hpPhase;
  if (!hpOffline) {{
    document.querySelectorAll("[data-hp-offline]").forEach((control) => {{
      control.disabled = false;
      control.removeAttribute("data-hp-offline");
      control.removeAttribute("title");
      control.removeAttribute("aria-describedby");
    }});
    return;
  }}
  const reason = hpText[hpPhase];
  const hold = () => document.querySelectorAll("button, input[type=submit]").forEach((control) => {{
    if (control.closest("#{BANNER_ID}")) return;
    if (control.hasAttribute("data-hp-offline")) {{ control.setAttribute("title", reason); return; }}
    if (control.disabled) return;
    control.disabled = true;
    control.setAttribute("data-hp-offline", "");
    control.setAttribute("title", reason);
    control.setAttribute("aria-describedby", "{BANNER_ID}");
  }});
  hold();
  const observer = new MutationObserver(hold);
  observer.observe(document.body, {{ childList: true, subtree: true }});
  const holdLinks = (event) => {{
    const link = event.target.closest && event.target.closest("a[href]");
    if (!link || link.target === "_blank" || link.hasAttribute("download")) return;
    if (new URL(link.href, window.location.href).origin !== window.location.origin) return;
    if (link.getAttribute("href").startsWith("#")) return;
    event.preventDefault();
    event.stopPropagation();
    setHpHeld(true);
  }};
  document.addEventListener("click", holdLinks, true);
  return () => {{ observer.disconnect(); document.removeEventListener("click", holdLinks, true); }};
}}, [hpPhase, hpOffline, hpText]);
"""


# Module code of the banner: an attempt to connect that gets no answer is given up after a few
# seconds (socket.io's default is 20 s); Reflex then retries with its backoff.
_SHORTEN_TIMEOUT = f"""
if (!SocketManager.prototype.__hpShortTimeout) {{
  const hpOpen = SocketManager.prototype.open;
  SocketManager.prototype.open = function (...args) {{
    if (this._timeout === 20000) this._timeout = {_SHORT_CONNECT_TIMEOUT_MS};
    return hpOpen.apply(this, args);
  }};
  SocketManager.prototype.__hpShortTimeout = true;
}}
"""


def _var(expression: str) -> rx.Var:
    """A value the banner's hook computes (the names are local to the banner's component)."""
    return rx.Var(_js_expr=expression, _var_type=str)


class ConnectionBanner(rx.el.Div):
    """The live region; see the module's description."""

    def add_imports(self) -> dict:
        return {
            "react": [ImportVar(tag="useContext"), ImportVar(tag="useEffect"),
                      ImportVar(tag="useState")],
            f"$/{Dirs.CONTEXTS_PATH}": [ImportVar(tag="EventLoopContext")],
            "socket.io-client": [ImportVar(tag="Manager", alias="SocketManager")],
        }

    def add_custom_code(self) -> list[str]:
        return [_SHORTEN_TIMEOUT]

    def add_hooks(self) -> list:
        depends_on = VarData.merge(rx.State.is_hydrated._get_all_var_data(),
                                   PortalState.lang._get_all_var_data())
        return [rx.Var(_js_expr=_hook(), _var_data=depends_on)]

    @classmethod
    def create(cls) -> rx.Component:
        phase = _var("hpPhase")
        return super().create(
            rx.el.span(_var("(hpPhase === 'connected' ? '' : hpText[hpPhase])"),
                       class_name="connection-message"),
            rx.el.span(_var("(hpPhase === 'lost' && hpHeld ? hpText.held : '')"),
                       class_name="connection-held"),
            rx.cond(phase == "lost", rx.el.button(
                _var("hpText.reload"), type="button", class_name="connection-reload",
                on_click=FunctionStringVar.create("(() => window.location.reload())"))),
            id=BANNER_ID,
            role="status",
            aria_live="polite",
            class_name="connection-banner",
            data_phase=phase,
        )


connection_banner = ConnectionBanner.create
