"""Peer-assisted input: outreach workers enter responses gathered in person or
on paper (consultations/views/outreach.py, outreach_entry_create), and peer
moderators mark who is one (moderation.services.member_outreach_set)."""

import datetime
from html import escape

import pytest

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from accounts.roles import OUTREACH_WORKERS_GROUP, is_outreach_worker
from consultations.models import CommentPart, Response, ResponseComment, SpeakingAs
from moderation.models import ActionKind, ModerationAction, QueueItem, WordAction
from moderation.services import member_outreach_set
from moderation.writing import read_only_note
from notifications.models import Notification
from tests.factories import UserFactory

from .factories import (
    make_draft,
    make_organization,
    make_outreach_worker,
    sections_of,
    signed_in_client,
    watch_word,
)

pytestmark = pytest.mark.django_db

OUTREACH_PAGE_QUERY_BOUND = 20


@pytest.fixture
def draft(home):
    return make_draft(make_organization())


@pytest.fixture
def worker(db):
    return make_outreach_worker()


def outreach_url(draft) -> str:
    return f"{draft.url}respond/outreach/"


def entry(**fields) -> dict:
    """What a worker types from a paper form: the first two sections answered."""
    return {
        "section_1_stance": "disagree",
        "section_1_comment": "Mornings are when I can get there.",
        "section_2_stance": "agree",
        "section_2_answer": "Fewer trips to the van.",
        "overall": "Thanks for coming out to us.",
        "speaking_as": [SpeakingAs.USE_NOW],
        "quote_consent": "on",
        "consent_confirmed": "on",
        **fields,
    }


# ---- who may enter ---------------------------------------------------------------


def test_a_visitor_is_sent_to_log_in_and_a_member_who_isnt_an_outreach_worker_is_refused(
    member_client, draft
):
    assert Client().get(outreach_url(draft))["Location"].startswith("/account/login/")
    assert member_client.get(outreach_url(draft)).status_code == 403
    assert member_client.post(outreach_url(draft), entry()).status_code == 403
    assert not Response.objects.exists()


def test_the_entry_page_has_every_section_and_the_consent_box(worker, draft):
    page = signed_in_client(worker).get(outreach_url(draft)).content.decode()

    for heading in ("1. Opening hours", "2. Exchange policy", "3. Who can come"):
        assert heading in page
    assert '<label for="id_section_2_answer">Why?</label>' in page
    assert 'name="section_3_answer"' not in page
    assert "The person agreed to share this, and what I entered is what they said." in page
    assert 'name="speaking_as"' in page


# ---- entering ----------------------------------------------------------------------


def test_an_entry_is_a_submitted_response_tied_to_no_account(worker, draft):
    client = signed_in_client(worker)

    saved = client.post(outreach_url(draft), entry())

    assert saved.status_code == 302
    response = Response.objects.get()
    assert response.respondent is None
    assert response.entered_by_outreach
    assert response.entered_by == worker
    assert response.is_submitted
    assert response.speaking_as == ["use_now"]
    assert response.quote_consent
    sections = list(draft.sections.all())
    assert dict(response.answers.values_list("section_key", "stance")) == {
        sections[0].key: "disagree",
        sections[1].key: "agree",
    }
    assert sorted(response.comments.values_list("part", "body")) == [
        (CommentPart.ANSWER, "Fewer trips to the van."),
        (CommentPart.COMMENT, "Mornings are when I can get there."),
        (CommentPart.OVERALL, "Thanks for coming out to us."),
    ]
    page = client.get(saved["Location"]).content.decode()
    assert "Entered. Thank you. Enter another?" in page
    assert "Mornings are when I can get there." not in page


def test_a_worker_enters_several_responses(worker, draft):
    client = signed_in_client(worker)

    client.post(outreach_url(draft), entry())
    client.post(outreach_url(draft), entry(section_1_comment="Evenings, please."))

    assert Response.objects.filter(entered_by=worker).count() == 2


def test_the_consent_box_is_required_and_what_was_typed_is_kept(worker, draft):
    refused = signed_in_client(worker).post(outreach_url(draft), entry(consent_confirmed=""))

    assert refused.status_code == 400
    assert refused.context["form"].errors["consent_confirmed"] == [
        "Tick this to confirm the person agreed, and that this is what they said."
    ]
    assert "Mornings are when I can get there.</textarea>" in refused.content.decode()
    assert not Response.objects.exists()


def test_an_empty_entry_is_refused(worker, draft):
    refused = signed_in_client(worker).post(outreach_url(draft), {"consent_confirmed": "on"})

    assert refused.status_code == 400
    assert "Enter at least one answer or comment." in refused.content.decode()
    assert not Response.objects.exists()


def test_an_identifying_comment_is_held_for_moderators_and_the_worker_told_why(worker, draft):
    client = signed_in_client(worker)

    saved = client.post(outreach_url(draft), entry(section_1_comment="Tell Officer Reyes to stop."))

    comment = ResponseComment.objects.get(part=CommentPart.COMMENT)
    assert comment.is_held
    item = QueueItem.objects.get(
        content_type=ContentType.objects.get_for_model(comment), object_id=comment.pk
    )
    assert item.kind == "held" and item.moderators_only and item.member is None
    page = client.get(saved["Location"]).content.decode()
    assert "A peer moderator will read one of their comments" in page
    assert comment.moderation_label() == (
        "A comment on the policy draft “Changing our hours and exchange policy”, "
        "entered by the outreach worker dana_outreach"
    )


def test_a_blocked_word_is_refused_beside_its_sections_comment_with_the_text_kept(worker, draft):
    watch_word("scumbag*", WordAction.BLOCK)
    words = "The scumbags at the door turned me away."

    refused = signed_in_client(worker).post(outreach_url(draft), entry(section_1_comment=words))

    assert refused.status_code == 400
    (message,) = refused.context["form"].errors["section_1_comment"]
    assert "It is an insult aimed at a person." in message
    assert escape(words) in refused.content.decode()
    assert not Response.objects.exists()


def test_a_nudge_shows_before_the_entry_is_saved(worker, draft):
    client = signed_in_client(worker)
    nudged = client.post(outreach_url(draft), entry(overall="Addicts need this."))

    assert nudged.status_code == 200
    assert "Save as they said it" in nudged.content.decode()
    assert not Response.objects.exists()

    client.post(outreach_url(draft), entry(overall="Addicts need this.", nudge_acknowledged="1"))

    assert Response.objects.count() == 1


def test_a_silenced_worker_reads_the_same_note_and_enters_nothing(worker, draft):
    worker.silenced_until = timezone.now() + datetime.timedelta(days=3)
    worker.save()
    client = signed_in_client(worker)

    shown = client.get(outreach_url(draft)).content.decode()
    refused = client.post(outreach_url(draft), entry())

    assert escape(read_only_note(worker)) in shown
    assert refused.context["form"].non_field_errors() == [read_only_note(worker)]
    assert not Response.objects.exists()


def test_nothing_can_be_entered_once_the_draft_closes(worker, home):
    today = timezone.localdate()
    draft = make_draft(
        make_organization(),
        opens_on=today - datetime.timedelta(days=20),
        closes_on=today - datetime.timedelta(days=1),
    )
    client = signed_in_client(worker)

    page = client.get(outreach_url(draft)).content.decode()
    client.post(outreach_url(draft), entry())

    assert "no more responses can be entered" in page
    assert 'name="consent_confirmed"' not in page
    assert not Response.objects.exists()


def test_quotable_comments_from_an_entry_become_statements_like_a_members(client, worker, draft):
    signed_in_client(worker).post(outreach_url(draft), entry())

    statements = client.get(draft.url).context["draft_statements"].by_section
    (shown,) = [statement for found in statements.values() for statement in found]
    assert shown.body == "Mornings are when I can get there."


def test_the_entry_page_costs_the_same_with_3_or_12_sections(worker, page_costs, home):
    organization = make_organization()
    small = make_draft(organization, title="Small draft", sections=sections_of(3))
    large = make_draft(organization, title="Large draft", sections=sections_of(12))

    counts = page_costs(signed_in_client(worker), [outreach_url(small), outreach_url(large)])

    assert counts[0] == counts[1]
    assert counts[1] <= OUTREACH_PAGE_QUERY_BOUND


# ---- marking outreach workers ---------------------------------------------------------


def member_page(handle) -> str:
    return f"/moderation/members/{handle}/"


def test_a_peer_moderator_marks_a_member_as_an_outreach_worker_and_it_is_logged(
    client, member, peer_moderator
):
    moderator_client = signed_in_client(peer_moderator)

    page = moderator_client.get(member_page(member.username)).content.decode()
    marked = moderator_client.post(
        f"{member_page(member.username)}outreach/",
        {"change": "add", "reason": "Runs the Tuesday van and collects paper forms."},
    )

    assert "Mark as an outreach worker" in page
    assert marked.status_code == 302
    member.refresh_from_db()
    assert is_outreach_worker(member)
    record = ModerationAction.objects.get(action=ActionKind.OUTREACH_ADD)
    assert record.target_user == member and record.actor == peer_moderator
    assert Notification.objects.filter(recipient=member, moderation_action=record).exists()
    log = client.get("/moderation/log/").content.decode()
    assert "Marked a member as an outreach worker" in log
    assert "Runs the Tuesday van" in log
    assert member.username not in log
    again = moderator_client.get(member_page(member.username)).content.decode()
    assert "End the outreach worker role" in again


def test_a_peer_moderator_ends_the_role_and_the_entry_page_closes_to_them(draft, peer_moderator):
    worker = make_outreach_worker()

    member_outreach_set(
        member=worker, moderator=peer_moderator, is_worker=False, reason="Moved away."
    )

    assert not worker.groups.filter(name=OUTREACH_WORKERS_GROUP).exists()
    assert ModerationAction.objects.filter(action=ActionKind.OUTREACH_REMOVE).count() == 1
    assert signed_in_client(worker).get(outreach_url(draft)).status_code == 403


def test_only_a_peer_moderator_can_mark_an_outreach_worker(member_client, draft):
    other = UserFactory(username="would_be_worker")

    refused = member_client.post(
        f"{member_page(other.username)}outreach/", {"change": "add", "reason": "Please."}
    )

    assert refused.status_code == 403
    assert not is_outreach_worker(other)


def test_marking_needs_a_reason_a_change_and_a_moderator_who_isnt_the_member(
    member, peer_moderator
):
    Group.objects.get_or_create(name=OUTREACH_WORKERS_GROUP)
    refused = signed_in_client(peer_moderator).post(
        f"{member_page(member.username)}outreach/", {"change": "add", "reason": ""}
    )
    assert refused.status_code == 400
    assert "Write a short reason." in refused.content.decode()

    with pytest.raises(ValidationError):
        member_outreach_set(
            member=member, moderator=peer_moderator, is_worker=False, reason="Not one."
        )
    with pytest.raises(PermissionDenied):
        member_outreach_set(
            member=peer_moderator, moderator=peer_moderator, is_worker=True, reason="Me."
        )
    with pytest.raises(PermissionDenied):
        member_outreach_set(
            member=member, moderator=UserFactory(username="not_a_mod"), is_worker=True, reason="Hi"
        )
    assert not ModerationAction.objects.exists()


# ---- the same form sent twice ----------------------------------------------------


def test_the_same_filled_in_form_sent_twice_is_entered_once(worker, draft):
    """A double tap on a slow connection sends the form twice. Counted twice,
    one person would look like two, and a group of four like a group of five."""
    client = signed_in_client(worker)
    token = client.get(outreach_url(draft)).context["form"]["entry"].value()

    first = client.post(outreach_url(draft), entry(entry=token))
    again = client.post(outreach_url(draft), entry(entry=token))

    assert first.status_code == again.status_code == 302
    assert Response.objects.count() == 1
    page = client.get(again["Location"])
    assert "That response was already entered" in page.content.decode()
    assert page.context["form"]["entry"].value() != token


def test_an_entry_token_that_the_site_didnt_sign_protects_nothing_and_names_no_response(
    worker, draft
):
    client = signed_in_client(worker)

    for _ in range(2):
        assert client.post(outreach_url(draft), entry(entry="0123456789abcdef")).status_code == 302

    assert Response.objects.count() == 2
    assert not Response.objects.filter(public_id="0123456789abcdef").exists()


def test_an_outreach_worker_finds_the_entry_form_from_the_draft_page(worker, member_client, draft):
    link = f'href="{outreach_url(draft)}"'

    assert link in signed_in_client(worker).get(draft.url).content.decode()
    assert link not in member_client.get(draft.url).content.decode()
    assert link not in Client().get(draft.url).content.decode()
