"""Moderation's content contract: every subject answers every hook, and the
forum's hooks that need its services are registered when it is ready."""

import ast
from pathlib import Path

import pytest

from forum.models import Post, Thread
from moderation.models import Appeal, ModerationSubject, QueueItem
from moderation.profiles import ProfileSubject
from peerkb.models import ArticlePage, ArticleProposal, ArticleSuggestion
from peerkb.models.contributions import ProposalStatus

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "subject",
    [Post, Thread, ArticlePage, ArticleSuggestion, ArticleProposal, Appeal, ProfileSubject],
)
def test_everything_moderation_queues_or_logs_is_a_subject(subject):
    assert issubclass(subject, ModerationSubject)


def test_the_forum_registers_what_moderating_a_post_or_thread_does():
    assert Post.moderation_handlers.edit is not None
    assert Post.moderation_handlers.state_changed is not None
    assert Thread.moderation_handlers.edit is not None


def test_a_subject_with_nothing_to_say_gets_the_bases_answers():
    idea = ArticleProposal(title="Mixing with alcohol", status=ProposalStatus.OPEN)

    assert idea.moderation_label() == ""
    assert idea.moderation_text() == ""
    assert idea.moderation_tools_url() == ""
    assert idea.moderation_decision_link is None
    assert idea.moderation_keeps_revisions is False
    idea.moderation_state_changed()
    with pytest.raises(NotImplementedError):
        idea.moderation_edit(editor=None, text="Something else")


def test_the_forums_models_never_import_its_services():
    for path in (ROOT / "forum" / "models").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                module = ("." * node.level) + (node.module or "")
                assert "services" not in module, f"{path.name} imports {module}"


def test_moderation_never_asks_whether_a_hook_is_there():
    for path in (ROOT / "moderation").rglob("*.py"):
        if "migrations" in path.parts:
            continue
        assert "hasattr(" not in path.read_text(), path


@pytest.mark.django_db
def test_a_subject_whose_author_is_kept_private_is_queued_for_moderators_alone(monkeypatch):
    from moderation.services import flag_create
    from tests.factories import UserFactory, make_thread

    shown_post = make_thread(title="Shown to trusted members").posts.get()
    private_post = make_thread(title="Kept for moderators").posts.get()
    flagger = UserFactory(username="flagging_member", trust_level=1)

    shown = flag_create(content=shown_post, flagger=flagger, reason="spam")
    monkeypatch.setattr(Post, "moderation_moderators_only", True)
    private = flag_create(content=private_post, flagger=flagger, reason="spam")

    items = {item.object_id: item.moderators_only for item in QueueItem.objects.all()}
    assert items == {shown.object_id: False, private.object_id: True}
