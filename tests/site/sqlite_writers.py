"""Several members writing at once to the embedded run's SQLite file.

Run as its own process, so it gets the embedded settings (`peersite.settings.dev`)
and a database file of its own, not the test run's database:

    python -m tests.site.sqlite_writers /tmp/site.sqlite3 [--migrate] [--members 6] [--rounds 4]

Each member signs in with their own browser session (Django's test client, so
every request goes through the middleware and the real views) and, at the same
moment as the others, replies, starts threads, reacts, bookmarks, flags and
votes in the review queue, while a peer moderator decides items and reads a
member's page. It prints what came back as JSON: every answer's
status code, and each server error or exception with the request that caused it.
"""

import argparse
import json
import os
import sys
import threading
import traceback
from collections import Counter


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("database")
    parser.add_argument("--migrate", action="store_true")
    parser.add_argument("--members", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args(argv)

    os.environ["DJANGO_SETTINGS_MODULE"] = "peersite.settings.dev"
    os.environ["DATABASE_URL"] = f"sqlite:///{args.database}"
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # The test client's host; everything else is the embedded run's.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    if args.migrate:
        call_command("migrate", verbosity=0, interactive=False)
    print(json.dumps(run(members=args.members, rounds=args.rounds)))
    return 0


def run(*, members: int, rounds: int) -> dict:
    from django.contrib.auth.models import Group
    from django.db import connections
    from django.test import Client
    from django.urls import reverse

    from forum.models import Post
    from forum.services.posting import post_create
    from moderation.models import QueueItem
    from tests.factories import CategoryFactory, UserFactory, make_thread

    category = CategoryFactory(name="Safer use", slug="safer-use")
    writers = [UserFactory(username=f"writer_{n}", trust_level=3) for n in range(members)]
    opener = UserFactory(username="opener", trust_level=1)
    moderator = UserFactory(username="moderator")
    moderator.groups.add(Group.objects.get(name="Peer moderators"))
    thread = make_thread(category=category, author=opener, title="Where do you get strips?")
    # One post per member to flag, by someone none of them is, so every flag
    # and vote is allowed and they pile onto the same rows.
    flaggable = [
        post_create(thread=thread, author=opener, body=f"Post to look at, number {n}.")
        for n in range(rounds)
    ]
    connections.close_all()

    statuses: Counter = Counter()
    failures: list[dict] = []
    lock = threading.Lock()
    start = threading.Barrier(members + 1, timeout=120)

    def record(label: str, response=None, error: BaseException | None = None):
        with lock:
            if error is not None:
                statuses["exception"] += 1
                failures.append(
                    {"request": label, "error": "".join(traceback.format_exception(error))[-600:]}
                )
            else:
                statuses[response.status_code] += 1
                if response.status_code >= 500:
                    failures.append({"request": label, "status": response.status_code})

    def send(client, label: str, url: str, data: dict):
        try:
            record(label, client.post(url, data))
        except Exception as error:  # noqa: BLE001 - every failure is what we count
            record(label, error=error)

    def member_writes(writer):
        client = Client()
        client.force_login(writer)
        start.wait()
        for number in range(rounds):
            post = flaggable[number]
            send(
                client,
                "reply",
                reverse("forum:reply", args=[thread.pk]),
                {"body": f"{writer.username}'s reply {number}: I get them at the syringe program."},
            )
            send(
                client,
                "new thread",
                reverse("forum:thread_create"),
                {
                    "category": category.pk,
                    "title": f"{writer.username} asks, number {number}",
                    "kind": "discussion",
                    "content_warning": "",
                    "body": "Does anyone carry two naloxone kits?",
                },
            )
            send(client, "react", reverse("forum:react", args=[post.pk]), {"kind": "support"})
            send(client, "bookmark", reverse("forum:bookmark", args=[post.pk]), {})
            send(
                client,
                "flag",
                reverse("moderation:flag", args=["forum.post", post.pk]),
                {"reason": "spam", "note": ""},
            )
            item = QueueItem.objects.open().filter(object_id=post.pk).first()
            if item is not None:
                send(
                    client,
                    "vote",
                    reverse("moderation:item_vote", args=[item.pk]),
                    {"choice": "hide"},
                )
        connections.close_all()

    def moderator_decides():
        client = Client()
        client.force_login(moderator)
        start.wait()
        for _number in range(rounds * 2):
            try:
                record("member page", client.get(reverse("moderation:member", args=["opener"])))
            except Exception as error:  # noqa: BLE001 - every failure is what we count
                record("member page", error=error)
            item = QueueItem.objects.open().order_by("pk").first()
            if item is not None:
                send(
                    client,
                    "decision",
                    reverse("moderation:item_decide", args=[item.pk]),
                    {"decision": "keep", "reason": "Not spam: a peer asking a question."},
                )
        connections.close_all()

    workers = [threading.Thread(target=member_writes, args=(writer,)) for writer in writers]
    workers.append(threading.Thread(target=moderator_decides))
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    replies = Post.objects.filter(thread=thread, author__in=writers).count()
    return {
        "statuses": {str(key): value for key, value in statuses.items()},
        "failures": failures,
        "replies_saved": replies,
        "replies_sent": members * rounds,
    }


if __name__ == "__main__":
    sys.exit(main())
