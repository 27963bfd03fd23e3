"""The one gate every member write passes: may they write, are they within
their limit, and what screening says about every field they wrote."""

from datetime import timedelta
from html import escape

import pytest

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import NON_FIELD_ERRORS
from django.urls import reverse
from django.utils import timezone

from forum.models import Post, Thread, ThreadKind
from forum.services.posting import post_create, post_edit, thread_create
from forum.services.thread_tools import thread_tags_set
from moderation.models import ModerationState, WatchedWord, WordAction
from moderation.writing import WriteRefused, read_only_note, write_screen
from peerkb.contributions import proposal_create, suggestion_create
from peerkb.models import ArticleProposal, ArticleSuggestion
from tests.factories import CategoryFactory, UserFactory, make_article, make_thread

pytestmark = pytest.mark.django_db

SALE_WITH_A_NUMBER = "for sale, text me at 555 123 4567"
STORY = "Went slow and it was fine."
# What a member sharing an outreach worker's number reads beside their post.
PHONE_REASON = (
    "Posts with a phone number wait for a peer moderator, to keep people's contact details safe."
)


def report_thread(author, **report_fields):
    doses = report_fields.pop("doses", [{"substance": "heroin"}])
    return thread_create(
        category=CategoryFactory(),
        author=author,
        title="Tried a tester shot",
        body=STORY,
        kind=ThreadKind.EXPERIENCE_REPORT,
        report={"setting": "At home with a friend", **report_fields},
        doses=doses,
    )


def report_form_data(category, **changes) -> dict:
    data = {
        "category": category.pk,
        "title": "Tried a tester shot",
        "kind": "experience",
        "content_warning": "",
        "tags": "",
        "body": STORY,
        "report-test_result": "not_tested",
        "report-setting": "At home with a friend",
        "report-would_do_differently": "",
        "doses-TOTAL_FORMS": "1",
        "doses-INITIAL_FORMS": "0",
        "doses-MIN_NUM_FORMS": "0",
        "doses-MAX_NUM_FORMS": "10",
        "doses-0-substance": "heroin",
        "doses-0-amount": "10",
        "doses-0-unit": "mg",
        "doses-0-route": "smoked",
        "doses-0-minutes_in": "0",
    }
    data.update(changes)
    return data


# ---- every field is screened ----------------------------------------------


def test_a_sale_in_an_experience_reports_setting_is_held_like_the_same_words_in_the_body(
    client, member, home
):
    category = CategoryFactory()
    client.force_login(member)

    response = client.post(
        reverse("forum:thread_create"),
        report_form_data(category, **{"report-setting": SALE_WITH_A_NUMBER}),
    )

    thread = Thread.objects.get()
    assert response.status_code == 302
    assert thread.is_held
    assert thread.posts.get().moderation_state == ModerationState.HELD
    client.force_login(UserFactory(username="reader"))
    assert STORY not in client.get(thread.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "report_fields",
    [
        {"setting": SALE_WITH_A_NUMBER},
        {"test_method": SALE_WITH_A_NUMBER},
        {"would_do_differently": SALE_WITH_A_NUMBER},
        {"doses": [{"substance": SALE_WITH_A_NUMBER}]},
    ],
    ids=["setting", "test method", "what I'd do differently", "substance"],
)
def test_each_written_field_of_an_experience_report_is_screened(member, report_fields):
    thread = report_thread(member, **report_fields)

    assert thread.is_held
    assert "wait for a peer moderator" in thread.moderation_reason


def test_the_content_warning_text_is_screened(member, home):
    thread = thread_create(
        category=CategoryFactory(),
        author=member,
        title="Hard week",
        body=STORY,
        content_warning="other",
        content_warning_other=SALE_WITH_A_NUMBER,
    )

    assert thread.is_held


def test_tags_on_a_new_thread_are_screened(member, home):
    thread = thread_create(
        category=CategoryFactory(), author=member, title="Hard week", body=STORY, tags=["for sale"]
    )

    assert thread.is_held


def test_a_tag_edit_that_screening_would_hold_is_refused_beside_the_tags(home):
    thread = make_thread()
    editor = UserFactory(trust_level=2)

    with pytest.raises(WriteRefused) as refused:
        thread_tags_set(thread=thread, editor=editor, tags=["for sale"])

    (message,) = refused.value.message_dict["tags"]
    assert "shown without a peer moderator looking first" in message
    assert "wait for a peer moderator" in message


def test_a_blocked_word_in_a_reports_setting_is_refused_beside_the_setting_and_kept(
    client, member, home
):
    WatchedWord.objects.create(
        pattern="scumbag*", action=WordAction.BLOCK, explanation="It is an insult aimed at a person"
    )
    category = CategoryFactory()
    client.force_login(member)
    setting = "At home, away from the scumbags next door"

    response = client.post(
        reverse("forum:thread_create"), report_form_data(category, **{"report-setting": setting})
    )

    assert response.status_code == 200
    report_form = response.context["report_form"]
    assert "“scumbags”" in report_form.errors["setting"][0]
    assert report_form["setting"].value() == setting
    assert response.context["form"]["body"].value() == STORY
    assert escape(setting) in response.content.decode()
    assert not Thread.objects.exists()


def test_a_member_sharing_an_outreach_workers_number_reads_why_it_waits_without_blame(
    client, member, home
):
    thread = make_thread()
    client.force_login(member)
    body = "The outreach worker at the van, Dee, said to call 312-555-0147 for a kit."

    client.post(reverse("forum:reply", kwargs={"pk": thread.pk}), {"body": body})

    post = Post.objects.get(thread=thread, author=member)
    assert post.is_held
    assert post.moderation_reason == PHONE_REASON
    page = client.get(thread.get_absolute_url()).content.decode()
    assert escape(f"Why: {PHONE_REASON}") in page
    assert "set up sales" not in page


# ---- who may write ------------------------------------------------------------


def test_a_silenced_member_is_refused_the_same_way_everywhere_they_write(member, home):
    thread = make_thread()
    own = post_create(thread=thread, author=member, body="Mine")
    article = make_article()
    member.silenced_until = timezone.now() + timedelta(days=3)
    member.save()
    writes = {
        "thread": lambda: thread_create(
            category=thread.category, author=member, title="Hi", body=STORY
        ),
        "reply": lambda: post_create(thread=thread, author=member, body=STORY),
        "edit": lambda: post_edit(post=own, editor=member, body="Mine, changed"),
        "suggestion": lambda: suggestion_create(article=article, member=member, text="Strips."),
        "idea": lambda: proposal_create(member=member, title="Idea", outline="Out", why="Why"),
    }

    for kind, write in writes.items():
        with pytest.raises(WriteRefused) as refused:
            write()
        assert refused.value.message_dict == {NON_FIELD_ERRORS: [read_only_note(member)]}, kind
    assert not ArticleSuggestion.objects.exists()
    assert not ArticleProposal.objects.exists()


def test_a_signed_out_writer_is_refused_with_a_write_refusal_everywhere(home):
    thread = make_thread()
    article = make_article()
    visitor = AnonymousUser()
    writes = {
        "thread": lambda: thread_create(
            category=thread.category, author=visitor, title="Hi", body=STORY
        ),
        "reply": lambda: post_create(thread=thread, author=visitor, body=STORY),
        "tags": lambda: thread_tags_set(thread=thread, editor=visitor, tags=["naloxone"]),
        "suggestion": lambda: suggestion_create(article=article, member=visitor, text="Strips."),
        "idea": lambda: proposal_create(member=visitor, title="Idea", outline="Out", why="Why"),
    }

    for kind, write in writes.items():
        with pytest.raises(WriteRefused) as refused:
            write()
        assert refused.value.message_dict == {NON_FIELD_ERRORS: ["Log in to write here."]}, kind
    assert thread.posts.count() == 1


def test_a_silenced_member_tidying_tags_is_told_they_are_read_only(member):
    thread = make_thread(author=member)
    member.silenced_until = timezone.now() + timedelta(days=3)
    member.save()

    with pytest.raises(WriteRefused) as refused:
        thread_tags_set(thread=thread, editor=member, tags=["naloxone"])

    assert refused.value.message_dict == {NON_FIELD_ERRORS: [read_only_note(member)]}
    assert not thread.tags.exists()


# ---- rate limits ----------------------------------------------------------------


def test_the_eleventh_suggestion_from_a_new_member_is_refused_naming_the_limit_and_the_wait(
    client, member, home
):
    article = make_article()
    client.force_login(member)
    url = f"{article.url}suggest/"
    for number in range(10):
        assert client.post(url, {"text": f"Suggestion {number}."}).status_code == 302

    response = client.post(url, {"text": "One more thing about strips."})

    assert response.status_code == 400
    (message,) = response.context["form"].non_field_errors()
    assert message.startswith("At your trust level you can send 10 suggestions a day.")
    assert "You can do it again in 23" in message
    assert response.context["form"]["text"].value() == "One more thing about strips."
    assert ArticleSuggestion.objects.count() == 10


def test_the_sixth_idea_from_a_new_member_is_refused(member, home):
    for number in range(5):
        proposal_create(member=member, title=f"Idea {number}", outline="Outline", why="Why")

    with pytest.raises(WriteRefused, match="send 5 ideas for articles a day"):
        proposal_create(member=member, title="Idea 6", outline="Outline", why="Why")
    assert ArticleProposal.objects.count() == 5


def test_edits_are_limited_and_refused_before_the_post_is_rendered(
    member, home, settings, monkeypatch
):
    settings.TRUST_RATE_LIMITS = {0: {"edit": (2, 3600), "reply": (10, 3600)}}
    post = post_create(thread=make_thread(), author=member, body="First")
    post_edit(post=post, editor=member, body="Second")
    post_edit(post=post, editor=member, body="Third")
    rendered = []
    monkeypatch.setattr(
        "forum.services.posting.render_markdown", lambda text: rendered.append(text)
    )

    with pytest.raises(WriteRefused, match="make 2 edits a day"):
        post_edit(post=post, editor=member, body="Fourth")

    assert rendered == []
    post.refresh_from_db()
    assert post.body_source == "Third"


def test_a_limit_counts_when_the_write_is_let_through_not_after_it_is_saved(member, settings):
    settings.TRUST_RATE_LIMITS = {0: {"reply": (1, 3600)}}
    write_screen(author=member, action="reply", fields={"body": "One"})

    with pytest.raises(WriteRefused, match="write 1 reply a day"):
        write_screen(author=member, action="reply", fields={"body": "Two"})


def test_a_refused_or_nudged_write_does_not_use_up_the_limit(member, settings):
    from moderation.screening import Nudge

    settings.TRUST_RATE_LIMITS = {0: {"reply": (1, 3600)}}
    WatchedWord.objects.create(pattern="scumbag*", action=WordAction.BLOCK, explanation="Insult")
    with pytest.raises(WriteRefused):
        write_screen(author=member, action="reply", fields={"body": "you scumbag"})
    with pytest.raises(Nudge):
        write_screen(author=member, action="reply", fields={"body": "those junkies"})

    write_screen(author=member, action="reply", fields={"body": "Thanks, all."})


def test_peer_moderators_have_no_limit(peer_moderator, settings):
    settings.TRUST_RATE_LIMITS = {0: {"reply": (1, 3600)}}

    for _number in range(3):
        write_screen(author=peer_moderator, action="reply", fields={"body": "Noted."})
