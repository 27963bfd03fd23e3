"""Members who turned on the old "digest emails" or turned off "discreet
emails" on their profile keep those choices as email preferences."""

from types import SimpleNamespace

from django.db import migrations
from django.utils import timezone


def carry_over(apps, schema_editor):
    from notifications.preferences import next_digest_at

    Profile = apps.get_model("accounts", "Profile")
    EmailPreference = apps.get_model("notifications", "EmailPreference")
    now = timezone.now()
    for profile in Profile.objects.filter(digest_emails=True) | Profile.objects.filter(
        discreet_emails=False
    ):
        digest = "weekly" if profile.digest_emails else "off"
        schedule = SimpleNamespace(
            digest=digest, digest_weekday=0, digest_hour=8, time_zone="America/New_York"
        )
        EmailPreference.objects.update_or_create(
            member_id=profile.user_id,
            defaults={
                "digest": digest,
                "detailed": not profile.discreet_emails,
                "next_digest_at": next_digest_at(schedule, after=now),
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_quick_exit_signs_out_and_neutral_titles"),
        ("notifications", "0004_emailsettings_digestsend_emailpreference"),
    ]

    operations = [migrations.RunPython(carry_over, migrations.RunPython.noop)]
