import pytest

from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("account_login")


def test_a_member_logs_in_with_their_handle_in_any_case_and_logs_out(
    client, member, password, home
):
    response = client.post(LOGIN_URL, {"login": "RIVER", "password": password})

    assert response.status_code == 302
    assert client.get("/").context["user"] == member

    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert not client.get("/").context["user"].is_authenticated


def test_a_wrong_password_says_so_and_keeps_the_handle(client, member, home):
    response = client.post(LOGIN_URL, {"login": "river", "password": "not-it"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "That handle and password don&#x27;t match." in page
    assert 'value="river"' in page


def test_repeated_failed_logins_are_paused_with_a_friendly_page(client, member, password, home):
    for _ in range(5):
        client.post(LOGIN_URL, {"login": "river", "password": "wrong-guess"})

    response = client.post(LOGIN_URL, {"login": "river", "password": password})

    assert response.status_code == 429
    page = response.content.decode()
    assert "Please wait a moment" in page
    assert "Overdose? What to do" in page
    assert not client.get("/").context["user"].is_authenticated


def test_there_is_no_remember_me_so_closing_the_browser_signs_out(client, member, password, home):
    page = client.get(LOGIN_URL).content.decode()
    assert 'name="remember"' not in page

    client.post(LOGIN_URL, {"login": "river", "password": password})

    assert client.session.get_expire_at_browser_close()


def test_saying_other_people_use_the_device_makes_quick_exit_sign_out(
    client, member, password, home
):
    page = client.get(LOGIN_URL).content.decode()
    assert "Other people use this phone or computer" in page

    client.post(LOGIN_URL, {"login": "river", "password": password, "shared_device": "on"})

    member.refresh_from_db()
    assert member.quick_exit_signs_out
    assert client.get("/").context["user"] == member


def test_signing_in_without_saying_so_leaves_quick_exit_as_the_member_set_it(
    client, member, password, home
):
    client.post(LOGIN_URL, {"login": "river", "password": password})
    member.refresh_from_db()
    assert not member.quick_exit_signs_out

    member.quick_exit_signs_out = True
    member.save()
    client.logout()
    client.post(LOGIN_URL, {"login": "river", "password": password})
    member.refresh_from_db()
    assert member.quick_exit_signs_out


def test_a_wrong_password_changes_nothing_even_with_the_shared_device_box_ticked(
    client, member, home
):
    client.post(LOGIN_URL, {"login": "river", "password": "not-it", "shared_device": "on"})

    member.refresh_from_db()
    assert not member.quick_exit_signs_out


def test_the_login_page_offers_one_way_back_in_for_a_forgotten_password(client, home):
    page = client.get(LOGIN_URL).content.decode()

    assert page.count("Forgot your password?") == 1
    recovery = page.index(reverse("accounts:recover"))
    assert recovery < page.index(reverse("account_reset_password"))
    assert page.index("Forgot your password?") < recovery


def test_join_is_a_link_where_a_visitor_is_asked_to_log_in_or_join_to_reply(client, home):
    from tests.factories import make_thread

    thread = make_thread()

    page = client.get(thread.get_absolute_url()).content.decode()

    signup = reverse("account_signup")
    assert f'<a href="{signup}?next=' in page
    assert ">join</a> to reply." in page
