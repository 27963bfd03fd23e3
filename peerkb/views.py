from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from accounts.roles import is_peer_moderator
from core.forms import redirect_to_message, show_service_errors
from moderation.views import QueueAccessMixin
from moderation.write_views import ScreenedFormView

from . import queue
from .contributions import (
    helpful_vote_record,
    proposal_accept,
    proposal_create,
    proposal_decline,
    suggestion_close,
    suggestion_create,
)
from .following import topic_following_set
from .forms import (
    HelpfulForm,
    ProposalAcceptForm,
    ProposalDeclineForm,
    ProposalForm,
    SuggestionCloseForm,
    SuggestionForm,
)
from .models import ArticlePage, ArticleProposal, ArticleSuggestion, TopicTag
from .review import article_mark_reviewed

# ---- was this helpful? ---------------------------------------------------


def helpful_vote(request, article: ArticlePage):
    """“Was this helpful?” Answers come by POST only; a GET goes back to the article."""
    anchor = article.get_url(request) + "#helpful"
    if request.method != "POST":
        return redirect(anchor)
    form = HelpfulForm(request.POST)
    if form.is_valid():
        helpful_vote_record(
            article=article,
            helpful=form.cleaned_data["helpful"],
            member=request.user,
            session=request.session,
        )
        messages.success(request, _("Thank you for telling us."))
    else:
        messages.error(request, _("Choose yes or no."))
    return redirect(anchor)


# ---- following a topic ------------------------------------------------------


def topic_follow(request, *, index_page, slug: str):
    """Follow a topic, or stop following it, from the topic's page. Members
    only, by POST only; a GET goes back to the topic."""
    topic = get_object_or_404(TopicTag, slug=slug)
    topic_url = index_page.get_url(request) + index_page.reverse_subpage("topic", args=[slug])
    if request.method != "POST":
        return redirect(topic_url)
    if not request.user.is_authenticated:
        messages.info(request, _("Log in to follow a topic. A made-up name is enough to join."))
        return redirect_to_login(topic_url)
    choice = request.POST.get("follow")
    if choice not in ("yes", "no"):
        return redirect(topic_url)
    following = choice == "yes"
    topic_following_set(member=request.user, topic=topic, following=following)
    if following:
        messages.success(
            request,
            _(
                "You follow %(topic)s. New and updated articles here go in your email "
                "digest, if you get one."
            )
            % {"topic": topic.name},
        )
    else:
        messages.success(request, _("You stopped following %(topic)s.") % {"topic": topic.name})
    return redirect(topic_url)


# ---- writing --------------------------------------------------------------


class SuggestUpdateView(ScreenedFormView):
    template_name = "peerkb/suggest.html"
    login_reason = gettext_lazy("Log in to suggest an update. A made-up name is enough to join.")
    success_message = gettext_lazy(
        "Thank you. Peer reviewers will read your suggestion, and you'll hear back in "
        "your notifications."
    )

    def page_context(self) -> dict:
        return {"page": self.kwargs["article"], "article": self.kwargs["article"]}

    def make_form(self, data=None):
        initial = {"section": self.request.GET.get("section", "")}
        return SuggestionForm(
            data, initial=initial, sections=self.kwargs["article"].section_headings()
        )

    def save(self, form, *, nudge_acknowledged: bool) -> ArticleSuggestion:
        return suggestion_create(
            article=self.kwargs["article"],
            member=self.request.user,
            text=form.cleaned_data["text"],
            section=form.cleaned_data["section"],
            nudge_acknowledged=nudge_acknowledged,
        )

    def success_url(self, saved) -> str:
        return self.kwargs["article"].get_url(self.request)


class ProposeArticleView(ScreenedFormView):
    template_name = "peerkb/propose.html"
    login_reason = gettext_lazy("Log in to propose an article. A made-up name is enough to join.")
    success_message = gettext_lazy(
        "Thank you for the idea. A peer moderator will read it, and you'll hear back in "
        "your notifications."
    )

    def page_context(self) -> dict:
        return {"page": self.kwargs["index_page"]}

    def make_form(self, data=None):
        return ProposalForm(data)

    def save(self, form, *, nudge_acknowledged: bool) -> ArticleProposal:
        return proposal_create(
            member=self.request.user, **form.cleaned_data, nudge_acknowledged=nudge_acknowledged
        )

    def success_url(self, saved) -> str:
        return self.kwargs["index_page"].get_url(self.request)


# ---- the review queue -----------------------------------------------------


class KnowledgeBaseItemMixin(QueueAccessMixin):
    kind = None

    def item_and_subject(self, pk):
        item = self.visible_item(pk)
        if item.kind != self.kind.key or item.subject is None:
            raise Http404
        return item, item.subject

    def post(self, request, pk):
        item, subject = self.item_and_subject(pk)
        if not item.is_open:
            messages.info(request, _("Someone already dealt with this item."))
            return redirect_to_message("moderation:queue")
        return self.act(request, item, subject)


class MarkReviewedView(KnowledgeBaseItemMixin, View):
    kind = queue.REVIEW_DUE

    def act(self, request, item, article):
        try:
            article_mark_reviewed(article=article.specific, reviewer=request.user, item=item)
        except PermissionDenied as error:
            messages.error(request, str(error))
            return redirect(item.get_absolute_url())
        messages.success(request, _("Marked as still accurate. The next check is on the calendar."))
        return redirect_to_message("moderation:queue")


class SuggestionCloseView(KnowledgeBaseItemMixin, View):
    kind = queue.SUGGESTION

    def act(self, request, item, suggestion):
        if not isinstance(suggestion, ArticleSuggestion):
            raise Http404
        form = SuggestionCloseForm(request.POST)
        if form.is_valid():
            try:
                suggestion_close(
                    suggestion=suggestion,
                    reviewer=request.user,
                    item=item,
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                show_service_errors(form, error)
            else:
                messages.success(request, _("Suggestion closed. The member gets your note."))
                return redirect_to_message("moderation:queue")
        return self.render_item(item, status=400, close_form=form)


class ProposalDecideView(KnowledgeBaseItemMixin, View):
    kind = queue.PROPOSAL

    def act(self, request, item, proposal):
        if not isinstance(proposal, ArticleProposal):
            raise Http404
        if not is_peer_moderator(request.user):
            raise PermissionDenied(_("Only peer moderators can accept or decline ideas."))
        accepting = request.POST.get("decision") == "accept"
        form = (ProposalAcceptForm if accepting else ProposalDeclineForm)(request.POST)
        if form.is_valid():
            try:
                if accepting:
                    draft = proposal_accept(
                        proposal=proposal,
                        moderator=request.user,
                        author=form.cleaned_data["author"],
                        item=item,
                    )
                    done = _("Accepted. “%(title)s” is a draft for its peer author.") % {
                        "title": draft.title
                    }
                else:
                    proposal_decline(
                        proposal=proposal,
                        moderator=request.user,
                        item=item,
                        reason=form.cleaned_data["reason"],
                    )
                    done = _("Declined. The member is told why.")
            except ValidationError as error:
                show_service_errors(form, error)
            else:
                messages.success(request, done)
                return redirect_to_message("moderation:queue")
        forms = {"accept_form" if accepting else "decline_form": form}
        return self.render_item(item, status=400, **forms)
