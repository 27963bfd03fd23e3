import pytest

from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.django_db


def test_the_admin_login_page_sends_people_to_the_rate_limited_login(client):
    response = client.get("/admin/login/?next=/admin/pages/")

    assert response.status_code == 302
    assert response.url == reverse("account_login") + "?next=/admin/pages/"


def test_the_admin_password_reset_pages_send_people_to_ours(client):
    for path in ("/admin/password_reset/", "/admin/password_reset/done/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.url == reverse("account_reset_password")


def test_the_admin_asks_anonymous_visitors_to_log_in_through_allauth(client):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_a_peer_moderator_reaches_the_admin(client, peer_moderator):
    client.force_login(peer_moderator)

    assert client.get("/admin/").status_code == 200


def test_a_member_without_the_role_is_told_the_admin_is_not_for_them(member_client):
    response = member_client.get("/admin/", follow=True)

    assert response.status_code == 403
    assert response.redirect_chain == []
    page = response.content.decode()
    assert "This area is for peer authors and moderators" in page
    assert 'href="/"' in page
    assert 'class="quick-exit"' in page


def test_a_member_without_the_role_gets_the_same_page_deeper_in_the_admin(member_client):
    for path in ("/admin/pages/", "/admin/account/"):
        response = member_client.get(path, follow=True)
        assert response.status_code == 403, path
        assert "This area is for peer authors and moderators" in response.content.decode()


def test_the_admin_account_page_asks_a_signed_out_visitor_to_log_in(client):
    response = client.get("/admin/account/")

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_a_peer_author_still_reaches_the_admin_account_page(client, home):
    from tests.factories import make_peer

    client.force_login(make_peer("ash", "Peer authors"))

    assert client.get("/admin/account/").status_code == 200


def test_the_admin_user_form_asks_for_no_real_name_and_checks_handles(client, home):
    admin = User.objects.create_superuser(username="site_keeper", password="a-long-admin-pass")
    client.force_login(admin)

    form_page = client.get(reverse("wagtailusers_users:add")).content.decode()
    assert 'name="first_name"' not in form_page
    assert 'name="last_name"' not in form_page

    response = client.post(
        reverse("wagtailusers_users:add"),
        {"username": "555 123 4567", "email": "", "password1": "x", "password2": "x"},
    )
    assert "looks like a phone number" in response.content.decode()

    client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "new_peer",
            "email": "",
            "password1": "a-long-new-pass",
            "password2": "a-long-new-pass",
        },
    )
    assert User.objects.filter(username="new_peer").exists()


def test_the_admin_account_page_asks_for_no_real_name(client, peer_moderator):
    client.force_login(peer_moderator)

    page = client.get("/admin/account/").content.decode()

    assert 'name="name_email-first_name"' not in page
    assert 'name="name_email-last_name"' not in page
    assert "theme" in page.lower()


def test_the_admin_page_tree_opens(client, peer_moderator, home):
    client.force_login(peer_moderator)

    response = client.get(f"/admin/pages/{home.pk}/")

    assert response.status_code == 200
    assert "Overdose? What to do" in response.content.decode()


def test_an_admin_cannot_give_anyone_an_erased_handle(client, home):
    from accounts.services import member_erase

    member_erase(user=User.objects.create_user(username="nightjar", password="x-long-pass"))
    peer = User.objects.create_user(username="new_peer", password="a-long-new-pass")
    admin = User.objects.create_superuser(username="site_keeper", password="a-long-admin-pass")
    client.force_login(admin)

    response = client.post(
        reverse("wagtailusers_users:edit", args=[peer.pk]),
        {"username": "Nightjar", "email": "", "is_active": "on"},
    )

    assert "belonged to someone who has left" in response.content.decode()
    peer.refresh_from_db()
    assert peer.username == "new_peer"
