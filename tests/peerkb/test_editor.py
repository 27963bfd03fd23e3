"""Writing articles in the Wagtail admin: the sources rule, credits, curated
substances and the language nudges."""

import pytest

from django.contrib.messages import get_messages
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils.text import slugify

from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from peerkb.models import ArticlePage, AuthorProfile, KnowledgeBaseIndexPage, SubstanceTag
from tests.factories import make_article, make_peer

pytestmark = pytest.mark.django_db

NEEDS_A_SOURCE = "needs at least one source before it goes to readers"


@pytest.fixture
def index(home):
    return KnowledgeBaseIndexPage.objects.get()


def article_form(*, title="Smoking instead", summary="Other routes carry less risk.", **changes):
    data = {
        "title": title,
        # The editor fills the slug in from the title as you type.
        "slug": changes.pop("slug", slugify(title)),
        "summary": summary,
        "body": streamfield(
            [
                ("heading", "Why smoke"),
                ("paragraph", rich_text(changes.pop("text", "<p>It is gentler on veins.</p>"))),
            ]
        ),
        "authors": inline_formset(changes.pop("authors", [])),
        "sources": inline_formset(changes.pop("sources", [])),
        "comments": inline_formset([]),
        "topics": changes.pop("topics", "safer use"),
        "substances": changes.pop("substances", ""),
        "review_every_months": "12",
        "editor_notes": "",
        **changes,
    }
    return nested_form_data(data)


def create(client, user, index, data):
    client.force_login(user)
    return client.post(f"/admin/pages/add/peerkb/articlepage/{index.pk}/", data)


def test_publishing_medical_information_without_a_source_is_refused_clearly(
    client, index, peer_moderator
):
    data = article_form(
        title="Dosing basics", includes_medical_info="on", **{"action-publish": "1"}
    )

    response = create(client, peer_moderator, index, data)

    assert response.status_code == 200
    assert NEEDS_A_SOURCE in response.content.decode()
    assert 'value="Dosing basics"' in response.content.decode()
    assert not ArticlePage.objects.exists()


def test_with_a_source_a_peer_moderator_can_publish_it(client, index, peer_moderator):
    data = article_form(
        title="Dosing basics",
        includes_medical_info="on",
        sources=[{"title": "CDC", "url": "https://www.cdc.gov/"}],
        **{"action-publish": "1"},
    )

    response = create(client, peer_moderator, index, data)

    assert response.status_code == 302
    assert ArticlePage.objects.get().live


def test_an_author_saves_drafts_freely_but_sending_for_review_needs_a_source(client, index):
    author = make_peer("dee", "Peer authors")
    draft = article_form(title="Dosing basics", includes_medical_info="on")
    submitted = article_form(
        title="Dosing basics two", includes_medical_info="on", **{"action-submit": "1"}
    )

    assert create(client, author, index, draft).status_code == 302
    refused = create(client, author, index, submitted)

    assert NEEDS_A_SOURCE in refused.content.decode()
    assert list(ArticlePage.objects.values_list("title", "live")) == [("Dosing basics", False)]


def test_the_model_itself_refuses_to_go_live_without_a_source(home):
    article = make_article(title="No sources", sources=(), live=False)

    with pytest.raises(ValidationError, match="needs at least one source"):
        article.get_latest_revision().publish()
    assert not ArticlePage.objects.get(pk=article.pk).live


def test_an_author_who_leaves_the_authors_empty_is_credited_as_a_peer(client, index):
    author = make_peer("dee", "Peer authors")

    create(client, author, index, article_form())

    draft = ArticlePage.objects.get().get_latest_revision_as_object()
    profile = AuthorProfile.objects.get(member=author)
    assert [credit.author for credit in draft.authors.all()] == [profile]
    assert str(profile.display_name) == "a peer"


def test_sending_for_review_starts_peer_review_and_tells_reviewers_discreetly(client, index):
    author = make_peer("dee", "Peer authors")
    reviewer = make_peer("rio", "Peer reviewers")
    reviewer.email = "rio@example.org"
    reviewer.save()

    create(client, author, index, article_form(title="Naloxone at home", **{"action-submit": "1"}))

    article = ArticlePage.objects.get()
    assert not article.live
    assert article.current_workflow_state.workflow.name == "Peer review"
    sent = [message for message in mail.outbox if "rio@example.org" in message.to]
    assert sent, "reviewers are told something waits for them"
    for message in sent:
        assert "Naloxone" not in message.subject + message.body
        assert "Peer review" not in message.subject + message.body
        assert message.subject == "Something is waiting for you"


def test_stigmatizing_words_get_a_gentle_warning_and_nothing_is_blocked(client, index):
    author = make_peer("dee", "Peer authors")

    response = create(
        client,
        author,
        index,
        article_form(summary="For addicts and their families.", text="<p>A drug habit.</p>"),
    )

    assert response.status_code == 302
    assert ArticlePage.objects.get().summary == "For addicts and their families."
    shown = " ".join(str(message) for message in get_messages(response.wsgi_request))
    assert "Instead of “addicts”, you could say “people who use drugs”" in shown
    assert "Instead of “drug habit”, you could say “drug use”" in shown
    assert "nothing was blocked" in shown


def test_plain_words_get_no_warning(client, index):
    author = make_peer("dee", "Peer authors")

    response = create(client, author, index, article_form())

    shown = " ".join(str(message) for message in get_messages(response.wsgi_request))
    assert "Instead of" not in shown


def test_authors_pick_substances_from_the_curated_list_only(client, index):
    author = make_peer("dee", "Peer authors")
    before = SubstanceTag.objects.count()

    create(client, author, index, article_form(substances="Fentanyl, Moon dust"))

    draft = ArticlePage.objects.get().get_latest_revision_as_object()
    assert [tag.name for tag in draft.substances.all()] == ["Fentanyl"]
    assert SubstanceTag.objects.count() == before


def test_an_article_cannot_take_an_address_the_knowledge_base_uses(client, index, peer_moderator):
    response = create(client, peer_moderator, index, article_form(title="Topics", slug="topics"))

    assert response.status_code == 200
    assert "is used by the knowledge base itself" in response.content.decode()
    assert not ArticlePage.objects.exists()


def test_authors_edit_their_own_profile_and_only_see_their_own(client, home):
    author = make_peer("dee", "Peer authors")
    own = AuthorProfile.objects.for_member(author)
    other = AuthorProfile.objects.create(pseudonym="Rae")
    client.force_login(author)

    assert client.get(f"/admin/snippets/peerkb/authorprofile/edit/{own.pk}/").status_code == 200
    refused = client.get(f"/admin/snippets/peerkb/authorprofile/edit/{other.pk}/")
    assert refused.status_code == 302 and refused.url == "/admin/"
    listing = client.get("/admin/snippets/peerkb/authorprofile/").content.decode()
    assert "Rae" not in listing


def test_a_peer_moderator_edits_any_profile(client, peer_moderator):
    other = AuthorProfile.objects.create(pseudonym="Rae")
    client.force_login(peer_moderator)

    response = client.get(f"/admin/snippets/peerkb/authorprofile/edit/{other.pk}/")

    assert response.status_code == 200


def test_a_profile_an_author_makes_is_linked_to_them(client, home):
    author = make_peer("dee", "Peer authors")
    client.force_login(author)

    client.post(
        "/admin/snippets/peerkb/authorprofile/add/",
        {"pseudonym": "Dee", "lived_experience": "Peer worker since 2019."},
    )

    assert AuthorProfile.objects.get(pseudonym="Dee").member == author


def test_the_review_tab_says_where_the_review_stands(client, home):
    author = make_peer("dee", "Peer authors")
    article = make_article(title="Checked", reviewers=[make_peer("rio", "Peer reviewers")])
    client.force_login(author)

    page = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()

    assert "Last reviewed on" in page and "by rio" in page
    assert "Next check due" in page


def test_publishing_is_in_the_page_history(client, index, peer_moderator):
    data = article_form(title="Quick fix", **{"action-publish": "1"})

    create(client, peer_moderator, index, data)

    article = ArticlePage.objects.get()
    assert PageLogEntry.objects.filter(page=article, action="wagtail.publish").exists()
    assert PageLogEntry.objects.filter(
        page=article, action="peerkb.published_without_review", user=peer_moderator
    ).exists()


def test_an_article_can_be_previewed_before_its_first_save(client, index):
    author = make_peer("dee", "Peer authors")
    client.force_login(author)
    preview_url = f"/admin/pages/add/peerkb/articlepage/{index.pk}/preview/"

    sent = client.post(preview_url, article_form(title="Preview me"))
    shown = client.get(preview_url)

    assert sent.json()["is_valid"] is True
    assert shown.status_code == 200
    assert "Preview me" in shown.content.decode()
    assert "Written by" in shown.content.decode()


def test_an_article_in_review_can_be_previewed(client, home):
    author = make_peer("dee", "Peer authors")
    article = make_article(
        title="In review", author=AuthorProfile.objects.for_member(author), live=False
    )
    client.force_login(author)

    response = client.get(f"/admin/pages/{article.pk}/view_draft/")

    assert response.status_code == 200
    assert "In review" in response.content.decode()


def credited(article) -> list[str]:
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    return [str(credit.author.display_name) for credit in draft.authors.all()]


def test_a_peer_author_credits_themselves_but_not_someone_else(client, index):
    author = make_peer("dee", "Peer authors")
    own = AuthorProfile.objects.for_member(author)
    other = AuthorProfile.objects.for_member(make_peer("rae", "Peer authors"))
    other.pseudonym = "Rae"
    other.save()

    refused = create(
        client, author, index, article_form(title="Borrowed name", authors=[{"author": other.pk}])
    )
    accepted = create(
        client, author, index, article_form(title="My own", authors=[{"author": own.pk}])
    )

    assert refused.status_code == 200
    assert "Ask Rae to add themselves" in refused.content.decode()
    assert accepted.status_code == 302
    assert list(ArticlePage.objects.values_list("title", flat=True)) == ["My own"]


def test_a_peer_moderator_can_credit_any_peer(client, index, peer_moderator):
    other = AuthorProfile.objects.create(pseudonym="Rae")

    create(client, peer_moderator, index, article_form(authors=[{"author": other.pk}]))

    assert credited(ArticlePage.objects.get()) == ["Rae"]


def test_two_peers_cannot_share_a_name_on_articles(client, home):
    AuthorProfile.objects.create(pseudonym="Dee")
    author = make_peer("dee2", "Peer authors")
    client.force_login(author)

    response = client.post(
        "/admin/snippets/peerkb/authorprofile/add/", {"pseudonym": "dee", "lived_experience": ""}
    )

    assert response.status_code == 200
    assert "Another peer already uses that name" in response.content.decode()
    assert AuthorProfile.objects.filter(pseudonym__iexact="dee").count() == 1


def test_a_profiles_history_and_usage_stay_with_its_owner(client, home):
    victim = AuthorProfile.objects.for_member(make_peer("secret_handle", "Peer authors"))
    victim.pseudonym = "Moonbeam"
    victim.save()
    client.force_login(make_peer("nosy", "Peer authors"))

    for view in ("history", "usage"):
        response = client.get(f"/admin/snippets/peerkb/authorprofile/{view}/{victim.pk}/")
        # The admin sends people back to its front page when something isn't theirs.
        assert (response.status_code, response.url) == (302, "/admin/"), view
    copy = client.get(f"/admin/snippets/peerkb/authorprofile/copy/{victim.pk}/")
    assert copy.status_code == 404


def test_a_profile_a_peer_moderator_makes_for_someone_else_stays_unlinked(client, peer_moderator):
    client.force_login(peer_moderator)

    client.post(
        "/admin/snippets/peerkb/authorprofile/add/",
        {"pseudonym": "Lorna", "lived_experience": "Lost her son in 2020."},
    )

    assert AuthorProfile.objects.get(pseudonym="Lorna").member is None


def test_the_publish_button_on_an_article_says_it_skips_peer_review(client, index, peer_moderator):
    article = make_article(title="Live one")
    client.force_login(peer_moderator)

    editing = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    creating = client.get(f"/admin/pages/add/peerkb/articlepage/{index.pk}/").content.decode()

    assert "Publish without peer review" in editing
    assert "Publish without peer review" in creating
