from django.core.management import call_command
from django.core.management.base import BaseCommand

from peerkb.seeding import articles_seed_load


class Command(BaseCommand):
    help = (
        "Add the knowledge base's first twelve articles, credited to peer authors and marked "
        "reviewed. Safe to run again: articles that exist, even edited ones, are left alone."
    )

    def handle(self, *args, **options):
        call_command("setup_site", verbosity=0)
        created = articles_seed_load()
        if options["verbosity"]:
            self.stdout.write(f"{len(created)} articles added to the knowledge base.")
