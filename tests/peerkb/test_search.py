import pytest

from peerkb.models import StandardPage
from peersite.search import RESULTS_PER_PAGE as SEARCH_RESULTS_PER_PAGE

pytestmark = pytest.mark.django_db


def test_search_finds_site_pages_by_their_words(client, home):
    response = client.get("/search/", {"q": "sourcing"})

    titles = [result.title for result in response.context["results"]]
    assert titles == ["Community guidelines"]


def test_an_empty_search_shows_the_form_and_no_results(client, home):
    response = client.get("/search/")

    assert response.status_code == 200
    assert response.context["results"] is None
    assert 'name="q"' in response.content.decode()


def test_a_search_with_no_matches_says_so_and_keeps_the_words(client, home):
    page = client.get("/search/", {"q": "zzzyxq"}).content.decode()

    assert "Nothing matched “zzzyxq”" in page
    assert 'value="zzzyxq"' in page


def test_search_results_are_paginated(client, home, django_assert_max_num_queries):
    for number in range(SEARCH_RESULTS_PER_PAGE + 3):
        home.add_child(instance=StandardPage(title=f"Tester shots {number}", slug=f"t-{number}"))

    first = client.get("/search/", {"q": "tester"})
    second = client.get("/search/", {"q": "tester", "page": 2})

    assert len(first.context["results"]) == SEARCH_RESULTS_PER_PAGE
    assert len(second.context["results"]) == 3
    assert 'rel="next"' in first.content.decode()


def test_a_hostile_query_is_shown_as_text(client, home):
    page = client.get("/search/", {"q": "<script>alert(1)</script>"}).content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize("matching_pages", [3, SEARCH_RESULTS_PER_PAGE + 5])
def test_the_cost_of_a_results_page_does_not_grow_with_the_results(
    client, home, matching_pages, django_assert_max_num_queries
):
    for number in range(matching_pages):
        home.add_child(instance=StandardPage(title=f"Fentanyl strips {number}", slug=f"f-{number}"))

    client.get("/search/", {"q": "fentanyl"})  # warm: the site root paths are cached

    # Categories, view restrictions, and one query per index (exact topic or
    # substance, articles, thread titles, posts, threads, pages), then the
    # pages shown, the site and the Safety setting.
    with django_assert_max_num_queries(11):
        response = client.get("/search/", {"q": "fentanyl"})

    assert len(response.context["results"]) == min(matching_pages, SEARCH_RESULTS_PER_PAGE)


def test_search_finds_the_overdose_page_by_the_steps_in_the_safety_setting(client, home):
    from wagtail.models import Site

    from peerkb.models import SafetySettings

    titles = [
        result.title for result in client.get("/search/", {"q": "xylazine"}).context["results"]
    ]
    assert titles == ["Overdose? What to do"]

    safety = SafetySettings.for_site(Site.objects.get(is_default_site=True))
    safety.overdose_text = "<p>Carfentanil may need more than one dose.</p>"
    safety.save()

    found = client.get("/search/", {"q": "carfentanil"}).context["results"]
    assert [result.title for result in found] == ["Overdose? What to do"]
    assert not client.get("/search/", {"q": "xylazine"}).context["results"].object_list
