"""The client's address, for throttling, sessions and the audit trail: one rule for websocket
events (`of_event`, from Reflex's router) and our HTTP routes (`of_request`).

The address is the direct peer of the connection, unless
- `HARZPORTAL_TRUSTED_PROXY_HOPS` is N > 0 (the number of reverse proxies in front that append
  the address they saw to `X-Forwarded-For`; 0, the default, never reads the header), and
- the direct peer is our own proxy: it connects from the same machine (`127.0.0.1` or `::1`,
  as the README's nginx does with `proxy_pass http://127.0.0.1:…`).

Then it is the Nth address from the right of `X-Forwarded-For` (all lines of the header taken as
one list): the entries to its right were written by our proxies, everything to its left by the
client and is ignored. With fewer entries than N the leftmost one (the request skipped an outer
proxy). A header from any other peer is forged and ignored; an entry that is no IP address gives
the peer's own address.

Reflex's `trusted_proxy_hops` is not used: it trusts the header whoever sends it.
"""

from __future__ import annotations

import ipaddress

from harzportal.settings import get as get_settings

PROXY_PEERS = frozenset({ipaddress.ip_address("127.0.0.1"), ipaddress.ip_address("::1")})


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def is_trusted_proxy(peer: str) -> bool:
    return _ip(peer) in PROXY_PEERS


def client_address(peer: str, forwarded_for: str, trusted_hops: int) -> str:
    """The rule above, as a pure function."""
    peer = peer or ""
    if trusted_hops <= 0 or not is_trusted_proxy(peer):
        return peer
    entries = [entry.strip() for entry in forwarded_for.split(",") if entry.strip()]
    if not entries:
        return peer
    candidate = _ip(entries[-min(trusted_hops, len(entries))])
    return str(candidate) if candidate is not None else peer


def of_request(request) -> str:
    """The client address of a Starlette request (our HTTP routes)."""
    peer = request.client.host if request.client else ""
    forwarded_for = ", ".join(request.headers.getlist("x-forwarded-for"))
    return client_address(peer, forwarded_for, get_settings().trusted_proxy_hops)


def of_event(router) -> str:
    """The client address of a websocket event: Reflex's router data of the connection, whose
    `asgi-scope-client` is the socket's peer (Reflex overwrites a header of that name)."""
    headers = router.headers.raw_headers
    peer = headers.get("asgi-scope-client") or router.session.client_ip or ""
    return client_address(peer, headers.get("x-forwarded-for", ""),
                          get_settings().trusted_proxy_hops)
