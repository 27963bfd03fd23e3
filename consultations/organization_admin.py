"""Organizations in the Wagtail admin, for peer moderators: a list, and an
edit form to correct a name, a description or a website. Nobody adds or
deletes one here: an organization comes from a verified request, and is
revoked (never deleted) on its manage page, so its record stays."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import BooleanColumn, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import Organization


class NoAddOrDeletePolicy(ModelPermissionPolicy):
    """The model's permissions, except that nobody, not even a superuser,
    may add or delete through the admin."""

    REFUSED = frozenset({"add", "delete"})

    def user_has_permission(self, user, action):
        return action not in self.REFUSED and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(
            [action for action in actions if action not in self.REFUSED]
        )


register_permission_policy(Organization, NoAddOrDeletePolicy(Organization), exact_class=True)


class OrganizationViewSet(ModelViewSet):
    model = Organization
    icon = "group"
    menu_label = _("Organizations")
    add_to_admin_menu = True
    menu_order = 260
    form_fields = ["name", "description", "website"]
    list_display = [
        "name",
        DateColumn("verified_at", label=_("Verified on")),
        BooleanColumn("active", label=_("Still verified")),
    ]
    list_filter = ["active"]
    # This list is short and not in the search index: search the table.
    search_fields = ["name", "description"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = False

    def formfield_for_dbfield(self, db_field, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")
        return super().formfield_for_dbfield(db_field, **kwargs)


organization_viewset = OrganizationViewSet("organizations")
