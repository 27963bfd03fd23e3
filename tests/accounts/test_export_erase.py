import json

import pytest
from allauth.account.models import EmailAddress

from django.urls import reverse

from accounts.models import Profile, User

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
