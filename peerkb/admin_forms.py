"""The article editor's form: the sources rule at the moment it matters, and a
credit for the author when they leave the authors list empty."""

from django.utils.translation import gettext as _

from wagtail.admin.forms import WagtailAdminPageForm

RULE_MESSAGE_FIELD = "includes_medical_info"


class ArticlePageForm(WagtailAdminPageForm):
    def wants_to_go_live(self) -> bool:
        """Publishing, sending for review, or approving: the steps that lead to readers."""
        data = self.data
        approving = (
            "action-workflow-action" in data and data.get("workflow-action-name") == "approve"
        )
        return approving or any(
            name in data for name in ("action-publish", "action-submit", "action-restart-workflow")
        )

    def kept_forms(self, relation: str) -> list:
        formset = self.formsets.get(relation)
        if formset is None:
            return []
        return [
            form
            for form in formset.forms
            if form.is_valid() and not form.cleaned_data.get("DELETE")
        ]

    def already_credited(self) -> set[int]:
        """Profiles credited on the saved draft or the live article."""
        from .models import ArticleAuthor, ArticlePage

        if not self.instance.pk:
            return set()
        saved = ArticlePage.objects.get(pk=self.instance.pk).get_latest_revision_as_object()
        credited = {credit.author_id for credit in saved.authors.all()}
        live = ArticleAuthor.objects.filter(page_id=self.instance.pk)
        return credited | set(live.values_list("author_id", flat=True))

    def clean_credits(self) -> None:
        """Peers credit themselves: a name on an article is its owner's choice.
        Credits already there stay; a peer moderator can credit anyone."""
        from accounts.roles import is_peer_moderator

        if self.for_user is None or is_peer_moderator(self.for_user):
            return
        allowed = self.already_credited()
        for form in self.kept_forms("authors"):
            author = form.cleaned_data.get("author")
            if (
                author is not None
                and author.pk not in allowed
                and (author.member_id != self.for_user.pk)
            ):
                form.add_error(
                    "author",
                    _(
                        "You can credit yourself and keep the peers already credited. Ask "
                        "%(name)s to add themselves, or a peer moderator to add them."
                    )
                    % {"name": author.display_name},
                )

    def clean(self):
        cleaned_data = super().clean()
        self.clean_credits()
        if self.wants_to_go_live() and cleaned_data.get("includes_medical_info"):
            has_source = any(form.cleaned_data.get("url") for form in self.kept_forms("sources"))
            if not has_source:
                self.add_error(
                    RULE_MESSAGE_FIELD,
                    _(
                        "This article includes medical or dosing information, so it needs at "
                        "least one source before it goes to readers. Add one under “Sources”, "
                        "or untick this box if it has no such information."
                    ),
                )
        return cleaned_data

    def save(self, commit=True):
        from .models import ArticleAuthor, AuthorProfile

        page = super().save(commit=False)
        if self.for_user is not None and not list(page.authors.all()):
            page.authors.add(
                ArticleAuthor(author=AuthorProfile.objects.for_member(self.for_user), sort_order=0)
            )
        if commit:
            page.save()
        return page
