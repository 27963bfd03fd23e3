from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.text import HANDLE_MAX_LENGTH

from .handles import validate_handle


class MemberManager(UserManager):
    def get_by_natural_key(self, username):
        # Handles are unique regardless of case, so signing in is too.
        return self.get(username__iexact=username)

    def active_with_handles(self, handles):
        """Active members whose handle is one of `handles`, in any case, in one query."""
        lowered = {handle.lower() for handle in handles}
        return self.alias(handle_lower=Lower("username")).filter(
            handle_lower__in=lowered, is_active=True
        )


class User(AbstractUser):
    """A member. `username` is the public handle; no real name is ever stored."""

    username = models.CharField(
        _("handle"),
        max_length=HANDLE_MAX_LENGTH,
        unique=True,
        validators=[validate_handle],
        help_text=_("The public name this member is known by. 3 to 30 letters, numbers, _ or -."),
        error_messages={"unique": _("Someone already uses that handle. Try another.")},
    )
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), blank=True)
    recovery_code_hash = models.CharField(max_length=128, blank=True, editable=False)
    trust_level = models.PositiveSmallIntegerField(
        _("trust level"),
        default=0,
        help_text=_("0 for new members, up to 4 for peer moderators. Earned through activity."),
    )
    silenced_until = models.DateTimeField(
        _("silenced until"),
        null=True,
        blank=True,
        help_text=_("Until then the member can read but not post, react or flag."),
    )
    suspended_until = models.DateTimeField(
        _("suspended until"),
        null=True,
        blank=True,
        help_text=_("Until then the member cannot sign in."),
    )

    # What the site shell shows on every page lives on the member, already
    # loaded for each request, so it costs no extra query.
    quick_exit_signs_out = models.BooleanField(
        _("quick exit also signs me out"),
        default=False,
        help_text=_(
            "When you press Quick exit or Escape three times, you are signed out too. "
            "Anyone who opens this site again on this device sees it signed out, "
            "without your name or notifications."
        ),
    )
    neutral_titles = models.BooleanField(
        _("call every page “Notes”"),
        default=False,
        help_text=_(
            "Browser tabs and history show “Notes” instead of a page's title, "
            "so a glance doesn't show what you read here. "
            "History still keeps the pages' web addresses: a private window keeps none."
        ),
    )

    objects = MemberManager()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint(Lower("username"), name="accounts_user_handle_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.username

    def get_full_name(self) -> str:
        return self.username

    def get_short_name(self) -> str:
        return self.username

    def get_absolute_url(self) -> str:
        return reverse("accounts:profile", kwargs={"handle": self.username})

    # The handle as last read from or written to the database, so a save can
    # tell whether the name other pages show has changed.
    _stored_handle: str | None = None

    @classmethod
    def from_db(cls, db, field_names, values):
        member = super().from_db(db, field_names, values)
        member._stored_handle = member.__dict__.get("username")
        return member

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "username" in update_fields:
            self._stored_handle = self.username

    @property
    def handle_changed(self) -> bool:
        """Whether the handle differs from the stored one; True when that is unknown
        (a member built in memory, or loaded without their handle)."""
        return self._stored_handle is None or self._stored_handle != self.username

    @property
    def is_silenced(self) -> bool:
        return self.silenced_until is not None and self.silenced_until > timezone.now()

    @property
    def is_suspended(self) -> bool:
        return self.suspended_until is not None and self.suspended_until > timezone.now()


class RetiredHandle(models.Model):
    """A handle a member gave up when they erased their account, so nobody
    else can take it and be mistaken for them in old mentions and links.

    Only a keyed hash is kept (see handles.retired_handle_digest), never the
    handle: the erased account leaves no name behind in the database.
    """

    digest = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("retired handle")

    def __str__(self) -> str:
        return self.digest[:12]


class Ignore(models.Model):
    """One member no longer wants to hear from another: their posts fold away
    and their mentions, quotes and reactions stop notifying."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ignoring"
    )
    ignored = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ignored_by"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "ignored"], name="accounts_ignore_once"),
            models.CheckConstraint(
                condition=~models.Q(user=models.F("ignored")), name="accounts_ignore_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ignores {self.ignored}"


class HereAs(models.TextChoices):
    PERSON_WHO_USES_DRUGS = "uses_drugs", _("Person who uses drugs")
    IN_RECOVERY = "in_recovery", _("Person in recovery")
    PEER_WORKER = "peer_worker", _("Peer worker")
    FAMILY_OR_FRIEND = "family_friend", _("Family or friend")
    PROFESSIONAL = "professional", _("Professional")
    ORGANIZATION = "organization", _("Organization")


class Profile(models.Model):
    BIO_MAX_LENGTH = 500

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    pronouns = models.CharField(
        _("pronouns"), max_length=40, blank=True, help_text=_("Optional, e.g. she/her, they/them.")
    )
    bio = models.TextField(
        _("about you"),
        max_length=BIO_MAX_LENGTH,
        blank=True,
        help_text=_(
            "Optional. Plain text, up to 500 characters. "
            "Leave out anything that could identify you."
        ),
    )
    here_as = models.CharField(
        _("here as"),
        max_length=20,
        choices=HereAs.choices,
        blank=True,
        help_text=_("Optional. How you'd like to describe why you're here."),
    )

    class Meta:
        verbose_name = _("profile")

    def __str__(self) -> str:
        return str(self.user)
