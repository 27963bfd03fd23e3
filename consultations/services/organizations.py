"""Organizations' spaces and staff, and members' requests to act for one.

Verifying an organization gives it a Wagtail group and one page under
/consultations/ that the group may add and edit pages under, and nothing
else; a peer moderator's community check publishes what they write. A member
asks to act for an organization; a peer moderator verifies or declines the
request from the review queue, and may later end one member's access or
revoke the organization. Each decision is in the moderation log, and the
member hears of it in their notifications.
"""

from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.models import GroupPagePermission, Page

from core.text import clean_plain_text
from moderation.models import ActionKind, QueueItem
from moderation.screening import Verdict
from moderation.services import (
    action_record,
    queue_item_close,
    queue_item_open,
    require_moderator,
)
from moderation.services.records import reason_clean, subject_filter
from moderation.writing import write_allowed_check, write_screen
from notifications.models import NotificationKind
from notifications.services import notify

from ..models import (
    ConsultationIndexPage,
    Organization,
    OrganizationRequest,
    OrganizationSpacePage,
    RequestStatus,
)
from ..models.organizations import (
    DESCRIPTION_MAX_LENGTH,
    HOW_TO_CHECK_MAX_LENGTH,
    ORGANIZATION_NAME_MAX_LENGTH,
    RESERVED_SLUGS,
)

# The queue kind's key (see consultations/organization_queue.py, which
# registers it with its forms): kept here so services don't import forms.
REQUEST_QUEUE_KIND = "organization_request"
WEBSITE_MAX_LENGTH = 200
SLUG_MAX_LENGTH = 80

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
    """Let `member` act for `organization`: its group, and so its space. A
    revoked organization takes no new staff."""
    if not organization.is_verified:
        raise ValidationError(_("This organization is no longer verified, so it can't add staff."))
    group = _staff_group_ensure(organization)
    _space_ensure(organization, group)
    member.groups.add(group)


def space_of(organization: Organization) -> Page | None:
    return OrganizationSpacePage.objects.filter(organization=organization).first()


# ---- asking to act for an organization -----------------------------------


def _text_clean(text: str, *, field: str, max_length: int, required_message: str = "") -> str:
    """One line or a short paragraph as the member meant it, or a refusal
    beside the field: too long is refused, never cut."""
    text = clean_plain_text(text)
    if not text and required_message:
        raise ValidationError({field: required_message})
    if len(text) > max_length:
        raise ValidationError(
            {
                field: _("Keep this under %(max)s characters. It has %(count)s.")
                % {"max": f"{max_length:,}", "count": f"{len(text):,}"}
            }
        )
    return text


def _website_clean(website: str, *, field: str = "website") -> str:
    """A web address on http or https, or nothing."""
    website = clean_plain_text(website)
    if not website:
        return ""
    parts = urlsplit(website)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValidationError({field: _("Enter a web address, like https://example.org/.")})
    if len(website) > WEBSITE_MAX_LENGTH:
        raise ValidationError(
            {field: _("Keep this under %(max)d characters.") % {"max": WEBSITE_MAX_LENGTH}}
        )
    return website


def _fields_clean(cleaners: dict) -> dict[str, str]:
    """Run every field's cleaner, so every problem is shown at once."""
    cleaned, errors = {}, {}
    for field, clean in cleaners.items():
        try:
            cleaned[field] = clean()
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return cleaned


def pending_request_of(member) -> OrganizationRequest | None:
    return OrganizationRequest.objects.filter(member=member, status=RequestStatus.PENDING).first()


@transaction.atomic
def organization_request_create(
    *,
    member,
    organization_name: str,
    description: str,
    how_to_check: str,
    website: str = "",
    nudge_acknowledged: bool = False,
) -> OrganizationRequest:
    """A member asks to act for an organization. What they wrote is screened
    like a post, then waits in the review queue for a peer moderator. One
    request waits at a time, per member."""
    write_allowed_check(member, "organization_request")
    # Lock the member's row, so two requests sent at once can't both wait.
    get_user_model().objects.select_for_update().filter(pk=member.pk).first()
    if pending_request_of(member) is not None:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "You already have a request waiting for a peer moderator. You can send "
                    "another once it is decided."
                )
            }
        )
    fields = _fields_clean(
        {
            "organization_name": lambda: " ".join(
                _text_clean(
                    organization_name,
                    field="organization_name",
                    max_length=ORGANIZATION_NAME_MAX_LENGTH,
                    required_message=_("Give the organization's name."),
                ).split()
            ),
            "description": lambda: _text_clean(
                description,
                field="description",
                max_length=DESCRIPTION_MAX_LENGTH,
                required_message=_("Say in a sentence or two what the organization does."),
            ),
            "how_to_check": lambda: _text_clean(
                how_to_check,
                field="how_to_check",
                max_length=HOW_TO_CHECK_MAX_LENGTH,
                required_message=_("Say how a peer moderator can check."),
            ),
            "website": lambda: _website_clean(website),
        }
    )
    screening = write_screen(
        author=member,
        action="organization_request",
        fields={
            name: fields[name] for name in ("organization_name", "description", "how_to_check")
        },
        nudge_acknowledged=nudge_acknowledged,
    )
    organization_request = OrganizationRequest.objects.create(member=member, **fields)
    summary = _("Request to act for an organization")
    if screening.verdict in (Verdict.HOLD, Verdict.FLAG) and screening.reason:
        # A phone number to call is expected here; the queue still says what
        # screening found, so the moderator reads it knowing.
        summary = f"{summary} ({_('screening')}: {screening.reason})"
    item = queue_item_open(
        kind=REQUEST_QUEUE_KIND, subject=organization_request, member=member, summary=summary
    )
    # It names who a member works for: only peer moderators read it.
    item.moderators_only = True
    item.save(update_fields=["moderators_only"])
    return organization_request


# ---- a peer moderator decides --------------------------------------------


def _open_item_of(organization_request: OrganizationRequest) -> QueueItem | None:
    return (
        QueueItem.objects.open()
        .filter(kind=REQUEST_QUEUE_KIND, **subject_filter(organization_request))
        .first()
    )


def _decidable(organization_request: OrganizationRequest, moderator) -> OrganizationRequest:
    require_moderator(moderator)
    if organization_request.member_id == moderator.pk:
        raise PermissionDenied(_("Another peer moderator decides on your own request."))
    organization_request = OrganizationRequest.objects.select_for_update().get(
        pk=organization_request.pk
    )
    if organization_request.status != RequestStatus.PENDING:
        raise ValidationError(_("Someone already decided on this request."))
    return organization_request


def _tell_member(member, summary: str) -> None:
    """A neutral line in the member's notifications, linking to their requests."""
    notify(
        recipients=[member],
        kind=NotificationKind.CONSULTATION,
        summary=summary,
        url=reverse("consultations:organization_request"),
        sensitive=False,
    )


def _note_clean(note: str) -> str:
    note = " ".join(clean_plain_text(note).split())
    if note:
        reason_clean(note, field="note")
    return note


def _new_organization_fields(*, name: str, slug: str, description: str, website: str) -> dict:
    def name_clean():
        return " ".join(
            _text_clean(
                name,
                field="name",
                max_length=ORGANIZATION_NAME_MAX_LENGTH,
                required_message=_("Give the organization's name."),
            ).split()
        )

    def slug_clean():
        value = clean_plain_text(slug).lower()
        if not value:
            return organization_slug(name)
        try:
            validate_slug(value)
        except ValidationError:
            raise ValidationError({"slug": _("Use only letters, numbers, - and _.")}) from None
        if len(value) > SLUG_MAX_LENGTH:
            raise ValidationError(
                {"slug": _("Keep this under %(max)d characters.") % {"max": SLUG_MAX_LENGTH}}
            )
        taken = (
            value in RESERVED_SLUGS
            or Organization.objects.filter(slug=value).exists()
            or OrganizationSpacePage.objects.filter(slug=value).exists()
        )
        if taken:
            raise ValidationError(
                {"slug": _("Another organization or page uses this. Choose another.")}
            )
        return value

    return _fields_clean(
        {
            "name": name_clean,
            "slug": slug_clean,
            "description": lambda: _text_clean(
                description,
                field="description",
                max_length=DESCRIPTION_MAX_LENGTH,
                required_message=_("Say in a sentence or two what it does."),
            ),
            "website": lambda: _website_clean(website),
        }
    )


@transaction.atomic
def organization_request_verify(
    *,
    organization_request: OrganizationRequest,
    moderator,
    organization: Organization | None = None,
    name: str | None = None,
    slug: str = "",
    description: str | None = None,
    website: str | None = None,
    note: str = "",
) -> Organization:
    """Verify a request: the member acts for `organization`, which must be
    verified, or, without one, for a new organization made from `name`,
    `slug`, `description` and `website`: the moderator's corrections of what
    the member wrote, which stands where one is None (a slug is made from the
    name if none is given). The public log names the organization; the
    member's own words stay with moderators. `note` goes to the member only."""
    organization_request = _decidable(organization_request, moderator)
    if name is None:
        name = organization_request.organization_name
    if description is None:
        description = organization_request.description
    if website is None:
        website = organization_request.website
    note = _note_clean(note)
    if organization is not None:
        organization = Organization.objects.select_for_update().get(pk=organization.pk)
        if not organization.is_verified:
            raise ValidationError(
                {"organization": _("That organization is no longer verified. Choose another.")}
            )
        is_new = False
    else:
        fields = _new_organization_fields(
            name=name, slug=slug, description=description, website=website
        )
        organization = organization_create(**fields, verified_by=moderator)
        is_new = True
    member = organization_request.member
    organization_staff_add(organization=organization, member=member)
    organization_request.status = RequestStatus.VERIFIED
    organization_request.organization = organization
    organization_request.decided_by = moderator
    organization_request.decided_at = timezone.now()
    organization_request.decision_reason = note
    organization_request.save(
        update_fields=["status", "organization", "decided_by", "decided_at", "decision_reason"]
    )
    item = _open_item_of(organization_request)
    action_record(
        action=ActionKind.ORGANIZATION_VERIFIED,
        actor=moderator,
        reason=_("A peer moderator checked that they act for this organization."),
        private_note=note,
        target=organization,
        target_user=member,
        item=item,
        detail={"new_organization": is_new},
        notify=False,
    )
    if item is not None:
        queue_item_close(item=item, by=moderator, outcome=_("Verified"))
    _tell_member(member, _("A peer moderator decided on your request to act for an organization."))
    return organization


@transaction.atomic
def organization_request_decline(
    *, organization_request: OrganizationRequest, moderator, reason: str
) -> None:
    """Decline a request with a reason the member reads. It stays out of the
    public log: it is about what one member sent in."""
    organization_request = _decidable(organization_request, moderator)
    reason = reason_clean(reason)
    organization_request.status = RequestStatus.DECLINED
    organization_request.decided_by = moderator
    organization_request.decided_at = timezone.now()
    organization_request.decision_reason = reason
    organization_request.save(
        update_fields=["status", "decided_by", "decided_at", "decision_reason"]
    )
    item = _open_item_of(organization_request)
    action_record(
        action=ActionKind.ORGANIZATION_DECLINED,
        actor=moderator,
        reason=reason,
        target=organization_request,
        target_user=organization_request.member,
        item=item,
        notify=False,
    )
    if item is not None:
        queue_item_close(item=item, by=moderator, outcome=_("Declined"))
    _tell_member(
        organization_request.member,
        _("A peer moderator decided on your request to act for an organization."),
    )


# ---- ending access -------------------------------------------------------


def _requests_revoke(organization: Organization, moderator, reason: str, members=None) -> None:
    """The verified requests behind the access that ended show as revoked,
    with the reason, on the members' own page."""
    requests = OrganizationRequest.objects.filter(
        organization=organization, status=RequestStatus.VERIFIED
    )
    if members is not None:
        requests = requests.filter(member__in=members)
    requests.update(
        status=RequestStatus.REVOKED,
        decided_by=moderator,
        decided_at=timezone.now(),
        decision_reason=reason,
    )


def staff_of(organization: Organization):
    """The members in the organization's group, whether or not it is still verified."""
    if not organization.staff_group_id:
        return get_user_model().objects.none()
    return get_user_model().objects.filter(groups=organization.staff_group_id).order_by("username")


@transaction.atomic
def organization_staff_revoke(
    *, organization: Organization, member, moderator, reason: str
) -> None:
    """`member` stops acting for `organization`: out of its group, so out of
    its space in the admin. What they wrote there stays."""
    require_moderator(moderator)
    reason = reason_clean(reason)
    # Two moderators ending the same access at once: the second waits here,
    # then finds they no longer act for it.
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    if not staff_of(organization).filter(pk=member.pk).exists():
        raise ValidationError(_("They don't act for this organization."))
    member.groups.remove(organization.staff_group)
    _requests_revoke(organization, moderator, reason, members=[member])
    action_record(
        action=ActionKind.ORGANIZATION_STAFF_REVOKED,
        actor=moderator,
        reason=reason,
        target=organization,
        target_user=member,
        notify=False,
    )
    _tell_member(member, _("A peer moderator changed your access to act for an organization."))


@transaction.atomic
def organization_revoke(*, organization: Organization, moderator, reason: str) -> None:
    """The organization is no longer verified: its group loses the admin and
    its space (members stay in it, so who acted for it is still known), its
    pages stay readable, and its public page says so. Its staff are told."""
    require_moderator(moderator)
    reason = reason_clean(reason)
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    if not organization.active:
        raise ValidationError(_("This organization is already revoked."))
    organization.active = False
    organization.save(update_fields=["active"])
    staff = list(staff_of(organization))
    if organization.staff_group_id:
        GroupPagePermission.objects.filter(group_id=organization.staff_group_id).delete()
        organization.staff_group.permissions.clear()
    _requests_revoke(organization, moderator, reason)
    action_record(
        action=ActionKind.ORGANIZATION_REVOKED,
        actor=moderator,
        reason=reason,
        target=organization,
        notify=False,
    )
    notify(
        recipients=staff,
        kind=NotificationKind.CONSULTATION,
        summary=_("A peer moderator changed your access to act for an organization."),
        url=reverse("consultations:organization_request"),
        sensitive=False,
        actor=moderator,
    )
