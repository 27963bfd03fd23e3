"""Statements: quotable section comments shown under their section on a
draft's page, and members marking them agree, disagree or pass
(consultations/views/statements.py, consultations/services/statements.py)."""

import datetime

import pytest

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultations.models import CommentPart, ResponseComment, StatementVote
from moderation.models import ModerationState, QueueItem
from moderation.services import content_decide
from moderation.writing import read_only_note
from tests.factories import UserFactory
from tests.html import parse

from .factories import (
    make_draft,
    make_organization,
    make_response,
    make_statement,
    sections_of,
    signed_in_client,
)

pytestmark = pytest.mark.django_db

# The statements under every section, whatever their number: the statements
# with their responses, the viewer's own marks, the sections the page lists,
# and whether the draft's report is out (is it still open?). The draft's page
# adds its own context: its sections, whether the viewer is its staff, and
# whether a newer version is live.
STATEMENTS_QUERIES = 7


@pytest.fixture
def draft(home):
    return make_draft(make_organization())


def draft_page(user, draft) -> str:
    """The draft's sections and their statements, as `user` reads them on the page."""
    request = RequestFactory().get(draft.url)
    request.user = user or AnonymousUser()
    return render_to_string("tests/draft_statements.html", draft.get_context(request), request)


def vote_url(statement) -> str:
    return f"{statement.response.draft.url}statements/{statement.pk}/"


def pressed(html: str, statement) -> list[str]:
    """The mark buttons shown pressed under `statement`."""
    part = html.split(f'id="statement-{statement.pk}"', 1)[1].split("</li>", 1)[0]
    return [
        attributes["value"]
        for tag, attributes in parse(part).tags
        if tag == "button" and attributes.get("aria-pressed") == "true"
    ]


# ---- what is shown ------------------------------------------------------------------


def test_the_drafts_page_is_given_its_statements(client, draft):
    statement = make_statement(draft)

    response = client.get(draft.url)

    by_section = response.context["draft_statements"].by_section
    assert by_section[statement.section_key] == [statement]


def test_only_quotable_comments_in_submitted_responses_become_statements(member, draft):
    make_statement(draft, "Shown: quotable and submitted.")
    make_response(draft, comments={0: "Not quotable."}, quote_consent=False)
    make_response(draft, comments={0: "Not submitted."}, quote_consent=True, submitted=False)
    held = make_statement(draft, "Held for a moderator.")
    held.set_moderation_state(ModerationState.HELD, reason="A phone number.")
    held.save()
    answered = make_response(draft, quote_consent=True)
    ResponseComment.objects.create(
        response=answered,
        section_key=draft.sections.get(sort_order=1).key,
        part=CommentPart.ANSWER,
        body="An answer to the question.",
    )
    ResponseComment.objects.create(
        response=answered, section_key=None, part=CommentPart.OVERALL, body="Overall words."
    )

    page = draft_page(member, draft)

    assert "Shown: quotable and submitted." in page
    for hidden in (
        "Not quotable.",
        "Not submitted.",
        "Held for a moderator.",
        "An answer to the question.",
        "Overall words.",
    ):
        assert hidden not in page


def test_each_statement_sits_under_its_own_section_with_its_anchor(member, draft):
    statement = make_statement(draft, "About who can come.", section=2)

    page = draft_page(member, draft)

    sections = page.split('<section id="section-')
    assert "About who can come." in sections[3]
    assert "About who can come." not in sections[1] + sections[2]
    assert f'id="statement-{statement.pk}"' in sections[3]
    assert statement.get_absolute_url() == f"{draft.url}#statement-{statement.pk}"


def test_statements_show_no_name_and_their_words_escaped(member, draft):
    author = UserFactory(username="quiet_respondent")
    make_statement(draft, "<b>Keep</b> the hours.", respondent=author)

    page = draft_page(member, draft)

    assert "&lt;b&gt;Keep&lt;/b&gt; the hours." in page
    assert "quiet_respondent" not in page


# ---- marking them ---------------------------------------------------------------


def test_a_member_marks_a_statement_and_can_change_their_mind(member_client, member, draft):
    statement = make_statement(draft)

    agreed = member_client.post(vote_url(statement), {"choice": "agree"})
    changed = member_client.post(vote_url(statement), {"choice": "disagree"})

    assert agreed.status_code == 302
    assert agreed["Location"] == f"{draft.url}#statement-{statement.pk}"
    assert changed["Location"] == f"{draft.url}#statement-{statement.pk}"
    assert StatementVote.objects.get().choice == "disagree"
    page = draft_page(member, draft)
    assert pressed(page, statement) == ["disagree"]
    assert "You marked: Disagree" in page


def test_the_mark_buttons_are_plain_buttons_in_one_small_form(member, draft):
    statement = make_statement(draft)

    page = draft_page(member, draft)

    part = page.split(f'id="statement-{statement.pk}"', 1)[1].split("</li>", 1)[0]
    tags = parse(part).tags
    forms = [attributes for tag, attributes in tags if tag == "form"]
    buttons = [attributes["value"] for tag, attributes in tags if tag == "button"]
    assert forms == [{"method": "post", "action": vote_url(statement), "class": "statement-vote"}]
    assert buttons == ["agree", "disagree", "pass"]
    assert pressed(page, statement) == []


def test_nobody_marks_their_own_statement(member_client, member, draft):
    statement = make_statement(draft, respondent=member)

    page = draft_page(member, draft)
    refused = member_client.post(vote_url(statement), {"choice": "agree"}, follow=True)

    assert "This is your comment. You can't mark your own." in page
    assert 'class="statement-vote"' not in page
    assert "You can&#x27;t mark your own statement." in refused.content.decode()
    assert not StatementVote.objects.exists()


def test_statements_are_marked_only_while_the_draft_is_open(member_client, member, home):
    today = timezone.localdate()
    draft = make_draft(
        make_organization(),
        opens_on=today - datetime.timedelta(days=20),
        closes_on=today - datetime.timedelta(days=1),
    )
    statement = make_statement(draft)

    page = draft_page(member, draft)
    refused = member_client.post(vote_url(statement), {"choice": "agree"})

    assert "Keep the weekend hours." in page
    assert 'class="statement-vote"' not in page
    assert refused.status_code == 302
    assert not StatementVote.objects.exists()


def test_a_visitor_is_asked_to_log_in_to_mark_statements(client, draft):
    statement = make_statement(draft)

    page = draft_page(None, draft)
    refused = client.post(vote_url(statement), {"choice": "agree"})

    assert "Log in</a> to mark these agree, disagree or pass." in page
    assert 'class="statement-vote"' not in page
    assert refused["Location"].startswith("/account/login/?next=")
    assert not StatementVote.objects.exists()


def test_a_silenced_member_reads_the_note_and_cannot_mark(member_client, member, draft):
    statement = make_statement(draft)
    member.silenced_until = timezone.now() + datetime.timedelta(days=3)
    member.save()

    page = draft_page(member, draft)
    refused = member_client.post(vote_url(statement), {"choice": "agree"}, follow=True)

    assert "your account is read-only for now" in page
    assert 'class="statement-vote"' not in page
    assert [str(message) for message in refused.context["messages"]] == [read_only_note(member)]
    assert not StatementVote.objects.exists()


def test_a_mark_on_another_drafts_comment_or_an_unknown_choice_changes_nothing(
    member_client, draft
):
    other = make_draft(make_organization("Eastside Outreach"), title="Another draft")
    statement = make_statement(other)

    wrong_draft = member_client.post(f"{draft.url}statements/{statement.pk}/", {"choice": "agree"})
    unknown = member_client.post(vote_url(statement), {"choice": "love"})

    assert wrong_draft.status_code == 404
    assert unknown.status_code == 302
    assert not StatementVote.objects.exists()


# ---- flags and the log ----------------------------------------------------------------


def test_a_statement_can_be_flagged_where_it_is_shown_and_goes_to_moderators_only(
    member_client, member, draft, peer_moderator
):
    statement = make_statement(draft)
    trusted = UserFactory(username="trusted_voter", trust_level=3)
    flag_url = f"/moderation/flag/consultations.responsecomment/{statement.pk}/"

    assert f'href="{flag_url}"' in draft_page(member, draft)
    flagged = member_client.post(flag_url, {"reason": "harassment"})

    assert flagged["Location"] == statement.get_absolute_url()
    item = QueueItem.objects.get(
        content_type=ContentType.objects.get_for_model(ResponseComment), object_id=statement.pk
    )
    assert item.kind == "flagged" and item.moderators_only
    assert signed_in_client(trusted).get(item.get_absolute_url()).status_code == 404
    item_page = signed_in_client(peer_moderator).get(item.get_absolute_url()).content.decode()
    assert "A comment on the policy draft" in item_page
    assert "Keep the weekend hours." in item_page


def test_a_comment_that_is_not_a_statement_has_no_flag_page_for_members(member_client, draft):
    response = make_response(draft, comments={0: "Only for the organization."})
    comment = response.comments.get()

    page = member_client.get(f"/moderation/flag/consultations.responsecomment/{comment.pk}/")

    assert page.status_code == 404


def test_a_statement_a_moderator_hides_leaves_the_page_and_the_log_shows_only_its_kind(
    client, member, draft, peer_moderator
):
    author = UserFactory(username="quiet_respondent")
    statement = make_statement(draft, "Words that hurt someone.", respondent=author)
    signed_in_client(member).post(
        f"/moderation/flag/consultations.responsecomment/{statement.pk}/",
        {"reason": "harassment"},
    )
    item = QueueItem.objects.get(kind="flagged")

    content_decide(item=item, moderator=peer_moderator, decision="hide", reason="Harassment.")

    assert "Words that hurt someone." not in draft_page(member, draft)
    log = client.get("/moderation/log/").content.decode()
    assert "Hid content" in log
    assert "a consultation comment" in log
    assert "Words that hurt someone." not in log
    assert "quiet_respondent" not in log


# ---- what it costs ----------------------------------------------------------------------


def statements_cost(member, *, sections: int, statements: int) -> int:
    draft = make_draft(
        make_organization(f"Org {sections} {statements}"),
        title=f"Draft {sections} {statements}",
        sections=sections_of(sections),
    )
    made = [
        make_statement(draft, f"Statement {number}.", section=number % sections)
        for number in range(statements)
    ]
    for statement in made[::2]:
        StatementVote.objects.create(comment=statement, voter=member, choice="agree")
    draft_page(member, draft)
    with CaptureQueriesContext(connection) as queries:
        page = draft_page(member, draft)
    assert page.count('class="statement"') == statements
    return len(queries)


def test_the_statements_cost_the_same_with_2_or_20_statements_and_3_or_12_sections(member, home):
    costs = {
        (sections, statements): statements_cost(member, sections=sections, statements=statements)
        for sections in (3, 12)
        for statements in (2, 20)
    }

    assert set(costs.values()) == {STATEMENTS_QUERIES}, costs


def test_a_comment_not_shown_as_a_statement_links_to_its_section_not_a_missing_statement(home):
    from moderation.models import ModerationState

    draft = make_draft(make_organization())
    statement = make_statement(draft, "Quotable and shown.")
    private = make_response(draft, comments={1: "Not for quoting."}).comments.get()
    held = make_statement(draft, "Waiting for a moderator.", section=2)
    held.set_moderation_state(ModerationState.HELD)
    held.save()

    assert statement.get_absolute_url() == f"{draft.url}#statement-{statement.pk}"
    assert private.get_absolute_url() == f"{draft.url}#section-{private.section_key}"
    assert held.get_absolute_url() == f"{draft.url}#section-{held.section_key}"
