import pytest

from forum.models import Post, Thread
from forum.services.posting import post_create
from moderation.models import ModerationState
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db


def found(client, **params) -> list[str]:
    response = client.get("/search/", {"where": "forum", **params})
    return sorted(thread.title for thread in response.context["results"])


def test_search_finds_threads_by_title_and_by_what_replies_say(client, home):
    make_thread(title="Tester shots explained")
    other = make_thread(title="Weekend plans")
    post_create(thread=other, author=UserFactory(), body="Bring naloxone and test strips")

    assert found(client, q="tester") == ["Tester shots explained"]
    assert found(client, q="naloxone") == ["Weekend plans"]


def test_search_never_shows_held_hidden_deleted_or_members_only_content(client, member, home):
    held = make_thread(title="Xylazine wounds held")
    Thread.objects.filter(pk=held.pk).update(moderation_state=ModerationState.HELD)
    hidden_reply_thread = make_thread(title="Quiet thread")
    reply = post_create(thread=hidden_reply_thread, author=member, body="xylazine care tips")
    Post.objects.filter(pk=reply.pk).update(moderation_state=ModerationState.HIDDEN)
    removed = make_thread(title="Xylazine removed by a moderator")
    Thread.objects.filter(pk=removed.pk).update(moderation_state=ModerationState.DELETED)
    private = CategoryFactory(slug="private", is_members_only=True)
    make_thread(category=private, title="Xylazine members talk")

    assert found(client, q="xylazine") == []
    client.force_login(member)
    assert found(client, q="xylazine") == ["Xylazine members talk"]


def test_search_filters_by_category_and_tag(client, home):
    opioids = CategoryFactory(slug="opioids")
    make_thread(category=opioids, title="Fentanyl strips one", tags=["strips"])
    make_thread(title="Fentanyl strips two", tags=["other"])

    assert found(client, q="fentanyl", category="opioids") == ["Fentanyl strips one"]
    assert found(client, q="fentanyl", tag="other") == ["Fentanyl strips two"]


def test_a_search_with_forum_and_page_matches_shows_both_together_and_a_tab_each(client, home):
    make_thread(title="Community guidelines question")

    response = client.get("/search/", {"q": "guidelines"})

    assert response.context["where"] == "all"
    assert response.context["counts"] == {
        "all": 2,
        "articles": 0,
        "forum": 1,
        "consultations": 0,
        "pages": 1,
    }
    assert [result.title for result in response.context["results"]] == [
        "Community guidelines question",
        "Community guidelines",
    ]
    page = response.content.decode()
    assert "Forum (1)" in page and "Site pages (1)" in page and "Everything (2)" in page


@pytest.mark.parametrize("threads", [3, 25])
def test_forum_search_costs_the_same_however_many_threads_match(
    client, member, home, threads, django_assert_max_num_queries
):
    for number in range(threads):
        make_thread(title=f"Benzo question {number}", tags=["benzos"])
    client.force_login(member)
    client.get("/search/", {"q": "warm"})

    # Every tab shows its count, so the policy drafts' index is asked too.
    with django_assert_max_num_queries(17):
        response = client.get("/search/", {"q": "benzo", "where": "forum"})

    assert len(response.context["results"]) == min(threads, 10)
