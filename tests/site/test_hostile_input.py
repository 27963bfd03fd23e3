"""Every page that answers GET, given the query strings people and scripts
send to break things: it answers with a page, a redirect, a 404 or a clear
message, never a server error."""

import itertools

import pytest

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from forum.models import PostRevision
from forum.services.posting import post_edit
from moderation.models import ModerationAction, QueueItem
from moderation.services import flag_create, member_warn
from notifications.models import Notification
from tests.factories import CategoryFactory, UserFactory, make_article, make_thread

pytestmark = pytest.mark.django_db

HUGE_NUMBER = "9" * 5000
HOSTILE_VALUES = [
    HUGE_NUMBER,
    "-1",
    "0",
    "1e309",
    "%00",
    "a%00b",
    "%ff%fe%fd",  # not UTF-8 at all
    "%c0%af",  # an overlong encoding of "/"
    "%ed%a0%80",  # a lone surrogate
    "%e2%80%ae%e2%80%8b%ef%bb%bf",  # right-to-left override, zero-width space, BOM
    "%f0%9f%92%89" * 50,  # emoji
    "x" * 10_000,
    "%27%22%3Cscript%3E",
    "..%2F..%2Fetc%2Fpasswd",
]
# Names the site's pages read from the query string.
QUERY_NAMES = [
    "page",
    "q",
    "category",
    "tag",
    "kind",
    "where",
    "quote",
    "unread",
    "reason",
    "section",
    "next",
    "action",
]


def hostile_queries() -> list[str]:
    queries = []
    for value in HOSTILE_VALUES:
        queries.append("&".join(f"{name}={value}" for name in QUERY_NAMES))
        queries.append(f"page={value}")
        queries.append(f"q={value}")
    queries += ["page[]=1&page[]=2", "q[]=a&q[]=b&a[]=", "page=1&page=" + HUGE_NUMBER, "%zz=%zz"]
    return queries


# Addresses that are not part of the public site: Wagtail's admin (its own
# walker lives with the admin's tests), its document downloads and the
# password-protected page forms.
SKIPPED_PREFIXES = ("admin/", "^admin/", "documents/", "_util/")


def get_patterns(patterns=None, prefix="", namespace=""):
    """(route, name) for every URL pattern, namespaced as `reverse` wants."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}{pattern.namespace}:"
            yield from get_patterns(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern) and not route.startswith(SKIPPED_PREFIXES):
            yield route, f"{namespace}{pattern.name}" if pattern.name else route


ALL_PATTERNS = sorted(set(get_patterns()))


@pytest.fixture
def world(home):
    """One of everything a URL can point at."""
    moderator = UserFactory(username="jules")
    moderator.groups.add(Group.objects.get(name="Peer moderators"))
    member = UserFactory(username="river", trust_level=3)
    author = UserFactory(username="sam")
    thread = make_thread(
        category=CategoryFactory(slug="safer-use"), author=author, replies=1, tags=["naloxone"]
    )
    post = thread.posts.last()
    post_edit(post=post, editor=post.author, body="An edited reply, said better.")
    flag_create(content=post, flagger=member, reason="spam")
    action = member_warn(member=author, moderator=moderator, reason="Be kind.", note="")
    article = make_article(title="Tester shots")
    notification = Notification.objects.filter(
        recipient=author
    ).first() or Notification.objects.create(recipient=author, post=post)
    return {
        "member": member,
        "author": author,
        "thread": thread,
        "post": post,
        "revision": PostRevision.objects.filter(post=post).first(),
        "item": QueueItem.objects.first(),
        "action": action or ModerationAction.objects.first(),
        "notification": notification,
        "article": article,
    }


def paths_for(route: str, name: str, world: dict) -> list[str]:
    """Real addresses for the pattern, its parameters filled from `world`.
    Wagtail's pages share one pattern: the home page, the knowledge base (with
    its own search) and an article stand for them."""
    if name == "wagtail_serve":
        return ["/", "/kb/", world["article"].url, "/overdose/"]
    return [path_for(route, name, world)]


def path_for(route: str, name: str, world: dict) -> str:
    thread, post = world["thread"], world["post"]
    examples = {
        "robots.txt": "/robots.txt",
        "account_confirm_email": "/account/confirm-email/not-a-key/",
        "account_reset_password_from_key": "/account/password/reset/key/1-not-a-key/",
    }
    if name in examples:
        return examples[name]
    app, _colon, short = name.rpartition(":")
    values = {
        "pk": {
            "forum": post.pk,
            "moderation": world["item"].pk,
            "peerkb": world["item"].pk,
            "consultations": world["item"].pk,
            "": world["notification"].pk,
        }.get(app),
        "slug": thread.category.slug,
        "tag": "naloxone",
        "handle": world["author"].username,
        "model": "forum.post",
        "token": "not-a-token",
    }
    if short.startswith("thread") or short in {"reply"}:
        values["pk"] = thread.pk
        values["slug"] = thread.slug if short == "thread" else values["slug"]
    if short == "revision_purge":
        values["pk"] = world["revision"].pk
    if short == "decision":
        values["pk"] = world["action"].pk
    if short == "content_decision":
        values["pk"] = post.pk
    if short == "category" or short == "category_follow":
        values["slug"] = thread.category.slug
    needed = [part.split(">")[0].split(":")[-1] for part in route.split("<")[1:]]
    return reverse(name, kwargs={key: values[key] for key in needed})


def answers(client: Client, url: str, *, fresh: bool) -> int | str:
    if fresh:
        # A visitor with no cookies at all, the way the thread page cache sees them.
        client.cookies.clear()
    try:
        return client.get(url).status_code
    except Exception as error:  # noqa: BLE001 - the test counts every failure
        return f"{type(error).__name__}: {str(error)[:120]}"


@pytest.mark.parametrize(("route", "name"), ALL_PATTERNS, ids=[name for _r, name in ALL_PATTERNS])
def test_no_hostile_query_string_makes_a_page_fail(route, name, world):
    visitor, member = Client(), Client()
    member.force_login(world["member"])

    failures = []
    for path, query in itertools.product(paths_for(route, name, world), hostile_queries()):
        url = f"{path}?{query}"
        for who, client in (("visitor", visitor), ("member", member)):
            outcome = answers(client, url, fresh=who == "visitor")
            if not isinstance(outcome, int) or outcome >= 500:
                failures.append(f"{who} GET {url[:120]} → {outcome}")

    assert failures == []


@pytest.mark.parametrize(
    "path",
    [
        "/forum/tags/a%00b/",
        "/forum/t/1/a%00b/",
        "/members/a%00b/",
        "/moderation/members/a%00b/",
        "/moderation/flag/forum.post%00/1/",
        "/moderation/appeal/a%00b/",
        "/forum/new/?category=a%00b",
        "/forum/?a%00b=1",
    ],
)
def test_a_nul_anywhere_in_an_address_is_a_page_that_does_not_exist(path, world):
    member = Client()
    member.force_login(world["member"])

    for client in (Client(), member):
        assert client.get(path).status_code == 404
