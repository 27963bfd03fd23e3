from django.core.management.base import BaseCommand

from peerkb.services import peer_groups_ensure, site_pages_ensure


class Command(BaseCommand):
    help = (
        "Create the home page, /overdose/, the knowledge base, the pages the footer links "
        "to, the peer groups and peer review on the knowledge base. Safe to run again: "
        "nothing that exists is changed."
    )

    def handle(self, *args, **options):
        home = site_pages_ensure()
        peer_groups_ensure(home=home)
        if options["verbosity"]:
            self.stdout.write(
                "Site pages, the knowledge base, the peer groups and peer review are in place."
            )
