"""Organizations' spaces and staff. Verifying an organization gives it a
Wagtail group and one page under /consultations/ that the group may add and
edit pages under, and nothing else; a peer moderator's community check
publishes what they write."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import GroupPagePermission, Page

from ..models import ConsultationIndexPage, Organization, OrganizationSpacePage
from ..models.organizations import RESERVED_SLUGS

# What staff may do on their own space and the drafts under it. Publishing
# is not among them: the community check publishes.
STAFF_PAGE_PERMISSIONS = ("add_page", "change_page")
STAFF_GROUP_PREFIX = "Organization: "


def organization_slug(name: str) -> str:
    """A slug for `name` that no organization has and no page of ours uses."""
    base = slugify(name)[:70] or "organization"
    slug, number = base, 2
    while slug in RESERVED_SLUGS or Organization.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _staff_group_ensure(organization: Organization) -> Group:
    if organization.staff_group_id:
        return organization.staff_group
    group, _created = Group.objects.get_or_create(
        name=f"{STAFF_GROUP_PREFIX}{organization.name} ({organization.slug})"[:150]
    )
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    organization.staff_group = group
    organization.save(update_fields=["staff_group"])
    return group


def _space_ensure(organization: Organization, group: Group) -> OrganizationSpacePage:
    space = OrganizationSpacePage.objects.filter(organization=organization).first()
    if space is None:
        index = ConsultationIndexPage.objects.first()
        if index is None:
            raise RuntimeError("The consultations list page is missing; run setup_site.")
        space = OrganizationSpacePage(
            title=organization.name, slug=organization.slug, organization=organization
        )
        index.add_child(instance=space)
        space.save_revision().publish()
    for codename in STAFF_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=space,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    return space


@transaction.atomic
def organization_create(
    *, name: str, description: str, website: str = "", verified_by, slug: str = ""
) -> Organization:
    """A verified organization with its staff group and its space, ready for staff."""
    organization = Organization.objects.create(
        name=name,
        slug=slug or organization_slug(name),
        description=description,
        website=website,
        verified_at=timezone.now(),
        verified_by=verified_by,
    )
    _space_ensure(organization, _staff_group_ensure(organization))
    return organization


@transaction.atomic
def organization_staff_add(*, organization: Organization, member) -> None:
    """Let `member` act for `organization`: its group, and so its space."""
    group = _staff_group_ensure(organization)
    _space_ensure(organization, group)
    member.groups.add(group)


def space_of(organization: Organization) -> Page | None:
    return OrganizationSpacePage.objects.filter(organization=organization).first()
