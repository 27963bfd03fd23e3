"""One URL for each kind of page the site renders, for tests that check every page."""

from django.urls import reverse

from tests.factories import CategoryFactory, make_thread

ANONYMOUS_PAGES = {
    "home page": "/",
    "standard page": "/privacy/",
    "overdose page": "/overdose/",
    "search results": "/search/?q=naloxone",
    "login": "/account/login/",
    "signup": "/account/signup/",
    "email password reset": "/account/password/reset/",
    "recovery code reset": "/account/recover/",
    "recovery code shown": "/account/recovery-code/",
    "not found": "/no-such-page/",
}

MEMBER_PAGES = {
    "member profile": "/members/river/",
    "settings": "/account/settings/",
    "new recovery code": "/account/recovery-code/new/",
    "export": "/account/export/",
    "delete account": "/account/delete/",
    "change password": "/account/password/change/",
    "email addresses": "/account/email/",
    "two-step sign-in": "/account/2fa/",
}


def every_page(client, member):
    """Yield (name, response) for every page type, anonymous ones first.

    Each page must really render: a redirect to the login page would otherwise
    let a check pass without looking at the page it names.
    """
    thread = make_thread(
        category=CategoryFactory(slug="safer-use"),
        author=member,
        tags=["fentanyl"],
        content_warning="overdose",
    )
    post = thread.posts.get()
    forum_pages = {
        "forum index": "/forum/",
        "forum category": "/forum/c/safer-use/",
        "forum thread": thread.get_absolute_url(),
        "forum tag": "/forum/tags/fentanyl/",
    }
    member_forum_pages = {
        "start a thread": "/forum/new/",
        "edit a post": f"/forum/p/{post.pk}/edit/",
        "post history": f"/forum/p/{post.pk}/history/",
        "delete a post": f"/forum/p/{post.pk}/delete/",
        "notifications": "/notifications/",
        "bookmarks": "/forum/bookmarks/",
        "forum settings": "/forum/settings/",
        "forum search": "/search/?q=tester&where=forum",
    }
    for name, url in {**ANONYMOUS_PAGES, **forum_pages}.items():
        response = client.get(url)
        assert response.status_code == (404 if name == "not found" else 200), name
        yield name, response
    client.force_login(member)
    for name, url in {**MEMBER_PAGES, **member_forum_pages}.items():
        response = client.get(url)
        assert response.status_code == 200, name
        yield name, response
    yield "throttled", _throttled(client)


def _throttled(client):
    client.logout()
    for _ in range(6):
        response = client.post(reverse("accounts:recover"), {"handle": "river", "code": "x"})
    assert response.status_code == 429
    return response
