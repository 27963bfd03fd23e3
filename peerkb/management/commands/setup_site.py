from django.core.management.base import BaseCommand

from peerkb.services import site_setup


class Command(BaseCommand):
    help = (
        "Create the home page, /overdose/, the knowledge base, the pages the footer links "
        "to, the peer groups, peer review on the knowledge base and the consultations list. "
        "Safe to run again: nothing that exists is changed."
    )

    def handle(self, *args, **options):
        site_setup()
        if options["verbosity"]:
            self.stdout.write(
                "Site pages, the knowledge base, the peer groups and peer review are in place."
            )
