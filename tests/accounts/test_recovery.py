import pytest

from django.urls import reverse

from accounts.models import User
from accounts.recovery_session import CODE_KEY
from accounts.services import recovery_code_issue, recovery_code_matches
from tests.html import visible_text

pytestmark = pytest.mark.django_db

RECOVER_URL = reverse("accounts:recover")
NEW_PASSWORD_URL = reverse("accounts:recover_password")
NEW_PASSWORD = "a-brand-new-pass-phrase"


def test_a_member_without_email_gets_back_in_with_handle_and_recovery_code(client, home):
    signup_password = "first-pass-phrase"
    client.post(
        reverse("account_signup"),
        {"username": "river", "password1": signup_password, "password2": signup_password},
    )
    first_code = client.session[CODE_KEY]["code"]
    client.post(reverse("accounts:recovery_code_show"))
    client.post(reverse("account_logout"))

    typed_code = first_code.lower().replace("-", " ")
    response = client.post(RECOVER_URL, {"handle": "River", "code": typed_code})
    assert response.status_code == 302
    assert response.url == NEW_PASSWORD_URL

    response = client.post(
        NEW_PASSWORD_URL, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.url == reverse("accounts:recovery_code_show")
    fresh_code = client.session[CODE_KEY]["code"]
    assert fresh_code != first_code
    assert fresh_code in visible_text(client.get(response.url).content.decode())

    assert client.login(username="river", password=NEW_PASSWORD)
    assert not client.login(username="river", password=signup_password)
    client.logout()

    response = client.post(RECOVER_URL, {"handle": "river", "code": first_code})
    assert response.status_code == 200
    assert "don&#x27;t match" in response.content.decode()


def test_a_wrong_code_is_refused_and_the_handle_is_kept(client, member):
    recovery_code_issue(user=member)

    response = client.post(RECOVER_URL, {"handle": "river", "code": "AAAAA-BBBBB-CCCCC-DDDDD"})

    page = response.content.decode()
    assert "That handle and recovery code don&#x27;t match" in page
    assert 'value="river"' in page
    assert client.get(NEW_PASSWORD_URL).status_code == 302


def test_an_unknown_handle_gets_the_same_answer_as_a_wrong_code(client, db):
    response = client.post(RECOVER_URL, {"handle": "nobody", "code": "AAAAA-BBBBB-CCCCC-DDDDD"})

    assert "That handle and recovery code don&#x27;t match" in response.content.decode()


def test_the_new_password_step_needs_a_proven_code(client, member):
    response = client.get(NEW_PASSWORD_URL)

    assert response.status_code == 302
    assert response.url == RECOVER_URL


def test_a_mismatched_new_password_says_so_and_keeps_the_code_valid(client, member):
    code = recovery_code_issue(user=member)
    client.post(RECOVER_URL, {"handle": "river", "code": code})

    response = client.post(
        NEW_PASSWORD_URL, {"new_password1": NEW_PASSWORD, "new_password2": "something-else"}
    )

    assert response.status_code == 200
    assert "The two password fields didn’t match." in response.content.decode()
    member.refresh_from_db()
    assert recovery_code_matches(user=member, code=code)


def test_guessing_codes_for_one_handle_is_paused(client, member):
    recovery_code_issue(user=member)
    for _ in range(5):
        client.post(RECOVER_URL, {"handle": "river", "code": "AAAAA-BBBBB-CCCCC-DDDDD"})

    response = client.post(RECOVER_URL, {"handle": "river", "code": "AAAAA-BBBBB-CCCCC-DDDDD"})

    assert response.status_code == 429
    assert "Please wait a moment" in response.content.decode()


def test_a_signed_in_member_can_replace_their_code_after_confirming_their_password(
    member_client, member, password
):
    old_code = recovery_code_issue(user=member)

    wrong = member_client.post(reverse("accounts:recovery_code_new"), {"password": "nope"})
    assert "That password isn&#x27;t right." in wrong.content.decode()

    member_client.post(reverse("accounts:recovery_code_new"), {"password": password})

    new_code = member_client.session[CODE_KEY]["code"]
    member = User.objects.get(pk=member.pk)
    assert recovery_code_matches(user=member, code=new_code)
    assert not recovery_code_matches(user=member, code=old_code)


def test_a_code_proven_in_two_browsers_resets_the_password_only_once(member):
    from django.test import Client

    code = recovery_code_issue(user=member)
    first, second = Client(), Client()
    first.post(RECOVER_URL, {"handle": "river", "code": code})
    second.post(RECOVER_URL, {"handle": "river", "code": code})

    first.post(NEW_PASSWORD_URL, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    response = second.post(
        NEW_PASSWORD_URL,
        {"new_password1": "attacker-pass-phrase", "new_password2": "attacker-pass-phrase"},
    )

    assert response.status_code == 302
    assert response.url == RECOVER_URL
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)
    assert not member.check_password("attacker-pass-phrase")


def test_proving_a_code_gives_the_browser_a_new_session_id(client, member):
    code = recovery_code_issue(user=member)
    client.get(RECOVER_URL)
    client.session.save()
    before = client.session.session_key
    client.cookies["sessionid"] = before

    client.post(RECOVER_URL, {"handle": "river", "code": code})

    assert client.cookies["sessionid"].value != before


def test_a_new_code_is_never_cached_and_leaves_the_session_after_30_minutes(client, home):
    from unittest import mock

    from accounts.recovery_session import SHOW_FOR_SECONDS

    client.post(
        reverse("account_signup"),
        {"username": "river", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    code = client.session[CODE_KEY]["code"]
    response = client.get(reverse("accounts:recovery_code_show"))
    assert code in visible_text(response.content.decode())
    assert "no-store" in response["Cache-Control"]

    issued_at = client.session[CODE_KEY]["issued_at"]
    with mock.patch(
        "accounts.recovery_session.time.time", return_value=issued_at + SHOW_FOR_SECONDS + 1
    ):
        later = client.get(reverse("accounts:recovery_code_show"))

    assert code not in visible_text(later.content.decode())
    assert CODE_KEY not in client.session


def test_after_a_recovery_code_reset_the_member_is_signed_in(client, member):
    code = recovery_code_issue(user=member)
    client.post(RECOVER_URL, {"handle": member.username, "code": code})

    response = client.post(
        NEW_PASSWORD_URL, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == reverse("accounts:recovery_code_show")
    page = client.get(response.url)
    assert page.context["user"] == member
    assert "you&#x27;re signed in" in page.content.decode()
    # Saying the new code is saved goes on into the site, signed in.
    assert client.post(reverse("accounts:recovery_code_show")).url == "/"


def test_a_suspended_member_who_resets_with_a_recovery_code_is_not_signed_in(
    client, member, peer_moderator
):
    from moderation.services import member_suspend

    member_suspend(member=member, moderator=peer_moderator, reason="Threats.", days=7)
    code = recovery_code_issue(user=member)
    client.post(RECOVER_URL, {"handle": member.username, "code": code})

    client.post(NEW_PASSWORD_URL, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert not client.get("/").context["user"].is_authenticated
