"""Two writes at once, each in its own transaction on its own connection, the
way two tabs, a double click or two moderators would send them: the
database's rules and the services' locks leave one of everything, and
nobody gets a server error."""

import pytest

from django.core.exceptions import ValidationError

from consultations.models import (
    HeardReport,
    OrganizationRequest,
    RequestStatus,
    Response,
    SectionAnswer,
    StatementVote,
)
from consultations.models.responses import new_public_id
from consultations.services.organizations import (
    organization_request_create,
    organization_request_decline,
    organization_staff_revoke,
)
from consultations.services.reports import report_publish, report_save
from consultations.services.responses import (
    AlreadyEntered,
    SectionInput,
    outreach_entry_create,
    response_section_save,
)
from consultations.services.statements import statement_vote_cast
from moderation.models import ActionKind, ModerationAction
from notifications.models import Notification
from tests.concurrency import at_once
from tests.factories import UserFactory, make_peer

from .factories import (
    make_closed_draft,
    make_draft,
    make_organization,
    make_organization_request,
    make_outreach_worker,
    make_response,
    make_statement,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_tabs_saving_a_members_first_section_at_once_make_one_response(home):
    draft = make_draft(make_organization())
    member = UserFactory(username="river")
    first, second = list(draft.sections.all())[:2]

    outcomes = at_once(
        lambda: response_section_save(draft=draft, member=member, section=first, stance="agree"),
        lambda: response_section_save(
            draft=draft, member=member, section=second, stance="disagree"
        ),
    )

    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    response = Response.objects.get(draft=draft, respondent=member)
    stances = SectionAnswer.objects.filter(response=response).values_list("stance", flat=True)
    assert sorted(stances) == ["agree", "disagree"]


def test_a_double_click_on_a_statement_marks_it_once(home):
    draft = make_draft(make_organization())
    statement = make_statement(draft)
    voter = UserFactory(username="river")

    outcomes = at_once(
        lambda: statement_vote_cast(comment=statement, voter=voter, choice="agree"),
        lambda: statement_vote_cast(comment=statement, voter=voter, choice="disagree"),
    )

    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert StatementVote.objects.filter(comment=statement, voter=voter).count() == 1


def test_two_staff_saving_and_publishing_the_report_at_once_make_one_told_once(home):
    first, second = UserFactory(username="casey_a"), UserFactory(username="robin_a")
    draft = make_closed_draft(make_organization(staff=[first, second]))
    participant = UserFactory(username="river")
    make_response(draft, respondent=participant)

    saved = at_once(
        lambda: report_save(draft=draft, author=first, body="We heard you.", changes={}),
        lambda: report_save(draft=draft, author=second, body="We heard you all.", changes={}),
    )
    assert not [outcome for outcome in saved if isinstance(outcome, Exception)]
    report = HeardReport.objects.get(draft=draft)
    published = at_once(
        lambda: report_publish(report=HeardReport.objects.get(pk=report.pk), by=first),
        lambda: report_publish(report=HeardReport.objects.get(pk=report.pk), by=second),
    )

    assert sorted(published) == [False, True]
    assert Notification.objects.filter(recipient=participant).count() == 1


def test_two_moderators_deciding_one_request_at_once_make_one_decision(home):
    first = make_peer("jules", "Peer moderators")
    second = make_peer("ari", "Peer moderators")
    organization_request = make_organization_request(UserFactory(username="eastside_asker"))

    outcomes = at_once(
        *(
            lambda moderator=moderator: organization_request_decline(
                organization_request=organization_request,
                moderator=moderator,
                reason="We couldn't reach anyone at that number.",
            )
            for moderator in (first, second)
        )
    )

    refused = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], ValidationError)
    assert "already decided" in " ".join(refused[0].messages)
    organization_request.refresh_from_db()
    assert organization_request.status == RequestStatus.DECLINED


def test_a_double_click_on_asking_to_act_for_an_organization_sends_one_request(home):
    member = UserFactory(username="eastside_asker")
    fields = {
        "organization_name": "Eastside Harm Reduction Collective",
        "description": "A peer-run drop-in.",
        "how_to_check": "Our staff page lists me.",
    }

    outcomes = at_once(
        lambda: organization_request_create(member=member, **fields),
        lambda: organization_request_create(member=member, **fields),
    )

    refused = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], ValidationError)
    assert OrganizationRequest.objects.filter(member=member).count() == 1


def test_a_double_tap_on_entering_an_outreach_response_enters_it_once(home):
    draft = make_draft(make_organization())
    worker = make_outreach_worker()
    section = draft.sections.first()
    public_id = new_public_id()

    def enter():
        return outreach_entry_create(
            draft=draft,
            worker=worker,
            sections=[SectionInput(section=section, stance="agree")],
            consent_confirmed=True,
            public_id=public_id,
        )

    outcomes = at_once(enter, enter)

    refused = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], AlreadyEntered)
    assert Response.objects.filter(draft=draft).count() == 1


def test_two_moderators_ending_one_persons_access_at_once_log_it_and_tell_them_once(home):
    first = make_peer("jules", "Peer moderators")
    second = make_peer("ari", "Peer moderators")
    staff = UserFactory(username="casey_a")
    organization = make_organization(staff=[staff], verified_by=first)

    outcomes = at_once(
        *(
            lambda moderator=moderator: organization_staff_revoke(
                organization=organization,
                member=staff,
                moderator=moderator,
                reason="They told us they left the program.",
            )
            for moderator in (first, second)
        )
    )

    refused = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], ValidationError)
    revoked = ModerationAction.objects.filter(action=ActionKind.ORGANIZATION_STAFF_REVOKED)
    assert revoked.count() == 1
    assert Notification.objects.filter(recipient=staff).count() == 1
