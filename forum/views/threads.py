"""Reading a thread: its pages, a post's own address, the placeholder of a
thread hidden for review."""

import functools

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.views import View

from accounts.roles import is_peer_moderator
from core.unsent import unsent_fields
from moderation.activity import reading_record
from moderation.models import ModerationState
from moderation.writing import read_only_note

from .. import page_cache, thread_page
from ..forms import ReplyForm
from ..models import (
    POSTS_PER_PAGE,
    Post,
    Thread,
    ThreadKind,
    page_for_position,
)
from ..permissions import can_edit_tags, can_reply
from ..services.reading import read_position, thread_mark_read


def readable_thread(request, pk: int) -> Thread:
    """The thread, if this person may open it. Its author may open it while it
    is held or hidden, to see why and appeal."""
    thread = get_object_or_404(Thread.objects.select_related("category", "author"), pk=pk)
    user = request.user
    is_author = user.is_authenticated and thread.author_id == user.pk
    if not thread.is_visible and not (is_peer_moderator(user) or is_author):
        raise Http404
    if not thread.category.can_read(request.user):
        raise Http404
    return thread


def readable_post(request, pk: int) -> Post:
    post = get_object_or_404(Post.objects.select_related("thread"), pk=pk)
    readable_thread(request, post.thread_id)
    return post


def render_thread(
    request, thread: Thread, *, page_number=None, reply_form=None, status=200, nudge=None
):
    user = request.user
    paginator = Paginator(range(thread.last_position), POSTS_PER_PAGE)
    page = paginator.get_page(page_number or request.GET.get("page"))
    if reply_form is None:
        unsent = unsent_fields(request, sent_to=reverse("forum:reply", args=[thread.pk]))
        reply_form = ReplyForm(unsent, initial=quote_initial(request, thread))
    is_moderator = is_peer_moderator(user)
    shared = thread_page.shared_page(thread, page.number)
    posts = thread_page.shown_to(shared.posts, user, is_moderator=is_moderator)
    marks = thread_page.member_marks(user, thread, [post.pk for post in posts])
    open_warning = marks.preferences.opens_warning(thread.content_warning)
    report = None
    if thread.kind == ThreadKind.EXPERIENCE_REPORT:
        report = getattr(thread, "report", None)
    warning = thread.warning_label
    may_reply = can_reply(thread, user)
    asker = (
        user.is_authenticated and thread.kind == ThreadKind.QUESTION and thread.author_id == user.pk
    )
    thread_page.posts_dress(
        posts,
        user=user,
        marks=marks,
        links=thread_page.post_links(thread, paginator.num_pages),
        way=thread_page.WARNING_OPEN if open_warning else thread_page.WARNING_CLOSED,
        report_first=bool(report and warning and page.number == 1),
        is_moderator=is_moderator,
        can_reply=may_reply,
        asker=asker,
    )
    page_url = thread.get_absolute_url()
    if page.number > 1:
        page_url += f"?page={page.number}"
    context = {
        "page_url": page_url,
        "nudge": nudge,
        "thread": thread,
        "category": thread.category,
        "tags": shared.tags,
        "helpful_post": shared.helpful_post,
        "posts": posts,
        "marks": marks,
        "signed_in": user.is_authenticated,
        "following": marks.following,
        "page_obj": page,
        "reply_form": reply_form,
        "blank_reply_fields": blank_reply_fields(get_language()) if is_blank(reply_form) else "",
        "can_reply": may_reply,
        "can_edit_tags": can_edit_tags(thread, user),
        "read_only_note": read_only_note(user)
        if user.is_authenticated and user.is_silenced
        else "",
        "is_moderator": is_moderator,
        "open_warning": open_warning,
        "report": report,
    }
    if user.is_authenticated and posts:
        # On the last page everything is read, even posts still held for review.
        last_read = thread.last_position if not page.has_next() else posts[-1].position
        thread_mark_read(user=user, thread=thread, position=last_read)
        reading_record(user)
    return render(request, "forum/thread.html", context, status=status)


def first_unread_position(user, thread: Thread) -> int:
    """The first post past where the member stopped that they can see: a
    reply held for review waits for others, so it is skipped."""
    read = read_position(user=user, thread=thread)
    later = Post.objects.filter(thread=thread, position__gt=read)
    if not is_peer_moderator(user):
        later = later.exclude(Q(moderation_state=ModerationState.HELD) & ~Q(author=user))
    first = later.order_by("position").values_list("position", flat=True).first()
    return first or min(read + 1, thread.last_position)


def is_blank(form) -> bool:
    return not form.is_bound and not form.initial


@functools.cache
def blank_reply_fields(language: str) -> str:
    """The reply box as it is before anyone types: the same on every page and
    for every member, so rendered once per language and process."""
    return render_to_string("includes/form_fields.html", {"form": ReplyForm()})


def quote_initial(request, thread: Thread) -> dict:
    quoted_id = request.GET.get("quote", "")
    if not (quoted_id.isascii() and quoted_id.isdecimal() and len(quoted_id) <= 18):
        return {}
    quoted = Post.objects.visible().filter(thread=thread, pk=int(quoted_id)).first()
    if quoted is None:
        return {}
    quoted_lines = "\n".join(f"> {line}" for line in quoted.body_source.splitlines())
    return {"body": f"{quoted_lines}\n\n", "quoted_post": quoted.pk}


class ThreadView(View):
    def get(self, request, pk, slug=None):
        use_cache = page_cache.cacheable(request) and slug is not None
        page = request.GET.get("page", "1")
        if use_cache:
            stored = page_cache.whole_page(pk, page)
            if stored.found and stored.value["slug"] == slug:
                return HttpResponse(stored.value["body"])
        try:
            thread = readable_thread(request, pk)
        except Http404:
            return hidden_thread_placeholder(request, pk)
        if request.GET.get("unread") and request.user.is_authenticated:
            position = first_unread_position(request.user, thread)
            page = page_for_position(position)
            return redirect(f"{thread.get_absolute_url()}?page={page}#post-{position}")
        if slug != thread.slug:
            target = thread.get_absolute_url()
            if request.GET:
                target += "?" + request.GET.urlencode()
            return redirect(target, permanent=True)
        response = render_thread(request, thread)
        if use_cache and response.status_code == 200 and not response.cookies:
            stored.store({"slug": slug, "body": response.content})
        return response


def hidden_thread_placeholder(request, pk: int):
    """A thread hidden pending review keeps its address, as a placeholder that
    says why; its title may be the problem, so it isn't shown."""
    thread = Thread.objects.filter(pk=pk, moderation_state=ModerationState.HIDDEN).first()
    if thread is None or not thread.category.can_read(request.user):
        raise Http404
    return render(request, "forum/thread_hidden.html", {"thread": thread})


class PostLinkView(View):
    """A post's own address, wherever it sits in its thread now."""

    def get(self, request, pk):
        return redirect(readable_post(request, pk).get_absolute_url())
