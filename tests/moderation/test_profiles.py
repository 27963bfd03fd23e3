import ast
from html import unescape
from pathlib import Path

import pytest

from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.models import Profile
from moderation.models import ActionKind, Flag, FlagReason, ModerationAction, QueueItem
from moderation.services import appeal_create, appeal_decide
from notifications.models import Notification
from tests.factories import UserFactory
from tests.html import parse, visible_text

pytestmark = pytest.mark.django_db

BIO = "DM me for a hookup, I'm always around the bus station"


def text_of(response) -> str:
    return " ".join(unescape(visible_text(response.content.decode())).split())


def hrefs(response) -> list[str]:
    return [
        attributes["href"]
        for tag, attributes in parse(response.content.decode()).tags
        if tag == "a" and "href" in attributes
    ]


@pytest.fixture
def profile_owner(home):
    owner = UserFactory(username="ash", trust_level=1)
    Profile.objects.update_or_create(user=owner, defaults={"bio": BIO, "pronouns": "he/him"})
    return owner


def flag_profile(client, flagger, owner, reason=FlagReason.SOURCING):
    client.force_login(flagger)
    profile_page = client.get(owner.get_absolute_url())
    flag_url = reverse("moderation:flag_profile", kwargs={"handle": owner.username})
    assert flag_url in hrefs(profile_page)
    assert BIO in text_of(client.get(flag_url))
    return client.post(flag_url, {"reason": reason, "note": ""})


def profile_item(owner) -> QueueItem:
    return QueueItem.objects.open().get(kind="profile", object_id=owner.profile.pk)


def test_a_member_flags_a_profile_from_its_page_and_it_reaches_moderators(
    client, profile_owner, peer_moderator
):
    flagger = UserFactory(trust_level=1)
    trusted = UserFactory(trust_level=3)

    response = flag_profile(client, flagger, profile_owner)

    assert response.status_code == 302
    assert response["Location"] == profile_owner.get_absolute_url()
    assert Flag.objects.get().author == profile_owner
    item = profile_item(profile_owner)
    client.force_login(peer_moderator)
    queue_page = client.get(reverse("moderation:queue"))
    item_page = client.get(item.get_absolute_url())
    assert item.get_absolute_url() in hrefs(queue_page)
    assert "The profile of ash" in text_of(queue_page)
    assert BIO in text_of(item_page)
    assert "Sourcing or selling" in text_of(item_page)
    client.force_login(trusted)
    assert item.get_absolute_url() not in hrefs(client.get(reverse("moderation:queue")))
    assert client.get(item.get_absolute_url()).status_code == 404


def test_no_flag_link_on_your_own_profile_or_one_with_no_words(client, profile_owner):
    quiet = UserFactory(username="quiet")
    flag_own = reverse("moderation:flag_profile", kwargs={"handle": "ash"})
    flag_quiet = reverse("moderation:flag_profile", kwargs={"handle": "quiet"})

    client.force_login(profile_owner)
    own = client.get(profile_owner.get_absolute_url())
    refused = client.post(flag_own, {"reason": FlagReason.SPAM})
    client.force_login(UserFactory())
    empty = client.get(quiet.get_absolute_url())

    assert flag_own not in hrefs(own)
    assert refused.status_code == 400
    assert "You can't flag your own profile." in text_of(refused)
    assert flag_quiet not in hrefs(empty)
    assert not Flag.objects.exists()


def test_a_moderator_clears_a_bio_the_member_is_told_and_an_appeal_puts_it_back(
    client, profile_owner, peer_moderator
):
    flag_profile(client, UserFactory(trust_level=1), profile_owner)
    item = profile_item(profile_owner)
    client.force_login(peer_moderator)

    response = client.post(
        reverse("moderation:item_profile", kwargs={"pk": item.pk}),
        {"clear": ["bio"], "reason": "Offers to meet and sell"},
    )

    profile_owner.profile.refresh_from_db()
    record = ModerationAction.objects.get(action=ActionKind.PROFILE_CLEAR)
    assert response.status_code == 302 and response["Location"].endswith("#main")
    assert (profile_owner.profile.bio, profile_owner.profile.pronouns) == ("", "he/him")
    assert record.is_public and record.target_user == profile_owner
    assert Flag.objects.get().resolution == "upheld"
    assert "Cleared words from a profile" in text_of(client.get(reverse("moderation:log")))
    assert Notification.objects.filter(recipient=profile_owner, moderation_action=record).exists()

    client.force_login(profile_owner)
    decision = client.get(reverse("moderation:decision", kwargs={"pk": record.pk}))
    assert "A peer moderator removed words from your profile." in text_of(decision)
    assert 'name="message"' in decision.content.decode()
    appeal = appeal_create(action=record, appellant=profile_owner, message="It was a joke")
    other = UserFactory(username="rowan")
    other.groups.add(Group.objects.get(name="Peer moderators"))
    appeal_decide(appeal=appeal, moderator=other, reverse=True, reason="Read as a joke")
    profile_owner.profile.refresh_from_db()
    assert profile_owner.profile.bio == BIO


def test_clearing_a_profile_needs_a_reason(client, profile_owner, peer_moderator):
    flag_profile(client, UserFactory(trust_level=1), profile_owner)
    item = profile_item(profile_owner)
    client.force_login(peer_moderator)

    response = client.post(
        reverse("moderation:item_profile", kwargs={"pk": item.pk}),
        {"clear": ["bio", "pronouns"], "reason": ""},
    )

    profile_owner.profile.refresh_from_db()
    assert response.status_code == 400
    assert "Write a short reason. The member will see it." in text_of(response)
    checked = {
        attributes["value"]
        for tag, attributes in parse(response.content.decode()).tags
        if tag == "input" and attributes.get("name") == "clear" and "checked" in attributes
    }
    assert checked == {"bio", "pronouns"}
    assert profile_owner.profile.bio == BIO
    assert item in QueueItem.objects.open()


def test_keeping_a_profile_dismisses_its_flags_without_telling_anyone(
    client, profile_owner, peer_moderator
):
    flag_profile(client, UserFactory(trust_level=1), profile_owner)
    item = profile_item(profile_owner)
    client.force_login(peer_moderator)

    client.post(
        reverse("moderation:item_profile", kwargs={"pk": item.pk}),
        {"reason": "Nothing against the guidelines"},
    )

    profile_owner.profile.refresh_from_db()
    assert profile_owner.profile.bio == BIO
    assert Flag.objects.get().resolution == "dismissed"
    assert not QueueItem.objects.open().exists()
    assert not Notification.objects.filter(recipient=profile_owner).exists()


def test_accounts_never_imports_moderation():
    root = Path(__file__).resolve().parents[2] / "accounts"
    imported = set()
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)

    assert "moderation" not in imported


def test_erasing_an_account_closes_the_flags_waiting_on_its_profile(client, profile_owner):
    from accounts.services import member_erase

    flag_profile(client, UserFactory(trust_level=1), profile_owner)
    item = profile_item(profile_owner)

    member_erase(user=profile_owner)

    item.refresh_from_db()
    assert not item.is_open
    assert item.outcome == "The member deleted their account."
