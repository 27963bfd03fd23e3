"""Time a consultation's results page and its export at 5,000 responses. Run by hand:

    .venv/bin/python benchmarks/consultation_results.py [--responses 5000]

Recreates the wwa_bench_consultations PostgreSQL database (only ever that
one), migrates it and sets up the site, then writes one closed policy draft
with five sections and that many submitted responses (bulk_create; not
timed): seven in ten from members, the rest entered by outreach workers;
speaking-as choices, stances, comments, answers, statements that may be
quoted and members' marks on them. Then it fetches the results page and both
exports with Django's test client, warm, and prints each one's time (median
of five), queries and size.

It also times the two ways the page could count stances: grouped in the
database by section, stance and speaking-as list (what the page does), and
one pass in Python over every answer's values.
"""

import argparse
import gzip
import os
import random
import secrets
import statistics
import sys
import time
from collections import Counter, defaultdict
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_DATABASE = "wwa_bench_consultations"
os.environ["DJANGO_SETTINGS_MODULE"] = "peersite.settings.test"
os.environ.setdefault("DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{BENCH_DATABASE}")
# The cache is this process's memory: nothing here needs Redis.
os.environ.pop("REDIS_URL", None)
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))

SEED = 20_260_301
RUNS = 5
SECTIONS = [
    ("Opening hours", "We would open from 10 to 4 on weekdays.", ""),
    ("Exchange policy", "Supplies without a one-for-one exchange.", "What would change for you?"),
    ("Who can come", "Anyone over 18 can use the program.", ""),
    ("Peer staff", "Two peer staff on every shift.", "What should peer staff do?"),
    ("Saturday hours", "Open Saturday mornings.", ""),
]
# (choice, weight) for how many speaking-as choices a response has, and which.
TAG_COUNTS = [(0, 25), (1, 55), (2, 17), (3, 3)]
TAGS = [
    ("use_now", 40),
    ("used_to", 20),
    ("family", 12),
    ("peer_worker", 10),
    ("provider", 14),
    ("other", 4),
]
STANCES = [("agree", 45), ("disagree", 25), ("unsure", 18), ("skip", 12)]
COMMENT_SHARE, QUOTE_SHARE, ANSWER_SHARE = 0.30, 0.40, 0.20
VOTERS, MARKS_EACH = 1_000, 20


def database_recreate() -> None:
    import dj_database_url
    import psycopg
    from psycopg import sql

    target = dj_database_url.parse(os.environ["DATABASE_URL"])
    if target["NAME"] != BENCH_DATABASE:
        sys.exit(f"DATABASE_URL must point at the {BENCH_DATABASE} database; nothing was done.")
    with psycopg.connect(
        dbname="postgres",
        host=target["HOST"] or None,
        port=target["PORT"] or None,
        user=target["USER"] or None,
        password=target["PASSWORD"] or None,
        autocommit=True,
    ) as server:
        name = sql.Identifier(BENCH_DATABASE)
        server.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        server.execute(sql.SQL("CREATE DATABASE {}").format(name))


def pick(rng: random.Random, weighted: list[tuple]) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def seed(responses: int, rng: random.Random):
    from django.contrib.auth.hashers import make_password
    from django.db import connection
    from django.utils import timezone

    from accounts.models import User
    from consultations.models import (
        CommentPart,
        Response,
        ResponseComment,
        SectionAnswer,
        StatementVote,
    )
    from peerkb.services import site_setup
    from tests.consultations.factories import make_closed_draft, make_organization

    site_setup()
    staff = User.objects.create(username="bench_staff", password=make_password(None))
    draft = make_closed_draft(
        make_organization("Bench Syringe Services", staff=[staff]),
        title="Bench draft",
        sections=[(heading, text, "", question) for heading, text, question in SECTIONS],
    )
    sections = list(draft.sections.all())
    members = round(responses * 0.7)
    unusable = make_password(None)
    accounts = User.objects.bulk_create(
        User(username=f"bench-member-{number}", password=unusable) for number in range(members)
    )
    now = timezone.now()
    rows = Response.objects.bulk_create(
        Response(
            draft=draft,
            respondent=accounts[number] if number < members else None,
            entered_by_outreach=number >= members,
            speaking_as=sorted({pick(rng, TAGS) for _ in range(int(pick(rng, TAG_COUNTS)))}),
            quote_consent=rng.random() < QUOTE_SHARE,
            submitted_at=now - timedelta(days=rng.randint(0, 14), minutes=rng.randint(0, 900)),
        )
        for number in range(responses)
    )
    SectionAnswer.objects.bulk_create(
        (
            SectionAnswer(response=response, section_key=section.key, stance=pick(rng, STANCES))
            for response in rows
            for section in sections
        ),
        batch_size=10_000,
    )
    comments = []
    for response in rows:
        if rng.random() < COMMENT_SHARE:
            for section in rng.sample(sections, rng.choice([1, 1, 2])):
                comments.append(
                    ResponseComment(
                        response=response,
                        section_key=section.key,
                        part=CommentPart.COMMENT,
                        body=f"Bench comment {len(comments)}: " + "words " * rng.randint(5, 60),
                    )
                )
        for section in sections:
            if section.question and rng.random() < ANSWER_SHARE:
                comments.append(
                    ResponseComment(
                        response=response,
                        section_key=section.key,
                        part=CommentPart.ANSWER,
                        body="An answer: " + "words " * rng.randint(3, 30),
                    )
                )
    ResponseComment.objects.bulk_create(comments, batch_size=5000)
    statements = [
        comment
        for comment in comments
        if comment.part == CommentPart.COMMENT and comment.response.quote_consent
    ]
    votes = [
        StatementVote(
            comment=statement, voter=voter, choice=pick(rng, STANCES[:2] + [("pass", 20)])
        )
        for voter in accounts[:VOTERS]
        for statement in rng.sample(statements, min(MARKS_EACH, len(statements)))
    ]
    StatementVote.objects.bulk_create(votes, batch_size=10_000)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(
        f"seeded {responses} responses ({members} members), {len(rows) * len(sections)} "
        f"stances, {len(comments)} comments and answers, {len(statements)} statements, "
        f"{len(votes)} marks"
    )
    return draft, staff


def timed(fetch) -> tuple[float, int, bytes]:
    """Median milliseconds of RUNS warm runs, queries of the last, its body."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fetch()
    times = []
    for _run in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            body = fetch()
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), len(queries), body


def stance_counts_in_python(draft) -> dict:
    """The other way: every answer's values, counted in one pass here."""
    from consultations.models import Response, SectionAnswer

    tags = dict(Response.objects.submitted().filter(draft=draft).values_list("pk", "speaking_as"))
    counts: dict = defaultdict(Counter)
    for response_id, key, stance in SectionAnswer.objects.filter(
        response__draft=draft, response__submitted_at__isnull=False
    ).values_list("response_id", "section_key", "stance"):
        counts[(key, "")][stance] += 1
        for tag in tags[response_id]:
            counts[(key, tag)][stance] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=5_000)
    args = parser.parse_args()
    if not 10 <= args.responses <= 100_000:
        sys.exit("--responses must be between 10 and 100,000.")
    database_recreate()

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from consultations.services import results

    setup_test_environment()
    call_command("migrate", interactive=False, verbosity=0)
    draft, staff = seed(args.responses, random.Random(SEED))

    visitor, organization = Client(), Client()
    organization.force_login(staff)

    def page(client, url):
        def fetch():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            if response.streaming:
                return b"".join(response.streaming_content)
            return response.content

        return fetch

    results_url = draft.url + "results/"
    rows = [("results page", *timed(page(visitor, results_url)))]
    for file_format in ("csv", "json"):
        url = draft.url + draft.reverse_subpage("export", kwargs={"file_format": file_format})
        rows.append((f"export.{file_format}", *timed(page(organization, url))))

    print(f"\n{'what':<16}{'ms':>9}{'queries':>9}{'bytes':>12}{'gzipped':>10}")
    for label, milliseconds, queries, body in rows:
        size = len(gzip.compress(body, compresslevel=6))
        print(f"{label:<16}{milliseconds:>9.1f}{queries:>9}{len(body):>12}{size:>10}")

    tags = results.TagReader()
    counts = results._response_counts(draft, tags)
    keys = [section.key for section in draft.sections.all()]
    in_database, _queries, _body = timed(lambda: results._stances(draft, keys, counts, tags))
    in_python, _queries, _body = timed(lambda: stance_counts_in_python(draft))
    print(
        f"\ncounting stances: grouped in the database {in_database:.1f} ms, "
        f"one pass in Python over every answer {in_python:.1f} ms"
    )


if __name__ == "__main__":
    main()
