from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin import messages as admin_messages
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    DeleteView,
    EditView,
    HistoryView,
    SnippetViewSet,
    SnippetViewSetGroup,
    UsageView,
)

from accounts.roles import is_peer_moderator
from moderation.editor_nudges import editor_language_nudges

from .demo import knowledge_base_demo_load
from .drafts import abandoned_draft_clear, autosaved_draft_kept, autosaved_draft_record
from .members import KNOWLEDGE_BASE_MEMBER_DATA, knowledge_base_erase, knowledge_base_export
from .models import ArticlePage, AuthorProfile, KnowledgeBaseIndexPage, SubstanceTag, TopicTag
from .review import (
    approval_blocked_for,
    approval_outcome,
    may_withdraw_review,
    saw_the_version_under_review,
    unreviewed_publish_attribute,
)

# ---- snippets -------------------------------------------------------------


class OwnProfileOnly:
    """Peer authors and reviewers see and edit only their own profile (its
    history would tell whose it is); peer moderators see any."""

    def get_object(self, *args, **kwargs):
        profile = super().get_object(*args, **kwargs)
        if not is_peer_moderator(self.request.user) and profile.member_id != self.request.user.pk:
            raise PermissionDenied
        return profile


class AuthorProfileEditView(OwnProfileOnly, EditView):
    pass


class AuthorProfileDeleteView(OwnProfileOnly, DeleteView):
    pass


class AuthorProfileHistoryView(OwnProfileOnly, HistoryView):
    pass


class AuthorProfileUsageView(OwnProfileOnly, UsageView):
    pass


class AuthorProfileViewSet(SnippetViewSet):
    model = AuthorProfile
    icon = "user"
    menu_label = gettext_lazy("Peer authors")
    list_display = [
        "pseudonym",
        "lived_experience",
        BooleanColumn("show_handle", label=gettext_lazy("Links forum profile")),
    ]
    search_fields = ["pseudonym", "lived_experience"]
    search_backend_name = None
    edit_view_class = AuthorProfileEditView
    delete_view_class = AuthorProfileDeleteView
    history_view_class = AuthorProfileHistoryView
    usage_view_class = AuthorProfileUsageView
    # A copy would carry someone else's words in its form.
    copy_view_enabled = False

    def get_queryset(self, request):
        profiles = AuthorProfile.objects.all()
        if is_peer_moderator(request.user):
            return profiles
        return profiles.filter(member=request.user)


class SubstanceViewSet(SnippetViewSet):
    model = SubstanceTag
    icon = "tag"
    menu_label = gettext_lazy("Substances")
    list_display = ["name", "slug"]
    search_fields = ["name"]
    search_backend_name = None


class TopicViewSet(SnippetViewSet):
    model = TopicTag
    icon = "tag"
    menu_label = gettext_lazy("Topics")
    list_display = ["name", "slug"]
    search_fields = ["name"]
    search_backend_name = None


class KnowledgeBaseGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Knowledge base")
    menu_icon = "doc-full"
    menu_order = 250
    items = (AuthorProfileViewSet, SubstanceViewSet, TopicViewSet)


register_snippet(KnowledgeBaseGroup)


@hooks.register("after_create_snippet")
def link_a_new_author_profile_to_its_writer(request, instance):
    """A profile a peer makes is theirs. Peer moderators make profiles for
    peers without an account, so theirs stay unlinked (a moderator's own comes
    from writing an article)."""
    if (
        isinstance(instance, AuthorProfile)
        and instance.member_id is None
        and not is_peer_moderator(request.user)
        and not AuthorProfile.objects.filter(member=request.user).exists()
    ):
        instance.member = request.user
        instance.save(update_fields=["member"])


# ---- the editor -----------------------------------------------------------


def _language_nudges(request, page) -> None:
    """Suggest other words for stigmatizing ones. A warning only: nothing is blocked."""
    page = page.specific
    if isinstance(page, ArticlePage):
        editor_language_nudges(
            request,
            text=page.screening_text(),
            message=_(
                "Saved. Some words in this article can feel judging to the people it's for. "
                "It's your call: nothing was blocked."
            ),
        )


def _is_approval(request) -> bool:
    return (
        "action-workflow-action" in request.POST
        and request.POST.get("workflow-action-name") == "approve"
    )


def _is_autosave(request) -> bool:
    # Autosave asks for JSON; every button in the editor asks for a page.
    return not request.accepts("text/html")


@hooks.register("before_create_page")
def start_again_over_a_draft_nobody_saved(request, parent_page, page_class):
    if request.method == "POST" and issubclass(page_class, ArticlePage):
        abandoned_draft_clear(
            parent=parent_page, slug=request.POST.get("slug", ""), user=request.user
        )


@hooks.register("after_create_page")
def after_an_article_is_created(request, page):
    if not isinstance(page.specific, ArticlePage):
        return
    if _is_autosave(request):
        autosaved_draft_record(page=page)
        return
    _language_nudges(request, page)


def _drop_wagtails_save_message(request) -> None:
    """After a review action Wagtail says the page "has been updated", its last
    message; a reviewer needs to hear where the review stands instead."""
    queued = list(messages.get_messages(request))
    if queued and queued[-1].level == messages.SUCCESS:
        queued.pop()
    for message in queued:
        messages.add_message(request, message.level, message.message, message.extra_tags)


@hooks.register("after_edit_page")
def after_an_article_is_saved(request, page):
    if not _is_autosave(request):
        autosaved_draft_kept(page=page)
    _language_nudges(request, page)
    if isinstance(page.specific, ArticlePage) and _is_approval(request):
        _drop_wagtails_save_message(request)
        admin_messages.success(request, approval_outcome(page.specific))


WITHDRAW_ACTIONS = ("action-cancel-workflow", "action-restart-workflow")


@hooks.register("construct_page_action_menu")
def article_action_menu(menu_items, request, context):
    """Publishing an article by hand skips peer review, and the button says so;
    only its writers and peer moderators can cancel or restart a review."""
    page = context.get("page")
    is_article = isinstance(page.specific if page else None, ArticlePage) or (
        context.get("view") == "create"
        and isinstance(context.get("parent_page"), KnowledgeBaseIndexPage)
    )
    if not is_article:
        return
    for item in menu_items:
        if item.name == "action-publish":
            item.label = _("Publish without peer review")
    if page is not None and page.pk and not may_withdraw_review(page.specific, request.user):
        menu_items[:] = [item for item in menu_items if item.name not in WITHDRAW_ACTIONS]


@hooks.register("before_edit_page")
def refuse_a_reviewer_withdrawing_a_review(request, page):
    if request.method != "POST" or not any(name in request.POST for name in WITHDRAW_ACTIONS):
        return None
    if isinstance(page.specific, ArticlePage) and not may_withdraw_review(
        page.specific, request.user
    ):
        admin_messages.error(
            request,
            _("Only the article's writers or a peer moderator can cancel or restart its review."),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_edit_page")
def no_autosave_of_a_review_action(request, page):
    """Pressing Approve or Request changes adds the action's fields to the
    editor's form, and autosave, which watches the form, posts a copy of it
    while the action is on its way. That copy would save a version under the
    reviewer's name after the review moved on, so it is turned away, and
    autosave stops on this page."""
    if (
        request.method == "POST"
        and "action-workflow-action" in request.POST
        and not request.accepts("text/html")
    ):
        return JsonResponse(
            {
                "success": False,
                "error_code": "invalid_revision",
                "error_message": _("Your review is on its way."),
            }
        )
    return None


@hooks.register("before_edit_page")
def approve_only_what_the_reviewer_read(request, page):
    """An approval counts for the version the reviewer had open: if someone
    changed the article meanwhile, the reviewer reads the change first."""
    if request.method != "POST" or not _is_approval(request):
        return None
    if not isinstance(page.specific, ArticlePage):
        return None
    loaded = request.POST.get("overwrite_revision_id") or request.POST.get("loaded_revision_id")
    if saw_the_version_under_review(article=page, loaded_revision_id=loaded):
        return None
    admin_messages.error(
        request,
        _(
            "Someone changed this article after you opened it, so your approval "
            "wasn't counted. Read the new version, then approve it if it's right."
        ),
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_edit_page")
def say_why_a_reviewer_cannot_approve(request, page):
    """Approve is missing from the menu for a reason; the editor says which."""
    if request.method != "GET" or not isinstance(page.specific, ArticlePage):
        return None
    reason = approval_blocked_for(article=page, user=request.user)
    if reason:
        admin_messages.info(request, reason)
    return None


@hooks.register("after_publish_page")
def name_who_published_without_review(request, page):
    if isinstance(page.specific, ArticlePage):
        unreviewed_publish_attribute(article=page.specific, user=request.user)


@hooks.register("register_log_actions")
def knowledge_base_log_actions(actions):
    @actions.register_action("peerkb.peer_approval")
    class PeerApprovalFormatter(LogFormatter):
        label = gettext_lazy("Peer review: approve")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Approved in peer review (%(approvals)s of %(needed)s approvals)") % {
                "approvals": data.get("approvals", "?"),
                "needed": data.get("needed", "?"),
            }

    actions.register_action(
        "peerkb.published_without_review",
        gettext_lazy("Published without peer review"),
        gettext_lazy("Published before two peers reviewed it"),
    )
    actions.register_action(
        "peerkb.marked_reviewed",
        gettext_lazy("Checked: still accurate"),
        gettext_lazy("A peer reviewer checked the live article and found it still accurate"),
    )


# ---- the rest of the site ---------------------------------------------------


# The front page is a phone screen or two: a few of each.
HOME_LIST_LENGTH = 3


@hooks.register("home_page_sections")
def knowledge_base_on_the_home_page(request):
    articles = ArticlePage.objects.for_readers().for_list()
    return {
        "template": "peerkb/home_section.html",
        "recently_reviewed": list(articles.recently_reviewed()[:HOME_LIST_LENGTH]),
        "most_helpful": list(articles.most_helpful()[:HOME_LIST_LENGTH]),
    }


hooks.register("member_export", knowledge_base_export)
hooks.register("member_data", lambda: KNOWLEDGE_BASE_MEMBER_DATA)
hooks.register("member_erase", knowledge_base_erase)
hooks.register("load_demo_data", knowledge_base_demo_load)
