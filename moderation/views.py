from collections import Counter

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from accounts.roles import is_outreach_worker, is_peer_moderator
from core.forms import redirect_to_message, show_service_errors
from core.unsent import unsent_fields

from . import queue
from .forms import (
    AppealDecisionForm,
    AppealForm,
    CareForm,
    ContentDecisionForm,
    FlagForm,
    OutreachRoleForm,
    PersonActionForm,
    ProfileDecisionForm,
    VoteForm,
)
from .models import (
    ActionKind,
    Appeal,
    Flag,
    FlagReason,
    Moderated,
    ModerationAction,
    ModerationSubject,
    QueueItem,
)
from .models.decisions import NEVER_PUBLIC
from .models.queue import QUEUE_SORTS
from .prefetch import targets_prefetch
from .profiles import PROFILE, ProfileSubject, profile_decide, profile_flag_create
from .ratelimits import RateLimited
from .services import (
    GONE,
    appeal_create,
    appeal_decide,
    can_appeal,
    can_decide_appeal,
    care_close,
    content_decide,
    flag_create,
    member_lift,
    member_outreach_set,
    member_silence,
    member_suspend,
    member_warn,
    vote_cast,
)
from .suspension import appeal_link_read

ITEMS_PER_PAGE = 25
LOG_PER_PAGE = 50
HISTORY_LENGTH = 10


# ---- flagging ------------------------------------------------------------


def flaggable(model_label: str, pk: int):
    """The content behind /moderation/flag/<app.model>/<pk>/, if it can be flagged."""
    app_label, _dot, model_name = model_label.partition(".")
    try:
        content_type = ContentType.objects.get_by_natural_key(app_label, model_name)
    except ContentType.DoesNotExist as error:
        raise Http404 from error
    model = content_type.model_class()
    if model is None or not issubclass(model, Moderated):
        raise Http404
    return get_object_or_404(model.moderation_queryset(), pk=pk)


class FlagView(LoginRequiredMixin, View):
    template_name = "moderation/flag.html"

    def get_content(self):
        content = flaggable(self.kwargs["model"], self.kwargs["pk"])
        if not (content.is_visible and content.moderation_can_view(self.request.user)):
            raise Http404
        return content

    def render_form(self, content, form, status=200):
        context = {"content": content, "form": form, "already": self.already_flagged(content)}
        return render(self.request, self.template_name, context, status=status)

    def already_flagged(self, content) -> bool:
        return Flag.objects.filter(
            content_type=ContentType.objects.get_for_model(content),
            object_id=content.pk,
            flagger=self.request.user,
        ).exists()

    def flag_create(self, content, **fields):
        return flag_create(content=content, **fields)

    def get(self, request, **kwargs):
        content = self.get_content()
        form = FlagForm(unsent_fields(request), initial={"reason": request.GET.get("reason")})
        return self.render_form(content, form)

    def post(self, request, **kwargs):
        content = self.get_content()
        form = FlagForm(request.POST)
        if form.is_valid():
            try:
                flag = self.flag_create(
                    content,
                    flagger=request.user,
                    reason=form.cleaned_data["reason"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                show_service_errors(form, error)
            except RateLimited as limited:
                form.add_error(None, limited.message)
            else:
                if flag.reason == FlagReason.DANGER:
                    messages.success(
                        request,
                        _("Thank you for looking out. Peer moderators will reach out soon."),
                    )
                else:
                    messages.success(request, _("Thank you. Peers will look at it."))
                return redirect(content.get_absolute_url())
        return self.render_form(content, form, status=400)


class ProfileFlagView(FlagView):
    """Flag what a member wrote on their profile (bio, pronouns)."""

    def get_content(self):
        member = get_object_or_404(
            get_user_model().objects.select_related("profile"),
            username__iexact=self.kwargs["handle"],
            is_active=True,
        )
        profile = getattr(member, "profile", None)
        if profile is None:
            raise Http404
        return ProfileSubject(profile)

    def already_flagged(self, content) -> bool:
        return Flag.objects.filter(
            content_type=ContentType.objects.get_for_model(content.profile),
            object_id=content.pk,
            flagger=self.request.user,
        ).exists()

    def flag_create(self, content, **fields):
        return profile_flag_create(profile=content.profile, **fields)


# ---- the review queue ----------------------------------------------------


class QueueAccessMixin(LoginRequiredMixin):
    """Trusted members and moderators; each sees only the kinds they may work."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.kinds = queue.kinds_for(request.user)
        if not self.kinds:
            raise PermissionDenied(_("The review queue is for trusted members and moderators."))
        return super().dispatch(request, *args, **kwargs)

    def visible_item(self, pk: int) -> QueueItem:
        item = get_object_or_404(QueueItem.objects.select_related("member", "resolved_by"), pk=pk)
        if item.kind not in {kind.key for kind in self.kinds}:
            raise Http404
        if not is_peer_moderator(self.request.user) and (item.moderators_only or not item.is_open):
            raise Http404
        return item

    def open_items(self):
        items = QueueItem.objects.open()
        if not is_peer_moderator(self.request.user):
            items = items.filter(moderators_only=False)
        return items

    def render_item(self, item: QueueItem, status=200, **forms):
        kind = queue.kind_of(item)
        user = self.request.user
        is_moderator = is_peer_moderator(user)
        subject = item.subject
        context = {
            "votes_to_decide": settings.MODERATION_TRUSTED_VOTES,
            "item": item,
            "kind": kind,
            "subject": subject,
            "is_moderator": is_moderator,
            "history": [],
            "flags": [],
            "votes": list(item.votes.select_related("voter")) if kind.takes_votes else [],
        }
        # A member's record stays with moderators, as in the public log.
        if item.member is not None and is_moderator and not kind.member_sent_it:
            context["history"] = list(
                ModerationAction.objects.record_of(item.member).for_log()[:HISTORY_LENGTH]
            )
        if isinstance(subject, Moderated):
            flags = Flag.objects.filter(
                content_type_id=item.content_type_id, object_id=item.object_id
            ).select_related("flagger")
            if not is_moderator:
                # Care stays with moderators; notes can give away who flagged.
                flags = flags.exclude(reason=FlagReason.DANGER)
            context["flags"] = list(flags)
            reasons = Counter(flag.reason for flag in context["flags"])
            context["reasons"] = [
                (FlagReason(reason).label, count) for reason, count in reasons.most_common()
            ]
        if isinstance(subject, Appeal):
            context["appeal"] = subject
            appealed = subject.action.target
            context["appealed"] = appealed if isinstance(appealed, ModerationSubject) else None
            context["can_decide_appeal"] = can_decide_appeal(subject, user)
        context["my_vote"] = next(
            (vote for vote in context["votes"] if vote.voter_id == user.pk), None
        )
        if context["my_vote"]:
            context["my_vote_label"] = queue.vote_label(item, context["my_vote"].choice)
        context.setdefault(
            "decision_form",
            ContentDecisionForm(
                initial={"text": subject.moderation_text()}
                if isinstance(subject, Moderated)
                else {}
            ),
        )
        if kind.context is not None:
            context.update(kind.context(item, user))
        context.update(forms)
        context.setdefault("person_form", PersonActionForm(initial={"item": item.pk}))
        context.setdefault("appeal_form", AppealDecisionForm())
        context.setdefault("care_form", CareForm())
        return render(self.request, kind.template, context, status=status)


class QueueView(QueueAccessMixin, TemplateView):
    template_name = "moderation/queue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        keys = [kind.key for kind in self.kinds]
        chosen = self.request.GET.get("kind", "")
        waiting = self.open_items()
        handle = self.request.GET.get("member", "").strip()
        if handle:
            waiting = waiting.about_member(handle)
        counts = dict(
            waiting.filter(kind__in=keys)
            .values("kind")
            .annotate(count=Count("pk"))
            .values_list("kind", "count")
        )
        items = waiting.filter(kind__in=[chosen] if chosen in keys else keys)
        sort = self.request.GET.get("sort", "")
        sort = sort if sort in QUEUE_SORTS else next(iter(QUEUE_SORTS))
        items = items.for_queue(sort=sort).with_vote_of(self.request.user)
        page = Paginator(items, ITEMS_PER_PAGE).get_page(self.request.GET.get("page"))
        items = list(page.object_list)
        targets_prefetch(items, "subject")
        for item in items:
            item.my_vote_label = queue.vote_label(item, item.my_vote) if item.my_vote else ""
            item.kind_label = queue.kind_of(item).label
            item.member_sent_it = queue.kind_of(item).member_sent_it
            item.label = item.subject_label()
        context.update(
            kinds=[(kind, counts.get(kind.key, 0)) for kind in self.kinds],
            chosen=chosen if chosen in keys else "",
            handle=handle,
            sort=sort,
            sorts=[
                ("urgent", _("Most urgent first")),
                ("oldest", _("Oldest first")),
                ("newest", _("Newest first")),
            ],
            page_obj=page,
            items=items,
            total=sum(counts.values()),
        )
        return context


# The item page's forms, by the address each is sent to, so a form that
# couldn't be saved comes back filled in.
ITEM_FORMS = (
    ("decision_form", ContentDecisionForm, "moderation:item_decide"),
    ("care_form", CareForm, "moderation:item_care"),
    ("appeal_form", AppealDecisionForm, "moderation:item_appeal"),
)


class ItemView(QueueAccessMixin, View):
    def get(self, request, pk):
        forms = {}
        for key, form_class, url_name in ITEM_FORMS:
            unsent = unsent_fields(request, sent_to=reverse(url_name, args=[pk]))
            if unsent is not None:
                forms[key] = form_class(unsent)
        return self.render_item(self.visible_item(pk), **forms)


class ItemDecideView(QueueAccessMixin, View):
    def post(self, request, pk):
        item = self.visible_item(pk)
        form = ContentDecisionForm(request.POST)
        if form.is_valid():
            try:
                record = content_decide(
                    item=item,
                    moderator=request.user,
                    decision=form.cleaned_data["decision"],
                    reason=form.cleaned_data["reason"],
                    text=form.cleaned_data["text"],
                )
            except ValidationError as error:
                show_service_errors(form, error)
            else:
                if record is None:
                    messages.info(request, GONE)
                else:
                    messages.success(request, _("Decision saved and logged."))
                return redirect_to_message("moderation:queue")
        return self.render_item(item, status=400, decision_form=form)


class ItemVoteView(QueueAccessMixin, View):
    def post(self, request, pk):
        item = self.visible_item(pk)
        form = VoteForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose keep or hide."))
            return redirect(item.get_absolute_url())
        try:
            item = vote_cast(item=item, voter=request.user, choice=form.cleaned_data["choice"])
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect(item.get_absolute_url())
        if item.is_open:
            messages.success(request, _("Your vote is counted."))
        else:
            messages.success(request, _("Your vote decided this item. It's in the log."))
        return redirect_to_message("moderation:queue")


class ItemCareView(QueueAccessMixin, View):
    def post(self, request, pk):
        item = self.visible_item(pk)
        form = CareForm(request.POST)
        if form.is_valid():
            try:
                care_close(item=item, moderator=request.user, note=form.cleaned_data["note"])
            except ValidationError as error:
                show_service_errors(form, error)
            else:
                messages.success(request, _("Thank you for following up."))
                return redirect_to_message("moderation:queue")
        return self.render_item(item, status=400, care_form=form)


class ItemAppealView(QueueAccessMixin, View):
    def post(self, request, pk):
        item = self.visible_item(pk)
        appeal = item.subject
        if not isinstance(appeal, Appeal):
            raise Http404
        form = AppealDecisionForm(request.POST)
        if form.is_valid():
            try:
                appeal_decide(
                    appeal=appeal,
                    moderator=request.user,
                    reverse=form.cleaned_data["outcome"] == "reversed",
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                show_service_errors(form, error)
            else:
                messages.success(request, _("Appeal decided. The member is told."))
                return redirect_to_message("moderation:queue")
        return self.render_item(item, status=400, appeal_form=form)


class ItemProfileView(QueueAccessMixin, View):
    def post(self, request, pk):
        item = self.visible_item(pk)
        if item.kind != PROFILE.key:
            raise Http404
        form = ProfileDecisionForm(request.POST)
        if form.is_valid():
            try:
                profile_decide(
                    item=item,
                    moderator=request.user,
                    clear=form.cleaned_data["clear"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                show_service_errors(form, error)
            else:
                messages.success(request, _("Decision saved and logged."))
                return redirect_to_message("moderation:queue")
        return self.render_item(item, status=400, profile_form=form)


# ---- people --------------------------------------------------------------


class ModeratorRequiredMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_peer_moderator(request.user):
            raise PermissionDenied(_("Only peer moderators can see this page."))
        return super().dispatch(request, *args, **kwargs)


class MemberView(ModeratorRequiredMixin, View):
    template_name = "moderation/member.html"

    def get_member(self):
        return get_object_or_404(get_user_model(), username__iexact=self.kwargs["handle"])

    def render_member(self, member, form, status=200, outreach_form=None):
        history = ModerationAction.objects.record_of(member).for_log()
        page = Paginator(history, LOG_PER_PAGE).get_page(self.request.GET.get("page"))
        flags_against = (
            Flag.objects.filter(author=member)
            .exclude(reason=FlagReason.DANGER)
            .values("resolution")
            .annotate(count=Count("pk"))
            .order_by("resolution")
        )
        is_worker = is_outreach_worker(member)
        context = {
            "member": member,
            "form": form,
            "page_obj": page,
            "actions": page.object_list,
            "flags_against": flags_against,
            "is_moderator_target": is_peer_moderator(member),
            "is_outreach_worker": is_worker,
            "outreach_form": outreach_form
            or OutreachRoleForm(initial={"change": "remove" if is_worker else "add"}),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, handle):
        return self.render_member(self.get_member(), PersonActionForm(unsent_fields(request)))

    def post(self, request, handle):
        member = self.get_member()
        form = PersonActionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            item = None
            if data.get("item"):
                item = QueueItem.objects.filter(pk=data["item"], member=member).first()
            common = {"member": member, "moderator": request.user, "reason": data["reason"]}
            try:
                if data["action"] == ActionKind.WARN:
                    member_warn(**common, note=data["note"], item=item)
                elif data["action"] == ActionKind.SILENCE:
                    if not data.get("silence_days"):
                        raise ValidationError({"silence_days": _("Choose how long.")})
                    member_silence(**common, days=data["silence_days"], item=item)
                elif data["action"] == ActionKind.SUSPEND:
                    length = data.get("suspend_days")
                    if not length:
                        raise ValidationError({"suspend_days": _("Choose how long.")})
                    days = None if length == "lifted" else int(length)
                    member_suspend(**common, days=days, item=item)
                else:
                    member_lift(**common, item=item)
            except ValidationError as error:
                show_service_errors(form, error)
            else:
                messages.success(request, _("Done, and logged. The member is told."))
                return redirect_to_message("moderation:member", handle=member.username)
        return self.render_member(member, form, status=400)


class MemberOutreachView(MemberView):
    """Mark a member as an outreach worker from their moderation page, or end it."""

    def get(self, request, handle):
        return redirect("moderation:member", handle=handle)

    def post(self, request, handle):
        member = self.get_member()
        form = OutreachRoleForm(request.POST)
        if form.is_valid():
            try:
                member_outreach_set(
                    member=member,
                    moderator=request.user,
                    is_worker=form.cleaned_data["change"] == "add",
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                show_service_errors(form, error)
            else:
                messages.success(request, _("Done, and logged. The member is told."))
                return redirect_to_message("moderation:member", handle=member.username)
        return self.render_member(member, PersonActionForm(), status=400, outreach_form=form)


# ---- decisions, appeals and the log -------------------------------------


class DecisionView(LoginRequiredMixin, View):
    """One decision, for the member it concerns and for moderators: why, and
    the way to appeal."""

    template_name = "moderation/decision.html"

    def get_action(self):
        action = get_object_or_404(
            ModerationAction.objects.select_related("actor", "target_user"), pk=self.kwargs["pk"]
        )
        user = self.request.user
        if action.target_user_id != user.pk and not is_peer_moderator(user):
            raise Http404
        return action

    def render_decision(self, action, form=None, status=200):
        appeal = Appeal.objects.filter(action=action).select_related("decided_by").first()
        allowed = can_appeal(action, self.request.user)
        target = action.target
        context = {
            "action": action,
            # A member or a profile isn't shown here: only what they wrote is.
            "subject": target if isinstance(target, ModerationSubject) else None,
            "appeal": appeal,
            "can_appeal": allowed,
            "form": form or (AppealForm() if allowed else None),
            "is_moderator": is_peer_moderator(self.request.user),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk):
        unsent = unsent_fields(request)
        return self.render_decision(self.get_action(), form=AppealForm(unsent) if unsent else None)

    def post(self, request, pk):
        action = self.get_action()
        if action.target_user_id != request.user.pk:
            raise PermissionDenied(_("Only the member this decision is about can appeal it."))
        form = AppealForm(request.POST)
        if form.is_valid():
            try:
                appeal_create(
                    action=action, appellant=request.user, message=form.cleaned_data["message"]
                )
            except ValidationError as error:
                show_service_errors(form, error)
            else:
                messages.success(
                    request, _("Your appeal is sent. A different moderator will look at it.")
                )
                return redirect_to_message("moderation:decision", pk=action.pk)
        return self.render_decision(action, form=form, status=400)


class LogView(TemplateView):
    """Every decision, with its reason. The public sees "a moderator"; peer
    moderators see who."""

    template_name = "moderation/log.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        is_moderator = is_peer_moderator(user)
        actions = (
            ModerationAction.objects.all() if is_moderator else ModerationAction.objects.public()
        )
        chosen = self.request.GET.get("action", "")
        if chosen in ActionKind.values:
            actions = actions.filter(action=chosen)
        else:
            chosen = ""
        page = Paginator(actions.for_log(), LOG_PER_PAGE).get_page(self.request.GET.get("page"))
        entries = list(page.object_list)
        targets_prefetch(entries, "target")
        for entry in entries:
            target = entry.target
            entry.target_url = entry.target_label = ""
            if isinstance(target, ModerationSubject):
                entry.target_label, entry.target_url = target.moderation_log_reference(user)
            entry.target_kind = target._meta.verbose_name if target is not None else ""
        context.update(
            entries=entries,
            page_obj=page,
            is_moderator=is_moderator,
            chosen=chosen,
            action_choices=[
                choice
                for choice in ActionKind.choices
                if is_moderator or choice[0] not in NEVER_PUBLIC
            ],
        )
        return context


class ContentDecisionView(LoginRequiredMixin, View):
    """From a hidden or removed piece of content to the latest decision about
    it, for its author and moderators."""

    def get(self, request, model, pk):
        content = flaggable(model, pk)
        actions = ModerationAction.objects.filter(
            content_type=ContentType.objects.get_for_model(content), object_id=content.pk
        )
        if not is_peer_moderator(request.user):
            actions = actions.filter(target_user=request.user)
        action = actions.order_by("-created_at", "-pk").first()
        if action is None:
            raise Http404
        return redirect("moderation:decision", pk=action.pk)


class SuspendedAppealView(View):
    """A suspended member can't sign in, so the link on the sign-in refusal
    page carries who they are, signed and short-lived."""

    template_name = "moderation/suspended_appeal.html"

    def get_action(self):
        payload = appeal_link_read(self.kwargs["token"])
        if payload is None:
            raise Http404
        action = get_object_or_404(
            ModerationAction.objects.select_related("target_user"),
            pk=payload["action"],
            target_user_id=payload["member"],
        )
        return action

    def render_page(self, action, form, status=200):
        allowed = can_appeal(action, action.target_user)
        context = {"action": action, "form": form if allowed else None, "can_appeal": allowed}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, token):
        return self.render_page(self.get_action(), AppealForm())

    def post(self, request, token):
        action = self.get_action()
        form = AppealForm(request.POST)
        if form.is_valid():
            try:
                appeal_create(
                    action=action,
                    appellant=action.target_user,
                    message=form.cleaned_data["message"],
                )
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, getattr(error, "messages", [str(error)]))
            else:
                return render(request, self.template_name, {"action": action, "sent": True})
        return self.render_page(action, form, status=400)
