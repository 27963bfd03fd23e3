from django.db.models import Q

from wagtail import hooks
from wagtail.permissions import page_permission_policy

from .admin_visibility import PAGE_BULK_ACTIONS, page_types_report_hide
from .demo import consultations_demo_load
from .member_data import CONSULTATIONS_MEMBER_DATA, consultations_erase, consultations_export
from .organization_admin import organization_viewset
from .services.setup import consultations_setup


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


# After Wagtail's own (order 0), so these take their place in the registry.
for bulk_action in PAGE_BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action, order=1)

hooks.register("construct_reports_menu", page_types_report_hide)
