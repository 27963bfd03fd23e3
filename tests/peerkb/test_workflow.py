"""Peer review: two different peers approve the same version, never its author."""

import pytest

from django.conf import settings
from django.core.exceptions import PermissionDenied

from wagtail.models import PageLogEntry, TaskState, WorkflowState

from moderation.models import ActionKind, ModerationAction, QueueItem
from peerkb.models import ArticlePage, AuthorProfile, PeerApproval
from tests.factories import make_article, make_peer

pytestmark = pytest.mark.django_db


@pytest.fixture
def peers(home):
    author = make_peer("dee", "Peer authors")
    return {
        "author": author,
        "profile": AuthorProfile.objects.for_member(author),
        "first": make_peer("rio", "Peer reviewers"),
        "second": make_peer("noor", "Peer reviewers"),
        "third": make_peer("lee", "Peer reviewers"),
        "moderator": make_peer("jules", "Peer moderators"),
    }


@pytest.fixture
def in_review(peers):
    """A draft by the peer author, sent for peer review."""
    draft = make_article(title="Tester shots", author=peers["profile"], live=False)
    draft.get_workflow().start(draft, peers["author"])
    return ArticlePage.objects.get(pk=draft.pk)


def task_of(article):
    article = ArticlePage.objects.get(pk=article.pk)
    task_state = article.current_workflow_task_state
    return task_state.task.specific, task_state


def approve(article, reviewer, comment=""):
    task, task_state = task_of(article)
    return task.on_action(task_state, reviewer, "approve", comment=comment)


def action_names(article, user) -> list[str]:
    task, _task_state = task_of(article)
    return [name for name, _label, _modal in task.get_actions(article, user)]


def edit_as(client, user, article):
    client.force_login(user)
    return client.get(f"/admin/pages/{article.pk}/edit/")


def test_the_knowledge_base_sends_articles_to_the_peer_review_workflow(in_review):
    workflow = in_review.get_workflow()
    task, _task_state = task_of(in_review)

    assert workflow.name == "Peer review"
    assert task.approvals_needed == 2
    assert list(task.groups.values_list("name", flat=True)) == ["Peer reviewers"]


def test_one_approval_is_not_enough_and_two_different_peers_publish_it(in_review, peers, client):
    approve(in_review, peers["first"])

    assert not ArticlePage.objects.get(pk=in_review.pk).live
    assert client.get("/kb/tester-shots/").status_code == 404

    approve(in_review, peers["second"])

    article = ArticlePage.objects.get(pk=in_review.pk)
    assert article.live
    assert client.get("/kb/tester-shots/").status_code == 200
    assert set(article.reviewed_by.values_list("username", flat=True)) == {"rio", "noor"}
    assert article.last_reviewed_at is not None
    assert article.review_due_at.year == article.last_reviewed_at.year + 1
    assert article.reviewed_revision_id == article.live_revision_id
    assert article.published_without_review_at is None
    assert WorkflowState.objects.get(status=WorkflowState.STATUS_APPROVED)


def test_the_author_never_gets_to_approve_their_own_article(in_review, peers, client):
    # The author is a peer reviewer too, so only authorship stands in the way.
    peers["author"].groups.add(peers["first"].groups.get())

    assert action_names(in_review, peers["author"]) == []
    with pytest.raises(PermissionDenied, match="two other peers"):
        approve(in_review, peers["author"])
    assert not PeerApproval.objects.exists()

    page = edit_as(client, peers["author"], in_review).content.decode()
    assert 'data-workflow-action-name="approve"' not in page


def test_a_reviewer_sees_approve_and_request_changes_in_the_editor(in_review, peers, client):
    page = edit_as(client, peers["first"], in_review).content.decode()

    assert 'data-workflow-action-name="approve"' in page
    assert 'data-workflow-action-name="reject"' in page
    assert "Request changes" in page
    assert "needs 2 approvals from different peers" in page


def test_a_reviewer_cannot_approve_the_same_version_twice(in_review, peers):
    approve(in_review, peers["first"])

    assert "approve" not in action_names(in_review, peers["first"])
    with pytest.raises(PermissionDenied, match="already approved"):
        approve(in_review, peers["first"])
    assert PeerApproval.objects.count() == 1
    assert not ArticlePage.objects.get(pk=in_review.pk).live


def test_a_member_outside_the_reviewers_group_cannot_approve(in_review, peers):
    outsider = make_peer("sam")

    assert action_names(in_review, outsider) == []
    with pytest.raises(PermissionDenied, match="Only peer reviewers"):
        approve(in_review, outsider)


def test_an_edit_after_an_approval_needs_approving_again(in_review, peers):
    approve(in_review, peers["first"])
    draft = in_review.get_latest_revision_as_object()
    draft.summary = "Edited after the first approval."
    edited = draft.save_revision(user=peers["author"])

    approve(in_review, peers["second"])
    assert not ArticlePage.objects.get(pk=in_review.pk).live

    approve(in_review, peers["first"])
    article = ArticlePage.objects.get(pk=in_review.pk)
    assert article.live
    assert article.live_revision_id == edited.pk
    assert article.summary == "Edited after the first approval."


def test_the_version_readers_get_is_the_one_both_peers_approved(in_review, peers, client):
    approve(in_review, peers["first"])
    approve(in_review, peers["second"])

    article = ArticlePage.objects.get(pk=in_review.pk)
    approved = set(
        PeerApproval.objects.filter(reviewer__in=[peers["first"], peers["second"]]).values_list(
            "revision_id", flat=True
        )
    )
    assert approved == {article.live_revision_id}


def test_requesting_changes_sends_it_back_with_the_comment(in_review, peers):
    task, task_state = task_of(in_review)

    task.on_action(task_state, peers["first"], "reject", comment="Add where to get strips.")

    task_state = TaskState.objects.get(pk=task_state.pk)
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.comment == "Add where to get strips."
    assert in_review.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not ArticlePage.objects.get(pk=in_review.pk).live


def test_after_changes_are_requested_a_resubmitted_version_still_needs_two_approvals(
    in_review, peers
):
    task, task_state = task_of(in_review)
    task.on_action(task_state, peers["first"], "reject", comment="Add a source.")
    in_review.current_workflow_state.resume(peers["author"])

    approve(in_review, peers["first"])
    assert not ArticlePage.objects.get(pk=in_review.pk).live
    approve(in_review, peers["third"])
    assert ArticlePage.objects.get(pk=in_review.pk).live


def test_approval_waits_for_a_source_when_the_article_makes_medical_claims(peers):
    draft = make_article(title="Dosing", author=peers["profile"], live=False, sources=())
    draft.get_workflow().start(draft, peers["author"])

    assert action_names(draft, peers["first"]) == ["reject"]
    with pytest.raises(PermissionDenied, match="needs at least one source"):
        approve(draft, peers["first"])


def test_reviewers_can_open_the_editor_with_comments_while_it_is_in_review(
    in_review, peers, client
):
    response = edit_as(client, peers["first"], in_review)

    assert response.status_code == 200
    assert settings.WAGTAILADMIN_COMMENTS_ENABLED
    assert "comments" in response.context["form"].formsets


def test_edits_after_approval_need_reapproval_is_switched_on():
    assert settings.WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT is True


def test_each_approval_is_in_the_page_history_with_the_count(in_review, peers):
    approve(in_review, peers["first"], comment="Clear and right.")

    entry = PageLogEntry.objects.get(page=in_review, action="peerkb.peer_approval")
    assert entry.user == peers["first"]
    assert entry.data["approvals"] == 1 and entry.data["needed"] == 2
    assert "1 of 2 approvals" in entry.message


def test_a_peer_moderator_can_publish_in_an_emergency_and_it_shows(peers, client):
    draft = make_article(title="Urgent correction", author=peers["profile"], live=False)
    client.force_login(peers["moderator"])

    draft.get_latest_revision().publish(user=peers["moderator"])
    from peerkb.review import unreviewed_publish_attribute

    unreviewed_publish_attribute(article=draft, user=peers["moderator"])

    article = ArticlePage.objects.get(pk=draft.pk)
    assert article.live
    assert article.published_without_review_at is not None
    record = ModerationAction.objects.get(action=ActionKind.PUBLISHED_UNREVIEWED)
    assert record.actor == peers["moderator"] and record.is_public
    assert QueueItem.objects.open().get(kind="article_review_due").object_id == article.pk
    assert PageLogEntry.objects.filter(page=article, action="peerkb.published_without_review")
    page = client.get("/kb/urgent-correction/").content.decode()
    assert "Published without review on" in page


def post_from_editor(client, user, article, data, **actions):
    """Press a button in the article's editor, sending `data` as its form."""
    client.force_login(user)
    return client.post(f"/admin/pages/{article.pk}/edit/", {**data, **actions}, follow=True)


@pytest.fixture
def written_in_the_editor(peers, client):
    """An article the author wrote in the editor and sent for review, and the
    form as the editor sends it."""
    from peerkb.models import KnowledgeBaseIndexPage
    from tests.peerkb.test_editor import article_form

    data = article_form(title="Reading a strip")
    index = KnowledgeBaseIndexPage.objects.get()
    client.force_login(peers["author"])
    client.post(f"/admin/pages/add/peerkb/articlepage/{index.pk}/", {**data, "action-submit": "1"})
    client.logout()
    article = ArticlePage.objects.get(slug="reading-a-strip")
    # The editor sends each block's id back; without them every block is new.
    for number, block in enumerate(article.get_latest_revision_as_object().body):
        data[f"body-{number}-id"] = block.id
    return article, data


def approve_in_editor(client, user, article, data):
    return post_from_editor(
        client,
        user,
        article,
        data,
        **{"action-workflow-action": "1", "workflow-action-name": "approve"},
    )


def test_a_reviewer_who_approves_is_told_how_many_more_approvals_it_needs(
    written_in_the_editor, peers, client
):
    article, data = written_in_the_editor

    first = approve_in_editor(client, peers["first"], article, data).content.decode()
    second = approve_in_editor(client, peers["second"], article, data).content.decode()

    assert "Approved. It needs 1 more peer&#x27;s approval before it goes live." in first
    assert "Approved and published. Yours was the last approval needed" in second
    for page in (first, second):
        assert "has been updated" not in page
        assert "is saved." not in page
    assert ArticlePage.objects.get(pk=article.pk).live


def test_a_reviewer_cannot_cancel_a_review_and_throw_away_the_approvals(
    written_in_the_editor, peers, client
):
    article, data = written_in_the_editor
    approve(article, peers["first"])

    editor = edit_as(client, peers["second"], article).content.decode()
    response = post_from_editor(
        client, peers["second"], article, data, **{"action-cancel-workflow": "1"}
    )

    assert 'name="action-cancel-workflow"' not in editor
    assert "or a peer moderator can cancel or restart its review" in response.content.decode()
    assert article.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert PeerApproval.objects.count() == 1


def test_the_author_can_withdraw_their_article_from_review(written_in_the_editor, peers, client):
    article, data = written_in_the_editor

    editor = edit_as(client, peers["author"], article).content.decode()
    post_from_editor(client, peers["author"], article, data, **{"action-cancel-workflow": "1"})

    assert 'name="action-cancel-workflow"' in editor
    assert ArticlePage.objects.get(pk=article.pk).current_workflow_state is None


def test_a_reviewer_who_changed_the_version_cannot_approve_their_own_change(in_review, peers):
    draft = in_review.get_latest_revision_as_object()
    draft.summary = "Rewritten by a reviewer."
    draft.save_revision(user=peers["first"])

    assert "approve" not in action_names(in_review, peers["first"])
    with pytest.raises(
        PermissionDenied, match="You changed this version, so two other peers need to approve it"
    ):
        approve(in_review, peers["first"])

    approve(in_review, peers["second"])
    approve(in_review, peers["third"])
    article = ArticlePage.objects.get(pk=in_review.pk)
    assert article.live and article.summary == "Rewritten by a reviewer."
    assert "rio" not in set(article.reviewed_by.values_list("username", flat=True))


def test_taking_ones_name_off_a_draft_does_not_make_one_a_reviewer_of_it(peers):
    from peerkb.models import ArticleAuthor

    co_author = peers["first"]
    draft = make_article(title="Two writers", author=peers["profile"], live=False)
    draft.authors.add(
        ArticleAuthor(author=AuthorProfile.objects.for_member(co_author), sort_order=1)
    )
    draft.save_revision(user=peers["author"])
    draft.get_workflow().start(draft, peers["author"])
    edited = draft.get_latest_revision_as_object()
    edited.authors = [
        credit for credit in edited.authors.all() if credit.author.member != co_author
    ]
    edited.save_revision(user=peers["author"])

    assert action_names(draft, co_author) == []
    with pytest.raises(PermissionDenied):
        approve(draft, co_author)


def test_a_save_that_changes_nothing_keeps_the_approvals_and_the_reviewer_a_reviewer(
    in_review, peers
):
    approve(in_review, peers["first"])
    # An autosave as the reviewer approves: the same words, under their name.
    in_review.get_latest_revision_as_object().save_revision(user=peers["first"])

    assert "approve" not in action_names(in_review, peers["first"])
    with pytest.raises(PermissionDenied, match="already approved"):
        approve(in_review, peers["first"])
    in_review.get_latest_revision_as_object().save_revision(user=peers["second"])
    assert "approve" in action_names(in_review, peers["second"])
    approve(in_review, peers["second"])

    article = ArticlePage.objects.get(pk=in_review.pk)
    assert article.live
    assert article.summary == in_review.summary
    assert set(article.reviewed_by.values_list("username", flat=True)) == {"rio", "noor"}


def test_a_comment_from_a_reviewer_does_not_make_them_a_writer(in_review, peers):
    from wagtail.models import Comment

    draft = in_review.get_latest_revision_as_object()
    draft.wagtail_admin_comments = [
        Comment(page=in_review, user=peers["first"], text="Source?", contentpath="summary")
    ]
    draft.save_revision(user=peers["first"])

    assert "approve" in action_names(in_review, peers["first"])


def test_a_reviewer_who_changed_it_is_told_why_in_the_editor(in_review, peers, client):
    draft = in_review.get_latest_revision_as_object()
    draft.summary = "Rewritten by a reviewer."
    draft.save_revision(user=peers["first"])

    page = edit_as(client, peers["first"], in_review).content.decode()
    untouched = edit_as(client, peers["second"], in_review).content.decode()

    assert "You changed this version, so two other peers need to approve it." in page
    assert "two other peers need to approve it" not in untouched


def test_an_autosave_sent_with_a_review_action_saves_nothing(written_in_the_editor, peers, client):
    article, data = written_in_the_editor
    approve_in_editor(client, peers["first"], article, data)
    revisions = article.revisions.count()

    # Autosave posts a copy of the form, review fields and all, as JSON.
    response = client.post(
        f"/admin/pages/{article.pk}/edit/",
        {**data, "action-workflow-action": "1", "workflow-action-name": "approve"},
        headers={"accept": "application/json"},
    )

    assert response.json()["success"] is False
    assert article.revisions.count() == revisions
    assert "approve" in action_names(article, peers["second"])


def test_an_approval_of_a_version_someone_changed_since_is_not_counted(
    written_in_the_editor, peers, client
):
    article, data = written_in_the_editor
    loaded = article.get_latest_revision().pk
    draft = article.get_latest_revision_as_object()
    draft.summary = "Changed while the reviewer read."
    draft.save_revision(user=peers["author"])

    response = approve_in_editor(
        client, peers["first"], article, {**data, "loaded_revision_id": loaded}
    )

    assert "Someone changed this article after you opened it" in response.content.decode()
    assert not PeerApproval.objects.exists()


def test_a_reviewer_reads_peer_review_words_in_the_editor_not_wagtails(
    written_in_the_editor, peers, client
):
    article, _data = written_in_the_editor

    page = edit_as(client, peers["first"], article).content.decode()

    assert "In peer review" in page
    assert "In Moderation" not in page
    assert "Web address and search" in page
    assert ">Promote<" not in page
    assert "Web address" in page
    assert ">Slug<" not in page


def test_the_dashboard_speaks_of_peer_review(written_in_the_editor, peers, client):
    client.force_login(peers["first"])
    reviewer = client.get("/admin/").content.decode()
    client.force_login(peers["author"])
    author = client.get("/admin/").content.decode()

    assert "Sent in by" in reviewer
    assert "Task submitted by" not in reviewer
    assert "Your articles in peer review" in author
    assert "in a workflow" not in author


def test_the_author_is_told_the_article_is_in_peer_review(peers, client):
    from peerkb.models import KnowledgeBaseIndexPage
    from tests.peerkb.test_editor import article_form

    index = KnowledgeBaseIndexPage.objects.get()
    client.force_login(peers["author"])

    response = client.post(
        f"/admin/pages/add/peerkb/articlepage/{index.pk}/",
        {**article_form(title="Reading a strip"), "action-submit": "1"},
        follow=True,
    )

    page = response.content.decode()
    assert "is saved and in peer review now" in page
    assert "moderation" not in page.lower()
