from types import SimpleNamespace

import pytest

from django.urls import reverse

from accounts.models import Ignore
from forum.models import Post, Thread
from forum.services.posting import post_create
from forum.services.thread_tools import thread_lock
from moderation.models import (
    ActionKind,
    Appeal,
    FlagReason,
    ModerationAction,
    QueueItem,
    QueueVote,
    VoteChoice,
)
from moderation.services import (
    appeal_create,
    care_close,
    content_decide,
    flag_create,
    vote_cast,
)
from tests.factories import CategoryFactory, UserFactory, make_thread
from tests.html import parse, visible_text

pytestmark = pytest.mark.django_db

SIGN_IN = "sent to sign in"

# The review queue, whatever its length: session, user, the viewer's groups,
# the open items counted per kind, the page's count, its items with their
# members, what they are about (one query per kind of content: posts and
# threads here), the site, the Safety setting and the unread notifications.
QUEUE_PAGE_QUERY_BOUND = 11
# One item, whatever its flags and votes: session, user, groups, the item, its
# subject, the subject's author and thread, the votes with their voters, the
# member's earlier decisions, the flags with their flaggers, the site, the
# Safety setting and the unread notifications.
ITEM_PAGE_QUERY_BOUND = 13
# The log, whatever its length: the page's count, its decisions with actors
# and members, one query per kind of target (posts with their threads and
# categories, threads with their categories), the site and the Safety setting;
# a signed-in moderator adds session, user, groups and the unread notifications.
LOG_PAGE_QUERY_BOUND = 10


def refreshed(obj):
    obj.refresh_from_db()
    return obj


def outcome(response):
    """What the person meets: a page, a refusal, a redirect, or the sign-in page."""
    if response.status_code == 302 and response["Location"].startswith(reverse("account_login")):
        return SIGN_IN
    return response.status_code


def as_person(client, people, who):
    if people[who] is not None:
        client.force_login(people[who])
    return client


def links(html: str) -> set[str]:
    return {
        attributes["href"]
        for tag, attributes in parse(html).tags
        if tag == "a" and "href" in attributes
    }


def item_links(html: str) -> list[str]:
    """The queue items a page links to, in order."""
    return [
        attributes["href"]
        for tag, attributes in parse(html).tags
        if tag == "a"
        and attributes.get("href", "").startswith("/moderation/queue/")
        and attributes["href"].rstrip("/").split("/")[-1].isdigit()
    ]


def log_rows(html: str) -> list[str]:
    """The text of each decision the log lists, as a reader sees it."""
    if 'class="log-table"' not in html:
        return []
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [" ".join(visible_text(row).split()) for row in body.split("<tr>")[1:]]


def next_page(html: str) -> str:
    return next(
        attributes["href"]
        for tag, attributes in parse(html).tags
        if tag == "a" and attributes.get("rel") == "next"
    )


def open_item(content, kind="flagged") -> QueueItem:
    return QueueItem.objects.open().get(
        kind=kind, object_id=content.pk, content_type__model=content._meta.model_name
    )


@pytest.fixture
def people(make_member, peer_moderator, author, thread):
    return {
        "anonymous": None,
        "new member": make_member(level=0),
        "basic member": make_member(level=1),
        "level 2 member": make_member(level=2),
        "trusted member": make_member(level=3),
        "peer moderator": peer_moderator,
        "post author": author,
        "thread author": thread.author,
    }


@pytest.fixture
def queue_items(post, thread, author, make_member, second_moderator):
    """One open item of each kind peers work, all but the held one about `author`."""
    flag_create(content=post, flagger=make_member(level=0), reason=FlagReason.SOURCING)

    worrying = post_create(thread=thread, author=author, body="I took too much and I'm alone.")
    flag_create(content=worrying, flagger=make_member(level=1), reason=FlagReason.DANGER)

    appealed = post_create(thread=thread, author=author, body="Who has some to spare?")
    flag_create(content=appealed, flagger=make_member(level=1), reason=FlagReason.SOURCING)
    decision = content_decide(
        item=open_item(appealed), moderator=second_moderator, decision="hide", reason="Sourcing"
    )
    appeal = appeal_create(action=decision, appellant=author, message="I meant test kits.")

    held = post_create(
        thread=thread, author=make_member(level=0), body="Kits here: https://example.org/kits"
    )
    return SimpleNamespace(
        flagged=open_item(post),
        care=open_item(worrying, "care"),
        appeal=open_item(appeal, "appeal"),
        held=open_item(held, "held"),
        appealed_post=appealed,
    )


@pytest.fixture
def hidden_decision(post, make_member, second_moderator) -> ModerationAction:
    """`author`'s post, flagged and hidden by a moderator."""
    flag_create(content=post, flagger=make_member(level=1), reason=FlagReason.SOURCING)
    return content_decide(
        item=open_item(post), moderator=second_moderator, decision="hide", reason="Offers to sell"
    )


# ---- who may do what ----------------------------------------------------


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", SIGN_IN),
        ("new member", 403),
        ("basic member", 403),
        ("trusted member", 200),
        ("peer moderator", 200),
    ],
)
def test_the_review_queue_is_for_trusted_members_and_moderators(
    client, people, queue_items, who, expected
):
    response = as_person(client, people, who).get(reverse("moderation:queue"))

    assert outcome(response) == expected


def test_trusted_members_see_only_flagged_and_held_items(client, people, queue_items):
    page = as_person(client, people, "trusted member").get(reverse("moderation:queue"))

    html = page.content.decode()
    assert set(item_links(html)) == {
        queue_items.flagged.get_absolute_url(),
        queue_items.held.get_absolute_url(),
    }
    kinds = {href for href in links(html) if href.startswith("?kind=")}
    assert kinds == {"?kind=flagged", "?kind=held"}


def test_moderators_see_every_kind_of_item(client, people, queue_items):
    page = as_person(client, people, "peer moderator").get(reverse("moderation:queue"))

    html = page.content.decode()
    assert set(item_links(html)) == {
        queue_items.flagged.get_absolute_url(),
        queue_items.held.get_absolute_url(),
        queue_items.care.get_absolute_url(),
        queue_items.appeal.get_absolute_url(),
    }
    kinds = {href for href in links(html) if href.startswith("?kind=")}
    assert kinds == {
        "?kind=flagged",
        "?kind=held",
        "?kind=care",
        "?kind=appeal",
        "?kind=account",
        "?kind=profile",
        "?kind=article_review_due",
        "?kind=article_suggestion",
        "?kind=article_proposal",
        "?kind=organization_request",
        "?kind=consultation_report_overdue",
    }
    # Care comes first: someone may be in danger.
    assert item_links(html)[0] == queue_items.care.get_absolute_url()


@pytest.mark.parametrize(
    ("kind", "who", "expected"),
    [
        ("flagged", "anonymous", SIGN_IN),
        ("flagged", "new member", 403),
        ("flagged", "basic member", 403),
        ("flagged", "trusted member", 200),
        ("flagged", "peer moderator", 200),
        ("held", "trusted member", 200),
        ("care", "basic member", 403),
        ("care", "trusted member", 404),
        ("care", "peer moderator", 200),
        ("appeal", "basic member", 403),
        ("appeal", "trusted member", 404),
        ("appeal", "peer moderator", 200),
    ],
)
def test_who_may_open_each_kind_of_item(client, people, queue_items, kind, who, expected):
    item = getattr(queue_items, kind)

    response = as_person(client, people, who).get(item.get_absolute_url())

    assert outcome(response) == expected


def test_a_trusted_member_is_offered_a_vote_and_a_moderator_a_decision(client, people, queue_items):
    url = queue_items.flagged.get_absolute_url()

    trusted = as_person(client, people, "trusted member").get(url).content.decode()
    moderator = as_person(client, people, "peer moderator").get(url).content.decode()

    vote_url = reverse("moderation:item_vote", kwargs={"pk": queue_items.flagged.pk})
    decide_url = reverse("moderation:item_decide", kwargs={"pk": queue_items.flagged.pk})
    assert f'action="{vote_url}"' in trusted and f'action="{decide_url}#' not in trusted
    assert f'action="{decide_url}#' in moderator and f'action="{vote_url}"' not in moderator
    # Who flagged stays between moderators.
    flagger = queue_items.flagged.subject.flags.get().flagger.username
    assert flagger in moderator and flagger not in trusted


@pytest.mark.parametrize(
    ("who", "expected", "decided"),
    [
        ("anonymous", SIGN_IN, False),
        ("new member", 403, False),
        ("basic member", 403, False),
        ("trusted member", 403, False),
        ("peer moderator", 302, True),
    ],
)
def test_only_a_peer_moderator_can_decide_an_item(
    client, people, queue_items, post, who, expected, decided
):
    response = as_person(client, people, who).post(
        reverse("moderation:item_decide", kwargs={"pk": queue_items.flagged.pk}),
        {"decision": "hide", "reason": "Offers to sell"},
    )

    assert outcome(response) == expected
    assert refreshed(post).is_hidden is decided
    assert refreshed(queue_items.flagged).is_open is not decided
    if decided:
        assert response["Location"] == reverse("moderation:queue") + "#main"


@pytest.mark.parametrize(
    ("who", "expected", "voted"),
    [
        ("anonymous", SIGN_IN, False),
        ("new member", 403, False),
        ("basic member", 403, False),
        ("trusted member", 302, True),
        # Moderators decide; a vote from them would count for less than their word.
        ("peer moderator", 403, False),
    ],
)
def test_only_trusted_members_vote_on_an_item(client, people, queue_items, who, expected, voted):
    response = as_person(client, people, who).post(
        reverse("moderation:item_vote", kwargs={"pk": queue_items.flagged.pk}), {"choice": "hide"}
    )

    assert outcome(response) == expected
    votes = QueueVote.objects.filter(item=queue_items.flagged)
    assert list(votes.values_list("choice", flat=True)) == (["hide"] if voted else [])
    assert refreshed(queue_items.flagged).is_open


@pytest.mark.parametrize(
    ("who", "expected", "closed"),
    [
        ("anonymous", SIGN_IN, False),
        ("new member", 403, False),
        ("basic member", 403, False),
        ("trusted member", 404, False),
        ("peer moderator", 302, True),
    ],
)
def test_only_a_peer_moderator_closes_a_care_item(
    client, people, queue_items, who, expected, closed
):
    response = as_person(client, people, who).post(
        reverse("moderation:item_care", kwargs={"pk": queue_items.care.pk}),
        {"note": "Replied in the thread with the crisis lines."},
    )

    assert outcome(response) == expected
    assert refreshed(queue_items.care).is_open is not closed


@pytest.mark.parametrize(
    ("who", "expected", "reversed_"),
    [
        ("anonymous", SIGN_IN, False),
        ("new member", 403, False),
        ("basic member", 403, False),
        ("trusted member", 404, False),
        ("peer moderator", 302, True),
    ],
)
def test_only_a_peer_moderator_decides_an_appeal(
    client, people, queue_items, who, expected, reversed_
):
    response = as_person(client, people, who).post(
        reverse("moderation:item_appeal", kwargs={"pk": queue_items.appeal.pk}),
        {"outcome": "reversed", "reason": "It was about test kits."},
    )

    assert outcome(response) == expected
    assert refreshed(queue_items.appealed_post).is_visible is reversed_
    assert refreshed(queue_items.appeal).is_open is not reversed_


def test_the_moderator_who_decided_cannot_decide_its_appeal(client, queue_items, second_moderator):
    client.force_login(second_moderator)
    url = queue_items.appeal.get_absolute_url()

    page = client.get(url).content.decode()
    response = client.post(
        reverse("moderation:item_appeal", kwargs={"pk": queue_items.appeal.pk}),
        {"outcome": "reversed", "reason": "On reflection it was fine."},
    )

    assert "a different moderator must decide this appeal" in page
    assert response.status_code == 403
    assert refreshed(queue_items.appealed_post).is_hidden
    assert refreshed(queue_items.appeal).is_open


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", SIGN_IN),
        ("new member", 403),
        ("basic member", 403),
        ("trusted member", 403),
        ("peer moderator", 200),
    ],
)
def test_only_a_peer_moderator_opens_a_members_moderation_page(
    client, people, author, who, expected
):
    response = as_person(client, people, who).get(
        reverse("moderation:member", kwargs={"handle": author.username})
    )

    assert outcome(response) == expected


@pytest.mark.parametrize(
    ("who", "expected", "silenced"),
    [
        ("anonymous", SIGN_IN, False),
        ("new member", 403, False),
        ("basic member", 403, False),
        ("trusted member", 403, False),
        ("peer moderator", 302, True),
    ],
)
def test_only_a_peer_moderator_silences_a_member(client, people, author, who, expected, silenced):
    response = as_person(client, people, who).post(
        reverse("moderation:member", kwargs={"handle": author.username}),
        {"action": "silence", "silence_days": "3", "reason": "Repeated sourcing"},
    )

    assert outcome(response) == expected
    assert refreshed(author).is_silenced is silenced
    assert ModerationAction.objects.filter(action=ActionKind.SILENCE).exists() is silenced


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", SIGN_IN),
        ("post author", 200),
        ("basic member", 404),
        ("trusted member", 404),
        ("peer moderator", 200),
    ],
)
def test_a_decision_page_is_for_the_member_it_concerns_and_moderators(
    client, people, hidden_decision, who, expected
):
    response = as_person(client, people, who).get(
        reverse("moderation:decision", kwargs={"pk": hidden_decision.pk})
    )

    assert outcome(response) == expected
    if expected == 200:
        assert "Offers to sell" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "expected", "appealed"),
    [
        ("anonymous", SIGN_IN, False),
        ("post author", 302, True),
        ("basic member", 404, False),
        ("peer moderator", 403, False),
    ],
)
def test_only_the_member_a_decision_concerns_can_appeal_it(
    client, people, hidden_decision, who, expected, appealed
):
    response = as_person(client, people, who).post(
        reverse("moderation:decision", kwargs={"pk": hidden_decision.pk}),
        {"message": "I was asking about drug checking."},
    )

    assert outcome(response) == expected
    assert Appeal.objects.filter(action=hidden_decision).exists() is appealed


@pytest.mark.parametrize(
    "who", ["anonymous", "new member", "basic member", "trusted member", "peer moderator"]
)
def test_everyone_can_read_the_moderation_log(client, people, hidden_decision, who):
    response = as_person(client, people, who).get(reverse("moderation:log"))

    assert outcome(response) == 200
    assert "Offers to sell" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", SIGN_IN),
        ("new member", 403),
        ("basic member", 403),
        ("trusted member", 403),
        ("peer moderator", 200),
    ],
)
def test_only_a_peer_moderator_opens_the_thread_tools(client, people, thread, who, expected):
    response = as_person(client, people, who).get(
        reverse("forum:thread_moderate", kwargs={"pk": thread.pk})
    )

    assert outcome(response) == expected


@pytest.mark.parametrize(
    ("who", "expected", "locked"),
    [
        ("anonymous", SIGN_IN, False),
        ("new member", 403, False),
        ("basic member", 403, False),
        ("trusted member", 403, False),
        ("peer moderator", 302, True),
    ],
)
def test_only_a_peer_moderator_locks_a_thread_and_the_lock_is_logged(
    client, people, thread, who, expected, locked
):
    response = as_person(client, people, who).post(
        reverse("forum:thread_moderate", kwargs={"pk": thread.pk}),
        {"tool": "lock", "lock-reason": "Going in circles"},
    )

    assert outcome(response) == expected
    assert refreshed(thread).is_locked is locked
    logged = ModerationAction.objects.filter(
        action=ActionKind.LOCK, object_id=thread.pk, reason="Going in circles"
    )
    assert logged.exists() is locked


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", SIGN_IN),
        ("new member", 403),
        ("basic member", 403),
        ("thread author", 200),
        ("level 2 member", 200),
        ("trusted member", 200),
        ("peer moderator", 200),
    ],
)
def test_the_tags_form_opens_for_the_author_and_members_from_level_2(
    client, people, thread, who, expected
):
    response = as_person(client, people, who).get(
        reverse("forum:thread_tags", kwargs={"pk": thread.pk})
    )

    assert outcome(response) == expected


@pytest.mark.parametrize(
    ("who", "expected", "saved"),
    [
        ("anonymous", SIGN_IN, False),
        ("new member", 403, False),
        ("basic member", 403, False),
        ("thread author", 302, True),
        ("level 2 member", 302, True),
        ("trusted member", 302, True),
        ("peer moderator", 302, True),
    ],
)
def test_the_author_and_members_from_level_2_tidy_a_threads_tags(
    client, people, thread, who, expected, saved
):
    response = as_person(client, people, who).post(
        reverse("forum:thread_tags", kwargs={"pk": thread.pk}), {"tags": "naloxone, fentanyl"}
    )

    assert outcome(response) == expected
    tags = set(refreshed(thread).tags.names())
    assert tags == ({"naloxone", "fentanyl"} if saved else set())


@pytest.mark.parametrize(
    ("who", "expected", "ignoring"),
    [
        ("anonymous", SIGN_IN, False),
        ("new member", 403, False),
        ("basic member", 302, True),
        ("trusted member", 302, True),
        ("peer moderator", 302, True),
    ],
)
def test_members_from_level_1_can_ignore_someone(client, people, author, who, expected, ignoring):
    response = as_person(client, people, who).post(
        reverse("accounts:ignore", kwargs={"handle": author.username}), {"ignore": "1"}
    )

    assert outcome(response) == expected
    assert Ignore.objects.filter(ignored=author).exists() is ignoring


@pytest.mark.parametrize("who", ["new member", "basic member", "trusted member", "post author"])
def test_nobody_can_ignore_a_peer_moderator(client, people, peer_moderator, who):
    response = as_person(client, people, who).post(
        reverse("accounts:ignore", kwargs={"handle": peer_moderator.username}), {"ignore": "1"}
    )

    assert outcome(response) == 403
    assert not Ignore.objects.filter(ignored=peer_moderator).exists()


def test_a_peer_moderator_cannot_ignore_another(client, peer_moderator, second_moderator):
    client.force_login(second_moderator)

    response = client.post(
        reverse("accounts:ignore", kwargs={"handle": peer_moderator.username}), {"ignore": "1"}
    )

    assert outcome(response) == 403
    assert not Ignore.objects.exists()


# ---- the public log -----------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "basic member", "trusted member"])
def test_the_public_log_says_a_moderator_and_never_who(client, people, hidden_decision, who):
    html = as_person(client, people, who).get(reverse("moderation:log")).content.decode()

    (row,) = log_rows(html)
    # Date, what was done and by whom, why: nobody's handle.
    assert row.endswith(" Hid content: a post by a moderator Offers to sell")
    assert hidden_decision.actor.username not in html


def test_a_moderator_sees_who_decided_and_about_whom(client, peer_moderator, hidden_decision):
    client.force_login(peer_moderator)

    html = client.get(reverse("moderation:log")).content.decode()

    (row,) = log_rows(html)
    assert f"({hidden_decision.target_user.username})" in row
    assert hidden_decision.actor.username in row
    assert "a moderator" not in row


def test_the_log_links_to_content_only_for_those_who_may_see_it(
    client, thread, author, make_member, member, second_moderator, peer_moderator
):
    hidden = post_create(thread=thread, author=author, body="Who sells near the station?")
    kept = post_create(thread=thread, author=author, body="Fentanyl strips saved me.")
    for content, decision in ((hidden, "hide"), (kept, "keep")):
        flag_create(content=content, flagger=make_member(level=1), reason=FlagReason.SOURCING)
        content_decide(
            item=open_item(content), moderator=second_moderator, decision=decision, reason="Read"
        )
    private = make_thread(category=CategoryFactory(is_members_only=True), title="Members only")
    thread_lock(thread=private, moderator=second_moderator, locked=True, reason="Resolved")
    hidden_url = hidden.get_absolute_url()
    kept_url = kept.get_absolute_url()
    private_url = private.get_absolute_url()

    public = links(client.get(reverse("moderation:log")).content.decode())
    client.force_login(member)
    signed_in = links(client.get(reverse("moderation:log")).content.decode())
    client.force_login(peer_moderator)
    moderating = links(client.get(reverse("moderation:log")).content.decode())

    assert kept_url in public and hidden_url not in public and private_url not in public
    assert kept_url in signed_in and private_url in signed_in and hidden_url not in signed_in
    assert {kept_url, hidden_url, private_url} <= moderating


def test_care_follow_ups_never_appear_in_the_public_log(client, post, make_member, peer_moderator):
    flag_create(content=post, flagger=make_member(level=1), reason=FlagReason.DANGER)
    care_close(item=open_item(post, "care"), moderator=peer_moderator, note="Sent the crisis lines")

    public = client.get(reverse("moderation:log")).content.decode()
    asked = client.get(reverse("moderation:log") + "?action=care").content.decode()
    client.force_login(peer_moderator)
    moderating = client.get(reverse("moderation:log")).content.decode()

    assert log_rows(public) == [] and log_rows(asked) == []
    assert "Sent the crisis lines" not in public + asked
    assert "Followed up on a care request" not in public
    (row,) = log_rows(moderating)
    assert "Followed up on a care request" in row and "Sent the crisis lines" in row


def test_filtering_the_log_by_hide_shows_only_hides(
    client, thread, author, make_member, second_moderator
):
    for number, decision in enumerate(("hide", "keep", "hide")):
        content = post_create(thread=thread, author=author, body=f"Reply {number}")
        flag_create(content=content, flagger=make_member(level=1), reason=FlagReason.SOURCING)
        content_decide(
            item=open_item(content), moderator=second_moderator, decision=decision, reason="Read"
        )
    thread_lock(thread=thread, moderator=second_moderator, locked=True, reason="Resolved")

    everything = log_rows(client.get(reverse("moderation:log")).content.decode())
    hides = log_rows(client.get(reverse("moderation:log") + "?action=hide").content.decode())

    assert len(everything) == 4
    assert len(hides) == 2
    assert all("Hid content" in row for row in hides)


def test_the_logs_second_page_keeps_the_filter(client, thread, second_moderator):
    for _ in range(51):
        thread_lock(thread=thread, moderator=second_moderator, locked=True, reason="Heated")
        thread_lock(thread=thread, moderator=second_moderator, locked=False, reason="Calmer")

    first = client.get(reverse("moderation:log") + "?action=lock").content.decode()
    second = client.get(reverse("moderation:log") + next_page(first)).content.decode()

    assert len(log_rows(first)) == 50
    assert [row for row in log_rows(second) if "Locked a thread" in row] == log_rows(second)
    assert len(log_rows(second)) == 1
    assert "Page 2 of 2" in second


# ---- the queue page -----------------------------------------------------


def test_an_empty_queue_says_so(client, people):
    as_person(client, people, "peer moderator")

    everything = client.get(reverse("moderation:queue")).content.decode()
    care = client.get(reverse("moderation:queue") + "?kind=care").content.decode()

    assert "The queue is empty. Nothing needs a look right now." in everything
    assert "Nothing of this kind is waiting." in care
    assert item_links(everything) == [] and item_links(care) == []


def test_the_queue_filters_by_kind(client, people, queue_items):
    as_person(client, people, "peer moderator")

    care = client.get(reverse("moderation:queue") + "?kind=care").content.decode()
    held = client.get(reverse("moderation:queue") + "?kind=held").content.decode()

    assert item_links(care) == [queue_items.care.get_absolute_url()]
    assert item_links(held) == [queue_items.held.get_absolute_url()]


def test_a_trusted_member_cannot_filter_their_way_to_care_items(client, people, queue_items):
    as_person(client, people, "trusted member")

    html = client.get(reverse("moderation:queue") + "?kind=care").content.decode()

    assert queue_items.care.get_absolute_url() not in item_links(html)
    assert set(item_links(html)) == {
        queue_items.flagged.get_absolute_url(),
        queue_items.held.get_absolute_url(),
    }


def flagged_content(*, numbers, thread, flagger, hider=None):
    """Flagged posts and threads, every third a thread; with a `hider`, every
    fourth is flagged by them and so hidden at once."""
    made = []
    for number in numbers:
        if number % 3 == 0:
            content = make_thread(title=f"Thread number {number}")
        else:
            content = post_create(thread=thread, author=UserFactory(), body=f"Reply {number}.")
        by = hider if hider is not None and number % 4 == 0 else flagger
        flag_create(content=content, flagger=by, reason=FlagReason.SOURCING)
        made.append(content)
    return made


def test_the_queue_shows_twenty_five_items_a_page(client, people, thread):
    flagged_content(numbers=range(26), thread=thread, flagger=people["trusted member"])
    as_person(client, people, "peer moderator")

    first = client.get(reverse("moderation:queue")).content.decode()
    second = client.get(reverse("moderation:queue") + next_page(first)).content.decode()

    assert len(item_links(first)) == 25
    assert len(item_links(second)) == 1
    assert set(item_links(first)).isdisjoint(item_links(second))


# ---- what each page costs -----------------------------------------------


def test_the_queue_costs_the_same_with_3_and_30_items(client, people, thread, page_costs):
    trusted, moderator = people["trusted member"], people["peer moderator"]
    urls = [reverse("moderation:queue"), reverse("moderation:queue") + "?kind=flagged"]
    flagged_content(numbers=range(3), thread=thread, flagger=trusted, hider=moderator)
    client.force_login(moderator)

    at_three = page_costs(client, urls)
    flagged_content(numbers=range(3, 30), thread=thread, flagger=trusted, hider=moderator)
    at_thirty = page_costs(client, urls)

    assert QueueItem.objects.open().count() == 30
    assert Thread.objects.filter(moderation_state="hidden").exists()
    assert Post.objects.filter(moderation_state="hidden").exists()
    assert at_three == at_thirty
    assert max(at_thirty) <= QUEUE_PAGE_QUERY_BOUND


def test_an_items_page_costs_the_same_with_2_and_20_flags(
    client, settings, post, make_member, peer_moderator, page_costs
):
    # A high threshold keeps the post up however many flag it.
    settings.MODERATION_HIDE_THRESHOLD = 1000
    for _ in range(2):
        flag_create(content=post, flagger=make_member(level=0), reason=FlagReason.SOURCING)
    item = open_item(post)
    vote_cast(item=item, voter=make_member(level=3), choice=VoteChoice.HIDE)
    trusted = make_member(level=3)
    client.force_login(peer_moderator)
    small = page_costs(client, [item.get_absolute_url()])
    client.force_login(trusted)
    small += page_costs(client, [item.get_absolute_url()])

    reasons = [FlagReason.SPAM, FlagReason.HARASSMENT, FlagReason.OTHER]
    for number in range(18):
        flag_create(
            content=post,
            flagger=make_member(level=0),
            reason=reasons[number % 3],
            note=f"Note {number}",
        )
    vote_cast(item=item, voter=make_member(level=3), choice=VoteChoice.HIDE)
    for _ in range(2):
        vote_cast(item=item, voter=make_member(level=3), choice=VoteChoice.KEEP)
    client.force_login(peer_moderator)
    large = page_costs(client, [item.get_absolute_url()])
    client.force_login(trusted)
    large += page_costs(client, [item.get_absolute_url()])

    assert post.flags.count() == 20 and item.votes.count() == 4
    assert small == large
    assert max(large) <= ITEM_PAGE_QUERY_BOUND


def decided_content(*, numbers, thread, flagger, moderator):
    """A decision on each of these: posts and threads, every other one hidden."""
    for number, content in zip(
        numbers, flagged_content(numbers=numbers, thread=thread, flagger=flagger), strict=True
    ):
        content_decide(
            item=open_item(content),
            moderator=moderator,
            decision="keep" if number % 2 else "hide",
            reason=f"Decision {number}",
        )


def test_the_log_costs_the_same_with_3_and_30_decisions(
    client, people, thread, second_moderator, page_costs
):
    trusted, moderator = people["trusted member"], people["peer moderator"]
    urls = [reverse("moderation:log"), reverse("moderation:log") + "?action=hide"]
    decided_content(numbers=range(3), thread=thread, flagger=trusted, moderator=second_moderator)

    public_at_three = page_costs(client, urls)
    client.force_login(moderator)
    moderating_at_three = page_costs(client, urls)
    client.logout()
    decided_content(
        numbers=range(3, 30), thread=thread, flagger=trusted, moderator=second_moderator
    )
    public_at_thirty = page_costs(client, urls)
    client.force_login(moderator)
    moderating_at_thirty = page_costs(client, urls)

    assert ModerationAction.objects.count() == 30
    assert public_at_three == public_at_thirty
    assert moderating_at_three == moderating_at_thirty
    assert max(public_at_thirty + moderating_at_thirty) <= LOG_PAGE_QUERY_BOUND


def test_a_trusted_member_voting_does_not_see_the_authors_record(
    client, post, make_member, peer_moderator
):
    from moderation.services import flag_create, member_warn

    member_warn(member=post.author, moderator=peer_moderator, reason="Keep it kind")
    flag_create(content=post, flagger=make_member(level=1), reason="spam")
    item = QueueItem.objects.get(kind="flagged")

    client.force_login(make_member(level=3))
    as_trusted = client.get(item.get_absolute_url()).content.decode()
    client.force_login(peer_moderator)
    as_moderator = client.get(item.get_absolute_url()).content.decode()

    assert "Keep it kind" not in as_trusted
    assert "Keep it kind" in as_moderator


def test_a_trusted_member_cannot_open_a_closed_item(client, post, make_member, peer_moderator):
    from moderation.services import content_decide, flag_create

    flag_create(content=post, flagger=make_member(level=1), reason="identifies", note="my cousin")
    item = QueueItem.objects.get(kind="flagged")
    content_decide(item=item, moderator=peer_moderator, decision="delete", reason="Doxxing")
    client.force_login(make_member(level=3))

    response = client.get(item.get_absolute_url())

    assert response.status_code == 404


def test_trusted_members_never_see_care_flags_or_flag_notes(client, post, make_member):
    from moderation.services import flag_create

    flag_create(content=post, flagger=make_member(level=1), reason="spam", note="same ad again")
    flag_create(content=post, flagger=make_member(), reason="danger", note="she has a plan")
    client.force_login(make_member(level=3))

    page = client.get(QueueItem.objects.get(kind="flagged").get_absolute_url()).content.decode()

    assert "she has a plan" not in page and "same ad again" not in page
    assert "Someone may be in danger" not in page


def test_a_hold_for_identifying_details_takes_other_items_away_from_voters(
    client, post, make_member
):
    from forum.services.posting import post_edit
    from moderation.services import flag_create

    flag_create(content=post, flagger=make_member(level=1), reason="spam")
    post_edit(post=post, editor=post.author, body="Text me at 312-555-0199")

    assert set(QueueItem.objects.open().values_list("kind", "moderators_only")) == {
        ("flagged", True),
        ("held", True),
    }


def test_a_moderator_whose_flag_hid_a_post_cannot_decide_its_appeal(
    post, peer_moderator, second_moderator
):
    from moderation.models import ActionKind, ModerationAction
    from moderation.services import appeal_create, can_decide_appeal, flag_create

    flag_create(content=post, flagger=peer_moderator, reason="sourcing")
    hide = ModerationAction.objects.get(action=ActionKind.COMMUNITY_HIDE)
    appeal = appeal_create(action=hide, appellant=post.author, message="Please look again")

    assert not can_decide_appeal(appeal, peer_moderator)
    assert can_decide_appeal(appeal, second_moderator)


def test_the_flag_page_for_a_thread_never_shows_a_removed_opening_post(
    client, make_member, peer_moderator
):
    from forum.services.posting import thread_create
    from moderation.services import content_decide, flag_create
    from tests.factories import CategoryFactory

    thread = thread_create(
        category=CategoryFactory(), author=make_member(), title="Hello", body="Her name is Jo Doe"
    )
    opening = thread.posts.get()
    flag_create(content=opening, flagger=make_member(level=1), reason="identifies")
    content_decide(
        item=QueueItem.objects.get(kind="flagged"),
        moderator=peer_moderator,
        decision="delete",
        reason="Names someone",
    )
    client.force_login(make_member())

    page = client.get(f"/moderation/flag/forum.thread/{thread.pk}/").content.decode()

    assert "Hello" in page and "Jo Doe" not in page


# ---- working a long queue -----------------------------------------------


def age(item: QueueItem, hours: int) -> None:
    """Make an item look as if it opened `hours` ago."""
    from datetime import timedelta

    from django.utils import timezone

    QueueItem.objects.filter(pk=item.pk).update(created_at=timezone.now() - timedelta(hours=hours))


def test_a_moderator_finds_one_members_items_by_handle_in_any_case(client, people, queue_items):
    flagged_content(
        numbers=range(1, 4),
        thread=queue_items.flagged.subject.thread,
        flagger=people["trusted member"],
    )
    as_person(client, people, "peer moderator")

    html = client.get(reverse("moderation:queue"), {"member": "SAM"}).content.decode()
    nobody = client.get(reverse("moderation:queue"), {"member": "@nobody_here"}).content.decode()

    assert set(item_links(html)) == {
        queue_items.flagged.get_absolute_url(),
        queue_items.care.get_absolute_url(),
        queue_items.appeal.get_absolute_url(),
    }
    assert 'value="SAM"' in html
    assert item_links(nobody) == []
    assert "Nothing from or about “@nobody_here” is waiting here." in nobody


def test_a_moderators_page_about_a_member_links_to_their_items_in_the_queue(
    client, people, queue_items, author
):
    as_person(client, people, "peer moderator")

    member_page = client.get(
        reverse("moderation:member", kwargs={"handle": "sam"})
    ).content.decode()
    link = reverse("moderation:queue") + "?member=sam"
    queue_page = client.get(link).content.decode()

    assert link in links(member_page)
    assert queue_items.flagged.get_absolute_url() in item_links(queue_page)
    assert queue_items.held.get_absolute_url() not in item_links(queue_page)


def test_the_queue_puts_care_first_then_the_longest_waiting_and_can_sort_by_age(
    client, people, thread
):
    trusted = people["trusted member"]
    newer, older, oldest = (
        open_item(content)
        for content in flagged_content(numbers=[1, 2, 4], thread=thread, flagger=trusted)
    )
    worrying = post_create(thread=thread, author=UserFactory(), body="I'm not okay tonight.")
    flag_create(content=worrying, flagger=trusted, reason=FlagReason.DANGER)
    care = open_item(worrying, "care")
    age(newer, 1), age(older, 5), age(oldest, 30), age(care, 2)
    as_person(client, people, "peer moderator")
    url = reverse("moderation:queue")

    urgent = item_links(client.get(url).content.decode())
    oldest_first = item_links(client.get(url, {"sort": "oldest"}).content.decode())
    newest_first = item_links(client.get(url, {"sort": "newest"}).content.decode())

    in_order = [item.get_absolute_url() for item in (care, oldest, older, newer)]
    assert urgent == in_order
    assert oldest_first == [item.get_absolute_url() for item in (oldest, older, care, newer)]
    assert newest_first == [item.get_absolute_url() for item in (newer, care, older, oldest)]


def test_a_trusted_member_sees_what_they_voted_in_the_list_and_on_the_item(
    client, people, queue_items
):
    voter = people["trusted member"]
    vote_cast(item=queue_items.flagged, voter=voter, choice=VoteChoice.HIDE)
    client.force_login(voter)

    listing = client.get(reverse("moderation:queue")).content.decode()
    rows = listing.split('class="queue-list"', 1)[1].split("<li")[1:]
    voted_row = next(row for row in rows if queue_items.flagged.get_absolute_url() in row)
    other_row = next(row for row in rows if queue_items.held.get_absolute_url() in row)
    item_page = client.get(queue_items.flagged.get_absolute_url()).content.decode()

    assert "You voted: Hide it" in visible_text(voted_row)
    assert "You voted" not in visible_text(other_row)
    assert "You voted: Hide it." in visible_text(item_page)


@pytest.mark.parametrize("kind", ["flagged", "care", "appeal"])
def test_a_closed_item_shows_its_outcome_and_offers_no_decision(
    client, people, queue_items, second_moderator, kind
):
    item = getattr(queue_items, kind)
    if kind == "flagged":
        content_decide(item=item, moderator=second_moderator, decision="keep", reason="Fine")
    elif kind == "care":
        care_close(item=item, moderator=second_moderator, note="Replied in the thread")
    else:
        from moderation.services import appeal_decide

        appeal_decide(
            appeal=item.subject, moderator=people["peer moderator"], reverse=False, reason="Stands"
        )
        second_moderator = people["peer moderator"]
    as_person(client, people, "peer moderator")

    html = client.get(item.get_absolute_url()).content.decode()
    text = " ".join(visible_text(html).split())

    assert f"Closed: {refreshed(item).outcome}" in text
    assert f"by {second_moderator.username}" in text
    assert "decide" not in text.lower()
    assert not [
        attributes
        for tag, attributes in parse(html).tags
        if tag == "form" and attributes.get("action", "").startswith("/moderation/")
    ]


def test_after_each_queue_action_the_moderator_lands_on_the_message_not_a_stray_anchor(
    client, people, queue_items, thread
):
    moderator = people["peer moderator"]
    client.force_login(moderator)

    responses = [
        client.post(
            reverse("moderation:item_decide", kwargs={"pk": queue_items.flagged.pk}),
            {"decision": "keep", "reason": "Nothing wrong"},
        ),
        client.post(
            reverse("moderation:item_care", kwargs={"pk": queue_items.care.pk}),
            {"note": "Reached out"},
        ),
        client.post(
            reverse("moderation:item_appeal", kwargs={"pk": queue_items.appeal.pk}),
            {"outcome": "upheld", "reason": "It stands"},
        ),
        client.post(
            reverse("moderation:member", kwargs={"handle": "sam"}),
            {"action": "warn", "reason": "Keep it kind"},
        ),
        client.post(
            reverse("forum:thread_moderate", kwargs={"pk": thread.pk}),
            {"tool": "lock", "lock-reason": "Cooling off"},
        ),
    ]

    assert [response.status_code for response in responses] == [302] * 5
    assert [response["Location"].rsplit("#", 1)[-1] for response in responses] == ["main"] * 5
    assert all("#decision" not in response["Location"] for response in responses)


def test_the_queues_next_page_keeps_the_member_kind_and_order(client, people, thread):
    handle = "river"
    member = UserFactory(username=handle, trust_level=1)
    for number in range(27):
        reply = post_create(thread=thread, author=member, body=f"Reply number {number}.")
        flag_create(content=reply, flagger=people["trusted member"], reason=FlagReason.SPAM)
    flagged_content(numbers=[1, 2], thread=thread, flagger=people["trusted member"])
    as_person(client, people, "peer moderator")

    first = client.get(
        reverse("moderation:queue"), {"member": "River", "kind": "flagged", "sort": "newest"}
    ).content.decode()
    following = next_page(first)
    second = client.get(reverse("moderation:queue") + following).content.decode()

    assert "member=River" in following and "kind=flagged" in following
    assert "sort=newest" in following
    assert len(item_links(first)) == 25 and len(item_links(second)) == 2
    assert all(
        QueueItem.objects.get(pk=link.rstrip("/").split("/")[-1]).member == member
        for link in item_links(first) + item_links(second)
    )


def test_the_queue_filtered_by_member_costs_the_same_with_3_and_30_items(
    client, people, thread, page_costs
):
    trusted, moderator = people["trusted member"], people["peer moderator"]
    voter = UserFactory(username="voter", trust_level=3)
    member = UserFactory(username="river", trust_level=1)
    urls = [
        reverse("moderation:queue") + "?member=RIVER",
        reverse("moderation:queue") + "?member=river&kind=flagged&sort=newest",
        reverse("moderation:queue") + "?sort=oldest",
    ]

    def flag_and_vote(numbers):
        for number in numbers:
            reply = post_create(thread=thread, author=member, body=f"Reply number {number}.")
            flag_create(content=reply, flagger=trusted, reason=FlagReason.SOURCING)
            vote_cast(item=open_item(reply), voter=voter, choice=VoteChoice.KEEP)

    flag_and_vote(range(3))
    costs_at_three = []
    for person in (moderator, voter):
        client.force_login(person)
        costs_at_three += page_costs(client, urls)
    flag_and_vote(range(3, 30))
    costs_at_thirty = []
    for person in (moderator, voter):
        client.force_login(person)
        costs_at_thirty += page_costs(client, urls)

    assert QueueItem.objects.open().filter(member=member).count() == 30
    assert "You voted: Keep it" in client.get(urls[0]).content.decode()
    assert costs_at_three == costs_at_thirty
    assert max(costs_at_thirty) <= QUEUE_PAGE_QUERY_BOUND


def test_a_vote_on_a_held_post_is_shown_in_the_words_of_the_button_pressed(
    client, people, queue_items
):
    voter = people["trusted member"]
    vote_cast(item=queue_items.held, voter=voter, choice=VoteChoice.KEEP)
    client.force_login(voter)

    listing = client.get(reverse("moderation:queue")).content.decode()
    item_page = client.get(queue_items.held.get_absolute_url()).content.decode()

    assert "You voted: Let it show" in visible_text(listing)
    assert "You voted: Let it show." in visible_text(item_page)
    assert "Keep it" not in visible_text(item_page).split("You voted:", 1)[1][:20]
