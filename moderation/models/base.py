from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_peer_moderator
from core.text import text_fit

# Why content is held or hidden, as the note in its place says it: a
# moderator's reason with the words saying who decided, or screening's reason.
STATE_REASON_MAX_LENGTH = 200


class ModerationState(models.TextChoices):
    VISIBLE = "visible", _("Visible")
    HELD = "held", _("Held for review")
    HIDDEN = "hidden", _("Hidden pending review")
    DELETED = "deleted", _("Deleted")


class ModeratedQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(moderation_state=ModerationState.VISIBLE)


@dataclass(frozen=True)
class SubjectHandlers:
    """The hooks a content app answers with its own services, registered when
    the app is ready (see `ModerationSubject.moderation_handlers_register`)."""

    edit: Callable | None = None
    state_changed: Callable | None = None


class ModerationSubject:
    """What moderation needs from anything it queues, decides on or logs.

    This is the whole contract between moderation and the apps above it: the
    queue, the log, the flag page and a decision's page read content only
    through these hooks, and never ask whether a hook is there: the defaults
    below answer for a subject that has nothing to say. A hook that raises
    NotImplementedError is one every subject must answer.

    Forum posts and threads (through `Moderated`), knowledge base articles,
    suggestions and proposals, and appeals are subjects. accounts sits below
    moderation, so a member's profile is spoken for by
    `moderation.profiles.ProfileSubject`; a member queued as an account is not
    a subject, and the queue names it by the item's summary.

    Hooks that need the content app's services (editing, what follows a change
    of state) can't live on the model: models sit below their app's services.
    The app registers them instead, once, in its AppConfig.ready():

        Post.moderation_handlers_register(edit=post_edit, state_changed=post_state_changed)

    Moderation still calls `subject.moderation_edit(...)` and
    `subject.moderation_state_changed()`; the default methods here hand over
    to the registered handler. A model may instead override either method when
    it needs nothing but itself.
    """

    # Whether moderation_edit() keeps the old words itself; if not, the log
    # keeps them so an appeal can put them back.
    moderation_keeps_revisions = False
    # Whether items about it are for peer moderators alone. True where the
    # author was promised their name stays private (a consultation comment
    # quoted "without my name"): the queue shows a subject's author, and
    # trusted members who vote there would read it.
    moderation_moderators_only = False
    moderation_handlers = SubjectHandlers()

    @classmethod
    def moderation_handlers_register(
        cls, *, edit: Callable | None = None, state_changed: Callable | None = None
    ) -> None:
        """Answer `moderation_edit` with `edit(subject, *, editor, text)` and
        `moderation_state_changed` with `state_changed(subject)` for this model."""
        cls.moderation_handlers = SubjectHandlers(edit=edit, state_changed=state_changed)

    @classmethod
    def moderation_queryset(cls):
        """What the queue, the log and the flag page load when they list this
        kind of subject: select here what the other hooks read, so a page
        costs one query per kind whatever it lists."""
        return cls._default_manager.all()

    @property
    def moderation_author(self):
        """The member it is about, who is told of decisions and may appeal
        them; None if nobody (or a former member)."""
        return None

    def moderation_label(self) -> str:
        """A short description for the queue, e.g. “Post #3 in …”, worked out
        when the page is shown; "" lets the queue item's summary name it."""
        return ""

    def moderation_text(self) -> str:
        """The words as written, for screening and the moderator's edit form."""
        return ""

    def moderation_html(self) -> str:
        """Sanitized HTML that the review queue and a decision's page show; ""
        shows nothing."""
        return ""

    def moderation_can_view(self, user) -> bool:
        """Whether `user` may follow a link to this content once it is visible."""
        return True

    def moderation_edit(self, *, editor, text: str) -> None:
        """Replace the words with `text` (a moderator's edit), keeping the old
        version if `moderation_keeps_revisions` says so. Raises
        NotImplementedError for a subject moderators can't edit."""
        handler = self.moderation_handlers.edit
        if handler is None:
            raise NotImplementedError(f"{type(self).__name__} can't be edited by moderators.")
        handler(self, editor=editor, text=text)

    def moderation_state_changed(self) -> None:
        """Called after a saved change of state, inside the decision's
        transaction; recount what depends on it."""
        handler = self.moderation_handlers.state_changed
        if handler is not None:
            handler(self)

    def moderation_tools_url(self) -> str:
        """Where a moderator finds tools for the content's surroundings (a
        thread's lock, say), or ""."""
        return ""

    def moderation_log_reference(self, user) -> tuple[str, str]:
        """How the public log names this subject for `user`: a label and a
        link, either of which may be "". What members write is never named
        there, only its kind; public things (an article) can be."""
        return "", ""

    @property
    def moderation_decision_link(self) -> tuple[str, str] | None:
        """Where a decision's page sends the reader next, as (words, url), or
        None for nowhere."""
        return None

    def get_absolute_url(self) -> str:
        """Where the subject is read; "" for a subject with no page of its own."""
        raise NotImplementedError(f"{type(self).__name__} must say where it is read.")


class Moderated(ModerationSubject, models.Model):
    """Anything members write that the community can flag, hold or hide.

    Content apps inherit this; moderation reaches them only through it and the
    `ModerationSubject` hooks. A subclass has an `author` and a
    `get_absolute_url()`.
    """

    moderation_state = models.CharField(
        _("moderation state"),
        max_length=10,
        choices=ModerationState.choices,
        default=ModerationState.VISIBLE,
        db_index=True,
    )
    moderation_changed_at = models.DateTimeField(_("state changed at"), null=True, blank=True)
    moderation_reason = models.CharField(
        _("reason"), max_length=STATE_REASON_MAX_LENGTH, blank=True
    )
    flags = GenericRelation("moderation.Flag")

    class Meta:
        abstract = True

    @property
    def is_visible(self) -> bool:
        return self.moderation_state == ModerationState.VISIBLE

    @property
    def is_hidden(self) -> bool:
        return self.moderation_state == ModerationState.HIDDEN

    @property
    def is_held(self) -> bool:
        return self.moderation_state == ModerationState.HELD

    def set_moderation_state(self, state: str, *, reason: str = "") -> None:
        """Change the state in memory; the caller saves inside its transaction.
        The reason is built by the site (see STATE_REASON_MAX_LENGTH) and made
        to fit here; the whole of a moderator's reason stays in the log."""
        self.moderation_state = state
        self.moderation_reason = text_fit(reason, STATE_REASON_MAX_LENGTH)
        self.moderation_changed_at = timezone.now()

    @property
    def moderation_author(self):
        return self.author

    def moderation_label(self) -> str:
        return str(self._meta.verbose_name)

    def moderation_log_reference(self, user) -> tuple[str, str]:
        """Only ever "a post" or "a thread" by name; linked for whoever may
        read it there, and for moderators whatever its state."""
        if (self.is_visible and self.moderation_can_view(user)) or is_peer_moderator(user):
            return "", self.get_absolute_url()
        return "", ""

    @property
    def moderation_decision_link(self) -> tuple[str, str] | None:
        if self.is_visible:
            return str(_("See it in context")), self.get_absolute_url()
        return None
