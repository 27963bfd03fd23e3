from django.core.management.base import BaseCommand

from peerkb.services import peer_moderators_group_ensure, site_pages_ensure


class Command(BaseCommand):
    help = (
        "Create the home page, /overdose/, the pages the footer links to and the "
        "Peer moderators group. Safe to run again: nothing that exists is changed."
    )

    def handle(self, *args, **options):
        home = site_pages_ensure()
        peer_moderators_group_ensure(home=home)
        if options["verbosity"]:
            self.stdout.write("Site pages and the Peer moderators group are in place.")
