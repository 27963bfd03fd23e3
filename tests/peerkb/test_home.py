import pytest

from wagtail import hooks

pytestmark = pytest.mark.django_db

# Site lookup, page route, Safety setting, Wagtail bookkeeping, the latest
# threads with their tags, the knowledge base's view restrictions, recently
# reviewed and most helpful articles, and the open consultations; a member adds
# session, user, read markers, the unread-notification count and their groups
# (for the review-queue link).
ANONYMOUS_QUERY_BUDGET = 11
MEMBER_QUERY_BUDGET = 15


def test_the_home_page_welcomes_and_invites_people_to_join(client, home):
    page = client.get("/").content.decode()

    assert "people who use drugs" in page
    assert "Join with a made-up name" in page


def home_costs(client, member) -> tuple[int, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    costs = []
    for signed_in in (False, True):
        visitor = Client()
        if signed_in:
            visitor.force_login(member)
        visitor.get("/")
        with CaptureQueriesContext(connection) as queries:
            visitor.get("/")
        costs.append(len(queries))
    return tuple(costs)


def test_the_home_page_query_count_is_small_and_fixed(client, member, home):
    from peerkb.contributions import helpful_vote_record
    from tests.factories import make_article, make_thread

    make_thread(title="The first thread", tags=["a"])
    make_article(title="The first article")
    quiet = home_costs(client, member)
    for number in range(4):
        make_thread(title=f"Thread {number}", tags=["a", "b"])
        article = make_article(title=f"Article {number}")
        helpful_vote_record(article=article, helpful=True, member=member, session={})
    busy = home_costs(client, member)

    assert quiet == busy
    anonymous, signed_in = busy
    assert anonymous <= ANONYMOUS_QUERY_BUDGET
    assert signed_in <= MEMBER_QUERY_BUDGET


def test_other_parts_of_the_site_can_add_a_home_section(client, home):
    def latest_things(request):
        return {"template": "tests/home_section.html", "heading": "Latest threads"}

    with hooks.register_temporarily("home_page_sections", latest_things):
        page = client.get("/").content.decode()

    assert "Latest threads" in page


def test_a_home_section_with_nothing_to_show_is_left_out(client, home):
    before = client.get("/").context["home_sections"]

    with hooks.register_temporarily("home_page_sections", lambda request: None):
        after = client.get("/").context["home_sections"]

    assert after == before
