"""One URL for each kind of page the site renders, for tests that check every page."""

from django.urls import reverse

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
    for name, url in ANONYMOUS_PAGES.items():
        response = client.get(url)
        assert response.status_code == (404 if name == "not found" else 200), name
        yield name, response
    client.force_login(member)
    for name, url in MEMBER_PAGES.items():
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
