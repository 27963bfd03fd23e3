"""An editor panel that tells authors and reviewers where an article's review stands."""

from wagtail.admin.panels import Panel


class ReviewStatusPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "peerkb/admin/review_status.html"

        def get_context_data(self, parent_context=None):
            from .review import review_status

            context = super().get_context_data(parent_context)
            context["status"] = review_status(article=self.instance, user=self.request.user)
            return context
