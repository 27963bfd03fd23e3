import pytest

from core.search_version import search_changed
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
    search_changed()  # so the indexes are asked again, as after any change

    # Categories, view restrictions, and one query per index (exact topic or
    # substance, articles, thread titles, posts, threads, policy drafts, pages),
    # then the pages shown, the site and the Safety setting.
    with django_assert_max_num_queries(12):
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


def test_articles_come_first_for_an_exact_topic_or_substance_match(client, home):
    from tests.factories import make_article, make_thread

    make_article(title="Carrying it every day", topics=["naloxone"])
    make_thread(title="Where to get naloxone free")
    make_article(title="Overdose basics", body=[{"type": "heading", "value": "Naloxone"}])

    results = client.get("/search/", {"q": "Naloxone"}).context["results"]
    titles = [result.title for result in results]

    assert titles[0] == "Carrying it every day"
    assert set(titles[1:]) >= {"Where to get naloxone free", "Overdose basics"}


def test_an_exact_substance_match_leads_too(client, home):
    from tests.factories import make_article, make_thread

    make_thread(title="Fentanyl in everything lately")
    make_article(title="Test strips", substances=["Fentanyl"])

    results = client.get("/search/", {"q": "fentanyl"}).context["results"]

    assert [(result.search_kind, result.title) for result in results][0] == (
        "article",
        "Test strips",
    )


def test_each_result_says_what_kind_it_is(client, home):
    from tests.factories import make_article, make_thread

    make_article(title="Tester shots explained")
    make_thread(title="Tester shots with a new batch")

    page = client.get("/search/", {"q": "tester"}).content.decode()

    assert '<span class="badge badge-article">Article</span>' in page
    assert '<span class="badge">Forum thread</span>' in page


def test_drafts_and_private_articles_never_appear_in_search(client, home):
    from wagtail.models import PageViewRestriction

    from tests.factories import make_article

    make_article(title="Strips draft", live=False)
    private = make_article(title="Strips for staff")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    make_article(title="Strips for everyone")

    everything = client.get("/search/", {"q": "strips"}).context["results"]
    articles = client.get("/search/", {"q": "strips", "where": "articles"}).context["results"]

    assert [result.title for result in everything] == ["Strips for everyone"]
    assert [result.title for result in articles] == ["Strips for everyone"]


def test_the_articles_tab_lists_only_articles_and_counts_each_kind(client, home):
    from tests.factories import make_article, make_thread

    make_article(title="Mixing downers")
    make_thread(title="Mixing downers at a party")

    response = client.get("/search/", {"q": "mixing", "where": "articles"})

    assert [result.search_kind for result in response.context["results"]] == ["article"]
    assert response.context["counts"] == {
        "all": 2,
        "articles": 1,
        "forum": 1,
        "consultations": 0,
        "pages": 0,
    }


def test_among_the_articles_that_lead_the_best_match_comes_first(client, home):
    from tests.factories import make_article

    make_article(title="Alcohol and downers", topics=["naloxone"])
    make_article(
        title="Naloxone",
        topics=["naloxone"],
        body=[{"type": "paragraph", "value": "<p>Naloxone, naloxone, naloxone.</p>"}],
    )

    results = client.get("/search/", {"q": "naloxone"}).context["results"]

    assert [result.title for result in results][:2] == ["Naloxone", "Alcohol and downers"]
