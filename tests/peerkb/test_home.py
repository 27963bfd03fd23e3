import pytest

from wagtail import hooks

pytestmark = pytest.mark.django_db

# Site lookup, page route, Safety setting, and a little Wagtail bookkeeping;
# a signed-in member adds their session and user rows.
ANONYMOUS_QUERY_BUDGET = 6
MEMBER_QUERY_BUDGET = 8


def test_the_home_page_welcomes_and_invites_people_to_join(client, home):
    page = client.get("/").content.decode()

    assert "people who use drugs" in page
    assert "Join with a made-up name" in page


def test_the_home_page_query_count_is_small_and_fixed(
    client, member, home, django_assert_max_num_queries
):
    client.get("/")
    with django_assert_max_num_queries(ANONYMOUS_QUERY_BUDGET):
        client.get("/")

    client.force_login(member)
    with django_assert_max_num_queries(MEMBER_QUERY_BUDGET):
        client.get("/")


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
