"""A form that couldn't be saved, because the session ended or the database
was busy, comes back filled in on the page it was sent from."""

from urllib.parse import parse_qs, urlsplit

import pytest

from django.contrib.auth.models import Group
from django.db import OperationalError
from django.urls import reverse

from forum.models import Post, Thread
from moderation.models import QueueItem
from peersite.unsent import MAX_FIELD_CHARACTERS
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("account_login")
SIGNED_OUT_MESSAGE = "You were signed out, so we didn&#x27;t post that yet. Your text is below."
NOT_SAVED_MESSAGE = "We couldn&#x27;t save that just now. Your text is below; please try again."
REPLY = "Same here. I keep two kits now, one in my bag and one at home."


@pytest.fixture
def thread(home):
    return make_thread(category=CategoryFactory(slug="naloxone"), title="Where to get kits?")


def next_from(response) -> str:
    """Where the sign-in page will send the person: its `next`."""
    return parse_qs(urlsplit(response["Location"]).query)["next"][0]


def log_in(client, next_url, member, password):
    """Sign in through the real login form, as someone sent there would."""
    response = client.post(
        LOGIN_URL, {"login": member.username, "password": password, "next": next_url}
    )
    assert response.status_code == 302
    return response["Location"]


def test_a_reply_sent_after_the_session_ended_is_in_the_box_after_signing_in(
    client, member, password, thread
):
    thread_url = thread.get_absolute_url()

    response = client.post(
        reverse("forum:reply", args=[thread.pk]),
        {"body": REPLY, "quoted_post": ""},
        HTTP_REFERER=f"http://testserver{thread_url}",
    )

    assert response.status_code == 302
    assert response["Location"].startswith(f"{LOGIN_URL}?next=")
    login_page = client.get(response["Location"]).content.decode()
    assert "You were signed out. Sign in to carry on where you left off" in login_page
    landing = log_in(client, next_from(response), member, password)
    assert urlsplit(landing).path == thread_url
    page = client.get(landing)
    assert page.status_code == 200
    html = page.content.decode()
    assert SIGNED_OUT_MESSAGE in html
    assert REPLY in html
    assert page.context["reply_form"]["body"].value() == REPLY
    assert not Post.objects.filter(body_source=REPLY).exists()

    # Posting it now works, and the text is given back only once.
    client.post(reverse("forum:reply", args=[thread.pk]), {"body": REPLY})
    assert Post.objects.filter(body_source=REPLY, author=member).exists()
    assert not client.get(thread_url).context["reply_form"]["body"].value()


def test_without_a_referer_the_reply_lands_on_its_thread(client, member, password, thread):
    response = client.post(reverse("forum:reply", args=[thread.pk]), {"body": REPLY})

    next_url = next_from(response)
    assert urlsplit(next_url).path == f"/forum/t/{thread.pk}/"
    landing = log_in(client, next_url, member, password)
    page = client.get(landing, follow=True)
    assert page.status_code == 200
    assert page.context["reply_form"]["body"].value() == REPLY


def test_the_security_token_passwords_and_oversized_fields_are_not_kept(
    client, member, password, thread
):
    client.post(
        reverse("forum:reply", args=[thread.pk]),
        {
            "body": REPLY,
            "csrfmiddlewaretoken": "token",
            "password": "secret-one",
            "old_password": "secret-two",
            "huge": "x" * (MAX_FIELD_CHARACTERS + 1),
        },
    )

    kept = dict(client.session["unsent_form"]["fields"])
    assert kept == {"body": [REPLY]}


def test_a_new_thread_written_while_signed_out_comes_back_whole(client, member, password, thread):
    form_url = reverse("forum:thread_create")
    fields = {
        "category": thread.category.pk,
        "title": "Does naloxone expire?",
        "kind": "question",
        "content_warning": "",
        "tags": "naloxone",
        "body": "Mine says 2024 on the box. Is it still worth carrying?",
    }

    response = client.post(form_url, fields, HTTP_REFERER=f"http://testserver{form_url}")

    landing = log_in(client, next_from(response), member, password)
    assert urlsplit(landing).path == form_url
    form = client.get(landing).context["form"]
    assert form["title"].value() == "Does naloxone expire?"
    assert form["body"].value() == fields["body"]
    assert not Thread.objects.filter(title="Does naloxone expire?").exists()


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("react", {"kind": "support"}),
        ("bookmark", {}),
        ("helpful", {}),
        ("thread_follow", {"level": "watch"}),
    ],
)
def test_a_button_pressed_after_the_session_ended_lands_on_the_thread_after_signing_in(
    client, member, password, thread, action, data
):
    post = thread.posts.first()
    target = thread.pk if action == "thread_follow" else post.pk

    response = client.post(
        reverse(f"forum:{action}", args=[target]),
        data,
        HTTP_REFERER=f"http://testserver{thread.get_absolute_url()}",
    )

    landing = log_in(client, next_from(response), member, password)
    assert urlsplit(landing).path == thread.get_absolute_url()
    assert client.get(landing).status_code == 200


def test_a_flag_sent_after_the_session_ended_comes_back_on_the_flag_form(
    client, member, password, thread
):
    post = thread.posts.first()
    flag_url = reverse("moderation:flag", args=["forum.post", post.pk])

    response = client.post(
        flag_url,
        {"reason": "harassment", "note": "They keep messaging me about this."},
        HTTP_REFERER=f"http://testserver{flag_url}",
    )

    landing = log_in(client, next_from(response), member, password)
    assert urlsplit(landing).path == flag_url
    form = client.get(landing).context["form"]
    assert form["note"].value() == "They keep messaging me about this."
    assert form["reason"].value() == "harassment"


def test_a_queue_vote_sent_after_the_session_ended_lands_on_the_item(client, password, thread):
    from moderation.services import flag_create

    voter = UserFactory(username="sage", trust_level=3)
    flag_create(content=thread.posts.first(), flagger=UserFactory(), reason="spam")
    item = QueueItem.objects.open().get()

    response = client.post(reverse("moderation:item_vote", args=[item.pk]), {"choice": "keep"})

    landing = log_in(client, next_from(response), voter, password)
    assert urlsplit(landing).path == item.get_absolute_url()
    assert client.get(landing).status_code == 200


@pytest.mark.parametrize(
    "url_name", ["forum:react", "forum:bookmark", "forum:helpful", "forum:reply"]
)
def test_a_post_only_address_opened_as_a_page_redirects_to_something_useful(
    member_client, thread, url_name
):
    target = thread.pk if url_name == "forum:reply" else thread.posts.first().pk

    response = member_client.get(reverse(url_name, args=[target]), follow=True)

    assert response.status_code == 200
    assert response.redirect_chain
    assert response.context["thread"] == thread


def test_a_queue_action_opened_as_a_page_goes_to_the_item(client, home, thread):
    from moderation.services import flag_create

    moderator = UserFactory(username="jo")
    moderator.groups.add(Group.objects.get(name="Peer moderators"))
    flag_create(content=thread.posts.first(), flagger=UserFactory(), reason="spam")
    item = QueueItem.objects.open().get()
    client.force_login(moderator)

    response = client.get(reverse("moderation:item_decide", args=[item.pk]))

    assert response.status_code == 302
    assert response["Location"] == item.get_absolute_url()


def busy_database(*args, **kwargs):
    raise OperationalError("database is locked")


def test_a_reply_the_database_was_too_busy_to_save_comes_back_in_the_box(
    member_client, thread, monkeypatch
):
    monkeypatch.setattr("forum.views.posting.post_create", busy_database)
    thread_url = thread.get_absolute_url()

    response = member_client.post(
        reverse("forum:reply", args=[thread.pk]),
        {"body": REPLY},
        HTTP_REFERER=f"http://testserver{thread_url}",
    )

    assert response.status_code == 302
    assert response["Location"] == thread_url
    page = member_client.get(thread_url)
    assert NOT_SAVED_MESSAGE in page.content.decode()
    assert page.context["reply_form"]["body"].value() == REPLY


def test_a_new_thread_the_database_was_too_busy_to_save_comes_back_whole(
    member_client, thread, monkeypatch
):
    monkeypatch.setattr("forum.views.posting.thread_create", busy_database)
    form_url = reverse("forum:thread_create")
    fields = {
        "category": thread.category.pk,
        "title": "Fentanyl strips at the library?",
        "kind": "experience",
        "content_warning": "",
        "body": "I picked some up today.",
        "report-setting": "At home with a friend",
        "doses-TOTAL_FORMS": "1",
        "doses-INITIAL_FORMS": "0",
        "report-test_result": "negative",
        "report-test_method": "fentanyl strip",
        "doses-0-substance": "heroin",
        "doses-0-amount": "10",
        "doses-0-unit": "mg",
        "doses-0-route": "smoked",
    }

    response = member_client.post(form_url, fields, HTTP_REFERER=f"http://testserver{form_url}")

    assert response["Location"] == form_url
    page = member_client.get(form_url)
    assert NOT_SAVED_MESSAGE in page.content.decode()
    assert page.context["form"]["title"].value() == "Fentanyl strips at the library?"
    assert page.context["report_form"]["setting"].value() == "At home with a friend"
    assert page.context["dose_formset"].forms[0]["substance"].value() == "heroin"


def test_a_moderator_decision_the_database_was_too_busy_to_save_comes_back(
    client, home, thread, monkeypatch
):
    from moderation.services import flag_create

    moderator = UserFactory(username="jo")
    moderator.groups.add(Group.objects.get(name="Peer moderators"))
    flag_create(content=thread.posts.first(), flagger=UserFactory(), reason="spam")
    item = QueueItem.objects.open().get()
    client.force_login(moderator)
    monkeypatch.setattr("moderation.views.content_decide", busy_database)

    response = client.post(
        reverse("moderation:item_decide", args=[item.pk]),
        {"decision": "keep", "reason": "Not spam: a peer sharing where to get kits.", "text": ""},
        HTTP_REFERER=f"http://testserver{item.get_absolute_url()}",
    )

    assert response["Location"] == item.get_absolute_url()
    page = client.get(item.get_absolute_url())
    assert page.context["decision_form"]["reason"].value() == (
        "Not spam: a peer sharing where to get kits."
    )


def test_other_database_faults_are_still_server_errors(member_client, thread, monkeypatch):
    from django.db import IntegrityError

    def broken(*args, **kwargs):
        raise IntegrityError("a real bug")

    monkeypatch.setattr("forum.views.posting.post_create", broken)

    with pytest.raises(IntegrityError):
        member_client.post(reverse("forum:reply", args=[thread.pk]), {"body": REPLY})


def test_someone_else_signing_in_later_on_the_same_browser_gets_none_of_the_text(
    client, member, password, thread
):
    thread_url = thread.get_absolute_url()
    client.post(
        reverse("forum:reply", args=[thread.pk]),
        {"body": REPLY},
        HTTP_REFERER=f"http://testserver{thread_url}",
    )
    # The person walks away; the next one opens a fresh sign-in page.
    someone_else = UserFactory(username="wren")
    log_in(client, thread_url, someone_else, password)

    page = client.get(thread_url)

    assert REPLY not in page.content.decode()
    assert not page.context["reply_form"]["body"].value()


def test_a_same_site_referer_that_looks_like_another_sites_address_stays_on_this_site(
    member_client, thread
):
    response = member_client.get(
        reverse("forum:reply", args=[thread.pk]),
        HTTP_REFERER="http://testserver//elsewhere.example/x",
    )

    assert response.status_code == 302
    assert not response["Location"].startswith("//")
    assert response["Location"] == "/elsewhere.example/x"
