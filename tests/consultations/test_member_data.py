import pytest

from accounts.services import member_erase
from consultations.member_data import consultations_export
from consultations.models import Response, ResponseComment, SectionAnswer
from tests.factories import UserFactory

from .factories import make_draft, make_organization, make_response

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(home):
    return make_draft(make_organization())


def test_the_download_holds_a_members_responses_with_their_words(draft):
    member = UserFactory(username="willow_responds")
    make_response(
        draft,
        respondent=member,
        stances=("agree", "disagree"),
        speaking_as=["use_now"],
        comments={0: "Evenings work better for me."},
        quote_consent=True,
    )

    exported = consultations_export(member)["consultation_responses"]

    assert exported[0]["draft"] == draft.title
    assert exported[0]["speaking_as"] == ["use_now"]
    assert exported[0]["stances"] == ["agree", "disagree", "agree"]
    assert exported[0]["comments"][0]["text"] == "Evenings work better for me."


def test_erasing_a_member_keeps_only_anonymous_stances_in_the_totals(draft):
    member = UserFactory(username="willow_leaves")
    response = make_response(
        draft,
        respondent=member,
        stances=("disagree",),
        speaking_as=["used_to", "family"],
        comments={1: "My cousin needs the evening hours."},
        quote_consent=True,
    )
    other = make_response(draft, respondent=UserFactory(), comments={0: "Keep it as is."})
    unsent = make_draft(make_organization("Harbor Health"), title="Another draft")
    make_response(unsent, respondent=member, submitted=False)

    member_erase(user=member)

    kept = Response.objects.get(pk=response.pk)
    assert kept.respondent is None
    assert kept.speaking_as == [] and kept.quote_consent is False
    assert not ResponseComment.objects.filter(response=kept).exists()
    assert set(SectionAnswer.objects.filter(response=kept).values_list("stance", flat=True)) == {
        "disagree"
    }
    assert not Response.objects.filter(draft=unsent).exists()
    assert ResponseComment.objects.filter(response=other).count() == 1


def test_the_demo_has_an_open_draft_with_responses_and_a_reported_one_with_a_second_version(
    home,
):
    from django.core.management import call_command

    from consultations.models import DraftStatus, Organization, PolicyDraftPage

    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)

    organization = Organization.objects.get(slug="riverside-syringe-services")
    assert organization.has_staff(organization.staff_group.user_set.get())
    drafts = {draft.slug: draft for draft in PolicyDraftPage.objects.all()}
    assert drafts["new-hours-and-supplies"].status == DraftStatus.OPEN
    assert drafts["new-hours-and-supplies"].sections.count() == 5
    assert drafts["new-hours-and-supplies"].responses.filter(entered_by_outreach=True).count() == 1
    assert drafts["handing-out-naloxone"].status == DraftStatus.REPORTED
    assert drafts["handing-out-naloxone-v2"].revises == drafts["handing-out-naloxone"]
    assert len(drafts) == 3
