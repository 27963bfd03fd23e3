from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from wagtail import hooks

from accounts.models import Profile, User
from accounts.roles import (
    OUTREACH_WORKERS_GROUP,
    PEER_AUTHORS_GROUP,
    PEER_MODERATORS_GROUP,
    PEER_REVIEWERS_GROUP,
)

DEMO_MEMBERS = [
    {
        "handle": "sam_demo",
        "password": "demo-member-pass",
        "role": "member",
        "trust_level": 1,
        "profile": {
            "pronouns": "they/them",
            "here_as": "uses_drugs",
            "bio": "Here to swap notes on using more safely.",
        },
        # The notifications demo gives them a verified address and email choices.
        "note": (
            "gets an email soon after each reply, and a daily digest: `make run` prints "
            "them in its console; `manage.py send_emails` sends digests that are due"
        ),
    },
    {
        "handle": "jules_peer",
        "password": "demo-moderator-pass",
        "role": "peer moderator",
        "trust_level": 4,
        "groups": [PEER_MODERATORS_GROUP],
        "profile": {
            "pronouns": "she/her",
            "here_as": "peer_worker",
            "bio": "Peer worker. Used opioids for ten years; now I hand out naloxone.",
        },
    },
    {
        # A second moderator: an appeal is decided by someone other than the
        # moderator who made the decision.
        "handle": "kai_peer",
        "password": "demo-moderator-pass",
        "role": "second peer moderator",
        "trust_level": 4,
        "groups": [PEER_MODERATORS_GROUP],
        "profile": {"pronouns": "he/him", "here_as": "peer_worker", "bio": "Outreach nights."},
    },
    {
        "handle": "ash_trusted",
        "password": "demo-member-pass",
        "role": "trusted member",
        "trust_level": 3,
        "profile": {"pronouns": "", "here_as": "uses_drugs", "bio": "Been around a while."},
    },
    {
        "handle": "new_here",
        "password": "demo-member-pass",
        "role": "new member",
        "trust_level": 0,
        "profile": {"pronouns": "", "here_as": "", "bio": ""},
    },
    {
        # Writes articles in the admin; credited as Dee on the seed articles.
        "handle": "dee_writes",
        "password": "demo-author-pass",
        "role": "peer author",
        "trust_level": 2,
        "groups": [PEER_AUTHORS_GROUP],
        "profile": {"pronouns": "she/her", "here_as": "peer_worker", "bio": ""},
    },
    {
        # Two reviewers: an article needs two different peers to approve it.
        "handle": "rio_reviews",
        "password": "demo-reviewer-pass",
        "role": "peer reviewer",
        "trust_level": 3,
        "groups": [PEER_REVIEWERS_GROUP],
        "profile": {"pronouns": "they/them", "here_as": "uses_drugs", "bio": ""},
    },
    {
        "handle": "noor_reviews",
        "password": "demo-reviewer-pass",
        "role": "second peer reviewer",
        "trust_level": 3,
        "groups": [PEER_REVIEWERS_GROUP],
        "profile": {"pronouns": "", "here_as": "in_recovery", "bio": ""},
    },
    {
        # Acts for the demo organization; the consultations' demo adds them to its staff.
        "handle": "casey_riverside",
        "password": "demo-organization-pass",
        "role": "organization staff",
        "trust_level": 1,
        "profile": {"pronouns": "she/her", "here_as": "organization", "bio": ""},
    },
    {
        # Enters consultation responses gathered on paper at the outreach van.
        "handle": "mo_outreach",
        "password": "demo-member-pass",
        "role": "outreach worker",
        "trust_level": 2,
        "groups": [OUTREACH_WORKERS_GROUP],
        "profile": {"pronouns": "he/him", "here_as": "peer_worker", "bio": ""},
    },
]


class Command(BaseCommand):
    help = "Load demo pages, accounts and content for development. Safe to run again."

    def handle(self, *args, **options):
        if not settings.ALLOW_DEMO_DATA:
            raise CommandError(
                "load_demo only runs in development. It creates accounts with known "
                "passwords, so production settings refuse it."
            )
        call_command("setup_site", verbosity=0)
        accounts = {}
        for demo in DEMO_MEMBERS:
            user, created = User.objects.get_or_create(username=demo["handle"])
            if created:
                user.set_password(demo["password"])
                user.trust_level = demo["trust_level"]
                user.save()
                Profile.objects.filter(user=user).update(**demo["profile"])
            for name in demo.get("groups", []):
                user.groups.add(Group.objects.get(name=name))
            accounts[demo["role"]] = user
        # Other parts of the site add their demo content through this hook:
        # a function taking the demo accounts by role (member, moderator,
        # newcomer, trusted, second_moderator, author, reviewer, second_reviewer).
        for load in hooks.get_hooks("load_demo_data"):
            load(
                member=accounts["member"],
                moderator=accounts["peer moderator"],
                newcomer=accounts["new member"],
                trusted=accounts["trusted member"],
                second_moderator=accounts["second peer moderator"],
                author=accounts["peer author"],
                reviewer=accounts["peer reviewer"],
                second_reviewer=accounts["second peer reviewer"],
                organization_staff=accounts["organization staff"],
                outreach=accounts["outreach worker"],
            )
        self.stdout.write(self.style.SUCCESS("Demo data is loaded. Sign in with:"))
        for demo in DEMO_MEMBERS:
            self.stdout.write(
                f"  {demo['role']:>21}: handle {demo['handle']}  password {demo['password']}"
            )
            if "note" in demo:
                self.stdout.write(f"  {'':>21}  {demo['handle']} {demo['note']}")
