"""One URL for each kind of page the site renders, for tests that check every page."""

from tempfile import TemporaryDirectory

from django.test import override_settings
from django.urls import reverse

from tests.factories import CategoryFactory, make_article, make_thread

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
    # The article's image and its rendition are files: keep them out of the project.
    with TemporaryDirectory() as media_root, override_settings(MEDIA_ROOT=media_root):
        yield from _every_page(client, member)


def _every_page(client, member):
    thread = make_thread(
        category=CategoryFactory(slug="safer-use"),
        author=member,
        tags=["fentanyl"],
        content_warning="overdose",
    )
    post = thread.posts.get()
    article = _knowledge_base_article()
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
    knowledge_base_pages = {
        "knowledge base": "/kb/",
        "article": article.url,
        "articles on a topic": "/kb/topics/naloxone/",
        "articles on a substance": "/kb/substances/fentanyl/",
        "knowledge base search": "/kb/?q=naloxone",
    }
    member_knowledge_base_pages = {
        "propose an article": "/kb/propose/",
        "suggest an update": f"{article.url}suggest/",
    }
    consultation_pages, member_consultation_pages = _consultation_pages(member)
    for name, url in {
        **ANONYMOUS_PAGES,
        **forum_pages,
        **knowledge_base_pages,
        **consultation_pages,
    }.items():
        response = client.get(url)
        assert response.status_code == (404 if name == "not found" else 200), name
        yield name, response
    client.force_login(member)
    for name, url in {
        **MEMBER_PAGES,
        **member_forum_pages,
        **member_knowledge_base_pages,
        **member_consultation_pages,
    }.items():
        response = client.get(url)
        assert response.status_code == 200, name
        yield name, response
    yield from _moderation_pages(client, member, thread, article)
    yield "throttled", _throttled(client)


def _consultation_pages(member):
    """An open draft, a reported one and its second version, with a statement."""
    from django.utils import timezone

    from consultations.models import HeardReport
    from tests.consultations.factories import (
        make_closed_draft,
        make_draft,
        make_organization,
        make_statement,
    )

    organization = make_organization()
    draft = make_draft(organization)
    make_statement(draft, "Evenings work better for me.")
    reported = make_closed_draft(organization, title="Handing out naloxone")
    HeardReport.objects.create(
        draft=reported,
        body="We heard you.",
        body_html="<p>We heard you.</p>",
        published_at=timezone.now(),
    )
    revised = make_draft(organization, title="Handing out naloxone again", revises=reported)
    anonymous = {
        "consultations": "/consultations/",
        "policy draft": draft.url,
        "policy draft printable": f"{draft.url}print/",
        "consultation results": f"{reported.url}results/",
        "what we heard": f"{reported.url}report/",
        "what changed": f"{revised.url}changes/",
        "organization": organization.get_absolute_url(),
    }
    members = {
        "respond": f"{draft.url}respond/",
        "respond to a section": f"{draft.url}respond/?step=1",
        "respond last screen": f"{draft.url}respond/?step=finish",
        "ask to act for an organization": "/organizations/ask/",
    }
    return anonymous, members


def _knowledge_base_article():
    """A live article with every kind of body block, so each block's template is checked."""
    from wagtail.images import get_image_model

    image = get_image_model().objects.create(title="Test strip", file=_small_png())
    return make_article(
        title="Naloxone basics",
        topics=("naloxone",),
        substances=("Fentanyl",),
        body=[
            {"type": "heading", "value": "Before you start"},
            {"type": "paragraph", "value": "<p>Carry <b>naloxone</b>.</p>"},
            {"type": "safety_tip", "value": {"title": "Test it", "text": "<p>Use a strip.</p>"}},
            {"type": "if_it_goes_wrong", "value": {"title": "", "text": "<p>Give it.</p>"}},
            {"type": "steps", "value": {"intro": "Then:", "steps": ["Breathe", "Wait"]}},
            {"type": "quote", "value": {"quote": "It helped me.", "attribution": ""}},
            {
                "type": "image",
                "value": {"image": image.pk, "alt_text": "A test strip", "caption": "A strip"},
            },
            {
                "type": "table",
                "value": {
                    "data": [["Dose", "Effect"], ["Low", "Mild"]],
                    "first_row_is_table_header": True,
                },
            },
            {"type": "content_warning", "value": {"warning": "Grief", "text": "<p>Loss.</p>"}},
        ],
    )


def _small_png():
    from io import BytesIO

    from PIL import Image

    from django.core.files.images import ImageFile

    png = BytesIO()
    Image.new("RGB", (48, 32), "white").save(png, "PNG")
    return ImageFile(png, name="every-page.png")


def _knowledge_base_items(member, article) -> dict[str, str]:
    """One review-queue item of each knowledge-base kind, by page name."""
    from django.utils import timezone

    from moderation.models import QueueItem
    from peerkb import queue
    from peerkb.contributions import proposal_create, suggestion_create
    from peerkb.models import ArticlePage
    from peerkb.review import articles_review_due_queue

    suggestion_create(article=article, member=member, text="Say where to get naloxone for free.")
    proposal_create(
        member=member,
        title="Using alone more safely",
        outline="Phone lines, check-in apps and leaving the door unlocked.",
        why="Many of us use alone.",
    )
    ArticlePage.objects.filter(pk=article.pk).update(review_due_at=timezone.now())
    articles_review_due_queue()
    items = {
        "article suggestion item": queue.SUGGESTION.key,
        "article idea item": queue.PROPOSAL.key,
        "article review item": queue.REVIEW_DUE.key,
    }
    return {
        name: QueueItem.objects.get(kind=kind).get_absolute_url() for name, kind in items.items()
    }


def _moderation_pages(client, member, thread, article):
    """The flag form, a decision and its appeal, the log, and the moderators' pages,
    with the knowledge base's queue items."""
    from django.contrib.auth.models import Group

    from forum.services.posting import post_create
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
                **_knowledge_base_items(member, article),
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
