import pytest
from allauth.account.models import EmailAddress

from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db

RESET_URL = reverse("account_reset_password")


def add_address(member, *, verified):
    member.email = "river@example.org"
    member.save()
    EmailAddress.objects.create(user=member, email=member.email, verified=verified, primary=True)


def test_password_reset_by_email_works_for_a_verified_address(client, member, home):
    add_address(member, verified=True)

    client.post(RESET_URL, {"email": "river@example.org"})

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["river@example.org"]
    assert message.subject == "Your password link"
    assert "/account/password/reset/key/" in message.body
    for revealing in ("drug", "overdose", "harm reduction", "river"):
        assert revealing not in message.subject.lower()
        assert revealing not in message.body.lower().replace("river@example.org", "")


def test_password_reset_by_email_sends_nothing_to_an_unverified_address(client, member, home):
    add_address(member, verified=False)

    response = client.post(RESET_URL, {"email": "river@example.org"})

    assert response.status_code == 302
    assert mail.outbox == []


def test_password_reset_sends_nothing_to_an_address_nobody_uses(client, home):
    client.post(RESET_URL, {"email": "stranger@example.org"})

    assert mail.outbox == []
