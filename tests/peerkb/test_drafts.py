"""A new article the editor autosaved, that its author never saved, doesn't
stand in the way when they start again."""

import pytest

from peerkb.models import ArticlePage, AutosavedDraft, KnowledgeBaseIndexPage
from tests.factories import make_peer
from tests.peerkb.test_editor import article_form

pytestmark = pytest.mark.django_db

TITLE = "Reading a strip"


@pytest.fixture
def index(home):
    return KnowledgeBaseIndexPage.objects.get()


def start_writing(client, user, index, *, autosave: bool, title=TITLE):
    """What the editor sends: autosave asks for JSON, the buttons for a page."""
    client.force_login(user)
    headers = {"accept": "application/json"} if autosave else {}
    return client.post(
        f"/admin/pages/add/peerkb/articlepage/{index.pk}/",
        article_form(title=title),
        headers=headers,
    )


def test_starting_again_replaces_a_draft_only_autosave_ever_saved(client, index):
    author = make_peer("ash", "Peer authors")
    start_writing(client, author, index, autosave=True)
    assert AutosavedDraft.objects.count() == 1

    response = start_writing(client, author, index, autosave=False)

    assert response.status_code == 302
    assert "already" not in response.content.decode()
    drafts = ArticlePage.objects.filter(slug="reading-a-strip")
    assert drafts.count() == 1
    assert not AutosavedDraft.objects.filter(page=drafts.get()).exists()


def test_a_draft_the_author_saved_is_kept_and_the_web_address_stays_taken(client, index):
    author = make_peer("ash", "Peer authors")
    start_writing(client, author, index, autosave=False)

    response = start_writing(client, author, index, autosave=True)

    assert response.json()["success"] is False
    assert ArticlePage.objects.filter(slug="reading-a-strip").count() == 1


def test_an_autosaved_draft_that_was_saved_later_is_kept(client, index):
    author = make_peer("ash", "Peer authors")
    start_writing(client, author, index, autosave=True)
    draft = ArticlePage.objects.get(slug="reading-a-strip")
    client.post(f"/admin/pages/{draft.pk}/edit/", article_form(title=TITLE))

    start_writing(client, author, index, autosave=False)

    assert ArticlePage.objects.filter(pk=draft.pk).exists()
    assert not AutosavedDraft.objects.exists()


def test_someone_elses_autosaved_draft_is_left_alone(client, index):
    start_writing(client, make_peer("ash", "Peer authors"), index, autosave=True)

    start_writing(client, make_peer("kit", "Peer authors"), index, autosave=False)

    assert ArticlePage.objects.filter(slug="reading-a-strip").count() == 1
    assert ArticlePage.objects.get(slug="reading-a-strip").owner.username == "ash"
