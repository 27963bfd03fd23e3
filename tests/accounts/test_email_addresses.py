"""The page where a member adds, confirms and removes an email address
(allauth's, in the site's words)."""

import html

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC

from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from tests.html import visible_text

pytestmark = pytest.mark.django_db

ADDRESSES_URL = reverse("account_email")


def text(response) -> str:
    return " ".join(html.unescape(visible_text(response.content.decode())).split())


def test_with_no_address_the_page_says_it_is_optional_and_what_one_is_for(member_client, home):
    page = text(member_client.get(ADDRESSES_URL))

    assert "you don't need one: your recovery code gets you back in" in page
    assert "and for the emails you choose. Nobody else sees it." in page
    # It used to promise the address was only for resetting a password.
    assert "only use it to reset your password" not in page
    assert "Add an address" in page


def test_an_added_address_waits_for_its_link_and_can_get_it_again(member_client, member, home):
    response = member_client.post(
        ADDRESSES_URL, {"action_add": "", "email": "river@example.org"}, follow=True
    )

    page = text(response)
    assert "river@example.org" in page
    assert "Not confirmed yet: open the link we emailed you" in page
    assert "Send the link again" in page
    assert "Choose what we email you" in page
    assert [message.to for message in mail.outbox] == [["river@example.org"]]

    assert "We send a new link at most every few minutes" in page

    cache.clear()  # the few minutes between links have passed
    member_client.post(ADDRESSES_URL, {"action_send": "", "email": "river@example.org"})

    assert len(mail.outbox) == 2


def test_a_confirmed_address_offers_no_link_to_confirm_it_again(member_client, member, home):
    EmailAddress.objects.create(user=member, email="river@example.org", verified=True, primary=True)

    page = text(member_client.get(ADDRESSES_URL))

    assert "river@example.org" in page
    assert "Confirmed" in page
    assert "Send the link again" not in page
    assert "Add another address" in page


def test_a_mistyped_address_is_refused_beside_the_field_and_kept(member_client, home):
    response = member_client.post(ADDRESSES_URL, {"action_add": "", "email": "river@example"})

    page = response.content.decode()
    assert "Enter a valid email address." in text(response)
    assert 'value="river@example"' in page
    assert not EmailAddress.objects.exists()


def test_a_confirming_link_used_twice_says_so_and_where_to_check(client, member, home):
    address = EmailAddress.objects.create(user=member, email="river@example.org", verified=False)
    link = reverse("account_confirm_email", args=[EmailConfirmationHMAC(address).key])
    client.post(link)

    page = text(client.get(link))

    assert EmailAddress.objects.get().verified
    assert "This link doesn't work anymore: it was already used, it expired" in page
    assert "See whether your address is confirmed, or get a new link" in page
