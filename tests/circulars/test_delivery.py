"""A circular as it arrives (aiosmtpd, parsed with `email`): each person in their language,
both parts, the unsubscribe headers of RFC 8058, and the one-click POST that works without a
session."""

from __future__ import annotations

import re

import pytest

from harzportal.circulars import routes, service
from harzportal.circulars.service import CircularInput
from harzportal.mail import sender
from tests.circulars.test_service import Network
from tests.route_calls import route_client
from tests.service_calls import run

pytestmark = pytest.mark.service


@pytest.fixture
def client(engine):
    yield from route_client(routes.ROUTES)


def _send(network, category, subject):
    draft = run(service.save_circular, network.staff_actor, None, CircularInput(
        category=category, subject_de=f"{subject} (Grüße)", subject_en=f"{subject} (greetings)",
        body_de="Liebe HSE-Beauftragte,\n\n- [Programm](https://portal.example/p)\n- Ort: Goslar",
        body_en="Dear HSE officers,\n\n- [Programme](https://portal.example/p)\n- Venue: Goslar",
        audience={"kinds": ["chemical", "metallurgical"], "functions": ["hse"]}))
    return run(service.send_circular, network.staff_actor, draft.id)


async def _delivered(smtp_server) -> dict[str, object]:
    while await sender.deliver_due():
        pass
    received = {message["To"]: message for message in smtp_server.messages}
    smtp_server.messages.clear()
    return received


async def test_a_circular_arrives_in_each_language_and_its_link_unsubscribes_with_one_post(
        factories, smtp_server, client):
    network = Network(factories)
    _send(network, "news", "Neuigkeiten")
    first = await _delivered(smtp_server)

    assert set(first) == {"hse@chem.example", "hse@metal.example"}
    german, english = first["hse@chem.example"], first["hse@metal.example"]
    assert german["Subject"] == "Neuigkeiten (Grüße)"
    assert english["Subject"] == "Neuigkeiten (greetings)"
    for message, greeting in ((german, "Liebe HSE-Beauftragte"), (english, "Dear HSE officers")):
        text = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        assert greeting in text and greeting in html
        assert "Programm" in html and '<a href="https://portal.example/p">' in html
        assert "<ul><li>" in html
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert re.fullmatch(r"<http://[^>]+/unsubscribe/[A-Za-z0-9_-]{43}>",
                            message["List-Unsubscribe"])
    english_html = english.get_body(("html",)).get_content()
    assert english_html.startswith('<!DOCTYPE html>\r\n<html lang="en">')

    path = "/unsubscribe/" + german["List-Unsubscribe"].split("/unsubscribe/")[1].rstrip(">")
    looked = client.get(path)  # a link scanner or the person: nothing happens yet
    assert looked.status_code == 200 and "Abbestellen" in looked.text
    assert run(service.opted_out, network.actor(network.chem_hse)) == frozenset()
    # The mail program's one click: a POST without any cookie (RFC 8058)
    clicked = client.post(path, content=b"List-Unsubscribe=One-Click",
                          headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert clicked.status_code == 200 and "Abbestellt" in clicked.text
    assert run(service.opted_out, network.actor(network.chem_hse)) == {"news"}
    assert client.post("/unsubscribe/made-up-token").status_code == 404
    assert client.get("/unsubscribe/made-up-token").status_code == 404

    _send(network, "news", "Noch mehr Neuigkeiten")
    assert set(await _delivered(smtp_server)) == {"hse@metal.example"}
    _send(network, "assembly", "Einladung zur Mitgliederversammlung")
    mandatory = await _delivered(smtp_server)
    assert set(mandatory) == {"hse@chem.example", "hse@metal.example"}
    assert mandatory["hse@chem.example"]["List-Unsubscribe"] is None
