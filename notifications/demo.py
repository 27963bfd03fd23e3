"""The demo member gets emails, so the embedded run shows them: `make run`
prints each one in its console."""

from allauth.account.models import EmailAddress

from .models import ActivityEmails, DigestFrequency, EmailPreference
from .preferences import preferences_change

# example.org is reserved for examples: nothing sent to it reaches anyone.
DEMO_MEMBER_ADDRESS = "sam@example.org"


def notifications_demo_load(*, member, **_others) -> None:
    """A verified address, replies emailed soon after and a daily digest.
    Idempotent; choices the member changed since are left as they are."""
    if not EmailAddress.objects.filter(user=member).exists():
        EmailAddress.objects.create(
            user=member, email=DEMO_MEMBER_ADDRESS, verified=True, primary=True
        )
    if not EmailPreference.objects.filter(member=member).exists():
        preferences_change(
            member=member, activity=ActivityEmails.IMMEDIATE, digest=DigestFrequency.DAILY
        )
