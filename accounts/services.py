"""Writes to members' accounts. Views and tasks call these; the rules live here."""

import secrets

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.users.models import UserProfile

from .handles import normalize_handle, retired_handle_digest, validate_handle
from .models import Ignore, Profile, RetiredHandle, User
from .roles import is_peer_moderator

# No 0/O, 1/I/L or U: a code someone copies by hand should not be misread.
RECOVERY_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
RECOVERY_GROUPS = 4
RECOVERY_GROUP_LENGTH = 5
RECOVERY_CODE_LENGTH = RECOVERY_GROUPS * RECOVERY_GROUP_LENGTH


def is_retired(handle: str) -> bool:
    """Whether a member who erased their account had this handle. Digests made
    with a previous secret (SECRET_KEY_FALLBACKS) still count after a rotation."""
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    digests = [retired_handle_digest(handle, secret=secret) for secret in secrets]
    return RetiredHandle.objects.filter(digest__in=digests).exists()


def clean_handle(value: str, *, exclude_user_id: int | None = None) -> str:
    """Normalize, validate and check that nobody else has the handle, in any
    case, and that it didn't belong to a member who left."""
    handle = normalize_handle(value)
    validate_handle(handle)
    taken = User.objects.filter(username__iexact=handle)
    if exclude_user_id is not None:
        taken = taken.exclude(pk=exclude_user_id)
    if taken.exists():
        raise ValidationError(
            _("Someone already uses that handle. Try another."), code="handle_taken"
        )
    if is_retired(handle):
        # Old posts still mention this name; a newcomer using it would be
        # mistaken for the person who left.
        raise ValidationError(
            _(
                "That handle belonged to someone who has left. Old posts still mention it, "
                "so it can't be used again. Please pick another."
            ),
            code="handle_retired",
        )
    return handle


def recovery_code_normalize(code: str) -> str:
    """Accept the code however it was typed: any case, with spaces or dashes."""
    return "".join(char for char in code.upper() if char.isalnum())


def _recovery_code_generate() -> str:
    groups = (
        "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_GROUP_LENGTH))
        for _ in range(RECOVERY_GROUPS)
    )
    return "-".join(groups)


def recovery_code_issue(*, user: User) -> str:
    """Give the member a new recovery code and return it.

    Only a hash is kept, so the returned text is the one chance to show it;
    any earlier code stops working.
    """
    code = _recovery_code_generate()
    user.recovery_code_hash = make_password(recovery_code_normalize(code))
    user.save(update_fields=["recovery_code_hash"])
    return code


def recovery_code_matches(*, user: User | None, code: str) -> bool:
    normalized = recovery_code_normalize(code)
    if user is None or not user.recovery_code_hash or len(normalized) != RECOVERY_CODE_LENGTH:
        # Hash anyway, so a wrong handle takes as long as a wrong code.
        make_password(normalized)
        return False
    return check_password(normalized, user.recovery_code_hash)


class RecoveryCodeAlreadyUsed(Exception):
    """The code was replaced between proving it and choosing a new password."""


@transaction.atomic
def password_reset_with_recovery_code(
    *, user: User, proven_code_hash: str, new_password: str
) -> str:
    """Set a new password and replace the used recovery code; return the new code.

    `proven_code_hash` is the hash that was current when the member proved the
    code. If it has changed since (the code was used from another browser, or
    replaced), nothing is changed and RecoveryCodeAlreadyUsed is raised: a code
    works exactly once.
    """
    locked = User.objects.select_for_update().get(pk=user.pk)
    if not proven_code_hash or locked.recovery_code_hash != proven_code_hash:
        raise RecoveryCodeAlreadyUsed
    locked.set_password(new_password)
    locked.save(update_fields=["password"])
    return recovery_code_issue(user=locked)


def shared_device_chosen(*, user: User) -> None:
    """The member said at sign-in that others use this device: from now on quick
    exit signs them out too, until they turn that off in their settings.
    Signing in without saying so leaves the setting as it was."""
    if not user.quick_exit_signs_out:
        user.quick_exit_signs_out = True
        user.save(update_fields=["quick_exit_signs_out"])


def member_export(*, user: User) -> dict:
    """Everything the site holds about the member's account, for them to download."""
    profile, _ = Profile.objects.get_or_create(user=user)
    exported = {
        "handle": user.username,
        "joined": user.date_joined.strftime("%Y-%m"),
        "profile": {
            "pronouns": profile.pronouns,
            "bio": profile.bio,
            "here_as": profile.get_here_as_display() if profile.here_as else "",
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "has_recovery_code": bool(user.recovery_code_hash),
        "trust_level": user.trust_level,
        "roles": sorted(
            {
                *user.groups.values_list("name", flat=True),
                *user.user_permissions.values_list("name", flat=True),
            }
        ),
        "members_you_ignore": sorted(
            Ignore.objects.filter(user=user).values_list("ignored__username", flat=True)
        ),
        # The kinds only: the secrets that make them work never leave the site.
        "sign_in_methods": sorted(
            {
                str(authenticator.get_type_display())
                for authenticator in Authenticator.objects.filter(user=user)
            }
        ),
        "editor_preferences": _editor_preferences(user),
        "quick_exit_signs_out": user.quick_exit_signs_out,
        "neutral_titles": user.neutral_titles,
    }
    # Other parts of the site add what the member wrote there ("member_export" hook:
    # a function taking the user and returning a dict to merge in).
    for add_section in hooks.get_hooks("member_export"):
        exported.update(add_section(user))
    return exported


def _editor_preferences(user: User) -> dict:
    """Settings from the editor's account page, for peer authors and moderators."""
    preferences = UserProfile.objects.filter(user=user).first()
    if preferences is None:
        return {}
    return {
        "language": preferences.preferred_language,
        "time_zone": preferences.current_time_zone,
        "theme": preferences.theme,
        "profile_picture": preferences.avatar.url if preferences.avatar else "",
        "comment_emails": preferences.updated_comments_notifications,
        "review_emails": preferences.submitted_notifications
        or preferences.approved_notifications
        or preferences.rejected_notifications,
    }


@transaction.atomic
def member_erase(*, user: User) -> None:
    """Delete the account and everything stored with it. Cannot be undone.
    The handle is retired: nobody can register it again.

    Other parts of the site first erase what the member wrote there
    ("member_erase" hook: a function taking the user), inside this transaction.
    """
    for erase_section in hooks.get_hooks("member_erase"):
        erase_section(user)
    _avatar_delete(user)
    handle_retire(handle=user.username)
    user.delete()


def _avatar_delete(user: User) -> None:
    """The profile picture's row goes with the account; its file would stay in
    the media folder. Deleted once the erasure is committed."""
    preferences = UserProfile.objects.filter(user=user).first()
    if preferences is None or not preferences.avatar:
        return
    storage, name = preferences.avatar.storage, preferences.avatar.name
    transaction.on_commit(lambda: storage.delete(name))


def handle_retire(*, handle: str) -> None:
    """Keep the handle from ever being registered again, by its keyed hash."""
    RetiredHandle.objects.get_or_create(digest=retired_handle_digest(handle))


IGNORE_MIN_TRUST_LEVEL = 1


def can_ignore(user: User, other: User) -> bool:
    return (
        user.is_authenticated
        and user.pk != other.pk
        and (user.trust_level >= IGNORE_MIN_TRUST_LEVEL or is_peer_moderator(user))
        and not is_peer_moderator(other)
    )


def ignore_set(*, user: User, other: User, ignoring: bool) -> None:
    """Start or stop ignoring another member. Peer moderators can't be ignored,
    so their notes always reach people."""
    if not ignoring:
        Ignore.objects.filter(user=user, ignored=other).delete()
        return
    if not can_ignore(user, other):
        raise PermissionDenied(_("You can ignore members once you've spent a little time here."))
    Ignore.objects.get_or_create(user=user, ignored=other)
