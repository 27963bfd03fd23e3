"""What a detailed email may show about forum notifications: the thread's
title and a few words of the post, only where that is safe on a lock screen.
Never from a sensitive category or a thread with a content warning, never a
post or thread that is held or hidden, never what the member couldn't open,
never the words of someone the member ignores (their posts fold away on the
thread's page too)."""

import html
import re

from django.utils.html import strip_tags

from accounts.models import Ignore
from core.text import text_fit
from notifications.emails import EXCERPT_LENGTH, EmailItem, absolute, notification_detail_register

from .models.posts import Post
from .models.threads import Thread

# A link in a post to anywhere (the sanitizer leaves only these schemes, and
# quotes every attribute). Mentions link to a member's page by path, and stay.
_LINK_ELSEWHERE = re.compile(
    r'<a\s[^>]*href="(?:https?|mailto|tel):[^"]*"[^>]*>.*?</a>', re.IGNORECASE | re.DOTALL
)


def _excerpt(body_html: str) -> str:
    """A few words of a post as plain text, each link to elsewhere as "(link)":
    an email links to this site only, and mail apps make any address into a link."""
    text = html.unescape(strip_tags(_LINK_ELSEWHERE.sub("(link)", body_html)))
    words = " ".join(text.split())
    return text_fit(words, EXCERPT_LENGTH)


def forum_notification_details(notifications, member) -> dict[int, EmailItem]:
    post_ids = {n.post_id for n in notifications if n.post_id is not None}
    if not post_ids:
        return {}
    readable_threads = Thread.objects.visible_to(member).filter(
        category__is_sensitive=False, content_warning=""
    )
    posts = (
        Post.objects.visible()
        .filter(pk__in=post_ids, thread__in=readable_threads)
        .exclude(author_id__in=Ignore.objects.filter(user=member).values("ignored_id"))
        .select_related("thread")
    )
    shown = {}
    by_post = {post.pk: post for post in posts}
    for notification in notifications:
        post = by_post.get(notification.post_id)
        if post is None:
            continue
        shown[notification.pk] = EmailItem(
            title=post.thread.title,
            url=absolute(post.get_absolute_url()),
            excerpt=_excerpt(post.body_html),
        )
    return shown


notification_detail_register(forum_notification_details)
