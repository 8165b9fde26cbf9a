"""Attendance certificates worth keeping: dated on the seminar's last day, numbered once and for
good (TN-2027-0001, unique even when issued at the same moment), with the duration in hours,
"vom … bis …" for several days, the signatory from the settings and a verification line whose
public page shows only name, seminar and date for a real certificate and the same nothing for
every made-up, malformed or withdrawn one."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from harzportal import settings
from harzportal.core import clock
from harzportal.seminars import certification, participation, registrations, routes
from harzportal.seminars.certificates import render_certificate
from tests.route_calls import route_client
from tests.seminars.helpers import ADDRESS, ENDS, STARTS, create_seminar, run
from tests.seminars.test_concurrency import _at_once

pytestmark = pytest.mark.service

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "certificates"


@pytest.fixture
def organization(factories):
    return factories.organization(**ADDRESS, name="Harzer Chemiewerke GmbH")


@pytest.fixture
def signatory(monkeypatch):
    monkeypatch.setenv("HARZPORTAL_CERTIFICATE_SIGNATORY_NAME", "Prof. Dr. Ulrike Quast")
    monkeypatch.setenv("HARZPORTAL_CERTIFICATE_SIGNATORY_ROLE", "Vorstandsvorsitzende")
    settings.reload()
    yield
    monkeypatch.undo()
    settings.reload()


def _attended(factories, staff_actor, organization, *, names=("Marta Kühnemann",), **fields):
    seminar = create_seminar(staff_actor, **{"title": "Sicher mit Gefahrstoffen"} | fields)
    people = [factories.user(organization, full_name=name) for name in names]
    found = [run(registrations.register, factories.actor(p), seminar.id, p.id) for p in people]
    with clock.fixed_at(clock.as_utc(seminar.starts_at) + timedelta(hours=1)):
        for registration in found:
            run(participation.set_attendance, staff_actor, registration.id, True)
    return seminar, people, found


def _text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _pdf(factories, person, registration) -> bytes:
    return render_certificate(run(participation.certificate_data, factories.actor(person),
                                  registration.id))


TWO_DAYS = {"starts_at": "2027-03-10T09:30", "ends_at": "2027-03-11T16:00"}


def test_a_two_day_certificate_states_dates_hours_number_signatory_and_check(
        factories, staff_actor, organization, signatory):
    _seminar, [person], [registration] = _attended(factories, staff_actor, organization,
                                                   **TWO_DAYS)
    with clock.fixed_at(ENDS + timedelta(days=300)):  # downloaded much later
        content = _pdf(factories, person, registration)

    text = _text(content)
    assert "Goslar, 11.03.2027" in text  # the seminar's last day, not the download's
    assert "vom 10.03.2027 bis 11.03.2027" in text
    assert "13 Stunden" in text  # 2 days of 09:30–16:00
    assert "Prof. Dr. Ulrike Quast" in text and "Vorstandsvorsitzende" in text
    [number] = set(re.findall(r"TN-\d{4}-\d{4}", text))
    assert number == "TN-2027-0001"
    data = run(participation.certificate_data, factories.actor(person), registration.id)
    assert data.verification_url.replace("\n", "") in text.replace("\n", "")
    assert data.verification_url.startswith(
        f"{settings.get().public_origin}{certification.VERIFY_PREFIX}{number}-")


def test_a_one_day_certificate_says_am_and_its_hours(factories, staff_actor, organization):
    _seminar, [person], [registration] = _attended(factories, staff_actor, organization)
    text = _text(_pdf(factories, person, registration))
    assert "am 10.03.2027" in text and "vom" not in text
    assert "6,5 Stunden" in text  # 09:30–16:00
    assert "Goslar, 10.03.2027" in text


def test_the_number_is_assigned_once_and_kept(factories, staff, staff_actor, organization):
    _seminar, people, found = _attended(factories, staff_actor, organization,
                                        names=("Anna Erste", "Bert Zweiter"))

    def number(person, registration):
        return run(participation.certificate_data, factories.actor(person),
                   registration.id).number

    first = number(people[0], found[0])
    assert number(people[0], found[0]) == first  # downloaded again
    assert number(staff, found[0]) == first  # staff download the same certificate
    assert number(people[1], found[1]) == "TN-2027-0002"
    assert first == "TN-2027-0001"

    # Attendance withdrawn and given again: still the same number.
    with clock.fixed_at(STARTS + timedelta(hours=2)):
        run(participation.set_attendance, staff_actor, found[0].id, False)
        run(participation.set_attendance, staff_actor, found[0].id, True)
    assert number(people[0], found[0]) == first


def test_the_year_of_the_number_is_the_seminars_last_day(factories, staff_actor, organization):
    _seminar, [person], [registration] = _attended(
        factories, staff_actor, organization, starts_at="2027-12-31T09:00",
        ends_at="2028-01-01T12:00", registration_deadline="2027-12-30T18:00")
    with clock.fixed_at(ENDS + timedelta(days=400)):
        data = run(participation.certificate_data, factories.actor(person), registration.id)
    assert data.number == "TN-2028-0001"


def test_numbers_issued_at_the_same_moment_are_all_different(factories, staff_actor,
                                                             organization):
    names = [f"Person {index}" for index in range(6)]
    _seminar, people, found = _attended(factories, staff_actor, organization, names=names)

    numbers = _at_once([
        (lambda person=person, registration=registration: run(
            participation.certificate_data, factories.actor(person), registration.id).number)
        for person, registration in zip(people, found, strict=True)])

    assert sorted(numbers) == [f"TN-2027-{serial:04d}" for serial in range(1, 7)]


# The public check

@pytest.fixture
def client():
    yield from route_client(routes.ROUTES)


def _check_path(url: str) -> str:
    return url.removeprefix(settings.get().public_origin)


def test_the_check_shows_only_name_seminar_and_date(client, factories, staff_actor,
                                                     organization):
    _seminar, [person], [registration] = _attended(factories, staff_actor, organization,
                                                   **TWO_DAYS)
    data = run(participation.certificate_data, factories.actor(person), registration.id)

    response = client.get(_check_path(data.verification_url))  # no session

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    for shown in ("Marta Kühnemann", "Sicher mit Gefahrstoffen", "11.03.2027", data.number):
        assert shown in page
    for hidden in (organization.name, person.email, "Goslar"):
        assert hidden not in page
    assert response.headers["cache-control"] == "no-store"


def test_made_up_malformed_and_withdrawn_certificates_get_the_same_answer(
        client, factories, staff_actor, organization):
    _seminar, [person], [registration] = _attended(factories, staff_actor, organization)
    data = run(participation.certificate_data, factories.actor(person), registration.id)
    real = _check_path(data.verification_url)
    code = real.rsplit("-", 1)[1]
    wrong_code = ("A" if code[0] != "A" else "B") + code[1:]
    answers = [client.get(path) for path in (
        real.rsplit("-", 1)[0] + f"-{wrong_code}",  # the real number, a made-up code
        f"{certification.VERIFY_PREFIX}TN-2027-0002-{code}",  # a number never issued
        f"{certification.VERIFY_PREFIX}TN-2027-0001",  # the number alone
        f"{certification.VERIFY_PREFIX}<script>alert(1)</script>",
        f"{certification.VERIFY_PREFIX}" + "9" * 500,
        f"{certification.VERIFY_PREFIX}TN-2027-0001-{code}/x",
    )]
    with clock.fixed_at(STARTS + timedelta(hours=2)):
        run(participation.set_attendance, staff_actor, registration.id, False)
    answers.append(client.get(real))  # withdrawn: attendance taken back

    assert {a.status_code for a in answers} == {404}
    assert len({a.text for a in answers}) == 1
    assert "Marta" not in answers[0].text and "<script>" not in answers[0].text


def test_many_failed_checks_from_one_address_are_throttled(client, factories, staff_actor,
                                                           organization):
    _seminar, [person], [registration] = _attended(factories, staff_actor, organization)
    real = _check_path(run(participation.certificate_data, factories.actor(person),
                           registration.id).verification_url)
    for attempt in range(certification.MAX_FAILED_CHECKS):
        assert client.get(f"{certification.VERIFY_PREFIX}TN-2027-{attempt:04d}-AAAAAAAA"
                          ).status_code == 404
    throttled = client.get(real)
    assert throttled.status_code == 429 and "Marta" not in throttled.text
    with clock.fixed_at(clock.now() + certification.CHECK_WINDOW + timedelta(seconds=1)):
        assert client.get(real).status_code == 200


def test_the_check_page_speaks_english_when_the_browser_asks(client, factories, staff_actor,
                                                            organization):
    _seminar, [person], [registration] = _attended(factories, staff_actor, organization)
    url = _check_path(run(participation.certificate_data, factories.actor(person),
                          registration.id).verification_url)
    english = client.get(url, headers={"Accept-Language": "en-GB,en;q=0.9,de;q=0.5"})
    german = client.get(url, headers={"Accept-Language": "de-DE"})
    assert 'lang="en"' in english.text and "10 Mar 2027" in english.text
    assert 'lang="de"' in german.text and "10.03.2027" in german.text


# Looked at: each certificate as an image (pdftoppm, poppler-utils; `make test` installs it)

LONGEST = {"title": "Gefahrstoffmanagement, Gefährdungsbeurteilung und Betriebsanweisungen "
           "nach GefStoffV und TRGS 400/555 in der Praxis der chemischen Industrie im Harz: "
           "ein Intensivseminar für Fachkräfte",
           "speakers": "Dr. Miriam Braun (Berufsgenossenschaft Rohstoffe und chemische "
           "Industrie), Prof. Dr.-Ing. Hans-Jürgen Oberländer (TU Clausthal), Sabine "
           "Weißenfels-Krüger (Gewerbeaufsichtsamt Braunschweig)",
           "venue": "Tagungszentrum Kaiserpfalz, Kaiserbleek 6, 38640 Goslar"} | TWO_DAYS


@pytest.mark.parametrize("shape", ["one-day", "two-days", "long-texts"])
def test_the_certificate_renders_to_an_image(factories, staff_actor, organization, signatory,
                                             shape):
    fields = {"one-day": {}, "two-days": TWO_DAYS, "long-texts": LONGEST}[shape]
    _seminar, [person], [registration] = _attended(
        factories, staff_actor, organization, names=("Dr. Marta Kühnemann-Überland",), **fields)
    content = _pdf(factories, person, registration)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = ARTIFACTS / f"certificate-{shape}.pdf"
    pdf.write_bytes(content)

    subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(pdf),
                    str(ARTIFACTS / f"certificate-{shape}")], check=True, timeout=60)

    image = ARTIFACTS / f"certificate-{shape}.png"
    assert image.stat().st_size > 10_000
    assert len(PdfReader(io.BytesIO(content)).pages) == 1  # everything fits on one page


def test_the_persons_own_export_names_their_certificate_numbers(factories, staff_actor,
                                                                organization):
    from harzportal.gdpr import service as gdpr

    _seminar, [person], [registration] = _attended(factories, staff_actor, organization)
    before = run(gdpr.person_export, factories.actor(person))
    assert [r["certificate_number"] for r in before["seminar_registrations"]] == [None]
    number = run(participation.certificate_data, factories.actor(person), registration.id).number

    exported = run(gdpr.person_export, factories.actor(person))

    assert [r["certificate_number"] for r in exported["seminar_registrations"]] == [number]
