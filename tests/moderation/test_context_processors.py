import pytest

from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from moderation.models import FlagReason
from moderation.services import flag_create, member_lift, member_silence
from tests.factories import UserFactory
from tests.html import parse, visible_text

pytestmark = pytest.mark.django_db

NOTICE = 'class="callout silence-notice"'


def text_of(response) -> str:
    return " ".join(visible_text(response.content.decode()).split())


def appeal_link(response) -> str:
    html = response.content.decode().split(NOTICE, 1)[1].split("</aside>", 1)[0]
    return next(attributes["href"] for tag, attributes in parse(html).tags if tag == "a")


def test_a_silenced_member_is_told_until_when_on_every_page(client, author, thread, peer_moderator):
    decision = member_silence(
        member=author, moderator=peer_moderator, days=3, reason="Heated replies"
    )
    author.refresh_from_db()
    until = timezone.localtime(author.silenced_until)
    expected = (
        f"Your account is read-only until {until:%A}, {until:%B} {until.day} at "
        f"{until.strftime('%I').lstrip('0')}:{until:%M} {'AM' if until.hour < 12 else 'PM'} UTC."
    )
    client.force_login(author)

    pages = [
        "/",
        reverse("forum:index"),
        thread.get_absolute_url(),
        reverse("accounts:settings"),
        reverse("notifications"),
        reverse("moderation:log"),
    ]
    responses = [client.get(page) for page in pages]

    assert [response.status_code for response in responses] == [200] * len(pages)
    for response in responses:
        assert NOTICE in response.content.decode()
        assert expected in text_of(response)
        assert appeal_link(response) == (
            reverse("moderation:decision", kwargs={"pk": decision.pk}) + "#appeal"
        )


def test_the_notice_links_to_the_decision_where_the_member_can_appeal(
    client, author, peer_moderator
):
    member_silence(member=author, moderator=peer_moderator, days=1, reason="Heated replies")
    client.force_login(author)

    decision_page = client.get(appeal_link(client.get("/")).split("#")[0])

    assert decision_page.status_code == 200
    assert "Heated replies" in text_of(decision_page)
    assert 'name="message"' in decision_page.content.decode()


def test_a_silence_by_spam_flags_says_it_lasts_until_a_moderator_looks(client, post, make_member):
    for _ in range(3):
        flag_create(content=post, flagger=make_member(level=1), reason=FlagReason.SPAM)
    client.force_login(post.author)

    response = client.get("/")

    assert "Your account is read-only until a peer moderator looks at it." in text_of(response)


def test_members_who_are_not_silenced_see_no_notice(client, author, peer_moderator):
    member_silence(member=author, moderator=peer_moderator, days=1, reason="Heated replies")
    member_lift(member=author, moderator=peer_moderator, reason="Talked it through")
    someone = UserFactory()

    for member in (author, someone):
        client.force_login(member)
        assert NOTICE not in client.get("/").content.decode()
    client.logout()
    assert NOTICE not in client.get("/").content.decode()


def test_the_notice_costs_no_query_for_members_who_are_not_silenced(
    author, django_assert_num_queries
):
    from moderation.context_processors import silence_notice

    request = RequestFactory().get("/")
    request.user = UserFactory()

    with django_assert_num_queries(0):
        assert silence_notice(request) == {}
