from django.conf import settings
from django.core.management.base import BaseCommand

from notifications.sending import next_digest_due
from notifications.tasks import emails_due_queue


def counted(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


class Command(BaseCommand):
    help = (
        "Run the digest job now: queue the digests that are due and any activity email "
        "whose task was lost. In production Celery beat runs it every 30 minutes; the "
        "embedded run has no beat, so run this instead. Safe to repeat: nothing is sent twice."
    )

    def handle(self, *args, **options):
        queued = emails_due_queue()
        members = counted(queued.digest_members, "member", "members")
        batches = counted(len(queued.digest_batches), "batch", "batches")
        lost = counted(len(queued.activity_emails), "activity email", "activity emails")
        self.stdout.write(f"Digests due for {members}, queued in {batches}.")
        self.stdout.write(f"Queued again after their task was lost: {lost}.")
        if settings.CELERY_TASK_ALWAYS_EAGER:
            # Celery ran the tasks in this process, so their results are in.
            digests = sum(result.get() for result in queued.digest_batches)
            emails = sum(bool(result.get()) for result in queued.activity_emails)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Sent {counted(digests, 'digest', 'digests')} and "
                    f"{counted(emails, 'activity email', 'activity emails')}. "
                    "A member with nothing new gets no digest."
                )
            )
        if not queued.digest_members:
            # Someone trying digests out sees when to run this again.
            due = next_digest_due()
            if due is None:
                self.stdout.write("Nobody has a digest turned on.")
            else:
                self.stdout.write(f"The next digest is due at {due:%Y-%m-%d %H:%M} UTC.")
