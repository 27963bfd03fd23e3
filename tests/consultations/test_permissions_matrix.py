"""Who may do what with an organization's consultations, as one table.

Six people: a visitor, a member, an outreach worker, staff of organization
A, staff of organization B, and a peer moderator. Each row is one page or
action on a draft of organization A in one state, or one of the
organizations' own pages; each column is what that person gets:

    200     the page
    LOGIN   sent to log in (a 302 to the login page)
    SAVED   a 302 onward, and something was written
    MOVED   a 302 onward, and nothing was written (the page says why)
    403     refused, saying why
    404     nothing here (the address says nothing about what is behind it)

Whatever isn't SAVED writes nothing: every request runs in its own
savepoint, and the rows of every table a consultation writes to are counted
before and after. Every request also starts from the same world, so one
person's write never changes what the next one gets.

The Wagtail admin refuses in its own way (a 403, or a redirect to the admin's
home with a message); both count as 403 here.
"""

from dataclasses import dataclass
from typing import Any

import pytest

from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client

from wagtail.test.utils.form_data import inline_formset, nested_form_data

from accounts.roles import OUTREACH_WORKERS_GROUP
from consultations.models import (
    HeardReport,
    Organization,
    OrganizationRequest,
    PolicyDraftPage,
    Response,
    ResponseComment,
    SectionAnswer,
    SectionChange,
    StatementVote,
)
from consultations.services.organizations import space_of
from consultations.services.reports import report_publish, report_save
from moderation.models import ModerationAction, ModerationState, QueueItem
from moderation.services import hold_record
from tests.factories import UserFactory

from .factories import (
    make_closed_draft,
    make_draft,
    make_organization,
    make_organization_request,
    make_response,
    make_statement,
)

pytestmark = pytest.mark.django_db

PEOPLE = ("visitor", "member", "outreach", "staff_a", "staff_b", "moderator")

LOGIN, SAVED, MOVED = "LOGIN", "SAVED", "MOVED"

# The states a draft of organization A is in for a row; None for a page
# that isn't about one draft.
OPEN, CLOSED, REPORTED, NOT_LIVE = "open", "closed", "reported", "not live"


# ---- the table ------------------------------------------------------------------

# fmt: off
MATRIX = [
    # page or action              state      visitor member outreach staff_a staff_b moderator
    # -- the draft's own page, its printable version, and what changed since the last one
    ("GET draft page",            OPEN,      200,    200,   200,     200,    200,    200),
    ("GET draft page",            CLOSED,    200,    200,   200,     200,    200,    200),
    ("GET draft page",            REPORTED,  200,    200,   200,     200,    200,    200),
    ("GET draft page",            NOT_LIVE,  404,    404,   404,     404,    404,    404),
    ("GET print",                 OPEN,      200,    200,   200,     200,    200,    200),
    ("GET print",                 CLOSED,    200,    200,   200,     200,    200,    200),
    ("GET print",                 REPORTED,  200,    200,   200,     200,    200,    200),
    ("GET print",                 NOT_LIVE,  404,    404,   404,     404,    404,    404),
    ("GET changes",               OPEN,      200,    200,   200,     200,    200,    200),
    ("GET changes",               CLOSED,    200,    200,   200,     200,    200,    200),
    ("GET changes",               REPORTED,  200,    200,   200,     200,    200,    200),
    ("GET changes",               NOT_LIVE,  404,    404,   404,     404,    404,    404),
    # -- responding: members (staff too: they are members) while it is open
    ("GET respond",               OPEN,      LOGIN,  200,   200,     200,    200,    200),
    ("GET respond",               CLOSED,    LOGIN,  200,   200,     200,    200,    200),
    ("GET respond",               REPORTED,  LOGIN,  200,   200,     200,    200,    200),
    ("GET respond",               NOT_LIVE,  404,    404,   404,     404,    404,    404),
    ("GET respond section",       OPEN,      LOGIN,  200,   200,     200,    200,    200),
    ("GET respond section",       CLOSED,    LOGIN,  200,   200,     200,    200,    200),
    ("POST respond section",      OPEN,      LOGIN,  SAVED, SAVED,   SAVED,  SAVED,  SAVED),
    ("POST respond section",      CLOSED,    LOGIN,  MOVED, MOVED,   MOVED,  MOVED,  MOVED),
    ("POST respond section",      REPORTED,  LOGIN,  MOVED, MOVED,   MOVED,  MOVED,  MOVED),
    ("POST respond section",      NOT_LIVE,  404,    404,   404,     404,    404,    404),
    ("GET respond finish",        OPEN,      LOGIN,  200,   200,     200,    200,    200),
    ("POST respond finish",       OPEN,      LOGIN,  SAVED, SAVED,   SAVED,  SAVED,  SAVED),
    ("POST respond finish",       CLOSED,    LOGIN,  MOVED, MOVED,   MOVED,  MOVED,  MOVED),
    # -- entering a response gathered on paper: outreach workers only
    ("GET outreach entry",        OPEN,      LOGIN,  403,   200,     403,    403,    403),
    ("GET outreach entry",        CLOSED,    LOGIN,  403,   200,     403,    403,    403),
    ("GET outreach entry",        NOT_LIVE,  404,    404,   404,     404,    404,    404),
    ("POST outreach entry",       OPEN,      LOGIN,  403,   SAVED,   403,    403,    403),
    ("POST outreach entry",       CLOSED,    LOGIN,  403,   MOVED,   403,    403,    403),
    ("POST outreach entry",       REPORTED,  LOGIN,  403,   MOVED,   403,    403,    403),
    # -- marking a statement: signed-in members, while it is open
    ("POST statement vote",       OPEN,      LOGIN,  SAVED, SAVED,   SAVED,  SAVED,  SAVED),
    ("POST statement vote",       CLOSED,    LOGIN,  MOVED, MOVED,   MOVED,  MOVED,  MOVED),
    ("POST statement vote",       REPORTED,  LOGIN,  MOVED, MOVED,   MOVED,  MOVED,  MOVED),
    ("POST statement vote",       NOT_LIVE,  404,    404,   404,     404,    404,    404),
    ("POST vote on B's statement", OPEN,     LOGIN,  404,   404,     404,    404,    404),
    # -- results are public (while open: the number of responses only)
    ("GET results",               OPEN,      200,    200,   200,     200,    200,    200),
    ("GET results",               CLOSED,    200,    200,   200,     200,    200,    200),
    ("GET results",               REPORTED,  200,    200,   200,     200,    200,    200),
    ("GET results",               NOT_LIVE,  404,    404,   404,     404,    404,    404),
    # -- the export: A's staff once it closes (before that, polling it would date each
    #    response to the minute), peer moderators; 404 for everyone else
    ("GET export csv",            OPEN,      404,    404,   404,     403,    404,    200),
    ("GET export csv",            CLOSED,    404,    404,   404,     200,    404,    200),
    ("GET export csv",            REPORTED,  404,    404,   404,     200,    404,    200),
    ("GET export csv",            NOT_LIVE,  404,    404,   404,     404,    404,    404),
    ("GET export json",           OPEN,      404,    404,   404,     403,    404,    200),
    ("GET export json",           CLOSED,    404,    404,   404,     200,    404,    200),
    ("GET export json",           REPORTED,  404,    404,   404,     200,    404,    200),
    ("GET export json",           NOT_LIVE,  404,    404,   404,     404,    404,    404),
    # -- "what we heard": A's staff write it after close; public once published
    ("GET report",                OPEN,      404,    404,   404,     200,    404,    404),
    ("GET report",                CLOSED,    404,    404,   404,     200,    404,    404),
    ("GET report",                REPORTED,  200,    200,   200,     200,    200,    200),
    ("GET report",                NOT_LIVE,  404,    404,   404,     404,    404,    404),
    ("GET report write",          OPEN,      404,    404,   404,     200,    404,    404),
    ("GET report write",          CLOSED,    404,    404,   404,     200,    404,    404),
    ("GET report write",          REPORTED,  404,    404,   404,     200,    404,    404),
    ("GET report write",          NOT_LIVE,  404,    404,   404,     404,    404,    404),
    ("POST report write",         OPEN,      404,    404,   404,     200,    404,    404),
    ("POST report write",         CLOSED,    404,    404,   404,     SAVED,  404,    404),
    ("POST report write",         REPORTED,  404,    404,   404,     SAVED,  404,    404),
    # -- the draft in the Wagtail admin: A's staff only (peer moderators do the check)
    ("GET admin edit",            OPEN,      LOGIN,  403,   403,     200,    403,    200),
    ("GET admin edit",            REPORTED,  LOGIN,  403,   403,     200,    403,    200),
    ("GET admin edit",            NOT_LIVE,  LOGIN,  403,   403,     200,    403,    200),
    ("POST admin edit",           OPEN,      LOGIN,  403,   403,     SAVED,  403,    SAVED),
    ("POST admin edit",           NOT_LIVE,  LOGIN,  403,   403,     SAVED,  403,    SAVED),
    ("GET admin preview",         OPEN,      LOGIN,  403,   403,     200,    403,    200),
    ("GET admin preview",         NOT_LIVE,  LOGIN,  403,   403,     200,    403,    200),
    ("GET admin history",         OPEN,      LOGIN,  403,   403,     200,    403,    200),
    ("GET admin history",         NOT_LIVE,  LOGIN,  403,   403,     200,    403,    200),
    # -- organizations' pages
    ("GET consultations list",    None,      200,    200,   200,     200,    200,    200),
    ("GET organization page",     None,      200,    200,   200,     200,    200,    200),
    ("GET ask to act for one",    None,      LOGIN,  200,   200,     200,    200,    200),
    ("POST ask to act for one",   None,      LOGIN,  SAVED, SAVED,   SAVED,  SAVED,  SAVED),
    ("GET manage organization",   None,      404,    404,   404,     404,    404,    200),
    ("POST manage organization",  None,      404,    404,   404,     404,    404,    SAVED),
    ("POST decide a request",     None,      LOGIN,  403,   403,     403,    403,    SAVED),
    ("GET held comment in queue", None,      LOGIN,  403,   403,     403,    403,    200),
]
# fmt: on


# ---- the world every request starts from -----------------------------------------


@dataclass
class World:
    people: dict[str, Any]
    organization: Organization
    draft: PolicyDraftPage
    statement: ResponseComment
    other_statement: ResponseComment
    request_item: QueueItem
    held_item: QueueItem


def _draft_in(state: str, organization, earlier) -> PolicyDraftPage:
    title = "Changing our hours and exchange policy"
    if state == OPEN:
        return make_draft(organization, title=title, revises=earlier)
    if state == NOT_LIVE:
        return make_draft(organization, title=title, revises=earlier, live=False)
    return make_closed_draft(organization, title=title, revises=earlier)


def _report_publish(draft, author) -> None:
    report = report_save(draft=draft, author=author, body="We heard you.", changes={})
    report_publish(report=report, by=author)


@pytest.fixture
def world_in(home):
    """`world_in(state)`: organizations A and B, the six people, and a draft
    of A in `state` (a second version, so it has changes to show), with a
    response, a statement, a held comment, and a member's request to act for
    an organization waiting in the review queue."""

    def build(state: str | None) -> World:
        moderator = UserFactory(username="jules_moderator")
        moderator.groups.add(Group.objects.get(name="Peer moderators"))
        outreach = UserFactory(username="dana_outreach")
        outreach.groups.add(Group.objects.get_or_create(name=OUTREACH_WORKERS_GROUP)[0])
        staff_a, staff_b = UserFactory(username="casey_a"), UserFactory(username="bo_b")
        organization = make_organization(staff=[staff_a], verified_by=moderator)
        other = make_organization("Hilltop Health", staff=[staff_b], verified_by=moderator)
        people = {
            "visitor": None,
            "member": UserFactory(username="river"),
            "outreach": outreach,
            "staff_a": staff_a,
            "staff_b": staff_b,
            "moderator": moderator,
        }
        earlier = make_closed_draft(
            organization, title="Our hours", slug="our-hours-v1", days_ago=60, report_in=-20
        )
        draft = _draft_in(state or OPEN, organization, earlier)
        respondent = UserFactory(username="sam_responds")
        statement = make_statement(draft, "Keep the weekend hours.", respondent=respondent)
        held = make_response(draft, comments={1: "Ask Maria at the front desk."})
        held_comment = held.comments.get()
        held_comment.set_moderation_state(ModerationState.HELD, reason="It names a person.")
        held_comment.save()
        held_item = hold_record(
            content=held_comment, reason="It names a person.", moderators_only=True
        )
        other_draft = make_draft(other, title="Hilltop intake")
        other_statement = make_statement(other_draft, "Walk-ins matter.", respondent=respondent)
        if state == REPORTED:
            _report_publish(draft, staff_a)
        asker = UserFactory(username="eastside_asker")
        organization_request = make_organization_request(asker)
        request_item = QueueItem.objects.get(
            object_id=organization_request.pk, kind="organization_request"
        )
        return World(
            people=people,
            organization=organization,
            draft=draft,
            statement=statement,
            other_statement=other_statement,
            request_item=request_item,
            held_item=held_item,
        )

    return build


# ---- what each row sends ----------------------------------------------------------


def _draft_url(world, route="") -> str:
    return f"{world.draft.url}{route}" if world.draft.live else _not_live_url(world.draft, route)


def _not_live_url(draft, route) -> str:
    """Where the draft would be if it were live: its space's address and its slug."""
    space = space_of(draft.organization)
    return f"{space.url}{draft.slug}/{route}"


def _admin_edit_data(draft) -> dict:
    return nested_form_data(
        {
            "title": draft.title,
            "slug": draft.slug,
            "summary": draft.summary,
            "plain_summary": "We might change our hours. Tell us what works for you, please.",
            "affects": draft.affects,
            "opens_on": draft.opens_on.isoformat(),
            "closes_on": draft.closes_on.isoformat(),
            "report_by": draft.report_by.isoformat(),
            "how_input_used": draft.how_input_used,
            "who_reads": draft.who_reads,
            "sections": inline_formset(
                [
                    {
                        "id": section.pk,
                        "heading": section.heading,
                        "text": section.text,
                        "explainer": section.explainer,
                        "question": section.question,
                    }
                    for section in draft.sections.all()
                ],
                initial=draft.sections.count(),
            ),
            "comments": inline_formset([]),
        }
    )


def _request(world: World, action: str) -> tuple[str, str, dict]:
    """The method, address and form data of a row's page or action."""
    draft = world.draft
    section_one = {"stance": "agree", "comment": "", "go": "next"}
    outreach = {"section_1_stance": "disagree", "consent_confirmed": "on"}
    requests = {
        "GET draft page": ("get", _draft_url(world), {}),
        "GET print": ("get", _draft_url(world, "print/"), {}),
        "GET changes": ("get", _draft_url(world, "changes/"), {}),
        "GET respond": ("get", _draft_url(world, "respond/"), {}),
        "GET respond section": ("get", _draft_url(world, "respond/?step=1"), {}),
        "POST respond section": ("post", _draft_url(world, "respond/?step=1"), section_one),
        "GET respond finish": ("get", _draft_url(world, "respond/?step=finish"), {}),
        "POST respond finish": (
            "post",
            _draft_url(world, "respond/?step=finish"),
            {"overall": "Thanks for asking.", "go": "later"},
        ),
        "GET outreach entry": ("get", _draft_url(world, "respond/outreach/"), {}),
        "POST outreach entry": ("post", _draft_url(world, "respond/outreach/"), outreach),
        "POST statement vote": (
            "post",
            _draft_url(world, f"statements/{world.statement.pk}/"),
            {"choice": "agree"},
        ),
        "POST vote on B's statement": (
            "post",
            _draft_url(world, f"statements/{world.other_statement.pk}/"),
            {"choice": "agree"},
        ),
        "GET results": ("get", _draft_url(world, "results/"), {}),
        "GET export csv": ("get", _draft_url(world, "export/csv/"), {}),
        "GET export json": ("get", _draft_url(world, "export/json/"), {}),
        "GET report": ("get", _draft_url(world, "report/"), {}),
        "GET report write": ("get", _draft_url(world, "report/write/"), {}),
        "POST report write": (
            "post",
            _draft_url(world, "report/write/"),
            {"body": "Most of you want weekend hours kept.", "action": "save"},
        ),
        "GET admin edit": ("get", f"/admin/pages/{draft.pk}/edit/", {}),
        "POST admin edit": ("post", f"/admin/pages/{draft.pk}/edit/", _admin_edit_data(draft)),
        "GET admin preview": ("get", f"/admin/pages/{draft.pk}/edit/preview/", {}),
        "GET admin history": ("get", f"/admin/pages/{draft.pk}/history/", {}),
        "GET consultations list": ("get", "/consultations/", {}),
        "GET organization page": ("get", world.organization.get_absolute_url(), {}),
        "GET ask to act for one": ("get", "/organizations/ask/", {}),
        "POST ask to act for one": (
            "post",
            "/organizations/ask/",
            {
                "organization_name": "Northside Peer Network",
                "description": "Peers who hand out naloxone on the north side.",
                "how_to_check": "Our public page lists our coordinators.",
                "website": "https://northside.example/",
            },
        ),
        "GET manage organization": ("get", f"{world.organization.get_absolute_url()}manage/", {}),
        "POST manage organization": (
            "post",
            f"{world.organization.get_absolute_url()}manage/",
            {
                "revoke": "staff",
                "member": world.people["staff_a"].pk,
                "reason": "They told us they left the program.",
            },
        ),
        "POST decide a request": (
            "post",
            f"/organizations/requests/{world.request_item.pk}/decide/",
            {"decision": "decline", "reason": "We couldn't reach anyone at that number."},
        ),
        "GET held comment in queue": ("get", f"/moderation/queue/{world.held_item.pk}/", {}),
    }
    return requests[action]


# ---- what a request did ---------------------------------------------------------------


WRITTEN = (
    Response,
    SectionAnswer,
    ResponseComment,
    StatementVote,
    HeardReport,
    SectionChange,
    OrganizationRequest,
    QueueItem,
    ModerationAction,
)


def _what_is_written(draft) -> tuple:
    """Counts and marks of everything these pages write, to tell a write
    apart from a page that wrote nothing."""
    from wagtail.models import Revision

    return (
        *(model.objects.count() for model in WRITTEN),
        tuple(Response.objects.values_list("updated_at", flat=True).order_by("pk")),
        tuple(ResponseComment.objects.values_list("body", flat=True).order_by("pk")),
        tuple(HeardReport.objects.values_list("updated_at", flat=True).order_by("pk")),
        tuple(OrganizationRequest.objects.values_list("status", flat=True).order_by("pk")),
        Revision.objects.filter(object_id=str(draft.pk)).count(),
        Group.objects.filter(user__isnull=False).count(),
    )


def _outcome(response, wrote: bool):
    status = response.status_code
    if status == 302 and "/login/" in response.url:
        outcome = LOGIN
    elif status == 302 and response.url == "/admin/":
        outcome = 403  # the admin's refusal: back to its home page, with a message
    elif status == 302:
        outcome = SAVED if wrote else MOVED
    else:
        outcome = status
    if wrote and outcome != SAVED:
        return f"{outcome}, and it wrote"
    return outcome


def _outcome_of(world: World, person: str, action: str):
    method, url, data = _request(world, action)
    with transaction.atomic():
        before = _what_is_written(world.draft)
        client = Client()
        if world.people[person] is not None:
            client.force_login(world.people[person])
        response = getattr(client, method)(url, data)
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
        wrote = _what_is_written(world.draft) != before
        transaction.set_rollback(True)
    return _outcome(response, wrote)


@pytest.mark.parametrize(
    ("action", "state", *PEOPLE),
    MATRIX,
    ids=[f"{row[0]} ({row[1] or 'any'})" for row in MATRIX],
)
def test_who_gets_what(
    world_in, action, state, visitor, member, outreach, staff_a, staff_b, moderator
):
    world = world_in(state)
    expected = dict(
        zip(PEOPLE, (visitor, member, outreach, staff_a, staff_b, moderator), strict=True)
    )

    got = {person: _outcome_of(world, person, action) for person in PEOPLE}

    assert got == expected


def test_staff_who_earned_trust_still_never_see_a_consultation_comment_in_the_queue(world_in):
    """Trusted members vote on flagged and held items in the queue, which
    shows who wrote each one; consultation comments are for peer moderators
    alone, whoever else may work the queue."""
    from moderation.services import flag_create

    world = world_in(OPEN)
    staff_a = world.people["staff_a"]
    staff_a.trust_level = 3
    staff_a.save(update_fields=["trust_level"])
    flag_create(content=world.statement, flagger=world.people["member"], reason="spam")
    flagged = QueueItem.objects.get(kind="flagged", object_id=world.statement.pk)
    client = Client()
    client.force_login(staff_a)

    queue = client.get("/moderation/queue/")

    assert queue.status_code == 200
    assert "Keep the weekend hours." not in queue.content.decode()
    assert "Ask Maria" not in queue.content.decode()
    for item in (flagged, world.held_item):
        assert client.get(f"/moderation/queue/{item.pk}/").status_code == 404


# Each form, sent by someone whose send it saves (the table above says who).
SAVING_SENDS = sorted(
    {
        (
            row[0],
            row[1],
            next(person for person, cell in zip(PEOPLE, row[2:], strict=True) if cell == SAVED),
        )
        for row in MATRIX
        if SAVED in row[2:]
    },
    key=str,
)


@pytest.mark.parametrize(("action", "state", "person"), SAVING_SENDS, ids=str)
def test_a_form_sent_without_its_security_token_is_refused_and_writes_nothing(
    world_in, action, state, person
):
    world = world_in(state)
    method, url, data = _request(world, action)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.people[person])
    before = _what_is_written(world.draft)

    response = getattr(client, method)(url, data)

    assert response.status_code == 403
    assert "We couldn't accept that form" in response.content.decode()
    assert _what_is_written(world.draft) == before
