"""Organizations and their verification: a member asks, a peer moderator
verifies or declines from the review queue, and may later end one member's
access or revoke the organization. Its public page shows its consultations
and whether it reported back when it said it would."""

import datetime
from html import unescape

import pytest

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from wagtail.models import GroupPagePermission

from accounts.models import User
from consultations.models import HeardReport, Organization, OrganizationRequest, RequestStatus
from consultations.organization_queue import ORGANIZATION_REQUEST
from consultations.services.organizations import (
    organization_request_create,
    organization_request_decline,
    organization_request_verify,
    organization_revoke,
    organization_staff_revoke,
    space_of,
)
from moderation.models import ActionKind, ModerationAction, QueueItem, WatchedWord, WordAction
from moderation.queue import kinds_for
from moderation.screening import Nudge
from notifications.models import Notification, NotificationKind
from tests.factories import UserFactory, make_peer
from tests.html import visible_text

from .factories import make_draft, make_organization, make_organization_request

pytestmark = pytest.mark.django_db

ASK_URL = "/organizations/ask/"


def item_for(subject) -> QueueItem:
    return QueueItem.objects.get(
        content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk
    )


def text_of(html) -> str:
    """What a reader sees, entities read and whitespace folded."""
    if isinstance(html, bytes):
        html = html.decode()
    return " ".join(unescape(visible_text(html)).split())


def public_log_text(client) -> str:
    client.logout()
    return text_of(client.get(reverse("moderation:log")).content)


@pytest.fixture
def second_moderator(home):
    return make_peer("noor", "Peer moderators")


@pytest.fixture
def asked(member, home) -> OrganizationRequest:
    return make_organization_request(member)


# ---- asking: the service ----------------------------------------------------


def test_a_request_waits_in_the_review_queue_for_peer_moderators_only(asked, member):
    item = item_for(asked)
    trusted = UserFactory(username="trusted_tam", trust_level=4)

    assert item.kind == ORGANIZATION_REQUEST.key
    assert item.is_open and item.moderators_only
    assert item.member == member
    assert ORGANIZATION_REQUEST not in kinds_for(trusted)
    assert asked.status == RequestStatus.PENDING


def test_a_member_has_one_request_waiting_at_a_time(asked, member):
    with pytest.raises(ValidationError, match="already have a request waiting"):
        make_organization_request(member, organization_name="Another one")

    assert OrganizationRequest.objects.filter(member=member).count() == 1


def test_a_member_can_ask_again_once_their_request_is_decided(asked, member, peer_moderator):
    organization_request_decline(
        organization_request=asked, moderator=peer_moderator, reason="We couldn't reach them."
    )

    again = make_organization_request(member, how_to_check="Call 503-555-0100 and ask for Sam")

    assert again.status == RequestStatus.PENDING


def test_what_a_member_writes_is_screened_like_a_post(member, home):
    WatchedWord.objects.create(pattern="scumbag*", action=WordAction.BLOCK, explanation="Insult")

    with pytest.raises(ValidationError) as refused:
        make_organization_request(member, description="We help scumbags.")
    assert "description" in refused.value.message_dict
    with pytest.raises(Nudge):
        make_organization_request(member, description="We help junkies stay safe.")

    make_organization_request(
        member, description="We help junkies stay safe.", nudge_acknowledged=True
    )
    assert OrganizationRequest.objects.filter(member=member).count() == 1


def test_a_website_must_be_a_web_address_and_every_problem_shows_at_once(member, home):
    with pytest.raises(ValidationError) as refused:
        organization_request_create(
            member=member,
            organization_name="  ",
            description="x" * 301,
            how_to_check="",
            website="javascript:alert(1)",
        )

    assert set(refused.value.message_dict) == {
        "organization_name",
        "description",
        "how_to_check",
        "website",
    }


def test_a_suspended_member_cannot_ask(member, home):
    member.suspended_until = timezone.now() + datetime.timedelta(days=3)
    member.save()

    with pytest.raises(ValidationError, match="suspended"):
        make_organization_request(member)


# ---- deciding: the services -------------------------------------------------


def test_verifying_as_a_new_organization_uses_the_moderators_corrections(
    asked, member, peer_moderator
):
    organization = organization_request_verify(
        organization_request=asked,
        moderator=peer_moderator,
        name="Eastside Harm Reduction",
        slug="eastside",
        description="A peer-run drop-in.",
        website="https://eastside.example/",
        note="I called the number on your website.",
    )

    assert (organization.name, organization.slug) == ("Eastside Harm Reduction", "eastside")
    assert organization.is_verified and organization.verified_by == peer_moderator
    assert organization.has_staff(member)
    assert space_of(organization).get_parent().slug == "consultations"
    asked.refresh_from_db()
    assert asked.status == RequestStatus.VERIFIED and asked.organization == organization
    assert asked.decision_reason == "I called the number on your website."
    assert not item_for(asked).is_open


def test_verifying_tells_the_member_in_neutral_words_where_to_look(asked, member, peer_moderator):
    organization_request_verify(
        organization_request=asked, moderator=peer_moderator, name="Eastside", slug="eastside"
    )

    (notification,) = Notification.objects.filter(recipient=member)
    assert notification.kind == NotificationKind.CONSULTATION
    assert notification.url == ASK_URL
    assert "Eastside" not in notification.summary
    assert not notification.sensitive


def test_the_public_log_names_the_organization_but_never_the_member_or_their_words(
    asked, member, peer_moderator, client
):
    organization_request_verify(
        organization_request=asked,
        moderator=peer_moderator,
        name="Eastside Harm Reduction",
        slug="eastside",
        description="A peer-run drop-in.",
    )
    record = ModerationAction.objects.get(action=ActionKind.ORGANIZATION_VERIFIED)

    assert record.is_public and record.target_user == member
    log = public_log_text(client)
    assert "Verified someone to act for an organization: Eastside Harm Reduction" in log
    assert member.username not in log
    assert "staff page lists me" not in log
    assert "Collective" not in log


def test_verifying_as_staff_of_an_organization_already_verified(asked, member, peer_moderator):
    organization = make_organization("Riverside Syringe Services")

    chosen = organization_request_verify(
        organization_request=asked, moderator=peer_moderator, organization=organization
    )

    assert chosen == organization and organization.has_staff(member)
    assert Organization.objects.count() == 1
    assert ModerationAction.objects.get().detail == {"new_organization": False}


def test_a_revoked_organization_takes_no_new_staff(asked, peer_moderator):
    organization = make_organization("Riverside Syringe Services")
    organization_revoke(organization=organization, moderator=peer_moderator, reason="Closed down.")

    with pytest.raises(ValidationError) as refused:
        organization_request_verify(
            organization_request=asked, moderator=peer_moderator, organization=organization
        )
    assert "organization" in refused.value.message_dict
    assert OrganizationRequest.objects.get(pk=asked.pk).status == RequestStatus.PENDING


@pytest.mark.parametrize("slug", ["ask", "riverside-syringe-services", "not a slug!"])
def test_a_new_organizations_short_name_must_be_free_and_valid(asked, peer_moderator, slug):
    make_organization("Riverside Syringe Services")

    with pytest.raises(ValidationError) as refused:
        organization_request_verify(
            organization_request=asked, moderator=peer_moderator, name="Eastside", slug=slug
        )

    assert "slug" in refused.value.message_dict


def test_declining_gives_the_member_the_reason_and_stays_out_of_the_public_log(
    asked, member, peer_moderator, client
):
    organization_request_decline(
        organization_request=asked,
        moderator=peer_moderator,
        reason="The staff page didn't name you. Ask again with another way to check.",
    )

    asked.refresh_from_db()
    assert asked.status == RequestStatus.DECLINED
    assert asked.decision_reason.startswith("The staff page didn't name you.")
    assert not item_for(asked).is_open
    record = ModerationAction.objects.get(action=ActionKind.ORGANIZATION_DECLINED)
    assert not record.is_public
    assert Notification.objects.get(recipient=member).url == ASK_URL
    assert "staff page" not in public_log_text(client)


def test_only_another_peer_moderator_decides_once(asked, member, peer_moderator):
    with pytest.raises(PermissionDenied):
        organization_request_decline(organization_request=asked, moderator=member, reason="No.")
    member.groups.add(Group.objects.get(name="Peer moderators"))
    member = User.objects.get(pk=member.pk)
    with pytest.raises(PermissionDenied, match="your own request"):
        organization_request_decline(organization_request=asked, moderator=member, reason="No.")

    organization_request_decline(organization_request=asked, moderator=peer_moderator, reason="No.")
    with pytest.raises(ValidationError, match="already decided"):
        organization_request_verify(
            organization_request=asked, moderator=peer_moderator, name="X", slug="x"
        )


def test_a_decline_needs_a_reason(asked, peer_moderator):
    with pytest.raises(ValidationError) as refused:
        organization_request_decline(
            organization_request=asked, moderator=peer_moderator, reason=" "
        )

    assert "reason" in refused.value.message_dict


# ---- ending access --------------------------------------------------------


def test_ending_one_members_access_takes_them_out_of_the_space_and_says_why(
    home, peer_moderator, client
):
    staff = UserFactory(username="casey_staff")
    other = UserFactory(username="dana_staff")
    organization = make_organization(staff=[staff, other])
    asked = make_organization_request(staff, organization_name=organization.name)
    organization_request_verify(
        organization_request=asked, moderator=peer_moderator, organization=organization
    )

    organization_staff_revoke(
        organization=organization,
        member=staff,
        moderator=peer_moderator,
        reason="They left the program.",
    )

    assert not organization.has_staff(staff) and organization.has_staff(other)
    asked.refresh_from_db()
    assert asked.status == RequestStatus.REVOKED
    assert asked.decision_reason == "They left the program."
    record = ModerationAction.objects.get(action=ActionKind.ORGANIZATION_STAFF_REVOKED)
    assert record.is_public and record.target_user == staff
    notification = Notification.objects.filter(recipient=staff).latest("pk")
    assert notification.kind == NotificationKind.CONSULTATION
    log = public_log_text(client)
    assert "Ended someone's access to act for an organization" in log
    assert "casey_staff" not in log


def test_revoking_an_organization_ends_its_spaces_permissions_but_keeps_its_pages(
    home, peer_moderator, client
):
    organization = make_organization(staff=["casey_staff"])
    draft = make_draft(organization)
    group = organization.staff_group

    organization_revoke(
        organization=organization, moderator=peer_moderator, reason="It closed in May."
    )

    organization.refresh_from_db()
    assert not organization.active and not organization.is_verified
    assert not GroupPagePermission.objects.filter(group=group).exists()
    assert not group.permissions.exists()
    assert not organization.has_staff(User.objects.get(username="casey_staff"))
    assert client.get(draft.url).status_code == 200
    page = text_of(client.get(organization.get_absolute_url()).content)
    assert "no longer verified" in page
    assert Notification.objects.get(recipient__username="casey_staff").url == ASK_URL
    assert "Revoked an organization's verification" in public_log_text(client)
    with pytest.raises(ValidationError, match="already revoked"):
        organization_revoke(organization=organization, moderator=peer_moderator, reason="Again.")


# ---- the ask page ---------------------------------------------------------


def test_a_visitor_is_sent_to_log_in_with_a_reason(client, home):
    response = client.get(ASK_URL, follow=True)

    assert response.redirect_chain[0][0].startswith(reverse("account_login"))
    assert "Log in to ask to act for an organization" in response.content.decode()


def test_a_member_asks_from_the_page_and_sees_it_waiting(member_client, member, home):
    page = member_client.get(ASK_URL)
    assert page.status_code == 200 and "Send request" in page.content.decode()

    response = member_client.post(
        ASK_URL,
        {
            "organization_name": "Eastside Harm Reduction",
            "description": "A peer-run drop-in.",
            "website": "eastside.example",
            "how_to_check": "Call our front desk at 503-555-0100 and ask for River.",
        },
        follow=True,
    )

    asked = OrganizationRequest.objects.get(member=member)
    assert asked.website == "https://eastside.example"
    text = text_of(response.content)
    assert "A peer moderator will check it" in text
    assert "Your request is waiting for a peer moderator" in text
    assert "Send request" not in text
    assert "Eastside Harm Reduction" in text


def test_a_refused_form_says_why_beside_the_field_and_keeps_what_was_typed(member_client, home):
    response = member_client.post(
        ASK_URL,
        {
            "organization_name": "Eastside",
            "description": "A drop-in.",
            "website": "not a web address",
            "how_to_check": "",
        },
    )

    assert response.status_code == 400
    form = response.context["form"]
    assert "Say how a peer moderator can check." in form.errors["how_to_check"]
    assert "website" in form.errors
    assert 'value="Eastside"' in response.content.decode()


def test_a_second_request_while_one_waits_is_refused_with_a_clear_message(
    member_client, asked, home
):
    response = member_client.post(
        ASK_URL,
        {"organization_name": "Other", "description": "Other.", "how_to_check": "Our site."},
    )

    assert response.status_code == 400
    assert "Your request is waiting for a peer moderator" in text_of(response.content)
    assert OrganizationRequest.objects.count() == 1


def test_the_page_lists_each_request_with_its_status_the_reason_and_the_space(
    member_client, member, asked, peer_moderator
):
    organization_request_decline(
        organization_request=asked, moderator=peer_moderator, reason="We couldn't reach you."
    )
    again = make_organization_request(member, organization_name="Eastside Again")
    organization = organization_request_verify(
        organization_request=again, moderator=peer_moderator, name="Eastside", slug="eastside"
    )

    page = member_client.get(ASK_URL).content.decode()
    text = text_of(page)

    assert "Declined" in text and "We couldn't reach you." in text
    assert "Verified" in text
    assert f'href="/admin/pages/{space_of(organization).pk}/"' in page
    assert "Send request" in text


def test_a_revoked_organizations_space_is_no_longer_linked(
    member_client, member, asked, peer_moderator
):
    organization = organization_request_verify(
        organization_request=asked, moderator=peer_moderator, name="Eastside", slug="eastside"
    )
    organization_revoke(organization=organization, moderator=peer_moderator, reason="Closed.")

    page = member_client.get(ASK_URL).content.decode()

    assert "/admin/pages/" not in page
    assert "Revoked" in text_of(page) and "Closed." in page


def test_the_consultations_page_and_settings_link_to_asking(member_client, home):
    assert ASK_URL in member_client.get("/consultations/").content.decode()
    assert ASK_URL in member_client.get(reverse("accounts:settings")).content.decode()


# ---- the queue item ---------------------------------------------------------


def test_a_peer_moderator_reads_the_request_with_three_ways_to_decide(
    client, asked, peer_moderator
):
    make_organization("Riverside Syringe Services")
    client.force_login(peer_moderator)

    page = client.get(item_for(asked).get_absolute_url()).content.decode()

    assert "Our staff page lists me" in page
    assert 'value="eastside-harm-reduction-collective"' in page
    assert 'rel="nofollow noopener noreferrer"' in page
    for decision in ("new", "existing", "decline"):
        assert f'name="decision" value="{decision}"' in page


def test_a_member_or_trusted_member_cannot_open_a_request_item(client, asked):
    client.force_login(UserFactory(username="trusted_tam", trust_level=4))

    assert client.get(item_for(asked).get_absolute_url()).status_code == 404


def test_a_moderator_sees_no_forms_on_their_own_request(client, home, peer_moderator):
    own = make_organization_request(peer_moderator)
    client.force_login(peer_moderator)

    page = client.get(item_for(own).get_absolute_url()).content.decode()

    assert "Another peer moderator decides on it" in page
    assert 'name="decision"' not in page


def test_verifying_from_the_queue_item(client, asked, member, peer_moderator):
    client.force_login(peer_moderator)
    item = item_for(asked)

    response = client.post(
        reverse("consultations:organization_request_decide", args=[item.pk]),
        {
            "decision": "new",
            "name": "Eastside Harm Reduction",
            "slug": "eastside",
            "description": "A peer-run drop-in.",
            "website": "https://eastside.example/",
            "note": "",
        },
    )

    assert response.status_code == 302
    assert response.url.startswith(reverse("moderation:queue"))
    assert Organization.objects.get(slug="eastside").has_staff(member)


def test_a_decline_without_a_reason_comes_back_with_the_error(client, asked, peer_moderator):
    client.force_login(peer_moderator)
    item = item_for(asked)

    response = client.post(
        reverse("consultations:organization_request_decide", args=[item.pk]),
        {"decision": "decline", "reason": ""},
    )

    assert response.status_code == 400
    assert "Give a reason. The member reads it." in response.content.decode()
    assert OrganizationRequest.objects.get(pk=asked.pk).status == RequestStatus.PENDING


def test_a_taken_short_name_comes_back_beside_the_field(client, asked, peer_moderator):
    make_organization("Riverside Syringe Services")
    client.force_login(peer_moderator)

    response = client.post(
        reverse("consultations:organization_request_decide", args=[item_for(asked).pk]),
        {
            "decision": "new",
            "name": "Eastside",
            "slug": "riverside-syringe-services",
            "description": "A drop-in.",
        },
    )

    assert response.status_code == 400
    assert response.context["new_form"].errors["slug"]
    assert 'value="Eastside"' in response.content.decode()


# ---- the manage page --------------------------------------------------------


def test_only_peer_moderators_find_the_manage_page(client, home, member, peer_moderator):
    organization = make_organization(staff=["casey_staff"])
    url = reverse("consultations:organization_manage", args=[organization.slug])

    assert client.get(url).status_code == 404
    client.force_login(member)
    assert client.get(url).status_code == 404
    client.force_login(User.objects.get(username="casey_staff"))
    assert client.get(url).status_code == 404
    client.force_login(peer_moderator)
    page = client.get(url).content.decode()
    assert "casey_staff" in page
    public = client.get(organization.get_absolute_url()).content.decode()
    assert f'href="{url}"' in public


def test_a_moderator_ends_one_members_access_from_the_manage_page(client, home, peer_moderator):
    organization = make_organization(staff=["casey_staff"])
    casey = User.objects.get(username="casey_staff")
    client.force_login(peer_moderator)
    url = reverse("consultations:organization_manage", args=[organization.slug])

    refused = client.post(url, {"revoke": "staff", "member": casey.pk, "reason": ""})
    assert refused.status_code == 400 and organization.has_staff(casey)

    response = client.post(url, {"revoke": "staff", "member": casey.pk, "reason": "Left."})

    assert response.status_code == 302
    assert not organization.has_staff(casey)


def test_a_moderator_revokes_the_organization_from_the_manage_page(client, home, peer_moderator):
    organization = make_organization(staff=["casey_staff"])
    client.force_login(peer_moderator)
    url = reverse("consultations:organization_manage", args=[organization.slug])

    response = client.post(url, {"revoke": "organization", "reason": "It closed."}, follow=True)

    organization.refresh_from_db()
    assert not organization.active
    assert "is no longer verified" in text_of(response.content)


# ---- the public page --------------------------------------------------------


def test_the_public_page_says_who_it_is_and_since_when(client, home):
    organization = make_organization()
    Organization.objects.filter(pk=organization.pk).update(
        verified_at=datetime.datetime(2026, 3, 14, tzinfo=datetime.UTC)
    )

    page = client.get(organization.get_absolute_url()).content.decode()
    text = text_of(page)

    assert "Riverside Syringe Services" in text
    assert "A syringe services program by the river." in text
    assert "Verified since March 2026" in text
    assert '<a href="https://riverside.example/" rel="nofollow noopener noreferrer">' in page
    assert "hasn't asked for input yet" in text
    assert "No report is due yet" in text
    assert "Manage who acts for it" not in text


def test_an_organization_that_was_never_verified_has_no_page(client, home):
    Organization.objects.create(name="Unchecked", slug="unchecked", description="?")

    assert client.get("/organizations/unchecked/").status_code == 404


def past(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def make_reported_draft(organization, title, *, report_by, published=None):
    """A closed draft whose report was due on `report_by`, published on `published`."""
    draft = make_draft(
        organization,
        title=title,
        opens_on=report_by - datetime.timedelta(days=40),
        closes_on=report_by - datetime.timedelta(days=20),
        report_by=report_by,
    )
    if published is not None:
        HeardReport.objects.create(
            draft=draft,
            body="What we heard.",
            published_at=datetime.datetime.combine(
                published, datetime.time(12), tzinfo=timezone.get_current_timezone()
            ),
        )
    return draft


def test_the_report_back_record_counts_on_time_late_and_missing(home):
    organization = make_organization()
    make_reported_draft(organization, "On time", report_by=past(10), published=past(12))
    make_reported_draft(organization, "Same day", report_by=past(5), published=past(5))
    make_reported_draft(organization, "Late", report_by=past(30), published=past(3))
    make_reported_draft(organization, "Missing", report_by=past(1))
    make_reported_draft(organization, "Not yet due", report_by=past(-20))
    make_reported_draft(organization, "Early", report_by=past(-20), published=past(1))
    HeardReport.objects.create(draft=make_draft(organization, title="Unpublished"), body="Draft")

    record = organization.report_back_record()

    assert (record.on_time, record.late, record.missing) == (3, 1, 1)
    outcomes = {entry.draft.title: entry.outcome for entry in record.entries}
    assert outcomes == {
        "On time": "on_time",
        "Same day": "on_time",
        "Late": "late",
        "Missing": "missing",
        "Early": "on_time",
    }


def test_the_public_page_shows_the_record_and_each_consultation_with_its_status(client, home):
    organization = make_organization()
    make_reported_draft(organization, "Late one", report_by=past(30), published=past(3))
    make_reported_draft(organization, "Missing one", report_by=past(1))
    make_draft(organization, title="Open one")
    make_draft(organization, title="Hidden one", live=False)

    text = text_of(client.get(organization.get_absolute_url()).content)

    assert "0 reports on time · 1 late · 1 missing" in text
    assert "Late one Late" in text and "Missing one Missing" in text
    assert "Missing one Closed Report overdue" in text
    assert "Open one Open" in text
    assert "Hidden one" not in text


@pytest.mark.parametrize("drafts", [2, 20])
def test_the_public_page_costs_the_same_queries_for_2_or_20_drafts(
    client, home, drafts, django_assert_max_num_queries
):
    organization = make_organization()
    for number in range(drafts):
        make_reported_draft(
            organization,
            f"Draft {number}",
            report_by=past(number + 1),
            published=past(number) if number % 2 else None,
        )
        make_draft(organization, title=f"Open {number}")
    url = organization.get_absolute_url()
    assert client.get(url).status_code == 200

    # The organization, its drafts, its record, and what every page costs.
    with django_assert_max_num_queries(5):
        response = client.get(url)

    text = text_of(response.content)
    assert text.count("Promised by") == drafts
    assert text.count(" Open ") >= drafts


# ---- "here as: organization" grants nothing -------------------------------


def test_saying_here_as_organization_grants_no_group_admin_or_space(client, home):
    client.post(
        reverse("account_signup"),
        {
            "username": "org_person",
            "password1": "a-long-pass-phrase",
            "password2": "a-long-pass-phrase",
        },
    )
    person = User.objects.get(username="org_person")
    client.force_login(person)
    client.post(reverse("accounts:settings"), {"here_as": "organization"})
    person.refresh_from_db()

    assert person.profile.here_as == "organization"
    assert not person.groups.exists()
    assert not Organization.objects.staffed_by(person).exists()
    assert not person.has_perm("wagtailadmin.access_admin")
    assert client.get("/admin/").status_code == 403
    assert client.get("/admin/pages/").status_code == 403
