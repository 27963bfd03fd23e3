"""The site search keeps its matches for the next person who searches the same
words: a repeated search asks no index again, yet never shows anything the
person can't read now, and finds what changed since."""

import pytest

from forum.models import Thread
from forum.services.posting import post_create
from moderation.models import ModerationState
from peerkb.models import StandardPage
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db


def titles(client, **params) -> list[str]:
    response = client.get("/search/", params)
    assert response.status_code == 200
    return sorted(result.title for result in response.context["results"])


@pytest.mark.parametrize("threads", [3, 25])
def test_a_repeated_search_costs_a_few_queries_however_many_threads_match(
    client, member, home, threads, django_assert_max_num_queries
):
    for number in range(threads):
        make_thread(title=f"Benzo question {number}")
    client.force_login(member)
    client.get("/search/", {"q": "benzo", "where": "forum"})

    # The session, the member and their groups, categories, the threads shown
    # and their tags, the site, the Safety setting and the unread
    # notifications: no index is asked again.
    with django_assert_max_num_queries(9):
        response = client.get("/search/", {"q": "benzo", "where": "forum"})

    assert len(response.context["results"]) == min(threads, 10)
    assert response.context["counts"]["forum"] == threads


def test_a_thread_hidden_since_the_last_search_is_not_shown(client, home):
    make_thread(title="Xylazine wound care")
    hidden = make_thread(title="Xylazine at the exchange")
    assert titles(client, q="xylazine", where="forum") == [
        "Xylazine at the exchange",
        "Xylazine wound care",
    ]

    # Straight in the database, so nothing tells the search it changed.
    Thread.objects.filter(pk=hidden.pk).update(moderation_state=ModerationState.HIDDEN)

    assert titles(client, q="xylazine", where="forum") == ["Xylazine wound care"]


def test_a_page_unpublished_since_the_last_search_is_not_shown(client, home):
    page = home.add_child(instance=StandardPage(title="Fentanyl strip guide", slug="strips"))
    assert titles(client, q="fentanyl", where="pages") == ["Fentanyl strip guide"]

    StandardPage.objects.filter(pk=page.pk).update(live=False)

    assert titles(client, q="fentanyl", where="pages") == []


def test_what_a_member_found_in_a_members_only_category_is_never_shown_to_a_visitor(
    client, member, home
):
    private = CategoryFactory(slug="private", is_members_only=True)
    make_thread(category=private, title="Xylazine members talk")
    client.force_login(member)
    assert titles(client, q="xylazine", where="forum") == ["Xylazine members talk"]

    client.logout()

    response = client.get("/search/", {"q": "xylazine", "where": "forum"})
    assert list(response.context["results"]) == []
    assert response.context["counts"]["forum"] == 0


def test_a_reply_is_found_by_the_very_next_search(client, home):
    thread = make_thread(title="Weekend plans")
    assert titles(client, q="carfentanil", where="forum") == []

    post_create(thread=thread, author=UserFactory(), body="Carfentanil showed up in town.")

    assert titles(client, q="carfentanil", where="forum") == ["Weekend plans"]


def test_a_category_made_members_only_stops_showing_its_threads_to_visitors(client, home):
    category = CategoryFactory(slug="support")
    make_thread(category=category, title="Xylazine support")
    assert titles(client, q="xylazine", where="forum") == ["Xylazine support"]

    category.is_members_only = True
    category.save()

    response = client.get("/search/", {"q": "xylazine", "where": "forum"})
    assert list(response.context["results"]) == []
    assert response.context["counts"]["forum"] == 0
