"""Pages someone may not explore are never named to them in the admin.

Staff of one organization explore their own space and nothing else, so they
never read the title of another organization's unpublished draft. Two places
in Wagtail's admin name pages from the whole tree: the confirmation page of a
bulk action on pages (it lists by title the pages you can't act on, for any
page id put in its address) and the "Page types usage" report (it names the
last edited page of each type). The bulk actions here leave out what the
person can't explore; the report is for people who can explore every page
(site/urls.py serves it at Wagtail's address, and the reports menu hides it
from everyone else).
"""

from wagtail.admin.views.pages.bulk_actions import (
    DeleteBulkAction,
    MoveBulkAction,
    PublishBulkAction,
    UnpublishBulkAction,
)
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import Page
from wagtail.permissions import page_permission_policy

PAGE_TYPES_REPORT_MENU_NAME = "page-types-usage"


def explores_every_page(user) -> bool:
    """Whether `user` may open every page of the tree in the explorer."""
    explorable = page_permission_policy.explorable_instances(user)
    return not Page.objects.exclude(pk__in=explorable.values("pk")).exists()


class NamesOnlyExplorablePages:
    """A page bulk action that lists, among the pages it can't act on, only
    those the person may explore: the rest aren't named at all."""

    def get_actionable_objects(self):
        objects, context = super().get_actionable_objects()
        refused = context["items_with_no_access"]
        if refused:
            explorable = set(
                page_permission_policy.explorable_instances(self.request.user)
                .filter(pk__in=[page.pk for page in refused])
                .values_list("pk", flat=True)
            )
            context["items_with_no_access"] = [page for page in refused if page.pk in explorable]
        return objects, context


class DeletePagesAction(NamesOnlyExplorablePages, DeleteBulkAction):
    pass


class MovePagesAction(NamesOnlyExplorablePages, MoveBulkAction):
    pass


class PublishPagesAction(NamesOnlyExplorablePages, PublishBulkAction):
    pass


class UnpublishPagesAction(NamesOnlyExplorablePages, UnpublishBulkAction):
    pass


PAGE_BULK_ACTIONS = (DeletePagesAction, MovePagesAction, PublishPagesAction, UnpublishPagesAction)


class WholeTreePageTypesUsageView(PageTypesUsageReportView):
    """Wagtail's report, for people who may explore every page it could name."""

    def user_has_any_permission(self, permissions):
        return super().user_has_any_permission(permissions) and explores_every_page(
            self.request.user
        )


def page_types_report_hide(request, menu_items) -> None:
    """The reports menu leaves out the page types report for whoever can't open it."""
    if not explores_every_page(request.user):
        menu_items[:] = [item for item in menu_items if item.name != PAGE_TYPES_REPORT_MENU_NAME]
