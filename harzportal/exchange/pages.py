"""The exchange's pages: the list and search, the own posts, one post, the post form, and
staff's moderation queue."""

from __future__ import annotations

import reflex as rx

from harzportal.core.i18n import N_
from harzportal.exchange.labels import FUNDING_LABELS, KIND_LABELS, VISIBILITY_LABELS
from harzportal.exchange.report_state import ActivityReportState
from harzportal.exchange.state import (
    ExchangeState,
    ModerationState,
    OwnPostsState,
    PostFormState,
    PostState,
)
from harzportal.organizations.labels import FEDERAL_STATE_LABELS
from harzportal.organizations.labels import KIND_LABELS as SECTOR_LABELS
from harzportal.shell.layout import portal_page
from harzportal.shell.navigation import NavEntry, contribute
from harzportal.shell.text import t
from harzportal.ui import components as ui
from harzportal.ui.charts import bar_chart_card

contribute(
    NavEntry("/exchange", "nav.exchange", "handshake", position=75, section="/exchange"),
    NavEntry("/admin/exchange", "nav.admin_exchange", "list_todo", position=115,
             staff_only=True),
    NavEntry("/admin/activity-report", "nav.activity_report", "chart_column", position=175,
             staff_only=True),
)


def _options(table, everything_key: str | None = None) -> list[tuple[str, rx.Var | str]]:
    first = [("", t(everything_key))] if everything_key else []
    return first + [(value.value, t(key)) for value, key in table.items()]


def _filters() -> rx.Component:
    def select(name: str, table, key: str, label: str) -> rx.Component:
        return rx.box(ui.native_select(name, _options(table, key),
                                       value=getattr(ExchangeState, name),
                                       id=f"filter-{name}", aria_label=t(label)),
                      flex="1 1 10em")

    return rx.form(
        rx.flex(
            rx.input(name="search", placeholder=t("exchange.search_placeholder"),
                     default_value=ExchangeState.search, aria_label=t("common.search"),
                     flex="2 1 16em", size="3"),
            select("kind", KIND_LABELS, N_("exchange.all_kinds"), N_("exchange.field.kind")),
            select("sector", SECTOR_LABELS, N_("exchange.all_sectors"),
                   N_("exchange.field.sector")),
            select("federal_state", FEDERAL_STATE_LABELS, N_("directory.all_states"),
                   N_("directory.filter_state")),
            select("funding_programme", FUNDING_LABELS, N_("exchange.all_funding"),
                   N_("exchange.field.funding_programme")),
            rx.button(rx.icon("search"), t("common.search"), type="submit", size="3"),
            spacing="3", wrap="wrap", width="100%", align="center"),
        on_submit=ExchangeState.apply_filter, width="100%")


def _post_card(row: rx.Var) -> rx.Component:
    return rx.link(rx.card(rx.vstack(
        rx.hstack(rx.badge(row.kind), rx.cond(row.confidential,
                                              rx.badge(t("exchange.visibility.office"),
                                                       color_scheme="orange")),
                  rx.cond(~row.live, rx.badge(row.status, color_scheme="gray")),
                  spacing="2", wrap="wrap"),
        rx.text(row.title, weight="bold", color="var(--gray-12)"),
        rx.text(rx.cond(row.organization != "", row.organization + " · " + row.federal_state,
                        t("exchange.organization_hidden")), size="2", color_scheme="gray"),
        rx.text(row.competences, size="1", color_scheme="gray"),
        rx.text(t("exchange.expires"), " ", row.expires,
                rx.cond(row.interests != "", " · " + row.interests, ""), size="1",
                color_scheme="gray"),
        spacing="1", min_width="0"), width="100%", height="100%"),
        href=row.href, underline="none", width="100%")


def _post_grid(state) -> rx.Component:
    return rx.cond(
        state.rows.length() > 0,
        rx.grid(rx.foreach(state.rows, _post_card),
                columns=rx.breakpoints(initial="1", sm="2", lg="3"), spacing="3", width="100%"),
        rx.callout(t("exchange.empty"), icon="search_x", width="100%"))


@portal_page("/exchange", "exchange.title", on_load=[ExchangeState.load])
def exchange_page() -> rx.Component:
    return rx.vstack(
        ui.page_header(
            ui.page_title("exchange.title", t("exchange.intro")),
            rx.hstack(
                rx.cond(ExchangeState.may_post,
                        ui.link_button(t("exchange.new"), "/exchange/new", icon="plus")),
                rx.cond(ExchangeState.may_post,
                        ui.link_button(t("exchange.mine"), "/exchange/mine", icon="list",
                                       variant="soft")),
                spacing="2", wrap="wrap")),
        ui.outcome_callouts(ExchangeState),
        ui.card(_filters()),
        _post_grid(ExchangeState),
        ui.pager(ExchangeState, "exchange.count_one", "exchange.count_other"),
        ui.card(rx.flex(
            rx.text(rx.cond(ExchangeState.digest_wanted, t("exchange.digest_is_on"),
                            t("exchange.digest_is_off")), size="2"),
            rx.button(rx.cond(ExchangeState.digest_wanted, t("exchange.digest_unsubscribe"),
                              t("exchange.digest_subscribe")),
                      on_click=ExchangeState.toggle_digest, variant="soft", id="digest-toggle"),
            spacing="3", align="center", justify="between", wrap="wrap", width="100%")),
        spacing="4", width="100%")


@portal_page("/exchange/mine", "exchange.mine", on_load=[OwnPostsState.load])
def own_posts_page() -> rx.Component:
    return rx.vstack(
        ui.back_link(t("exchange.back"), "/exchange"),
        ui.page_header(ui.page_title("exchange.mine"),
                       ui.link_button(t("exchange.new"), "/exchange/new", icon="plus")),
        _post_grid(OwnPostsState),
        ui.pager(OwnPostsState, "exchange.count_one", "exchange.count_other"),
        spacing="4", width="100%")


@portal_page("/admin/exchange", "exchange.queue_title", on_load=[ModerationState.load])
def moderation_page() -> rx.Component:
    def row(entry: rx.Var) -> rx.Component:
        return ui.table_row(rx.link(entry.title, href=entry.href), entry.kind,
                            rx.cond(entry.organization != "", entry.organization,
                                    t("exchange.organization_hidden")),
                            rx.cond(entry.confidential, t("exchange.visibility.office"),
                                    t("exchange.visibility.members")))

    return ui.paged_table_page(
        ui.page_title("exchange.queue_title", t("exchange.queue_intro")),
        ui.link_button(t("exchange.title"), "/exchange", icon="handshake", variant="soft"),
        (t("exchange.field.title"), t("exchange.field.kind"), t("exchange.organization"),
         t("exchange.field.visibility")),
        ModerationState, row, "exchange.count_one", "exchange.count_other",
        caption=t("exchange.queue_title"))


def _details() -> rx.Component:
    post = PostState.post
    return ui.card(rx.vstack(
        rx.hstack(rx.badge(post.kind), rx.badge(post.status, color_scheme="gray"),
                  rx.cond(post.confidential, rx.badge(t("exchange.visibility.office"),
                                                      color_scheme="orange")),
                  rx.cond(post.expired, rx.badge(t("exchange.expired"), color_scheme="red")),
                  spacing="2", wrap="wrap"),
        rx.heading(post.title, size="6", as_="h1"),
        rx.text(post.description, white_space="pre-wrap"),
        ui.detail_row("exchange.organization",
                      rx.cond(post.organization != "", post.organization + " · "
                              + post.federal_state, t("exchange.organization_hidden"))),
        ui.detail_row("exchange.competences", post.competences),
        rx.cond(post.sector != "", ui.detail_row("exchange.field.sector", post.sector)),
        rx.cond(post.funding != "", ui.detail_row("exchange.field.funding_programme",
                                                  post.funding)),
        rx.cond(post.deadline != "", ui.detail_row("exchange.field.deadline", post.deadline)),
        ui.detail_row("exchange.field.visibility", post.visibility),
        ui.detail_row("exchange.field.expires_on", post.expires),
        rx.cond(post.reason != "", ui.detail_row("exchange.reason", post.reason)),
        rx.cond(post.sees_inside, ui.detail_row("exchange.interest_count", post.interests)),
        rx.cond(post.cooperation_started, rx.badge(t("exchange.cooperation_started"),
                                                   color_scheme="green")),
        spacing="3", width="100%"))


def _author_actions() -> rx.Component:
    post = PostState.post
    return rx.cond(post.may_edit, ui.card(rx.flex(
        ui.link_button(t("exchange.edit"), "/exchange/" + post.id.to_string() + "/edit",
                       icon="pencil", variant="soft"),
        rx.cond(post.may_author, rx.button(rx.icon("calendar_plus"), t("exchange.renew"),
                                           on_click=PostState.renew, variant="soft")),
        rx.cond(post.may_author & post.live & ~post.cooperation_started,
                rx.button(rx.icon("handshake"), t("exchange.mark_started"),
                          on_click=PostState.mark_started, variant="soft")),
        ui.danger_button_confirmed("trash_2", t("exchange.withdraw"),
                                   t("exchange.withdraw_question"), PostState.withdraw),
        spacing="2", wrap="wrap")))


def _decision() -> rx.Component:
    return rx.cond(PostState.post.may_decide, ui.card(rx.vstack(
        rx.heading(t("exchange.decision"), size="4", as_="h2"),
        rx.button(rx.icon("check"), t("exchange.approve"), on_click=PostState.approve,
                  color_scheme="green", id="approve-post"),
        ui.keyed_form(PostState, PostState.refuse,
                      ui.labelled("exchange.reason", "reason",
                                  rx.text_area(id="field-reason", name="reason", width="100%")),
                      rx.button(rx.icon("x"), t("exchange.refuse"), type="submit",
                                color_scheme="red", variant="soft")),
        spacing="3", width="100%")))


def _interest() -> rx.Component:
    return rx.fragment(
        rx.cond(PostState.post.may_express_interest, ui.card(rx.vstack(
            rx.heading(t("exchange.express_interest"), size="4", as_="h2"),
            rx.text(t("exchange.interest_hint"), size="2", color_scheme="gray"),
            ui.keyed_form(PostState, PostState.express_interest,
                          ui.labelled("exchange.note", "note",
                                      rx.text_area(id="field-note", name="note", width="100%",
                                                   max_length=1000)),
                          rx.button(rx.icon("send"), t("exchange.express_interest"),
                                    type="submit", id="express-interest")),
            spacing="3", width="100%"))),
        rx.cond(PostState.post.interest_expressed,
                ui.success_callout(t("exchange.interest_already"))))


def _inside() -> rx.Component:
    def match(row: rx.Var) -> rx.Component:
        return ui.table_row(rx.link(row.name, href=row.href), row.reason, row.score)

    def interest(row: rx.Var) -> rx.Component:
        return ui.table_row(row.person, row.organization, row.note, row.when)

    return rx.cond(PostState.post.sees_inside, rx.vstack(
        ui.card(rx.heading(t("exchange.interested"), size="4", as_="h2"),
                rx.cond(PostState.interested.length() > 0,
                        ui.data_table((t("exchange.person"), t("exchange.organization"),
                                       t("exchange.note"), t("exchange.when")),
                                      PostState.interested, interest, caption=t("exchange.interested")),
                        rx.text(t("exchange.no_interest"), color_scheme="gray"))),
        ui.card(rx.heading(t("exchange.matches"), size="4", as_="h2"),
                rx.text(t("exchange.matches_hint"), size="2", color_scheme="gray"),
                rx.cond(PostState.matches.length() > 0,
                        ui.data_table((t("exchange.organization"), t("exchange.match_reason"),
                                       t("exchange.score")), PostState.matches, match,
                                      caption=t("exchange.matches")),
                        rx.text(t("exchange.no_matches"), color_scheme="gray"))),
        spacing="4", width="100%"))


@portal_page("/exchange/[post_id]", "exchange.title", on_load=[PostState.load])
def post_page() -> rx.Component:
    return ui.object_page(PostState, ui.back_link(t("exchange.back"), "/exchange"),
                          _details(), _decision(), _author_actions(), _interest(), _inside())


def _field_error(name: str) -> rx.Var:
    return rx.cond(PostFormState.error_field == name, PostFormState.error, "")


def _post_form() -> rx.Component:
    values = PostFormState.values

    def text(name: str, label: str, **props) -> rx.Component:
        return ui.checked_field(label, name, _field_error(name),
                                default_value=getattr(values, name), **props)

    def select(name: str, label: str, options) -> rx.Component:
        return ui.checked_field(label, name, _field_error(name), control=ui.native_select(
            name, options, value=getattr(values, name), id=f"field-{name}"))

    return ui.keyed_form(
        PostFormState, PostFormState.save,
        select("kind", N_("exchange.field.kind"), _options(KIND_LABELS)),
        text("title", N_("exchange.field.title"), max_length=160),
        ui.checked_field("exchange.field.description", "description",
                         _field_error("description"), control=rx.text_area(
                             id="field-description", name="description", rows="8",
                             default_value=values.description, width="100%")),
        ui.competence_field(N_("exchange.field.competences"), "competences",
                            _field_error("competences"), values.competences,
                            PostFormState.suggestions),
        select("sector", N_("exchange.field.sector"),
               _options(SECTOR_LABELS, N_("exchange.no_sector"))),
        select("funding_programme", N_("exchange.field.funding_programme"),
               [("", t("exchange.funding.none"))]
               + [(p.value, t(key)) for p, key in FUNDING_LABELS.items()]),
        text("deadline", N_("exchange.field.deadline"), type="date"),
        select("visibility", N_("exchange.field.visibility"), _options(VISIBILITY_LABELS)),
        rx.el.label(rx.hstack(rx.checkbox(name="show_organization",
                                          aria_label=t("exchange.field.show_organization"),
                                          default_checked=values.show_organization,
                                          id="field-show_organization"),
                              rx.text(t("exchange.field.show_organization"), size="2"),
                              spacing="2", align="center")),
        text("expires_on", N_("exchange.field.expires_on"), type="date",
             hint_key=N_("exchange.expiry_hint")),
        rx.button(rx.icon("send"), t("exchange.submit"), type="submit", size="3"))


def _form_page(title_key: str) -> rx.Component:
    return rx.vstack(
        ui.back_link(t("exchange.back"), "/exchange"),
        ui.page_title(title_key, t("exchange.form_intro")),
        ui.error_callout(rx.cond(PostFormState.error_field == "", PostFormState.error, "")),
        rx.cond(PostFormState.loaded, ui.card(_post_form())),
        spacing="4", width="100%")


@portal_page("/exchange/new", "exchange.new", on_load=[PostFormState.load])
def new_post_page() -> rx.Component:
    return _form_page("exchange.new")


@portal_page("/exchange/[post_id]/edit", "exchange.edit", on_load=[PostFormState.load])
def edit_post_page() -> rx.Component:
    return _form_page("exchange.edit")


def _figure(value: rx.Var, key: str) -> rx.Component:
    return ui.card(rx.vstack(rx.text(value, size="7", weight="bold"),
                             rx.text(t(key), size="2", color_scheme="gray",
                                     overflow_wrap="anywhere", hyphens="auto"),
                             spacing="1", min_width="0"))


@portal_page("/admin/activity-report", "report.title", on_load=[ActivityReportState.load])
def activity_report_page() -> rx.Component:
    figures = ActivityReportState.figures
    return rx.vstack(
        ui.page_title("report.title", t("report.intro")),
        ui.error_callout(ActivityReportState.error),
        ui.card(ui.keyed_form(ActivityReportState, ActivityReportState.show, rx.flex(
            ui.field("report.start", "start", type="date",
                     default_value=ActivityReportState.start),
            ui.field("report.end", "end", type="date", default_value=ActivityReportState.end),
            rx.button(rx.icon("refresh_cw"), t("report.show"), type="submit", size="3"),
            spacing="3", wrap="wrap", align="end", width="100%"))),
        rx.cond(ActivityReportState.loaded, rx.vstack(
            rx.heading(figures.period, size="4", as_="h2"),
            rx.grid(_figure(figures.seminars_held, "report.seminars_held"),
                    _figure(figures.participants, "report.participants"),
                    _figure(figures.organizations_reached, "report.organizations_reached"),
                    _figure(figures.posts_published, "report.posts_published"),
                    _figure(figures.interests_expressed, "report.interests_expressed"),
                    _figure(figures.cooperations_started, "report.cooperations_started"),
                    columns=rx.breakpoints(initial="2", md="3"), spacing="3", width="100%"),
            rx.grid(bar_chart_card("report.by_kind", ActivityReportState.by_kind,
                                   "org.kind", "report.participants"),
                    bar_chart_card("report.by_state", ActivityReportState.by_state,
                                   "org.federal_state", "report.participants"),
                    columns=rx.breakpoints(initial="1", md="2"), spacing="3", width="100%"),
            rx.hstack(rx.link(rx.button(rx.icon("file_text"), t("report.pdf"), variant="soft"),
                              href=ActivityReportState.pdf_href, is_external=True),
                      rx.link(rx.button(rx.icon("sheet"), t("report.csv"), variant="soft"),
                              href=ActivityReportState.csv_href, is_external=True),
                      spacing="2", wrap="wrap"),
            spacing="4", width="100%")),
        spacing="4", width="100%")
