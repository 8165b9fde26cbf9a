"""`seed-scale` (demo/scale.py): the organizations and the people working for them."""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import date

from harzportal.core import clock
from harzportal.demo.network import FIRST_NAMES, FUNCTIONS_BY_POSITION, JOB_TITLES, LAST_NAMES
from harzportal.demo.scale_rows import slug
from harzportal.organizations.models import Organization
from harzportal.organizations.profile import apply_values

REGIONS = ("Harzer", "Goslarer", "Okertaler", "Brocken", "Bodetal", "Selketal", "Ilsetal",
           "Innerste", "Sösetal", "Nordhäuser", "Mansfelder", "Kyffhäuser", "Quedlinburger",
           "Halberstädter", "Wernigeröder", "Blankenburger", "Thalenser", "Osteroder",
           "Seesener", "Clausthaler", "Ilsenburger", "Südharz", "Oberharz", "Unterharz",
           "Eichsfelder", "Sangerhäuser", "Aschersleber", "Hettstedter", "Ellricher",
           "Vienenburger")
# core of the name, organization kind, competences to pick from
TRADES = (
    ("Chemiewerke", "chemical", ("Spezialchemikalien", "REACH-Registrierung", "Lackrohstoffe")),
    ("Feinchemie", "chemical", ("Feinchemikalien", "Lohnfertigung", "GMP")),
    ("Pigmente", "chemical", ("Pigmente", "Füllstoffe", "Bauchemie")),
    ("Agrochemie", "chemical", ("Düngemittel", "Agrarchemie", "Bodenhilfsstoffe")),
    ("Kunststofftechnik", "chemical", ("Kunststoffadditive", "Compoundierung", "Spritzguss")),
    ("Oberflächentechnik", "chemical", ("Galvanik", "Beschichtung", "Korrosionsschutz")),
    ("Metallhütte", "metallurgical", ("Bleiraffination", "Legierungen", "Schmelzmetallurgie")),
    ("Gießerei", "metallurgical", ("Aluminiumguss", "Eisenguss", "Kunstguss")),
    ("Kupferveredelung", "metallurgical", ("Kupferhalbzeuge", "Drahtziehen", "Elektrotechnik")),
    ("Zinkwerke", "metallurgical", ("Zinkoxid", "Pulvermetallurgie", "Keramik")),
    ("Recycling", "recycling", ("Metallrückgewinnung", "Elektronikschrott", "Kreislaufwirtschaft")),
    ("Kunststoffverwertung", "recycling", ("Kunststoffrecycling", "Regranulat", "Sortiertechnik")),
    ("Batterierecycling", "recycling", ("Batterierecycling", "Lithium-Ionen", "Demontage")),
    ("Lösemittel-Recycling", "recycling", ("Lösemittelrecycling", "Destillation")),
    ("Chemielogistik", "logistics", ("Gefahrstofflager", "Tankreinigung", "Gefahrgutberatung")),
    ("Gefahrgutspedition", "logistics", ("Gefahrgutlogistik", "Containerverkehr", "ADR")),
    ("Umwelttechnik", "other", ("Abwasserbehandlung", "Emissionsmessung", "Umweltgutachten")),
    ("Analytik", "other", ("Laboranalytik", "Qualitätsprüfung", "Akkreditierte Prüfungen")),
)
LEGAL_FORMS = ("GmbH", "GmbH", "GmbH", "AG", "KG", "GmbH & Co. KG", "e.K.")
# city, postal code, federal state
CITIES = (
    ("Goslar", "38640", "NI"), ("Langelsheim", "38685", "NI"), ("Seesen", "38723", "NI"),
    ("Osterode am Harz", "37520", "NI"), ("Clausthal-Zellerfeld", "38678", "NI"),
    ("Bad Harzburg", "38667", "NI"), ("Herzberg am Harz", "37412", "NI"),
    ("Braunlage", "38700", "NI"), ("Bad Lauterberg", "37431", "NI"),
    ("Wernigerode", "38855", "ST"), ("Halberstadt", "38820", "ST"), ("Quedlinburg", "06484", "ST"),
    ("Thale", "06502", "ST"), ("Blankenburg (Harz)", "38889", "ST"), ("Ilsenburg", "38871", "ST"),
    ("Harzgerode", "06493", "ST"), ("Hettstedt", "06333", "ST"), ("Sangerhausen", "06526", "ST"),
    ("Aschersleben", "06449", "ST"), ("Ballenstedt", "06493", "ST"),
    ("Nordhausen", "99734", "TH"), ("Ellrich", "99755", "TH"), ("Bleicherode", "99752", "TH"),
    ("Bad Frankenhausen", "06567", "TH"), ("Sondershausen", "99706", "TH"),
    ("Heilbad Heiligenstadt", "37308", "TH"), ("Leinefelde-Worbis", "37327", "TH"),
    ("Hamburg", "20095", "other"), ("Leipzig", "04109", "other"), ("Hannover", "30159", "other"),
)
STREETS = ("Industriestraße", "Hüttenweg", "Am Bahnhof", "Gewerbepark", "Chemiepark",
           "Werkstraße", "Hauptstraße", "Rammelsberger Straße", "Mühlenweg", "Logistikring")


def organization_rows(rng: random.Random, count: int) -> list[dict]:
    names = [(region, trade, legal) for region in REGIONS for trade in TRADES
             for legal in dict.fromkeys(LEGAL_FORMS)]
    rng.shuffle(names)
    rows = []
    for index in range(count):
        region, (trade, kind, competences), legal = names[index % len(names)]
        suffix = f" {index // len(names) + 1}" if index >= len(names) else ""
        name = f"{region} {trade}{suffix} {legal}"
        city, postal_code, state = rng.choice(CITIES)
        organization = Organization(
            name=name, legal_form=legal, kind=kind, street=f"{rng.choice(STREETS)} "
            f"{rng.randint(1, 120)}", postal_code=postal_code, city=city, federal_state=state,
            website=f"https://www.{slug(region + ' ' + trade)}.example",
            phone=f"+49 {rng.randint(3000, 5999)} {rng.randint(10000, 99999)}",
            email=f"info@{slug(region + ' ' + trade)}.example",
            description=f"{trade} aus {city}: {', '.join(competences)}.",
            employees=rng.choice((12, 35, 80, 150, 240, 420, 800, 1500)),
            member_since=date(rng.randint(2012, clock.today().year - 1), 1, 1),
            status="active" if rng.random() > 0.02 else "left")
        chosen = rng.sample(competences, rng.randint(1, len(competences)))
        apply_values(organization, {"competences": chosen})
        rows.append(organization.model_dump(exclude={"id"}))
    return rows


def people_rows(rng: random.Random, organization_ids: list[int], organizations: list[dict],
            contacts: int, member_hash: str) -> tuple[list[dict], list[tuple[int, int]]]:
    """Users spread over the organizations (first one of each is its org_manager); returns the
    rows and (organization index, position) for each."""
    rows, places = [], []
    base, extra = divmod(contacts, len(organization_ids))
    for index, organization_id in enumerate(organization_ids):
        domain = organizations[index]["email"].split("@", 1)[1]
        size = base + (1 if index < extra else 0)
        for position in range(size):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            local = slug(f"{first} {last}").replace("-", ".")
            rows.append({
                "email": f"{local}.{len(rows) + 1}@{domain}", "full_name": f"{first} {last}",
                "job_title": rng.choice(JOB_TITLES), "phone": organizations[index]["phone"],
                "organization_id": organization_id,
                "role": "org_manager" if position == 0 else "contact",
                "password_hash": member_hash, "preferred_language": "de" if rng.random() > 0.1
                else "en", "listed_in_directory": rng.random() < 0.8, "is_active": True})
            places.append((index, position))
    return rows, places


def function_rows(user_ids: list[int], places: list[tuple[int, int]]) -> Iterable[dict]:
    for user_id, (_organization, position) in zip(user_ids, places, strict=True):
        if position < len(FUNCTIONS_BY_POSITION):
            for function in FUNCTIONS_BY_POSITION[position]:
                yield {"user_id": user_id, "function": function}
