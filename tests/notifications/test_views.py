"""The inbox: listing, opening and marking notifications read."""

import pytest

from django.urls import reverse

from forum.services.posting import post_create
from notifications.models import Notification
from notifications.services import notify
from tests.factories import UserFactory, make_thread

pytestmark = pytest.mark.django_db


def test_the_notifications_page_opens_one_and_marks_all_read(client, member, home):
    thread = make_thread(author=member)
    reply = post_create(thread=thread, author=UserFactory(username="sky"), body="Hi")
    Notification.objects.create(
        recipient=member, kind="reply", actor=reply.author, thread=thread, post=reply
    )
    Notification.objects.create(
        recipient=member,
        kind="mention",
        actor=reply.author,
        thread=thread,
        post=thread.posts.get(position=1),
    )
    client.force_login(member)

    page = client.get(reverse("notifications")).content.decode()
    assert "sky replied in" in page
    assert 'class="count"' in page and ">2</span>" in page

    opened = Notification.objects.filter(recipient=member, kind="reply").get()
    response = client.post(reverse("notification_open", kwargs={"pk": opened.pk}))
    assert response.url == reply.get_absolute_url()
    client.post(reverse("notifications_read_all"))
    assert not Notification.objects.filter(recipient=member, read_at__isnull=True).exists()
    assert 'class="count"' not in client.get(reverse("notifications")).content.decode()


def test_nobody_opens_someone_elses_notification(client, member, home):
    thread = make_thread()
    notification = Notification.objects.create(recipient=member, kind="reply", thread=thread)
    client.force_login(UserFactory())

    assert (
        client.post(reverse("notification_open", kwargs={"pk": notification.pk})).status_code == 404
    )


def test_a_kind_the_inbox_does_not_know_shows_its_own_summary_and_opens_its_url(
    client, member, home
):
    notify(
        recipients=[member],
        kind="consultation",
        summary="A draft you answered has a new version.",
        url="/kb/",
        sensitive=False,
    )
    client.force_login(member)

    assert (
        "A draft you answered has a new version."
        in client.get(reverse("notifications")).content.decode()
    )
    opened = Notification.objects.get(recipient=member)
    assert client.post(reverse("notification_open", kwargs={"pk": opened.pk})).url == "/kb/"


def test_a_stored_address_on_another_site_is_never_followed(client, member, home):
    notify(
        recipients=[member],
        kind="consultation",
        summary="Elsewhere",
        url="https://example.org/",
    )
    client.force_login(member)

    opened = Notification.objects.get(recipient=member)
    response = client.post(reverse("notification_open", kwargs={"pk": opened.pk}))
    assert response.url == reverse("notifications")


def test_the_inbox_links_to_email_choices(member_client, home):
    page = member_client.get(reverse("notifications")).content.decode()

    assert f'<a href="{reverse("email:settings")}">Email choices</a>' in page
