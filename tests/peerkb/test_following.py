"""Following a knowledge-base topic (peerkb/following.py, the topic page's
button, the index's list): members only, by POST with its security token, in
their data download and gone with their account."""

import json

import pytest

from django.test import Client

from accounts.services import member_erase, member_export
from peerkb.following import topic_following_set
from peerkb.models import TopicFollow, TopicTag
from tests.factories import UserFactory, make_article

pytestmark = pytest.mark.django_db

TOPIC_URL = "/kb/topics/naloxone/"
FOLLOW_URL = "/kb/topics/naloxone/follow/"


@pytest.fixture
def naloxone(home):
    make_article(title="Carrying naloxone", topics=("naloxone",))
    return TopicTag.objects.get(slug="naloxone")


def follows_of(member) -> list[str]:
    return list(TopicFollow.objects.filter(member=member).values_list("topic__name", flat=True))


def text_of(response) -> str:
    return " ".join(response.content.decode().split())


# ---- the button on the topic page ----------------------------------------------------


def test_a_member_follows_a_topic_from_its_page_and_can_stop(naloxone, member, member_client):
    page = text_of(member_client.get(TOPIC_URL))
    assert 'name="follow" value="yes"' in page and "Follow this topic" in page

    response = member_client.post(FOLLOW_URL, {"follow": "yes"}, follow=True)

    assert response.redirect_chain[-1][0] == TOPIC_URL
    assert follows_of(member) == ["naloxone"]
    page = text_of(response)
    assert "You follow naloxone." in page
    assert "You follow this topic." in page and "Stop following" in page

    response = member_client.post(FOLLOW_URL, {"follow": "no"}, follow=True)

    assert follows_of(member) == []
    assert "You stopped following naloxone." in text_of(response)
    assert "Follow this topic" in text_of(response)


def test_following_twice_keeps_one_follow(naloxone, member, member_client):
    member_client.post(FOLLOW_URL, {"follow": "yes"})
    member_client.post(FOLLOW_URL, {"follow": "yes"})

    assert TopicFollow.objects.filter(member=member).count() == 1
    assert topic_following_set(member=member, topic=naloxone, following=True) is False


def test_a_signed_out_visitor_is_offered_a_log_in_link_and_cannot_follow(naloxone):
    visitor = Client()

    page = text_of(visitor.get(TOPIC_URL))
    assert "Log in to follow this topic" in page
    assert f'href="/account/login/?next={TOPIC_URL}"' in page
    assert "Follow this topic</button>" not in page

    response = visitor.post(FOLLOW_URL, {"follow": "yes"})

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/?next=")
    assert not TopicFollow.objects.exists()


def test_opening_the_follow_address_changes_nothing(naloxone, member, member_client):
    response = member_client.get(f"{FOLLOW_URL}?follow=yes")

    assert response.status_code == 302 and response["Location"] == TOPIC_URL
    assert follows_of(member) == []


def test_a_follow_without_its_security_token_is_refused(naloxone, member):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)

    response = browser.post(FOLLOW_URL, {"follow": "yes"})

    assert response.status_code == 403
    assert follows_of(member) == []


def test_an_unknown_topic_or_answer_changes_nothing(naloxone, member, member_client):
    assert (
        member_client.post("/kb/topics/no-such-topic/follow/", {"follow": "yes"}).status_code == 404
    )
    member_client.post(FOLLOW_URL, {"follow": "<script>"})
    member_client.post(FOLLOW_URL, {})

    assert follows_of(member) == []


def test_a_substance_page_has_no_follow_button(home, member_client):
    make_article(title="Fentanyl basics", substances=("Fentanyl",))

    page = text_of(member_client.get("/kb/substances/fentanyl/"))

    assert "Follow this topic" not in page and "Log in to follow" not in page


def test_the_service_refuses_a_visitor(naloxone):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        topic_following_set(member=AnonymousUser(), topic=naloxone, following=True)


# ---- the list of followed topics ------------------------------------------------------


def test_the_index_lists_the_topics_a_member_follows_and_nobody_elses(
    naloxone, member, member_client
):
    make_article(title="Wound care at home", topics=("wound care",))
    other = UserFactory(username="other_reader")
    topic_following_set(member=other, topic=TopicTag.objects.get(slug="wound-care"), following=True)
    assert 'id="following"' not in member_client.get("/kb/").content.decode()

    topic_following_set(member=member, topic=naloxone, following=True)
    page = member_client.get("/kb/").content.decode()

    following = page.split('<h2 id="following">', 1)[1].split("</section>", 1)[0]
    assert 'href="/kb/topics/naloxone/"' in following
    assert "wound" not in following
    assert 'id="following"' not in Client().get("/kb/").content.decode()


# ---- the data download and erasure --------------------------------------------------


def test_the_download_lists_the_topics_a_member_follows(naloxone, member):
    make_article(title="Wound care at home", topics=("wound care",))
    topic_following_set(
        member=member, topic=TopicTag.objects.get(slug="wound-care"), following=True
    )
    topic_following_set(member=member, topic=naloxone, following=True)

    exported = json.loads(json.dumps(member_export(user=member)))

    assert exported["knowledge_base_topics_you_follow"] == ["naloxone", "wound care"]
    assert member_export(user=UserFactory())["knowledge_base_topics_you_follow"] == []


def test_erasing_an_account_removes_its_follows_and_keeps_the_topic(naloxone, member):
    stays = UserFactory(username="stays")
    topic_following_set(member=member, topic=naloxone, following=True)
    topic_following_set(member=stays, topic=naloxone, following=True)

    member_erase(user=member)

    assert list(TopicFollow.objects.values_list("member__username", flat=True)) == ["stays"]
    assert TopicTag.objects.filter(slug="naloxone").exists()


# ---- what the pages cost ---------------------------------------------------------------


def test_the_topic_page_costs_a_member_the_same_followed_or_not_with_two_articles_or_twenty(
    naloxone, member, page_costs
):
    browser = Client()
    browser.force_login(member)
    make_article(title="Naloxone spray", topics=("naloxone",))
    not_following_few = page_costs(browser, [TOPIC_URL])
    topic_following_set(member=member, topic=naloxone, following=True)
    following_few = page_costs(browser, [TOPIC_URL])

    for number in range(18):
        make_article(title=f"Naloxone note {number}", topics=("naloxone", f"topic {number}"))
        topic_following_set(
            member=member, topic=TopicTag.objects.get(name=f"topic {number}"), following=True
        )
    following_many = page_costs(browser, [TOPIC_URL])

    assert not_following_few == following_few == following_many
    assert page_costs(Client(), [TOPIC_URL]) < following_many


def test_the_index_costs_a_member_the_same_following_no_topic_one_or_twenty(
    naloxone, member, page_costs
):
    browser = Client()
    browser.force_login(member)
    none = page_costs(browser, ["/kb/"])
    topic_following_set(member=member, topic=naloxone, following=True)
    one = page_costs(browser, ["/kb/"])

    for number in range(19):
        make_article(title=f"Note {number}", topics=(f"topic {number}",))
        topic_following_set(
            member=member, topic=TopicTag.objects.get(name=f"topic {number}"), following=True
        )
    twenty = page_costs(browser, ["/kb/"])

    assert none == one == twenty
