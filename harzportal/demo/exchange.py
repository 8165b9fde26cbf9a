"""Demo posts of the cooperation exchange: offers, requests and project ideas across the demo
members, one confidential, one without its organization's name, one waiting in the queue, some
expressions of interest and one cooperation started. Made through the portal's services."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session

from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.roles import Role
from harzportal.demo.changes import _manager_of
from harzportal.demo.moments import local_moment
from harzportal.exchange import posts, service

# (organization, days ago, approved, form)
POSTS = (
    ("Osteroder Batterierecycling GmbH", 12, True, {
        "kind": "request", "title": "Partner für eine Pilotanlage zum Lithium-Recycling",
        "description": "Wir planen eine Pilotanlage, die Lithium aus der Schwarzmasse "
                       "gebrauchter Batterien hydrometallurgisch zurückgewinnt, und suchen "
                       "einen Partner mit Erfahrung in Laugung und Fällung.",
        "competences": "Batterierecycling, Hydrometallurgie, Lithium-Ionen",
        "sector": "recycling", "funding_programme": "zim"}),
    ("Technische Hochschule Oberharz", 9, True, {
        "kind": "project_idea",
        "title": "Konsortium „Kreislaufwirtschaft Harz“ für Horizont Europa",
        "description": "Für eine Einreichung im nächsten Cluster-4-Aufruf suchen wir Unternehmen, "
                       "die Stoffströme, Versuchsflächen oder Pilotanwendungen einbringen.",
        "competences": "Kreislaufwirtschaft, Rohstoffforschung, Verfahrenstechnik",
        "funding_programme": "horizon_europe", "deadline_days": 75}),
    ("Brocken Spezialchemie GmbH", 7, True, {
        "kind": "offer", "title": "Freie Kapazität in unserem GMP-Labor",
        "description": "Ab dem nächsten Quartal haben wir wöchentlich zwei Tage Kapazität für "
                       "Synthesen im Kilomaßstab unter GMP-Bedingungen.",
        "competences": "Lohnfertigung, GMP, Feinchemikalien", "sector": "chemical"}),
    ("Harz Chemielogistik GmbH", 20, True, {
        "kind": "offer", "title": "Gefahrstofflager: freie Stellplätze ab sofort",
        "description": "In unserem Lager in Goslar sind 120 Palettenstellplätze für Gefahrstoffe "
                       "der Klassen 3, 6.1 und 8 frei, mit Umfüllstation.",
        "competences": "Gefahrstofflager, Gefahrgutberatung", "sector": "logistics"}),
    ("Hochschule Nordharz", 3, True, {
        "kind": "project_idea", "title": "IoT-Sensorik für Tanklager und Abfüllung",
        "description": "Wir entwickeln funkbasierte Füllstands- und Leckagesensoren und suchen "
                       "zwei Betriebe, die sie ein halbes Jahr im Tanklager erproben.",
        "competences": "IoT, Automatisierung, Gefahrstofflager", "funding_programme": "efre"}),
    ("Selketal Pigmente GmbH", 5, True, {
        "kind": "offer", "title": "Restposten Eisenoxidpigmente abzugeben",
        "description": "Etwa acht Tonnen Eisenoxidrot und -gelb aus einer Umstellung der "
                       "Produktion, geprüft und dokumentiert, zu günstigen Konditionen.",
        "competences": "Pigmente, Bauchemie", "sector": "chemical", "show_organization": ""}),
    ("Mansfelder Kupferveredelung GmbH", 6, True, {
        "kind": "request", "title": "Vertraulich: Partner für die Drahtzieherei gesucht",
        "description": "Wir suchen vertraulich einen Partner, der unsere Drahtzieherei mit "
                       "Personal übernehmen oder gemeinsam weiterführen möchte.",
        "competences": "Drahtziehen, Kupferhalbzeuge", "sector": "metallurgical",
        "visibility": "office"}),
    ("Harzer Chemiewerke GmbH", 4, True, {
        "kind": "offer", "title": "Freie Reaktorkapazität für Lackrohstoffe",
        "description": "Ein 6-m³-Rührkessel mit Destillationsaufsatz ist ab Februar frei; wir "
                       "übernehmen Lohnsynthesen von Harzen und Additiven.",
        "competences": "Lackrohstoffe, Spezialchemikalien, Lohnfertigung",
        "sector": "chemical"}),
    ("Halberstädter Lösemittel-Recycling GmbH", 1, False, {
        "kind": "request", "title": "Abnehmer für aufbereitete Lösemittel gesucht",
        "description": "Wir bereiten monatlich rund 40 Tonnen Aceton und Ethylacetat auf und "
                       "suchen Abnehmer in Lackierereien und der Reinigungschemie.",
        "competences": "Lösemittelrecycling, Destillation", "sector": "recycling"}),
)

# (organization of the interested manager, index of the post, note, days ago)
INTERESTS = (
    ("Oker Recycling GmbH", 0, ("Wir betreiben eine hydrometallurgische Versuchsanlage und "
                                "würden gern mehr erfahren."), 10),
    ("Innerste Metallhütte AG", 0, "", 8),
    ("Oker Recycling GmbH", 1, "Stoffströme aus Stäuben und Schlämmen könnten wir einbringen.", 6),
    ("Harzer Chemiewerke GmbH", 3, "Wir brauchen ab März 40 Stellplätze für Klasse 3.", 15),
)
STARTED = 3  # the cooperation of this post has started


def seed_exchange(session: Session, admin_id: int) -> None:
    staff = Actor(user_id=admin_id, organization_id=None, role=Role.NETWORK_ADMIN)
    ids = []
    for name, days_ago, approved, form in POSTS:
        _organization, manager = _manager_of(session, name)
        form = dict(form)
        deadline_days = form.pop("deadline_days", None)
        with clock.fixed_at(local_moment(-days_ago, 9)):
            if deadline_days:
                form["deadline"] = (clock.today() + timedelta(days=deadline_days)).isoformat()
            post = posts.create_post(session, manager, form | {
                "show_organization": form.get("show_organization", "on")})
        if approved:
            with clock.fixed_at(local_moment(-days_ago, 15)):
                posts.decide_post(session, staff, post.id, post.revision, True)
        ids.append(post.id)
    for name, index, note, days_ago in INTERESTS:
        _organization, manager = _manager_of(session, name)
        with clock.fixed_at(local_moment(-days_ago, 11)):
            service.express_interest(session, manager, ids[index], note)
    _organization, author = _manager_of(session, POSTS[STARTED][0])
    with clock.fixed_at(local_moment(-2, 10)):
        posts.mark_cooperation_started(session, author, ids[STARTED])
