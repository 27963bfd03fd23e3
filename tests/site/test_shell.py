import pytest

from django.urls import reverse

from tests.factories import make_thread
from tests.html import first_focusable, parse
from tests.site.pages import every_page

pytestmark = pytest.mark.django_db


def test_every_page_type_has_quick_exit_first_and_the_overdose_link(client, member, home):
    for name, response in every_page(client, member):
        html = response.content.decode()
        links = {attrs.get("href"): attrs for tag, attrs in parse(html).tags if tag == "a"}

        assert "/overdose/" in links, name
        quick_exit = first_focusable(html)
        assert "data-quick-exit" in quick_exit, name
        assert quick_exit["href"] == "https://www.google.com/", name
        assert "Skip to content" in html, name


def test_quick_exit_goes_where_the_safety_setting_says(client, home):
    from wagtail.models import Site

    from peerkb.models import SafetySettings

    safety = SafetySettings.for_site(Site.objects.get(is_default_site=True))
    safety.quick_exit_url = "https://weather.example/"
    safety.save()

    assert first_focusable(client.get("/").content.decode())["href"] == "https://weather.example/"


def test_the_header_has_navigation_and_the_account_menu(client, member, home):
    anonymous = client.get("/").content.decode()
    assert 'href="/search/"' in anonymous
    assert 'href="/account/login/"' in anonymous
    assert 'href="/account/signup/"' in anonymous

    client.force_login(member)
    signed_in = client.get("/").content.decode()
    assert 'href="/account/settings/"' in signed_in
    assert ">river</a>" in signed_in
    assert 'action="/account/logout/"' in signed_in


def test_the_footer_links_the_guidelines_privacy_promise_and_about(client, home):
    html = client.get("/").content.decode()

    for path in ("/community-guidelines/", "/privacy/", "/about/"):
        assert f'href="{path}"' in html
        assert client.get(path).status_code == 200


def test_a_form_without_its_security_token_gets_a_friendly_page(member, home):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(member)

    response = strict.post("/account/settings/", {"bio": "hello"})

    assert response.status_code == 403
    page = response.content.decode()
    assert "Please try that again" in page
    assert "Overdose? What to do" in page


def test_a_refusal_is_a_full_page_that_says_why(client, member, home):
    client.force_login(member)

    response = client.get("/moderation/queue/")

    page = response.content.decode()
    assert response.status_code == 403
    assert "The review queue is for trusted members and moderators." in page
    assert "Quick exit" in page


def test_every_admin_page_has_the_sites_quick_exit_first_and_the_overdose_link(client, home):
    from tests.factories import make_article, make_peer

    author = make_peer("ash", "Peer authors")
    article = make_article(title="Tester shots", live=False)
    client.force_login(author)
    site_quick_exit = first_focusable(client.get("/").content.decode())

    for path in (
        "/admin/",
        f"/admin/pages/{article.get_parent().pk}/",
        f"/admin/pages/{article.pk}/edit/",
        "/admin/account/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        quick_exit = first_focusable(html)
        assert "data-quick-exit" in quick_exit, path
        assert quick_exit["href"] == site_quick_exit["href"], path
        assert 'href="/overdose/"' in html, path
        assert "/static/js/quick-exit.js" in html, path


def page_title(html: str) -> str:
    return html.split("<title>", 1)[1].split("</title>", 1)[0]


def test_quick_exit_goes_through_the_sign_out_only_for_members_who_chose_it(client, member, home):
    assert first_focusable(client.get("/").content.decode())["href"] == "https://www.google.com/"

    client.force_login(member)
    assert first_focusable(client.get("/").content.decode())["href"] == "https://www.google.com/"

    member.quick_exit_signs_out = True
    member.save()
    assert first_focusable(client.get("/").content.decode())["href"] == reverse("quick_exit")


def test_quick_exit_with_sign_out_ends_the_session_and_opens_the_neutral_site(client, member, home):
    member.quick_exit_signs_out = True
    member.save()
    client.force_login(member)

    response = client.get(reverse("quick_exit"))

    assert response.status_code == 302
    assert response.url == "https://www.google.com/"
    assert "no-store" in response.headers["Cache-Control"]
    assert response.headers["Referrer-Policy"] == "no-referrer"
    reopened = client.get("/")
    assert not reopened.context["user"].is_authenticated
    assert "river" not in page_title(reopened.content.decode())
    assert 'href="/account/login/"' in reopened.content.decode()


def test_quick_exit_never_goes_where_the_request_says(client, home):
    response = client.get(reverse("quick_exit"), {"next": "https://elsewhere.example/"})

    assert response.url == "https://www.google.com/"


def test_plain_titles_call_every_page_a_member_sees_notes(client, member, home):
    member.neutral_titles = True
    member.save()
    seen_as_member = 0

    for name, response in every_page(client, member):
        title = page_title(response.content.decode())
        if response.wsgi_request.user == member:
            seen_as_member += 1
            assert title == "Notes", name
        else:
            assert title.endswith("· Where We&#x27;re At"), name

    assert seen_as_member > 10


def test_page_titles_say_what_the_page_is_unless_the_member_asks_otherwise(client, member, home):
    thread = make_thread(author=member, title="Where do you all get naloxone?")
    client.force_login(member)

    assert page_title(client.get(thread.get_absolute_url()).content.decode()) == (
        "Where do you all get naloxone? · Where We&#x27;re At"
    )
