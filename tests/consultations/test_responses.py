"""A member's response, one section per screen (consultations/services/responses.py,
consultations/views/responding.py), and its comments as moderation sees them."""

import datetime
import threading
from html import escape

import pytest

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultations.models import (
    CommentPart,
    Response,
    ResponseComment,
    SectionAnswer,
    SpeakingAs,
)
from consultations.named_people import NAMED_PERSON_REASON
from consultations.services.responses import response_finish, response_section_save
from moderation.models import ActionKind, ModerationState, QueueItem, WordAction, WordCategory
from moderation.services import content_decide
from moderation.writing import read_only_note
from tests.factories import UserFactory
from tests.html import parse

from .factories import (
    make_draft,
    make_organization,
    make_response,
    respond_url,
    sections_of,
    signed_in_client,
    watch_word,
)

pytestmark = pytest.mark.django_db

PHONE_COMMENT = "Call me about it at 312-555-0147."
RESPOND_PAGE_QUERY_BOUND = 20


@pytest.fixture
def draft(home):
    return make_draft(make_organization())


def item_for(comment) -> QueueItem:
    return QueueItem.objects.get(
        content_type=ContentType.objects.get_for_model(comment), object_id=comment.pk
    )


def checked_values(html: str, name: str) -> list[str]:
    """The values of the ticked boxes or the chosen option called `name`."""
    return [
        attributes.get("value", "on")
        for tag, attributes in parse(html).tags
        if tag == "input" and attributes.get("name") == name and "checked" in attributes
    ]


def save_section(client, draft, step, go="next", **fields):
    return client.post(respond_url(draft, step), {"go": go, **fields})


# ---- getting there --------------------------------------------------------------


def test_a_visitor_is_sent_to_log_in_with_a_reason(client, draft):
    response = client.get(respond_url(draft), follow=True)

    assert response.redirect_chain[0][0].startswith("/account/login/?next=")
    assert "Log in to respond. A made-up name is enough" in response.content.decode()


def test_the_response_page_says_not_started_and_nothing_is_saved_by_looking(member_client, draft):
    page = member_client.get(respond_url(draft)).content.decode()
    member_client.get(respond_url(draft, 1))

    assert "Not started yet." in page
    assert "There are 3 sections." in page
    assert f'href="{respond_url(draft, 1)}"' in page
    assert not Response.objects.exists()


def test_an_upcoming_draft_says_when_it_opens(member_client, home):
    opens = timezone.localdate() + datetime.timedelta(days=5)
    draft = make_draft(
        make_organization(), opens_on=opens, closes_on=opens + datetime.timedelta(days=10)
    )

    page = member_client.get(respond_url(draft, 1)).content.decode()

    assert "This consultation opens on" in page
    assert 'name="stance"' not in page


# ---- one section per screen --------------------------------------------------------


def test_each_section_has_its_own_screen_with_its_place_and_its_question(member_client, draft):
    page = member_client.get(respond_url(draft, 2)).content.decode()

    assert "Section 2 of 3" in page
    assert "Exchange policy" in page
    assert "Supplies are given out without a one-for-one exchange." in page
    assert '<label for="id_answer">Why?</label>' in page
    for stance in ("agree", "disagree", "unsure", "skip"):
        assert f'value="{stance}"' in page
    for button in ("Next", "Back", "Save and finish later"):
        assert f">{button}</button>" in page


def test_next_saves_the_screen_and_goes_to_the_next_section(member_client, member, draft):
    response = save_section(member_client, draft, 1, stance="disagree", comment="Too short.")

    assert response.status_code == 302
    assert response["Location"] == respond_url(draft, 2)
    saved = Response.objects.get(respondent=member)
    first = draft.sections.first()
    assert saved.answers.get().stance == "disagree"
    comment = saved.comments.get()
    assert (comment.section_key, comment.part, comment.body) == (
        first.key,
        CommentPart.COMMENT,
        "Too short.",
    )
    assert comment.is_visible
    assert saved.submitted_at is None


def test_back_also_saves_what_is_on_the_screen(member_client, member, draft):
    response = save_section(
        member_client, draft, 2, go="back", stance="agree", answer="Fewer trips."
    )

    assert response["Location"] == respond_url(draft, 1)
    saved = Response.objects.get(respondent=member)
    assert saved.comments.get().part == CommentPart.ANSWER
    assert saved.answers.get().stance == "agree"


def test_the_last_section_leads_to_the_last_screen(member_client, draft):
    response = save_section(member_client, draft, 3, stance="unsure")

    assert response["Location"] == respond_url(draft, "finish")


def test_save_and_finish_later_keeps_everything_and_shows_where_they_are(member_client, draft):
    save_section(member_client, draft, 1, stance="agree", comment="Good hours.")
    response = save_section(member_client, draft, 2, go="later", stance="skip")

    assert response["Location"] == respond_url(draft)
    page = member_client.get(response["Location"]).content.decode()
    assert "Saved. Come back and finish any time until" in page
    assert "Started, not submitted yet." in page
    assert "You've answered 2 of 3 sections." in page
    assert f'href="{respond_url(draft, 3)}">Continue' in page
    assert "Good hours." in page
    screen = member_client.get(respond_url(draft, 1)).content.decode()
    assert checked_values(screen, "stance") == ["agree"]
    assert "Good hours.</textarea>" in screen


def test_a_comment_cleared_later_is_deleted(member_client, member, draft):
    save_section(member_client, draft, 1, stance="agree", comment="Good hours.")
    save_section(member_client, draft, 1, stance="agree", comment="")

    assert not ResponseComment.objects.exists()
    assert SectionAnswer.objects.get().stance == "agree"


def test_the_last_screen_explains_who_sees_speaking_as_and_leaves_consent_off(member_client, draft):
    page = member_client.get(respond_url(draft, "finish")).content.decode()

    assert "Speaking as" in page
    for _value, label in SpeakingAs.choices:
        assert escape(label) in page
    assert "never with your handle" in page
    assert "Only this site&#x27;s peer moderators can ever see them next to your handle" in page
    assert "They are not added to your profile." in page
    assert "You may quote my comments publicly, without my name." in page
    assert 'name="quote_consent"' in page
    assert checked_values(page, "quote_consent") == []


def test_submitting_counts_the_response_with_speaking_as_and_consent(member_client, member, draft):
    save_section(member_client, draft, 1, stance="agree")
    response = member_client.post(
        respond_url(draft, "finish"),
        {
            "go": "submit",
            "overall": "Thanks for asking us.",
            "speaking_as": [SpeakingAs.USE_NOW, SpeakingAs.PEER_WORKER],
            "quote_consent": "on",
        },
    )

    assert response["Location"] == respond_url(draft)
    saved = Response.objects.get(respondent=member)
    assert saved.is_submitted
    assert saved.speaking_as == ["use_now", "peer_worker"]
    assert saved.quote_consent
    assert saved.comments.get(part=CommentPart.OVERALL).body == "Thanks for asking us."
    page = member_client.get(respond_url(draft)).content.decode()
    assert "Thank you. Your response is in." in page
    assert "Submitted on" in page
    assert "I use drugs now, Peer or outreach worker" in page
    assert escape("You said your comments may be quoted publicly") in page


def test_an_empty_response_cannot_be_submitted(member_client, draft):
    refused = member_client.post(respond_url(draft, "finish"), {"go": "submit"})

    assert refused.status_code == 400
    assert "Answer at least one section before you submit." in refused.content.decode()
    assert not Response.objects.filter(submitted_at__isnull=False).exists()


def test_speaking_as_is_kept_on_the_response_and_never_on_the_profile(member, draft):
    make_response(draft, respondent=member, submitted=False)
    response_finish(
        draft=draft,
        member=member,
        overall="",
        speaking_as=[SpeakingAs.FAMILY],
        quote_consent=False,
        submit=True,
    )

    member.profile.refresh_from_db()
    assert Response.objects.get().speaking_as == ["family"]
    profile_values = {str(value) for value in vars(member.profile).values()}
    assert not any("family" in value for value in profile_values)


def test_a_submitted_response_can_be_changed_until_the_draft_closes(member_client, member, draft):
    saved = make_response(draft, respondent=member, stances=("agree",))
    first_submitted = saved.submitted_at

    save_section(member_client, draft, 1, stance="disagree")

    saved.refresh_from_db()
    assert saved.answers.get(section_key=draft.sections.first().key).stance == "disagree"
    assert saved.submitted_at == first_submitted
    assert Response.objects.count() == 1


def test_after_the_draft_closes_the_member_reads_their_response_and_can_change_nothing(
    member_client, member, home
):
    today = timezone.localdate()
    draft = make_draft(
        make_organization(),
        opens_on=today - datetime.timedelta(days=20),
        closes_on=today - datetime.timedelta(days=1),
    )
    make_response(draft, respondent=member, comments={0: "Keep mornings."})

    page = member_client.get(respond_url(draft, 1)).content.decode()
    posted = save_section(member_client, draft, 1, stance="disagree", comment="Changed")

    assert "This consultation closed on" in page
    assert "Here is what you said." in page
    assert "Keep mornings." in page
    assert 'name="stance"' not in page
    assert ">Change<" not in page
    assert posted["Location"] == respond_url(draft)
    assert ResponseComment.objects.get().body == "Keep mornings."


def test_a_section_number_past_the_end_shows_the_response_page(member_client, draft):
    page = member_client.get(respond_url(draft, 9)).content.decode()

    assert "Your response" in page
    assert 'name="stance"' not in page


# ---- one response per member, even with two tabs --------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_submits_at_once_make_one_response_and_neither_fails(home):
    """Two tabs saving the same new response together: the database's
    one-per-member rule decides who creates it; the other uses it."""
    draft = make_draft(make_organization())
    section = draft.sections.first()
    members = [UserFactory(username=f"tabs_{round_}") for round_ in range(4)]
    failures = []

    def save(member, barrier, words):
        try:
            barrier.wait()
            response_section_save(
                draft=draft, member=member, section=section, stance="agree", comment=words
            )
            response_finish(
                draft=draft,
                member=member,
                overall="",
                speaking_as=[],
                quote_consent=False,
                submit=True,
            )
        except Exception as error:  # noqa: BLE001 - any failure fails the test below
            failures.append(error)
        finally:
            connection.close()

    for member in members:
        barrier = threading.Barrier(2)
        tabs = [
            threading.Thread(target=save, args=(member, barrier, words))
            for words in ("From one tab.", "From the other tab.")
        ]
        for tab in tabs:
            tab.start()
        for tab in tabs:
            tab.join()

    assert failures == []
    for member in members:
        response = Response.objects.get(draft=draft, respondent=member)
        assert response.is_submitted
        assert response.answers.count() == 1
        assert response.comments.get().body in ("From one tab.", "From the other tab.")


# ---- screening ---------------------------------------------------------------------


def test_a_silenced_member_reads_the_same_note_and_keeps_their_text(member_client, member, draft):
    member.silenced_until = timezone.now() + datetime.timedelta(days=3)
    member.save()

    shown = member_client.get(respond_url(draft, 1)).content.decode()
    refused = save_section(member_client, draft, 1, stance="agree", comment="My view.")

    assert escape(read_only_note(member)) in shown
    assert refused.status_code == 400
    assert refused.context["form"].non_field_errors() == [read_only_note(member)]
    assert "My view.</textarea>" in refused.content.decode()
    assert not Response.objects.exists()


def test_an_identifying_comment_is_saved_held_for_moderators_and_the_member_told_why(
    member_client, member, draft, peer_moderator
):
    trusted = UserFactory(username="trusted_voter", trust_level=3)

    response = save_section(member_client, draft, 1, stance="agree", comment=PHONE_COMMENT)

    comment = ResponseComment.objects.get()
    assert comment.moderation_state == ModerationState.HELD
    item = item_for(comment)
    assert item.kind == "held" and item.moderators_only
    assert "312-555-0147" not in item.summary
    next_page = member_client.get(response["Location"]).content.decode()
    assert "A peer moderator will read your comment before it can be shown anywhere." in next_page
    assert escape(comment.moderation_reason) in next_page
    screen = member_client.get(respond_url(draft, 1)).content.decode()
    assert escape(f"Waiting for a peer moderator. Why: {comment.moderation_reason}") in screen
    assert PHONE_COMMENT in screen
    assert signed_in_client(trusted).get(item.get_absolute_url()).status_code == 404
    queue = signed_in_client(peer_moderator).get("/moderation/queue/").content.decode()
    assert "A comment on the policy draft" in queue
    item_page = signed_in_client(peer_moderator).get(item.get_absolute_url()).content.decode()
    assert "312-555-0147" in item_page


@pytest.mark.parametrize(
    "words",
    [
        "Officer Reyes takes people's kits outside the door.",
        "My case manager Jenny said the hours would change.",
        "A guy named Marcus runs the van.",
    ],
)
def test_a_comment_naming_a_person_is_held_with_its_own_reason(member_client, draft, words):
    save_section(member_client, draft, 1, stance="agree", comment=words)

    comment = ResponseComment.objects.get()
    assert comment.is_held
    assert comment.moderation_reason == str(NAMED_PERSON_REASON)
    assert item_for(comment).moderators_only


def test_a_comment_with_ordinary_capitals_is_shown_without_a_hold(member_client, draft):
    save_section(
        member_client, draft, 1, stance="agree", comment="Keep Saturday hours on Main Street."
    )

    assert ResponseComment.objects.get().is_visible
    assert not QueueItem.objects.exists()


def test_a_blocked_word_is_refused_beside_the_comment_and_the_text_kept(member_client, draft):
    watch_word("scumbag*", WordAction.BLOCK)
    words = "The scumbags at the door should read this."

    refused = save_section(member_client, draft, 1, stance="agree", comment=words)

    assert refused.status_code == 400
    (message,) = refused.context["form"].errors["comment"]
    assert "It is an insult aimed at a person." in message
    page = refused.content.decode()
    assert escape(words) in page
    assert page.index("It is an insult aimed at a person.") < page.index(escape(words))
    assert not Response.objects.exists()


def test_a_nudge_shows_before_saving_and_the_member_can_save_as_written(
    member_client, member, draft
):
    words = "Addicts need these hours."

    nudged = save_section(member_client, draft, 2, go="back", stance="agree", comment=words)

    page = nudged.content.decode()
    assert nudged.status_code == 200
    assert "Instead of “addicts”, you could say “people who use drugs”." in page
    assert "Save as I wrote it" in page
    assert 'name="go_after_nudge" value="back"' in page
    assert not Response.objects.exists()

    saved = member_client.post(
        respond_url(draft, 2),
        {"stance": "agree", "comment": words, "nudge_acknowledged": "1", "go_after_nudge": "back"},
    )

    assert saved["Location"] == respond_url(draft, 1)
    assert ResponseComment.objects.get().body == words


def test_a_nudged_comment_already_saved_is_not_nudged_again_on_the_next_screen(
    member_client, draft
):
    words = "Addicts need these hours."
    member_client.post(
        respond_url(draft, 1),
        {"go": "next", "stance": "agree", "comment": words, "nudge_acknowledged": "1"},
    )

    again = save_section(member_client, draft, 1, stance="disagree", comment=words)

    assert again.status_code == 302
    assert SectionAnswer.objects.get().stance == "disagree"


def test_a_comment_too_long_is_refused_with_the_text_kept(member_client, draft):
    words = "word " * 500

    refused = save_section(member_client, draft, 1, stance="agree", comment=words)

    assert refused.status_code == 400
    assert "Keep this under 2000 characters." in refused.content.decode()
    assert not Response.objects.exists()


# ---- comments as moderation sees them -------------------------------------------------


def test_a_moderator_lets_a_held_comment_show_and_the_log_names_only_its_kind(
    client, member, draft, peer_moderator
):
    response_section_save(
        draft=draft,
        member=member,
        section=draft.sections.first(),
        stance="agree",
        comment=PHONE_COMMENT,
    )
    comment = ResponseComment.objects.get()

    content_decide(
        item=item_for(comment), moderator=peer_moderator, decision="keep", reason="A help line."
    )

    comment.refresh_from_db()
    assert comment.is_visible
    log = client.get("/moderation/log/").content.decode()
    assert "Approved a held post" in log
    assert "a consultation comment" in log
    assert "312-555-0147" not in log
    assert member.username not in log


def test_a_moderator_can_edit_a_comment_from_the_queue(member, draft, peer_moderator):
    response_section_save(
        draft=draft,
        member=member,
        section=draft.sections.first(),
        stance="agree",
        comment=PHONE_COMMENT,
    )
    comment = ResponseComment.objects.get()

    record = content_decide(
        item=item_for(comment),
        moderator=peer_moderator,
        decision="edit",
        reason="Took out the number.",
        text="Call me about it.",
    )

    comment.refresh_from_db()
    assert comment.body == "Call me about it."
    assert comment.is_visible
    assert record.action == ActionKind.EDIT
    assert record.detail["previous_text"] == PHONE_COMMENT


def test_the_queue_shows_a_comments_words_escaped_with_their_line_breaks(
    member, draft, peer_moderator
):
    watch_word("ping me", WordAction.HOLD, category=WordCategory.OTHER, explanation="Off-site.")
    response_section_save(
        draft=draft,
        member=member,
        section=draft.sections.first(),
        stance="agree",
        comment="<script>alert(1)</script>\nping me",
    )
    comment = ResponseComment.objects.get()

    html = comment.moderation_html()
    page = signed_in_client(peer_moderator).get(item_for(comment).get_absolute_url())

    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>ping me" in html
    assert "<script>alert(1)" not in page.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.content.decode()


# ---- what a page costs ----------------------------------------------------------------


@pytest.mark.parametrize("step", [None, 2, "finish"])
def test_the_respond_pages_cost_the_same_with_3_or_12_sections(member, page_costs, home, step):
    organization = make_organization()
    small = make_draft(organization, title="Small draft", sections=sections_of(3))
    large = make_draft(organization, title="Large draft", sections=sections_of(12))
    client = signed_in_client(member)
    for draft in (small, large):
        make_response(
            draft,
            respondent=member,
            comments={index: f"Comment {index}" for index in range(3)},
            submitted=False,
        )

    counts = page_costs(client, [respond_url(small, step), respond_url(large, step)])

    assert counts[0] == counts[1]
    # Wagtail finds the page by walking its path (about a dozen queries, the
    # same for every draft); the response pages add their sections, the
    # report's state, the response, its answers and its comments.
    assert counts[1] <= RESPOND_PAGE_QUERY_BOUND


def test_saving_a_screen_costs_the_same_with_3_or_12_sections(member, home):
    organization = make_organization()
    costs = []
    for title, count in (("Small draft", 3), ("Large draft", 12)):
        draft = make_draft(organization, title=title, sections=sections_of(count))
        client = signed_in_client(member)
        save_section(client, draft, 1, stance="agree", comment="First.")
        with CaptureQueriesContext(connection) as queries:
            assert (
                save_section(client, draft, 2, stance="agree", comment="Second.").status_code == 302
            )
        costs.append(len(queries))

    assert costs[0] == costs[1]
