"""What a suspended member sees when they try to sign in, and how they can
still appeal: a signed, short-lived link stands in for the session they
can't have."""

from django.core import signing
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from .models import ActionKind, Appeal, ModerationAction
from .services import can_appeal

APPEAL_LINK_SALT = "moderation.suspended-appeal"
APPEAL_LINK_MAX_AGE = 60 * 60


def appeal_link(action: ModerationAction) -> str:
    token = signing.dumps(
        {"action": action.pk, "member": action.target_user_id}, salt=APPEAL_LINK_SALT
    )
    return reverse("moderation:suspended_appeal", kwargs={"token": token})


def appeal_link_read(token: str) -> dict | None:
    try:
        return signing.loads(token, salt=APPEAL_LINK_SALT, max_age=APPEAL_LINK_MAX_AGE)
    except signing.BadSignature:
        return None


def suspended_response(request, user):
    until = user.suspended_until
    decision = (
        ModerationAction.objects.filter(
            target_user=user, action=ActionKind.SUSPEND, reversed_at__isnull=True
        )
        .order_by("-created_at")
        .first()
    )
    context = {
        "until": "" if until.year >= 9999 else date_format(timezone.localtime(until), "N j, Y"),
        "decision": decision,
        "appeal": Appeal.objects.filter(action=decision).first() if decision else None,
        "appeal_url": appeal_link(decision) if decision and can_appeal(decision, user) else "",
    }
    return render(request, "account/suspended.html", context, status=403)


def sign_in_check(request, user):
    """Refuse a suspended member's sign-in, with the way to appeal."""
    if getattr(user, "is_suspended", False):
        return suspended_response(request, user)
    return None
