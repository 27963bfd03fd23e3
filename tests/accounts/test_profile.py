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
        {"pronouns": "she/her", "bio": "Hi.", "here_as": "in_recovery", "discreet_emails": "on"},
    )

    assert response.status_code == 302
    profile = Profile.objects.get(user=member)
    assert (profile.pronouns, profile.bio, profile.here_as) == ("she/her", "Hi.", "in_recovery")
    assert profile.discreet_emails is True
    assert profile.digest_emails is False


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
        {"bio": '<script>alert("x")</script>\u202eevil', "discreet_emails": "on"},
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
