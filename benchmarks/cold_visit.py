"""Bytes of a cold first visit to a member page (issue 23), in Chromium through the DevTools
protocol's Network events: a fresh browser context (empty cache) with a signed-in member's
session cookie opens /invoices and waits until the list is there; every HTTP response counts
with the bytes that crossed the wire (`encodedDataLength`: headers and compressed body) and the
bytes after decoding (`dataReceived` lengths). The websocket's frames are counted apart."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

from benchmarks.pageload import CHROMIUM, CHROMIUM_ARGS

PAGE = "/invoices"


def measure(base_url: str, session_token: str) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 860})
        context.add_cookies([{"name": "hp_session", "value": session_token, "url": base_url,
                              "httpOnly": True, "sameSite": "Strict"}])
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
        urls, types, encodings = {}, {}, {}
        decoded, transferred = Counter(), Counter()
        frames = {"received": 0, "sent": 0}

        def response(event):
            urls[event["requestId"]] = event["response"]["url"]
            types[event["requestId"]] = event["type"]
            headers = {k.lower(): v for k, v in event["response"]["headers"].items()}
            encodings[event["requestId"]] = headers.get("content-encoding", "")

        cdp.on("Network.responseReceived", response)
        cdp.on("Network.dataReceived",
               lambda e: decoded.update({e["requestId"]: e["dataLength"]}))
        cdp.on("Network.loadingFinished",
               lambda e: transferred.update({e["requestId"]: e["encodedDataLength"]}))
        cdp.on("Network.webSocketFrameReceived",
               lambda e: frames.update(received=frames["received"]
                                       + len(e["response"]["payloadData"])))
        cdp.on("Network.webSocketFrameSent",
               lambda e: frames.update(sent=frames["sent"] + len(e["response"]["payloadData"])))
        page.goto(f"{base_url}{PAGE}", wait_until="networkidle")
        page.locator("table, [role='table'], #invoices").first.wait_for(timeout=60000)
        page.wait_for_timeout(1500)
        assert urlsplit(page.url).path == PAGE, f"not signed in: at {page.url}"
        context.close()
        browser.close()
    finished = [request for request in transferred if request in urls]
    by_kind: dict[str, dict] = {}
    for request in finished:
        kind = types[request]
        entry = by_kind.setdefault(kind, {"requests": 0, "transferred": 0, "decoded": 0})
        entry["requests"] += 1
        entry["transferred"] += transferred[request]
        entry["decoded"] += decoded[request]
    largest = sorted(((decoded[r], transferred[r], urlsplit(urls[r]).path, encodings[r])
                      for r in finished), reverse=True)[:6]
    return {"page": PAGE, "requests": len(finished),
            "transferred": sum(transferred[r] for r in finished),
            "decoded": sum(decoded[r] for r in finished),
            "by_kind": by_kind, "largest": largest,
            "encodings": dict(Counter(encodings[r] or "none" for r in finished)),
            "websocket_received": frames["received"], "websocket_sent": frames["sent"]}

