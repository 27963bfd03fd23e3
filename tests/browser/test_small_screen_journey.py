"""On a 360-pixel phone nothing pushes the page sideways and form fields stay
the size of what they hold: long words, experience reports and the queue's
filters all fit the screen."""

import pytest

from forum.models import Category
from forum.services.posting import thread_create
from moderation.services import flag_create
from tests.browser.conftest import log_in
from tests.factories import DEFAULT_PASSWORD, UserFactory, make_peer, make_thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SMALL_PHONE = {"width": 360, "height": 740}


def page_width(tab) -> int:
    return tab.evaluate("document.documentElement.scrollWidth")


def test_long_words_and_reports_fit_a_small_phone_and_the_queue_filter_is_one_line(open_tab, site):
    category = Category.objects.create(name="Experiences", slug="experiences")
    author = UserFactory(username="wren")
    report = thread_create(
        category=category,
        author=author,
        title="A long night",
        body="It was a lot stronger than I expected.",
        kind="experience",
        content_warning="overdose",
        report={
            "year": 2025,
            "test_result": "positive",
            "would_do_differently": "everything, " * 12 + "Supercalifragilistic" * 4,
        },
        doses=[
            {"substance": "Counterfeit oxycodone", "amount": 1, "unit": "tabs", "route": "rectal"}
        ],
    )
    flag_create(content=make_thread(category=category).posts.get(), flagger=author, reason="spam")
    tab = open_tab(viewport=SMALL_PHONE)

    tab.goto(site + "/search/?q=" + "a" * 300)
    assert page_width(tab) <= SMALL_PHONE["width"]

    tab.goto(site + report.get_absolute_url())
    tab.get_by_text("Open to read the report").click()
    assert tab.get_by_text("Counterfeit oxycodone").is_visible()
    assert page_width(tab) <= SMALL_PHONE["width"]

    moderator = make_peer("kai", "Peer moderators")
    moderator.set_password(DEFAULT_PASSWORD)
    moderator.save()
    log_in(tab, site, "kai", DEFAULT_PASSWORD)
    tab.get_by_role("link", name="Review queue").first.click()
    handle_box = tab.get_by_label("Member's handle").bounding_box()
    assert handle_box["height"] < 60
    assert page_width(tab) <= SMALL_PHONE["width"]
