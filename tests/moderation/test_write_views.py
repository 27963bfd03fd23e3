"""The one page shape for a screened write (moderation/write_views.py): the
forum's reply, new thread and edit and the knowledge base's suggestion and idea
all answer a member the same way."""

import re
from datetime import timedelta
from html import escape

import pytest

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.urls import reverse
from django.utils import timezone

from forum.models import Post, Thread
from moderation.write_views import refusal_messages
from moderation.writing import read_only_note
from peerkb.models import ArticleSuggestion
from tests.factories import make_article, make_thread

pytestmark = pytest.mark.django_db

REPLY = "Carry two doses; the first one may not be enough."
SUGGESTION = "Add a part on fentanyl strips."


def form_errors(html: str) -> list[str]:
    """The boxes at the top of a page's forms that say why it wasn't sent."""
    return re.findall(r'<div class="form-errors" role="alert">(.*?)</div>', html, re.DOTALL)


def notices(html: str) -> list[str]:
    return re.findall(r'<p class="notice">(.*?)</p>', html, re.DOTALL)


def silence(member):
    member.silenced_until = timezone.now() + timedelta(days=3)
    member.save()
    return member


@pytest.fixture
def silenced(member):
    return silence(member)


def test_a_silenced_member_reads_the_same_note_in_the_same_place_in_the_forum_and_the_kb(
    member_client, silenced, home
):
    thread = make_thread()
    article = make_article()

    reply = member_client.post(reverse("forum:reply", kwargs={"pk": thread.pk}), {"body": REPLY})
    suggestion = member_client.post(f"{article.url}suggest/", {"text": SUGGESTION})

    note = read_only_note(silenced)
    assert reply.context["reply_form"].non_field_errors() == [note]
    assert suggestion.context["form"].non_field_errors() == [note]
    in_forum, in_kb = form_errors(reply.content.decode()), form_errors(suggestion.content.decode())
    assert in_forum == in_kb == [f'<ul class="errorlist nonfield"><li>{escape(note)}</li></ul>']
    assert f"{escape(REPLY)}</textarea>" in reply.content.decode()
    assert f"{escape(SUGGESTION)}</textarea>" in suggestion.content.decode()
    assert escape(note) not in notices(reply.content.decode())
    assert escape(note) not in notices(suggestion.content.decode())
    assert thread.posts.count() == 1
    assert not ArticleSuggestion.objects.exists()


def test_a_silenced_member_sees_the_note_above_every_form_they_would_write_in(
    member_client, member, home
):
    article = make_article()
    own = make_thread(author=member).posts.get()
    silenced = silence(member)
    pages = {
        "new thread": reverse("forum:thread_create"),
        "edit": reverse("forum:post_edit", kwargs={"pk": own.pk}),
        "suggestion": f"{article.url}suggest/",
        "idea": "/kb/propose/",
    }

    for kind, url in pages.items():
        html = member_client.get(url).content.decode()
        assert notices(html).count(escape(read_only_note(silenced))) == 1, kind


def test_a_refused_new_thread_says_the_note_once_beside_what_was_typed(
    member_client, silenced, home
):
    category = make_thread().category

    response = member_client.post(
        reverse("forum:thread_create"),
        {"category": category.pk, "kind": "discussion", "title": "Strips", "body": REPLY},
    )

    html = response.content.decode()
    assert html.count(escape(read_only_note(silenced))) == 1
    assert f"{escape(REPLY)}</textarea>" in html
    assert not Thread.objects.filter(title="Strips").exists()


def test_a_reply_to_a_locked_thread_keeps_the_text_in_its_box(member_client, home):
    thread = make_thread()
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)

    response = member_client.post(
        reverse("forum:reply", kwargs={"pk": thread.pk}), {"body": "Please keep this"}
    )

    html = response.content.decode()
    assert response.context["reply_form"].errors["body"] == [
        "This thread is locked, so it can't take new replies."
    ]
    assert "Please keep this</textarea>" in html
    assert not Post.objects.filter(body_source="Please keep this").exists()


def test_a_refusal_that_names_no_field_goes_at_the_top_of_the_form():
    assert refusal_messages(ValidationError("Too busy")) == {NON_FIELD_ERRORS: ["Too busy"]}
    assert refusal_messages(ValidationError({"body": "Too long", NON_FIELD_ERRORS: "Wait"})) == {
        "body": ["Too long"],
        NON_FIELD_ERRORS: ["Wait"],
    }
