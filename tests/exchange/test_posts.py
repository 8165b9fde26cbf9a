"""The exchange's rules: who may do what, moderation, expiry, finding, matching, interest and
the digest. Every service call runs in its own unit of work, as the handlers do."""

from __future__ import annotations

from datetime import timedelta

import pytest

from harzportal.core import clock
from harzportal.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from harzportal.exchange import digest, matching, posts, service
from harzportal.exchange.models import Post
from tests.exchange.helpers import (
    REQUEST_FORM,
    audit_actions,
    build,
    outbox,
    post_of,
    post_row,
)
from tests.service_calls import run

pytestmark = pytest.mark.service

ALLOW, DENY, HIDE = "allow", PermissionDenied, NotFound
WHO = ("manager", "editor", "plain", "oker_manager", "staff")


@pytest.fixture(autouse=True)
def _fixed_time(fake_clock):
    return fake_clock


@pytest.fixture
def world(factories):
    return build(factories)


def _outcome(call):
    try:
        call()
    except (PermissionDenied, NotFound) as error:
        return type(error)
    return ALLOW


# Every action of a post × every role: the author's organization's manager and profile editor,
# its plain contact, another organization's manager, staff.
#                    manager  editor  plain  oker_manager  staff
EXPECTED = {
    "create":        (ALLOW,   ALLOW,  DENY,  ALLOW,        DENY),
    "update":        (ALLOW,   ALLOW,  DENY,  HIDE,         ALLOW),
    "withdraw":      (ALLOW,   ALLOW,  DENY,  HIDE,         ALLOW),
    "renew":         (ALLOW,   ALLOW,  DENY,  HIDE,         DENY),
    "decide":        (DENY,    DENY,   DENY,  DENY,         ALLOW),
    "mark_started":  (ALLOW,   ALLOW,  DENY,  HIDE,         DENY),
    "read_pending":  (ALLOW,   ALLOW,  ALLOW, HIDE,         ALLOW),
    "read_office":   (ALLOW,   ALLOW,  ALLOW, HIDE,         ALLOW),
    "read_public":   (ALLOW,   ALLOW,  ALLOW, ALLOW,        ALLOW),
    "own_list":      (ALLOW,   ALLOW,  ALLOW, ALLOW,        DENY),
    "queue":         (DENY,    DENY,   DENY,  DENY,         ALLOW),
    "interest":      (DENY,    DENY,   DENY,  ALLOW,        DENY),
    "digest":        (ALLOW,   ALLOW,  ALLOW, ALLOW,        DENY),
}


def _attempt(world, action: str, who: str):
    actor = world.actor(who)
    pending = post_of(world, approve=False)
    published = post_of(world)
    office = post_of(world, REQUEST_FORM | {"visibility": "office"})
    form = REQUEST_FORM | {"title": "Neuer Titel der Anfrage"}
    calls = {
        "create": lambda: run(posts.create_post, actor, REQUEST_FORM),
        "update": lambda: run(posts.update_post, actor, published.id, form),
        "withdraw": lambda: run(posts.withdraw_post, actor, published.id),
        "renew": lambda: run(posts.renew_post, actor, published.id),
        "decide": lambda: run(posts.decide_post, actor, pending.id, pending.revision, True),
        "mark_started": lambda: run(posts.mark_cooperation_started, actor, published.id),
        "read_pending": lambda: run(service.get_post, actor, pending.id),
        "read_office": lambda: run(service.get_post, actor, office.id),
        "read_public": lambda: run(service.get_post, actor, published.id),
        "own_list": lambda: run(service.own_posts, actor),
        "queue": lambda: run(service.moderation_queue, actor),
        "interest": lambda: run(service.express_interest, actor, published.id, "Gern"),
        "digest": lambda: run(digest.set_digest, actor, True),
    }
    return _outcome(calls[action])


@pytest.mark.parametrize("action", EXPECTED)
@pytest.mark.parametrize("who", WHO)
def test_permission_of_every_action_and_role(world, action, who):
    assert _attempt(world, action, who) == EXPECTED[action][WHO.index(who)]


def test_a_missing_post_is_not_found_for_everyone(world):
    for who in WHO:
        with pytest.raises(NotFound):
            run(service.get_post, world.actor(who), 999_999)
        with pytest.raises(NotFound):
            run(posts.withdraw_post, world.actor(who), "x")


# Moderation

def test_a_post_waits_for_approval_and_is_then_visible(world):
    post = run(posts.create_post, world.actor("manager"), REQUEST_FORM)
    assert post.status == "pending"
    assert post.expires_on == clock.today() + timedelta(days=90)
    assert run(service.search_posts, world.actor("oker_manager")).total == 0
    assert [entry.post.id for entry in run(service.moderation_queue,
                                           world.actor("staff")).items] == [post.id]
    run(posts.decide_post, world.actor("staff"), post.id, post.revision, True)
    assert post_row(post.id).status == "published"
    assert [entry.post.id for entry in run(service.search_posts,
                                           world.actor("oker_manager")).items] == [post.id]
    assert run(service.moderation_queue, world.actor("staff")).total == 0
    [mail] = outbox("exchange_decided")
    assert mail.recipient == world.manager.email and REQUEST_FORM["title"] in mail.body_text
    assert audit_actions(post.id) == ["exchange.post_created", "exchange.post_approved"]


def test_a_refusal_needs_a_reason_and_tells_it(world):
    post = run(posts.create_post, world.actor("manager"), REQUEST_FORM)
    with pytest.raises(ValidationFailed) as refused:
        run(posts.decide_post, world.actor("staff"), post.id, post.revision, False, "  ")
    assert refused.value.message_key == "exchange.reason_required"
    assert post_row(post.id).status == "pending"
    run(posts.decide_post, world.actor("staff"), post.id, post.revision, False,
        "Bitte ohne Werbung.")
    row = post_row(post.id)
    assert (row.status, row.reason) == ("rejected", "Bitte ohne Werbung.")
    assert "Bitte ohne Werbung." in outbox("exchange_decided")[0].body_text
    with pytest.raises(NotFound):
        run(service.get_post, world.actor("oker_manager"), post.id)
    with pytest.raises(Conflict):
        run(posts.update_post, world.actor("manager"), post.id, REQUEST_FORM)


def test_a_decision_on_a_revision_no_longer_shown_is_refused(world):
    post = run(posts.create_post, world.actor("manager"), REQUEST_FORM)
    run(posts.update_post, world.actor("manager"), post.id, REQUEST_FORM | {"title": "Geändert"
                                                                             " und neu"})
    with pytest.raises(Conflict):
        run(posts.decide_post, world.actor("staff"), post.id, post.revision, True)
    assert post_row(post.id).status == "pending"


def test_an_authors_edit_sends_a_published_post_back_to_the_queue(world):
    post = post_of(world)
    run(posts.update_post, world.actor("editor"), post.id,
        REQUEST_FORM | {"title": "Partner für Pilotanlage gesucht"})
    assert post_row(post.id).status == "pending"
    assert run(service.search_posts, world.actor("oker_manager")).total == 0
    staff_edit = post_of(world)
    run(posts.update_post, world.actor("staff"), staff_edit.id,
        REQUEST_FORM | {"title": "Vom Netzwerkbüro korrigiert"})
    assert post_row(staff_edit.id).status == "published"


def test_withdrawn_posts_leave_the_list_and_cannot_be_renewed(world):
    post = post_of(world)
    run(posts.withdraw_post, world.actor("manager"), post.id)
    assert post_row(post.id).status == "withdrawn"
    assert run(service.search_posts, world.actor("oker_manager")).total == 0
    with pytest.raises(Conflict):
        run(posts.renew_post, world.actor("manager"), post.id)
    assert "exchange.post_withdrawn" in audit_actions(post.id)


@pytest.mark.parametrize(("field", "value", "key"), [
    ("title", "Kurz", "exchange.title_invalid"),
    ("description", "zu kurz", "exchange.description_invalid"),
    ("kind", "advert", "exchange.choice_invalid"),
    ("sector", "bakery", "exchange.choice_invalid"),
    ("visibility", "public", "exchange.choice_invalid"),
    ("funding_programme", "lottery", "exchange.choice_invalid"),
    ("deadline", "2020-01-01", "exchange.deadline_past"),
    ("deadline", "31.12.2027", "exchange.date_invalid"),
    ("expires_on", "2030-01-01", "exchange.expiry_invalid"),
    ("competences", "x", "profile.competence_invalid"),
])
def test_bad_input_is_refused_naming_the_field(world, field, value, key):
    with pytest.raises(ValidationFailed) as refused:
        run(posts.create_post, world.actor("manager"), REQUEST_FORM | {field: value})
    assert (refused.value.field, refused.value.message_key) == (field, key)
    assert run(service.own_posts, world.actor("manager")).total == 0


# Expiry

def test_an_expired_post_disappears_and_renewing_brings_it_back(world, fake_clock):
    post = post_of(world, REQUEST_FORM | {"expires_on": (clock.today() + timedelta(days=10))
                                          .isoformat()})
    fake_clock.advance(days=10)
    assert run(service.search_posts, world.actor("oker_manager")).total == 1  # its last day
    fake_clock.advance(days=1)
    assert run(service.search_posts, world.actor("oker_manager")).total == 0
    with pytest.raises(NotFound):
        run(service.get_post, world.actor("oker_manager"), post.id)
    assert run(service.own_posts, world.actor("manager")).total == 1
    run(posts.renew_post, world.actor("manager"), post.id)
    assert post_row(post.id).expires_on == clock.today() + timedelta(days=90)
    assert run(service.search_posts, world.actor("oker_manager")).total == 1


# Finding

def test_search_and_filters(world):
    request = post_of(world)
    offer = post_of(world, REQUEST_FORM | {
        "kind": "offer", "title": "Freie Kapazität in der Spurenanalytik",
        "competences": "Spurenanalytik", "sector": "chemical", "funding_programme": "",
        "description": "Unser Labor misst Spuren von Metallen in Wasser und Boden."},
        who="oker_manager")
    reader = world.actor("editor")

    def found(**filters):
        return [entry.post.id for entry in run(service.search_posts, reader, **filters).items]

    assert found() == [offer.id, request.id]
    assert found(search="hydrometallurgie") == [request.id]
    assert found(search="SPURENANALYTIK kapazität") == [offer.id]
    assert found(search="lithium altbatterien") == [request.id]  # the description
    assert found(kind="offer") == [offer.id]
    assert found(sector="recycling") == [request.id]
    assert found(funding_programme="zim") == [request.id]
    assert found(federal_state="ST") == []
    assert found(kind="<script>") == [offer.id, request.id]  # an unknown filter: none
    assert found(search="%") == []


def test_the_organization_is_named_only_if_the_author_chose_so(world):
    named = post_of(world)
    anonymous = post_of(world, REQUEST_FORM | {"show_organization": ""})
    names = {entry.post.id: entry.organization_name
             for entry in run(service.search_posts, world.actor("oker_manager")).items}
    assert names == {named.id: "Harzer Chemiewerke GmbH", anonymous.id: ""}
    detail = run(service.get_post, world.actor("oker_manager"), anonymous.id)
    assert detail.entry.organization_name == ""
    assert run(service.get_post, world.actor("staff"), anonymous.id).entry.organization_name
    assert run(service.get_post, world.actor("plain"), anonymous.id).entry.organization_name


def test_a_confidential_post_is_seen_only_by_staff_and_its_organization(world):
    office = post_of(world, REQUEST_FORM | {"visibility": "office"})
    assert run(service.search_posts, world.actor("oker_manager")).total == 0
    assert run(service.search_posts, world.actor("oker_contact")).total == 0
    assert [e.post.id for e in run(service.search_posts, world.actor("staff")).items] == [
        office.id]
    assert run(service.search_posts, world.actor("plain")).total == 1
    with pytest.raises(NotFound):
        run(service.express_interest, world.actor("oker_manager"), office.id, "")


def test_the_list_costs_a_bounded_number_of_statements(world, engine):
    from tests.service_calls import counted
    for number in range(15):
        post_of(world, REQUEST_FORM | {"title": f"Anfrage Nummer {number} zur Pilotanlage"})
    with counted(engine) as statements:
        page = run(service.search_posts, world.actor("oker_manager"))
    assert (page.total, len(page.items), page.pages) == (15, 12, 2)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) <= 4
    # Only the columns the list shows: no post's or organization's description.
    assert all("description" not in statement for statement in selects), selects


# Matching

def test_matching_ranks_members_by_competence_and_never_a_former_member(world):
    post = post_of(world)
    detail = run(service.get_post, world.actor("manager"), post.id)
    ranked = [(m.name, m.competences, m.keywords) for m in detail.matches]
    assert ranked[0] == ("Oker Recycling GmbH", ("Batterierecycling", "Hydrometallurgie"), ())
    assert ranked[1][0] == "Bode Analytik GmbH"  # "Pilotanlage", "Hydrometallurgie" in its text
    assert set(ranked[1][2]) == {"pilotanlage", "hydrometallurgie"}
    assert detail.matches[0].score == 2 * matching.COMPETENCE_WEIGHT
    names = {name for name, *_ in ranked}
    assert "Alt Hütte GmbH" not in names  # a former member, though it lists both competences
    assert "Harzer Chemiewerke GmbH" not in names  # the post's own organization
    assert run(service.get_post, world.actor("oker_manager"), post.id).matches == ()


def test_staff_see_the_matches_of_a_confidential_post(world):
    office = post_of(world, REQUEST_FORM | {"visibility": "office"})
    matches = run(service.get_post, world.actor("staff"), office.id).matches
    assert matches[0].name == "Oker Recycling GmbH"


# Interest

def test_interest_reaches_the_author_by_mail_and_is_counted(world):
    post = post_of(world)
    run(service.express_interest, world.actor("oker_manager"), post.id,
        "Wir haben eine Pilotanlage.")
    [mail] = outbox("exchange_interest")
    assert mail.recipient == world.manager.email
    for shown in ("Otto Oker", "Oker Recycling GmbH", world.oker_manager.email,
                  "Wir haben eine Pilotanlage."):
        assert shown in mail.body_text
    detail = run(service.get_post, world.actor("manager"), post.id)
    assert detail.entry.interests == 1
    assert [(person, org) for _i, person, org in detail.interested] == [
        ("Otto Oker", "Oker Recycling GmbH")]
    readers_view = run(service.get_post, world.actor("oker_manager"), post.id)
    assert readers_view.interest_expressed and not readers_view.may_express_interest
    assert readers_view.interested == () and readers_view.entry.interests == 0
    assert world.manager.email not in repr(readers_view)
    with pytest.raises(Conflict):
        run(service.express_interest, world.actor("oker_manager"), post.id, "Nochmal")
    assert len(outbox("exchange_interest")) == 1
    assert audit_actions(post.id)[-1] == "exchange.interest_expressed"


def test_no_interest_in_a_pending_post_or_an_overlong_note(world):
    pending = post_of(world, approve=False)
    with pytest.raises(NotFound):
        run(service.express_interest, world.actor("oker_manager"), pending.id, "")
    post = post_of(world)
    with pytest.raises(ValidationFailed):
        run(service.express_interest, world.actor("oker_manager"), post.id, "x" * 1001)
    assert outbox("exchange_interest") == []


# Digest and dashboard

def test_the_digest_respects_opt_in_and_language(world, fake_clock):
    run(digest.set_digest, world.actor("oker_manager"), True)  # English, Oker's competences fit
    post_of(world)
    assert run(digest.send_weekly_digests) == 1
    [mail] = outbox("exchange_digest")
    assert mail.recipient == world.oker_manager.email
    assert "new posts" in mail.subject.casefold()  # English
    assert REQUEST_FORM["title"] in mail.body_text
    assert run(digest.send_weekly_digests) == 0  # not twice in a week
    fake_clock.advance(days=7)
    assert run(digest.send_weekly_digests) == 0  # nothing new since
    run(digest.set_digest, world.actor("oker_manager"), False)
    post_of(world, REQUEST_FORM | {"title": "Zweite Anfrage zum Batterierecycling"})
    fake_clock.advance(days=7)
    assert run(digest.send_weekly_digests) == 0
    assert len(outbox("exchange_digest")) == 1


def test_the_digest_in_german_and_never_for_own_or_confidential_posts(world, fake_clock):
    run(digest.set_digest, world.actor("oker_contact"), True)  # German
    run(digest.set_digest, world.actor("manager"), True)  # Harzer: its own post never fits
    post_of(world, REQUEST_FORM | {"visibility": "office"})
    assert run(digest.send_weekly_digests) == 0
    fake_clock.advance(days=7)
    post_of(world)
    assert run(digest.send_weekly_digests) == 1
    [mail] = outbox("exchange_digest")
    assert mail.recipient == world.oker_contact.email
    assert "neue" in mail.subject.casefold()


def test_the_dashboard_lists_new_fitting_posts(world):
    post = post_of(world)
    post_of(world, REQUEST_FORM | {"competences": "Katalyse", "title": "Katalyse gesucht hier"})
    assert [p.id for p in run(digest.new_matching_posts, world.actor("oker_contact"))] == [
        post.id]
    assert run(digest.new_matching_posts, world.actor("staff")) == []
    assert isinstance(post_row(post.id), Post)


def test_the_member_dashboard_shows_new_fitting_posts(world):
    from harzportal.dashboard.service import get_dashboard
    post = post_of(world)
    assert [p.id for p in run(get_dashboard, world.actor("oker_contact")).new_posts] == [post.id]
    assert run(get_dashboard, world.actor("manager")).new_posts == ()  # its own post


def test_the_digest_command_queues_and_reports(world, capsys, monkeypatch):
    from harzportal import cli
    monkeypatch.setattr("harzportal.mail.sender.deliver_due", _no_delivery)
    run(digest.set_digest, world.actor("oker_contact"), True)
    post_of(world)
    assert cli.main(["send-digests"]) == 0
    assert "1 exchange digest(s) queued." in capsys.readouterr().out
    assert len(outbox("exchange_digest")) == 1


async def _no_delivery():
    return 0


def test_matching_finds_the_best_member_behind_hundreds_of_weaker_ones(world):
    """The best fit is found among all active members, not among the first few hundred that
    merely mention a keyword: 450 members with a lower id name only "Pilotanlage" in their
    description (one keyword), the last one lists both competences of the post."""
    from sqlalchemy import insert

    from harzportal import db
    from harzportal.organizations.models import Organization
    from harzportal.organizations.profile import apply_values
    rows = []
    for number in range(450):
        weak = Organization(name=f"Labor {number:03d} GmbH", kind="chemical", city="Goslar",
                            postal_code="38640",
                            description="Wir betreiben eine Pilotanlage.")
        apply_values(weak, {"competences": ["Spurenanalytik"]})
        rows.append(weak.model_dump(exclude={"id"}))
    best = Organization(name="Zellwerk Batterie GmbH", kind="recycling", city="Goslar",
                        postal_code="38640",
                        description="Recycling von Altbatterien")
    apply_values(best, {"competences": ["Hydrometallurgie", "Batterierecycling"]})
    with db.unit_of_work() as session:
        session.execute(insert(Organization), rows)
        session.add(best)
    post = post_of(world)
    names = [m.name for m in run(service.get_post, world.actor("manager"), post.id).matches]
    assert names[:2] == ["Oker Recycling GmbH", "Zellwerk Batterie GmbH"]
    assert len(names) == matching.MATCH_LIMIT


def test_matching_compares_competences_ignoring_case_and_keeps_the_reason(world, factories):
    from tests.exchange.helpers import organization
    organization(factories, "Ölwerk Harz GmbH", ["ÖLAUFBEREITUNG", "Hydrometallurgie"])
    post = post_of(world, REQUEST_FORM | {"competences": "Ölaufbereitung, Hydrometallurgie"})
    [first, *_] = run(service.get_post, world.actor("manager"), post.id).matches
    assert (first.name, first.competences, first.score) == (
        "Ölwerk Harz GmbH", ("Ölaufbereitung", "Hydrometallurgie"),
        2 * matching.COMPETENCE_WEIGHT)


# Competence suggestions

def test_the_suggestions_are_the_active_members_vocabulary_most_listed_first(world, factories):
    from tests.exchange.helpers import organization
    organization(factories, "Zweite Hütte GmbH", ["hydrometallurgie", "Galvanik"])
    organization(factories, "Nur Ehemalige GmbH", ["Geheimwissen"], status="left")
    for who in ("manager", "oker_contact", "staff"):
        suggested = run(service.competence_suggestions, world.actor(who))
        # Hydrometallurgie twice (spelt two ways, shown as first met), the rest once, by name;
        # a former member's competence is not suggested.
        assert suggested == ["Hydrometallurgie", "Batterierecycling", "Chlorchemie", "Galvanik",
                             "Katalyse", "Spurenanalytik"]


def test_the_profile_form_and_the_post_form_suggest_the_same_vocabulary(world):
    from harzportal.organizations import service as organization_service
    assert run(organization_service.competence_vocabulary, world.actor("oker_contact")) == run(
        service.competence_suggestions, world.actor("oker_contact"))
