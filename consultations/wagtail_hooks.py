from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail import hooks
from wagtail.admin import messages as admin_messages
from wagtail.admin.messages import render as render_admin_message
from wagtail.admin.widgets import Button
from wagtail.permissions import page_permission_policy

from moderation.editor_nudges import editor_language_nudges

from .admin_forms import PASTE_FIELD
from .admin_visibility import PAGE_BULK_ACTIONS, page_types_report_hide
from .demo import consultations_demo_load
from .member_data import CONSULTATIONS_MEMBER_DATA, consultations_erase, consultations_export
from .models import DraftStatus, PolicyDraftPage
from .models.workflow import acts_for_draft_organization
from .organization_admin import organization_viewset
from .permissions import acts_for
from .plain_language import GRADE_TARGET, draft_reading_grades
from .services.setup import consultations_setup
from .views.versions import DraftRevisionStartView


@hooks.register("site_setup")
def set_up_consultations(home):
    consultations_setup(home)


hooks.register("member_data", lambda: CONSULTATIONS_MEMBER_DATA)
hooks.register("member_export", consultations_export)
hooks.register("member_erase", consultations_erase)
hooks.register("load_demo_data", consultations_demo_load)


@hooks.register("register_admin_viewset")
def register_organization_viewset():
    return organization_viewset


@hooks.register("construct_page_chooser_queryset")
def hide_unpublished_pages_the_chooser_cannot_edit(pages, request):
    """The page chooser lists every page by default, drafts included: staff
    of one organization would read the titles of another's unpublished drafts
    there. A page that isn't live shows only to those who may edit it."""
    editable = page_permission_policy.instances_user_has_permission_for(request.user, "change")
    return pages.filter(Q(live=True) | Q(pk__in=editable.values("pk")))


# ---- the editor -----------------------------------------------------------


def _is_autosave(request) -> bool:
    # Autosave asks for JSON; every button in the editor asks for a page.
    return not request.accepts("text/html")


def _paste_left_to_the_buttons(request) -> None:
    """Autosave sends the whole form while someone is still pasting: the
    pasted draft becomes sections only when they press a button, once."""
    if request.method == "POST" and _is_autosave(request) and PASTE_FIELD in request.POST:
        data = request.POST.copy()
        data.pop(PASTE_FIELD)
        request.POST = data


@hooks.register("before_create_page")
def before_a_draft_is_created(request, parent_page, page_class):
    if issubclass(page_class, PolicyDraftPage):
        _paste_left_to_the_buttons(request)


def _is_publish(request) -> bool:
    return request.method == "POST" and "action-publish" in request.POST


@hooks.register("before_edit_page")
def before_a_draft_is_saved(request, page):
    if not issubclass(page.specific_class, PolicyDraftPage):
        return None
    _paste_left_to_the_buttons(request)
    draft = page.specific
    if _is_publish(request) and acts_for_draft_organization(draft, request.user):
        admin_messages.error(
            request,
            _(
                "You act for this organization, so you can't publish its draft yourself: "
                "a peer moderator who doesn't act for it does the community check first. "
                "Send it for the community check."
            ),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    if (
        request.method == "GET"
        and draft.current_workflow_task is not None
        and acts_for_draft_organization(draft, request.user)
    ):
        admin_messages.info(
            request,
            _(
                "This draft is waiting for the community check. A peer moderator who "
                "doesn't act for your organization does it; you'll see their comment here "
                "if they ask for changes."
            ),
        )
    return None


@hooks.register("construct_page_action_menu")
def draft_action_menu(menu_items, request, context):
    """Staff never publish their own organization's draft by hand, even when
    they are also peer moderators: the community check publishes it."""
    page = context.get("page")
    if page is None or not page.pk or not issubclass(page.specific_class, PolicyDraftPage):
        return
    if acts_for_draft_organization(page.specific, request.user):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


def _sections_pasted_message(request, page) -> None:
    pasted = getattr(page, "sections_pasted", None)
    if not pasted:
        return
    added, existing = pasted
    if existing:
        message = ngettext(
            "Added %(added)d section from the pasted draft after the %(existing)d already "
            "here. Check it, and remove any section you don't need.",
            "Added %(added)d sections from the pasted draft after the %(existing)d already "
            "here. Check them, and remove any section you don't need.",
            added,
        ) % {"added": added, "existing": existing}
    else:
        message = ngettext(
            "Made %(added)d section from the pasted draft. Check it before you send the "
            "draft for the community check.",
            "Made %(added)d sections from the pasted draft. Check each one before you send "
            "the draft for the community check.",
            added,
        ) % {"added": added}
    admin_messages.success(request, message)


def _reading_grade_nudge(request, draft) -> None:
    hard = [graded for graded in draft_reading_grades(draft) if graded.above_target]
    if not hard:
        return
    message = _(
        "Some plain-language parts read above grade %(target)d, which many people find hard. "
        "Shorter sentences and everyday words help. It's your call: nothing was blocked."
    ) % {"target": GRADE_TARGET}
    detail = format_html(
        "<ul>{}</ul>",
        format_html_join(
            "",
            "<li>{}</li>",
            (
                (
                    _("%(part)s: about grade %(grade)s")
                    % {"part": graded.label, "grade": graded.grade},
                )
                for graded in hard
            ),
        ),
    )
    messages.warning(request, render_admin_message(message, [], detail=detail))


def _wagtails_message_replace(request, message: str, level=messages.SUCCESS) -> None:
    """Wagtail's last message after a save speaks of moderation in the words
    the site uses for articles' peer review; a draft's writers and checkers
    hear about the community check instead."""
    queued = list(messages.get_messages(request))
    if queued and queued[-1].level == messages.SUCCESS:
        queued.pop()
    for queued_message in queued:
        messages.add_message(
            request, queued_message.level, queued_message.message, queued_message.extra_tags
        )
    messages.add_message(request, level, message)


def _workflow_message(request, draft) -> None:
    """Say where the community check stands after a button that moves it."""
    title = draft.get_admin_display_title()
    if any(name in request.POST for name in ("action-submit", "action-restart-workflow")):
        _wagtails_message_replace(
            request,
            _(
                "“%(title)s” is saved and waiting for the community check: a peer "
                "moderator who doesn't act for your organization reads it before it goes live."
            )
            % {"title": title},
        )
        return
    if "action-workflow-action" not in request.POST:
        return
    decided = PolicyDraftPage.objects.get(pk=draft.pk)
    if request.POST.get("workflow-action-name") == "reject":
        _wagtails_message_replace(
            request,
            _("“%(title)s” is back with %(organization)s, with your comment.")
            % {"title": title, "organization": decided.organization.name},
        )
    elif decided.live and decided.current_workflow_state is None:
        _wagtails_message_replace(
            request, _("Approved. “%(title)s” is live now.") % {"title": title}
        )
    elif decided.current_workflow_task_state is not None:
        _wagtails_message_replace(
            request,
            _(
                "You changed the draft as you approved it, so the community check starts "
                "again on your version. Read it once more, then approve it if it's right."
            ),
            level=messages.WARNING,
        )


def _after_a_draft_is_saved(request, page) -> None:
    if _is_autosave(request) or not issubclass(page.specific_class, PolicyDraftPage):
        return
    draft = page.specific
    _workflow_message(request, draft)
    _sections_pasted_message(request, draft)
    if "action-workflow-action" in request.POST:
        # A peer moderator's decision: the plain-language panel showed them the
        # same notes before they decided.
        return
    editor_language_nudges(
        request,
        text=draft.screening_text(),
        message=_(
            "Saved. Some words in this draft can feel judging to the people it's for. "
            "It's your call: nothing was blocked."
        ),
    )
    _reading_grade_nudge(request, draft)


hooks.register("after_create_page", _after_a_draft_is_saved)
hooks.register("after_edit_page", _after_a_draft_is_saved)


# ---- versions -------------------------------------------------------------


@hooks.register("register_admin_urls")
def consultations_admin_urls():
    return [
        path(
            "consultations/drafts/<int:pk>/revise/",
            DraftRevisionStartView.as_view(),
            name="consultations_draft_revise",
        )
    ]


@hooks.register("register_page_header_buttons")
def revised_version_button(page, user, view_name, next_url=None):
    """ "Start a revised version" in the draft's menu, for its staff, once it has closed."""
    if not issubclass(page.specific_class, PolicyDraftPage):
        return []
    draft = page.specific
    if not draft.live or draft.status not in (DraftStatus.CLOSED, DraftStatus.REPORTED):
        return []
    if not acts_for(user, draft.organization):
        return []
    return [
        Button(
            _("Start a revised version"),
            reverse("consultations_draft_revise", args=[draft.pk]),
            icon_name="copy",
            priority=35,
        )
    ]


# ---- the rest of the site ---------------------------------------------------

# The front page is a phone screen or two: a few open consultations.
HOME_LIST_LENGTH = 3


@hooks.register("home_page_sections")
def open_consultations_on_the_home_page(request):
    drafts = list(
        PolicyDraftPage.objects.for_list()
        .open_on(timezone.localdate())
        .order_by("closes_on", "pk")[:HOME_LIST_LENGTH]
    )
    if not drafts:
        return None
    return {"template": "consultations/home_section.html", "drafts": drafts}


# After Wagtail's own (order 0), so these take their place in the registry.
for bulk_action in PAGE_BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action, order=1)

hooks.register("construct_reports_menu", page_types_report_hide)
