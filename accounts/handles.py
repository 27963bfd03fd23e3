"""The rules for a member's handle: the public pseudonym they are known by."""

import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from core.text import HANDLE_MAX_LENGTH, HANDLE_MIN_LENGTH

HANDLE_PATTERN = re.compile(r"[A-Za-z0-9_-]+")
# Seven digits make most phone numbers, with or without the area code.
PHONE_DIGITS = 7


def strip_invisible(text: str) -> str:
    """Remove zero-width, bidirectional-override and control characters.

    They let two handles look identical, or make text read backwards.
    """
    return "".join(
        char for char in text if unicodedata.category(char) not in ("Cf", "Cc", "Co", "Cn")
    )


def normalize_handle(value: str) -> str:
    """What we store: compatibility-normalized, invisible characters gone, trimmed."""
    return unicodedata.normalize("NFKC", strip_invisible(value)).strip()


# Digits people swap in for letters to get past a name check: adm1n, m0derator.
LOOKALIKE_DIGITS = str.maketrans("013457", "oieast")
# Words a handle may not start or end with, so "the_admin" and "sysadmin" are
# caught too; other reserved names only count as a whole word.
RESERVED_AFFIXES = ("admin", "moderator", "wherewereat")


def _words(handle: str) -> list[str]:
    plain = handle.lower().translate(LOOKALIKE_DIGITS)
    words = [word for word in re.split(r"[_-]+", plain) if word]
    # Plurals count as the word itself: "admins", "mods".
    return [word[:-1] if word.endswith("s") and len(word) > 3 else word for word in words]


def is_reserved(handle: str) -> bool:
    reserved = {re.sub(r"[_-]", "", name.lower()) for name in settings.RESERVED_HANDLES}
    words = _words(handle)
    joined = "".join(words)
    if joined in reserved or any(word in reserved for word in words):
        return True
    return any(joined.startswith(word) or joined.endswith(word) for word in RESERVED_AFFIXES)


def validate_handle(handle: str) -> None:
    """Raise ValidationError with a message a member can act on."""
    if "@" in handle:
        raise ValidationError(
            _("That looks like an email address. Pick a name that doesn't identify you."),
            code="looks_like_email",
        )
    if sum(char.isdigit() for char in handle) >= PHONE_DIGITS:
        raise ValidationError(
            _("That looks like a phone number. Pick a name that doesn't identify you."),
            code="looks_like_phone",
        )
    if len(handle) < HANDLE_MIN_LENGTH:
        raise ValidationError(
            _("Your handle needs at least %(min)d characters.") % {"min": HANDLE_MIN_LENGTH},
            code="too_short",
        )
    if len(handle) > HANDLE_MAX_LENGTH:
        raise ValidationError(
            _("Your handle can have at most %(max)d characters.") % {"max": HANDLE_MAX_LENGTH},
            code="too_long",
        )
    if not HANDLE_PATTERN.fullmatch(handle):
        raise ValidationError(
            _("Use only letters (a to z), numbers, _ and -. No spaces."),
            code="invalid_characters",
        )
    if is_reserved(handle):
        raise ValidationError(
            _("That name is kept for the site itself. Please pick another."),
            code="reserved",
        )


def handle_key(value: str) -> str:
    """What makes two handles the same one: normalized, then compared without
    case, as the database's unique constraint on LOWER(username) does."""
    return normalize_handle(value).lower()


# The HMAC key is derived from SECRET_KEY with this salt, so the stored digests
# are useless without the server's secret: nobody can test a list of names
# against them to learn who left.
RETIRED_HANDLE_SALT = "accounts.handles.retired"


def retired_handle_digest(handle: str, *, secret: str | None = None) -> str:
    return salted_hmac(
        RETIRED_HANDLE_SALT, handle_key(handle), secret=secret, algorithm="sha256"
    ).hexdigest()
