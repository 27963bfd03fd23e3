import pytest
from allauth.account.models import EmailAddress

from django.urls import reverse

from accounts.models import Profile
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def described_member(member):
    member.email = "river.private@example.org"
    member.save()
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    Profile.objects.filter(user=member).update(
        pronouns="they/them", bio="Peer worker since 2019.", here_as="peer_worker"
    )
    return member


def test_the_profile_shows_the_handle_pronouns_bio_here_as_and_join_month(
    client, described_member, home
):
    client.force_login(UserFactory(username="reader"))
    page = client.get(reverse("accounts:profile", kwargs={"handle": "river"})).content.decode()

    assert "river" in page
    assert "they/them" in page
    assert "Peer worker since 2019." in page
    assert "Peer worker" in page
    assert f"Joined {described_member.date_joined:%B %Y}" in page


def test_profiles_are_for_signed_in_members_only(client, described_member, home):
    url = reverse("accounts:profile", kwargs={"handle": "river"})

    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_the_profile_never_shows_the_email_not_even_to_its_owner(client, described_member, home):
    url = reverse("accounts:profile", kwargs={"handle": "river"})
    client.force_login(UserFactory(username="reader"))
    assert "river.private" not in client.get(url).content.decode()

    client.force_login(described_member)
    assert "river.private" not in client.get(url).content.decode()
    assert "river.private" not in client.get(reverse("accounts:settings")).content.decode()


def test_an_unknown_handle_is_not_found(member_client, home):
    assert (
        member_client.get(reverse("accounts:profile", kwargs={"handle": "nobody"})).status_code
        == 404
    )


def test_settings_save_the_profile(member_client, member, home):
    response = member_client.post(
        reverse("accounts:settings"),
        {"pronouns": "she/her", "bio": "Hi.", "here_as": "in_recovery"},
    )

    assert response.status_code == 302
    profile = Profile.objects.get(user=member)
    assert (profile.pronouns, profile.bio, profile.here_as) == ("she/her", "Hi.", "in_recovery")


def test_a_bio_over_500_characters_is_refused_and_kept(member_client, member, home):
    long_bio = "x" * 501

    response = member_client.post(reverse("accounts:settings"), {"bio": long_bio})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Ensure this value has at most 500 characters (it has 501)." in page
    assert long_bio in page
    assert Profile.objects.get(user=member).bio == ""


def test_html_in_a_bio_is_shown_as_text_never_as_markup(member_client, member, client, home):
    member_client.post(
        reverse("accounts:settings"),
        {"bio": '<script>alert("x")</script>\u202eevil'},
    )

    assert Profile.objects.get(user=member).bio == '<script>alert("x")</script>evil'
    page = client.get(reverse("accounts:profile", kwargs={"handle": "river"})).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page


def test_settings_turn_on_sign_out_on_quick_exit_and_plain_titles(member_client, member, home):
    page = member_client.get(reverse("accounts:settings")).content.decode()
    assert "Quick exit also signs me out" in page
    assert "Call every page “Notes”" in page

    response = member_client.post(
        reverse("accounts:settings_shared_device"),
        {"quick_exit_signs_out": "on", "neutral_titles": "on"},
    )

    assert response.status_code == 302
    assert response.url == reverse("accounts:settings")
    member.refresh_from_db()
    assert member.quick_exit_signs_out and member.neutral_titles
    assert Profile.objects.get(user=member).bio == ""

    member_client.post(reverse("accounts:settings_shared_device"), {"neutral_titles": "on"})
    member.refresh_from_db()
    assert not member.quick_exit_signs_out and member.neutral_titles


def test_settings_need_a_signed_in_member(client, home):
    response = client.get(reverse("accounts:settings"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_a_profile_page_costs_a_fixed_number_of_queries(
    client, described_member, home, django_assert_max_num_queries
):
    url = reverse("accounts:profile", kwargs={"handle": "river"})
    client.force_login(described_member)
    client.get(url)

    # session, user, Safety setting, the member with profile, unread notifications,
    # the reader's and the member's groups (moderators can't be ignored), ignoring?
    with django_assert_max_num_queries(8):
        client.get(url)


# ---- what members write on their profile is screened ----------------------


def test_a_phone_number_in_a_bio_is_refused_beside_the_bio_and_kept(member_client, member, home):
    bio = "Peer worker. Text me at 312-555-0147."

    response = member_client.post(
        reverse("accounts:settings"), {"bio": bio, "pronouns": "they/them"}
    )

    assert response.status_code == 200
    form = response.context["form"]
    (message,) = form.errors["bio"]
    assert "shown without a peer moderator looking first" in message
    assert "Posts with a phone number wait for a peer moderator" in message
    assert form["bio"].value() == bio
    assert Profile.objects.get(user=member).bio == ""


def test_a_blocked_word_in_the_pronouns_is_refused_beside_the_pronouns(member_client, member, home):
    from moderation.models import WatchedWord, WordAction

    WatchedWord.objects.create(
        pattern="scumbag*", action=WordAction.BLOCK, explanation="It is an insult aimed at a person"
    )

    response = member_client.post(reverse("accounts:settings"), {"pronouns": "scumbag/scumbags"})

    assert "“scumbag”" in response.context["form"].errors["pronouns"][0]
    assert Profile.objects.get(user=member).pronouns == ""


def test_a_stigmatizing_word_about_others_in_a_bio_nudges_before_saving(
    member_client, member, home
):
    bio = "Tired of how people treat addicts at the ER."

    nudged = member_client.post(reverse("accounts:settings"), {"bio": bio})

    assert [match.found for match in nudged.context["nudge"].nudges] == ["addicts"]
    assert "Save as I wrote it" in nudged.content.decode()
    assert Profile.objects.get(user=member).bio == ""

    saved = member_client.post(
        reverse("accounts:settings"), {"bio": bio, "nudge_acknowledged": "1"}
    )

    assert saved.status_code == 302
    assert Profile.objects.get(user=member).bio == bio


def test_a_bio_in_the_members_own_words_about_themselves_saves_without_a_nudge(
    member_client, member, home
):
    bio = "I'm an addict and a peer worker. I was a junkie for years."

    response = member_client.post(reverse("accounts:settings"), {"bio": bio})

    assert response.status_code == 302
    assert Profile.objects.get(user=member).bio == bio


def test_a_silenced_member_cannot_change_their_bio_and_is_told_why(member_client, member, home):
    from datetime import timedelta

    from django.utils import timezone

    member.silenced_until = timezone.now() + timedelta(days=3)
    member.save()

    response = member_client.post(reverse("accounts:settings"), {"bio": "New bio."})

    (message,) = response.context["form"].non_field_errors()
    assert message.startswith("Your account is read-only for 2")
    assert "so your pronouns and bio can" in response.content.decode()
    assert response.context["form"]["bio"].value() == "New bio."
    assert Profile.objects.get(user=member).bio == ""


def test_a_silenced_member_can_still_change_settings_that_are_not_their_words(
    member_client, member, home
):
    from datetime import timedelta

    from django.utils import timezone

    member.silenced_until = timezone.now() + timedelta(days=3)
    member.save()

    response = member_client.post(reverse("accounts:settings"), {"here_as": "in_recovery"})

    assert response.status_code == 302
    assert Profile.objects.get(user=member).here_as == "in_recovery"


def test_settings_lead_to_the_email_choices(member_client, member, home):
    page = member_client.get(reverse("accounts:settings")).content.decode()

    assert f'href="{reverse("email:settings")}"' in page


def test_profile_changes_are_rate_limited(member_client, member, home, settings):
    settings.TRUST_RATE_LIMITS = {0: {"profile": (2, 3600)}}
    for number in range(2):
        member_client.post(reverse("accounts:settings"), {"bio": f"Bio {number}"})

    response = member_client.post(reverse("accounts:settings"), {"bio": "Bio 3"})

    (message,) = response.context["form"].non_field_errors()
    assert "change your profile 2 times a day" in message
    assert Profile.objects.get(user=member).bio == "Bio 1"


def test_a_peer_moderator_reaches_a_members_moderation_page_from_their_profile(
    client, member, peer_moderator
):
    tools = reverse("moderation:member", kwargs={"handle": "river"})
    profile = reverse("accounts:profile", kwargs={"handle": "river"})

    client.force_login(UserFactory(username="reader"))
    assert tools not in client.get(profile).content.decode()

    client.force_login(peer_moderator)
    assert f'href="{tools}"' in client.get(profile).content.decode()
