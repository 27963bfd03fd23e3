"""The forum's categories in the admin, where peer moderators keep them."""

import re

import pytest

from tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db


def row_words(page: str) -> list[str]:
    """Each row of the listing as the words a screen reader reads in it."""
    return [
        " ".join(re.sub(r"<[^>]+>", " ", row).split())
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", page, re.DOTALL)
    ]


def test_the_category_list_shows_which_are_sensitive_or_members_only(client, peer_moderator):
    CategoryFactory(name="Grief and loss", slug="grief", is_sensitive=True)
    CategoryFactory(name="Site feedback", slug="feedback", is_members_only=True)
    client.force_login(peer_moderator)

    page = client.get("/admin/snippets/forum/category/").content.decode()

    rows = row_words(page)
    assert "Name Sensitive Members only" in rows
    assert "Grief and loss Edit Copy Delete True False" in rows
    assert "Site feedback Edit Copy Delete False True" in rows
