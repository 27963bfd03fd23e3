import json
from html import unescape

import pytest
from allauth.account.models import EmailAddress

from django.urls import reverse

from accounts.models import Profile, User
from tests.html import visible_text

pytestmark = pytest.mark.django_db


def test_a_member_downloads_everything_held_about_their_account(member_client, member, home):
    Profile.objects.filter(user=member).update(pronouns="they/them", bio="Hello.")
    EmailAddress.objects.create(user=member, email="river@example.org", verified=False)

    response = member_client.post(reverse("accounts:export"))

    assert response["Content-Disposition"] == 'attachment; filename="my-account.json"'
    exported = json.loads(response.content)
    assert exported["handle"] == "river"
    assert exported["profile"]["pronouns"] == "they/them"
    assert exported["profile"]["bio"] == "Hello."
    assert exported["email_addresses"] == [
        {"email": "river@example.org", "verified": False, "primary": False}
    ]
    assert "password" not in json.dumps(exported)


def test_deleting_an_account_needs_the_password_and_removes_it(member_client, member, password):
    wrong = member_client.post(reverse("accounts:erase"), {"password": "not-mine"})
    assert "That password isn&#x27;t right." in wrong.content.decode()
    assert User.objects.filter(pk=member.pk).exists()

    response = member_client.post(reverse("accounts:erase"), {"password": password})

    assert response.status_code == 302
    assert not User.objects.filter(pk=member.pk).exists()
    assert not Profile.objects.filter(user_id=member.pk).exists()
    assert member_client.get(reverse("accounts:settings")).status_code == 302


def test_the_download_page_says_what_the_file_holds_and_what_it_leaves_out(member_client):
    from accounts.member_data import member_data_declared

    page = unescape(visible_text(member_client.get(reverse("accounts:export")).content.decode()))

    for included in (
        "earlier versions",
        "whether you used alone, whether naloxone was needed",
        "body weight",
        "your reactions, bookmarks and what you follow",
        "your activity by day",
    ):
        assert included in page
    _exported, excluded = member_data_declared()
    for reason in excluded.values():
        assert str(reason) in page


def test_the_delete_page_says_what_happens_to_posts_threads_quotes_and_the_handle(
    member_client,
):
    page = unescape(visible_text(member_client.get(reverse("accounts:erase")).content.decode()))

    assert "Each post keeps its place in its thread and says “Deleted by its author.”" in page
    assert "Their title becomes “A thread by a former member”" in page
    assert "experience report with all its facts" in page
    assert "the quoted words are replaced with “The post quoted here was removed.”" in page
    assert "Your handle can't be used again by anyone" in page


def test_deleting_an_account_deletes_its_profile_picture_file(
    member, settings, tmp_path, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile

    from wagtail.users.models import UserProfile

    from accounts.services import member_erase

    settings.MEDIA_ROOT = tmp_path
    preferences = UserProfile.get_for_user(member)
    preferences.avatar.save("face.png", ContentFile(b"not really a picture"), save=False)
    UserProfile.objects.filter(pk=preferences.pk).update(avatar=preferences.avatar.name)
    stored = preferences.avatar.name
    assert preferences.avatar.storage.exists(stored)

    with django_capture_on_commit_callbacks(execute=True):
        member_erase(user=member)

    assert not preferences.avatar.storage.exists(stored)
