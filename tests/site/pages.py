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
    yield from _moderation_pages(client, member, thread)
    yield "throttled", _throttled(client)


def _moderation_pages(client, member, thread):
    """The flag form, a decision and its appeal, the log, and the moderators' pages."""
    from django.contrib.auth.models import Group

    from forum.services import post_create
    from moderation.models import QueueItem
    from moderation.services import flag_create, member_warn
    from tests.factories import UserFactory

    moderator = UserFactory(username="mod_on_every_page")
    moderator.groups.add(Group.objects.get_or_create(name="Peer moderators")[0])
    reply = post_create(thread=thread, author=UserFactory(trust_level=1), body="A reply to flag")
    flag_create(content=reply, flagger=member, reason="harassment")
    warning = member_warn(member=member, moderator=moderator, reason="Keep it kind")
    item = QueueItem.objects.get(kind="flagged", object_id=reply.pk)
    pages_as = [
        (member, {"flag form": f"/moderation/flag/forum.post/{reply.pk}/"}),
        (member, {"a decision and its appeal": f"/moderation/decisions/{warning.pk}/"}),
        (None, {"moderation log": "/moderation/log/"}),
        (
            moderator,
            {
                "review queue": "/moderation/queue/",
                "review item": f"/moderation/queue/{item.pk}/",
                "a member's moderation": f"/moderation/members/{member.username}/",
                "thread tools": f"/forum/t/{thread.pk}/moderate/",
            },
        ),
    ]
    for person, pages in pages_as:
        client.logout()
        if person is not None:
            client.force_login(person)
        for name, url in pages.items():
            response = client.get(url)
            assert response.status_code == 200, name
            yield name, response


def _throttled(client):
    client.logout()
    for _ in range(6):
        response = client.post(reverse("accounts:recover"), {"handle": "river", "code": "x"})
    assert response.status_code == 429
    return response
