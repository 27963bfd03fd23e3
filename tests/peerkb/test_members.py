"""What the knowledge base keeps of a member who leaves, and what they take with them."""

import pytest

from wagtail.models import Comment, CommentReply, ModelLogEntry, PageLogEntry, TaskState

from accounts.services import member_erase, member_export
from peerkb.models import ArticlePage, AuthorProfile
from tests.factories import make_article, make_peer

pytestmark = pytest.mark.django_db

WORDS = "When I was using alone in my flat on Elm Street"


@pytest.fixture
def leaving(home):
    member = make_peer("leaving", "Peer authors", "Peer reviewers")
    profile = AuthorProfile.objects.for_member(member)
    profile.pseudonym = "Moonbeam"
    profile.save()
    return member


def in_review(author_profile, author):
    draft = make_article(title="Shared one", author=author_profile, live=False)
    draft.get_workflow().start(draft, author)
    return ArticlePage.objects.get(pk=draft.pk)


def test_their_review_comments_leave_the_history_too(leaving):
    other = make_peer("other", "Peer authors")
    article = in_review(AuthorProfile.objects.for_member(other), other)
    task_state = article.current_workflow_task_state
    task_state.task.specific.on_action(task_state, leaving, "reject", comment=WORDS)

    member_erase(user=leaving)

    assert TaskState.objects.get(pk=task_state.pk).comment == ""
    assert WORDS not in str(list(PageLogEntry.objects.values_list("data", flat=True)))


def test_their_editor_comments_leave_every_copy_in_the_history(leaving):
    other = make_peer("other", "Peer authors")
    article = make_article(
        title="Commented", author=AuthorProfile.objects.for_member(other), live=False
    )
    comment = Comment.objects.create(
        page=article, user=leaving, text=WORDS, contentpath="summary", position=""
    )
    comment.log_create(page_revision=article.get_latest_revision(), user=leaving)
    reply = CommentReply.objects.create(comment=comment, user=other, text="Thanks, changed it.")
    reply.log_create(page_revision=article.get_latest_revision(), user=other)

    member_erase(user=leaving)

    history = str(list(PageLogEntry.objects.values_list("data", flat=True)))
    assert WORDS not in history
    assert "Thanks, changed it." in history


def test_their_old_name_leaves_the_profiles_history(leaving, client):
    profile = AuthorProfile.objects.get(member=leaving)
    ModelLogEntry.objects.log_action(profile, "wagtail.edit", user=leaving)

    member_erase(user=leaving)

    labels = list(ModelLogEntry.objects.values_list("label", flat=True))
    assert "Moonbeam" not in labels
    assert str(AuthorProfile.objects.get(pk=profile.pk)) == "a peer"


def test_drafts_only_they_wrote_go_and_published_articles_stay(leaving, client):
    profile = AuthorProfile.objects.get(member=leaving)
    make_article(title="Never published", author=profile, live=False)
    make_article(title="Published", author=profile)

    member_erase(user=leaving)

    assert list(ArticlePage.objects.values_list("title", flat=True)) == ["Published"]
    page = " ".join(client.get("/kb/published/").content.decode().split())
    assert "Written by a peer" in page and "Moonbeam" not in page


def test_their_download_lists_what_they_reviewed_drafted_and_said_in_comments(leaving):
    author = make_peer("other", "Peer authors")
    make_article(
        title="Checked by them",
        author=AuthorProfile.objects.for_member(author),
        reviewers=[leaving],
    )
    draft = make_article(
        title="Their draft", author=AuthorProfile.objects.get(member=leaving), live=False
    )
    Comment.objects.create(page=draft, user=leaving, text=WORDS, contentpath="summary", position="")

    exported = member_export(user=leaving)

    assert exported["articles_you_reviewed"] == ["Checked by them"]
    assert exported["article_drafts_you_own"] == ["Their draft"]
    assert [row["comment"] for row in exported["editor_comments"]] == [WORDS]
