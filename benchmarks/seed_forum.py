"""Seed a realistic forum into its own database for the load benchmark. Run by hand:

    createdb -h 127.0.0.1 -U postgres wwa_bench
    DJANGO_SETTINGS_MODULE=peersite.settings.production \\
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wwa_bench \\
    SECRET_KEY=any-long-string-for-the-benchmark-only ALLOWED_HOSTS=127.0.0.1 \\
    SECURE_SSL_REDIRECT=false .venv/bin/python benchmarks/seed_forum.py [--recreate]

Those variables are also the defaults, so `.venv/bin/python benchmarks/seed_forum.py`
alone does the same.

Migrates, runs setup_site, then writes 2,000 members, the nine demo categories,
10,000 threads and 100,000 posts with bulk_create, and builds the search index.
The rows match what forum.services would have written: posts numbered from 1,
body_html rendered by render_markdown, thread counters recounted from the posts,
and a watch, a read marker and forum preferences for everyone who posted.
The newest thread is the "hot" one, with exactly 50 posts; forum_load.py finds
it as the most recently active thread.

Only ever touches the database named wwa_bench; --recreate drops and creates it first.
"""

import argparse
import os
import random
import secrets
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Another name lets two checkouts each seed and load their own copy.
BENCH_DATABASE = os.environ.get("BENCH_DATABASE", "wwa_bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peersite.settings.production")
os.environ.setdefault("DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{BENCH_DATABASE}")
# Nothing signed while seeding needs to outlive the run.
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

MEMBERS = 2_000
THREADS = 10_000
POSTS = 100_000
HOT_THREAD_POSTS = 50
BODY_POOL_SIZE = 400
# No ordinary thread grows past 15 pages; the hot thread is about recency, not size.
MAX_POSTS_PER_THREAD = 300
DELETED_SHARE = 0.007
EDITED_SHARE = 0.04
QUOTE_SHARE = 0.05
SEED = 20_251_125

# --- What members write -------------------------------------------------------------

SENTENCES = [
    "I always carry naloxone now, even when I'm not the one using.",
    "Start low and go slow, especially with a new batch.",
    "Test strips won't catch everything, but they've changed how I use.",
    "If you're using alone, a never-use-alone line can send help if you stop responding.",
    "Nobody here is going to judge you for where you're at.",
    "My friend and I take turns so one of us is always alert.",
    "The drug checking service near me turned results around in about twenty minutes.",
    "Fentanyl showed up in a batch that was sold to my friend as pressed oxy.",
    "Rescue breathing matters as much as anything else you can do in that moment.",
    "After an overdose reversal, stay with the person: the opioid can outlast the antidote.",
    "They woke up in rough withdrawal, so we kept them warm and talked them through it.",
    "I use new gear every time now since the exchange started mailing supplies.",
    "Rotating sites has made a real difference for my veins.",
    "Sterile water and a new filter for every shot, no exceptions.",
    "Smoking instead of injecting has been easier on my body, though it's not risk-free.",
    "Benzos mixed with opioids are what scare me most; the breathing risk stacks up.",
    "Alcohol plus benzos is a combination I plan around now.",
    "Stimulants keep me up for days, so I set alarms to eat and drink water.",
    "Sleep is the first thing I protect after a long weekend.",
    "Sip water with MDMA rather than chugging it, and take breaks from dancing.",
    "With psychedelics, set and setting matter more than the dose.",
    "Having a sober sitter made my first trip feel safe.",
    "Ketamine and alcohol together made me far sicker than either alone.",
    "Methadone has given me room to breathe, even if the daily pickups are hard.",
    "Buprenorphine worked for me after a couple of false starts with the timing.",
    "Microdosing bupe to switch over was slower but far gentler.",
    "Recovery for me looks like using less and sleeping more, not stopping overnight.",
    "Some weeks I'm using, some weeks I'm not, and both are part of my story.",
    "My counselor finally understood that harm reduction is a path, not a detour.",
    "Losing people is the part of this nobody prepares you for.",
    "We lit candles for everyone on our list at the drop-in last night.",
    "Grief comes in waves; some days I just keep my phone close.",
    "Policy changes at the city level moved faster once people with lived experience testified.",
    "Our outreach team hands out naloxone kits every Tuesday and Friday.",
    "The pharmacy near me sells naloxone without a prescription, just ask at the counter.",
    "Nasal naloxone is easier for friends who have never given a shot.",
    "If someone is unresponsive, call for help, give naloxone, and start rescue breathing.",
    "The recovery position keeps the airway open if you have to step away.",
    "I keep a note in my phone with what I took and when, in case someone needs to know.",
    "Reagent kits told me my molly was something else entirely.",
    "Xylazine is showing up in more samples here, and it needs different care.",
    "Wound care for xylazine sores means gentle cleaning and keeping them covered.",
    "Our local clinic sees people without asking for ID, which matters a lot.",
    "Being honest with my doctor about my use got me better care, not worse.",
    "I wish I had known about peer support groups years ago.",
    "Family members are welcome here too; learning the language of harm reduction helps.",
    "My mom carries a kit now and that means more to me than she knows.",
    "Tolerance drops fast after a break, so treat your first use back like a first time.",
    "Leaving jail or rehab is one of the riskiest times, so plan that first use carefully.",
    "Splitting a dose into smaller bumps gives you time to feel where it's going.",
    "Eat something first; using on an empty stomach made everything hit harder for me.",
    "When I feel off, I text a friend a code word and they check in.",
    "The supervised consumption site staff never once made me feel small.",
    "I'm still learning, so corrections are welcome.",
    "Take care of yourselves out there, and check on each other.",
    "Thanks for sharing this, it helps more than you'd think.",
    "I've been there, and it does get easier to ask for help.",
    "What worked for you when things got rough?",
    "Does anyone know if the mail-based programs ship to rural areas?",
    "Has anyone compared fentanyl strips from different suppliers?",
    "How long do you wait before redosing?",
    "Heat and stimulants are a rough mix, so I take breaks in the shade.",
    "Overheating at festivals is real; find the chill-out tent early.",
    "Pipes from the outreach van have saved my lips a lot of pain.",
    "If you snort, use your own straw and rinse your nose with saline after.",
    "Every body is different, and your own experience counts as evidence.",
    "The training took fifteen minutes and I felt ready afterward.",
    "We talked our city council into putting overdose kits in the library.",
    "People who use drugs know their own lives best, and this place is built on that.",
    "A person in recovery taught me more about safer use than any pamphlet did.",
    "I lost my tolerance in hospital and nobody warned me, so I'm warning you.",
    "Fentanyl strips take a minute, and that minute is worth it.",
]

SHORT_REPLIES = [
    "Sending support your way.",
    "Same here, thank you for writing this.",
    "This is really useful, saving it.",
    "Glad you're still with us.",
    "Holding space for you today.",
    "Good call on testing first.",
    "Welcome, you're in the right place.",
    "Thank you for looking out for each other.",
]

LIST_INTROS = [
    "What's in my kit these days:",
    "Things I wish someone had told me earlier:",
    "My checklist before a weekend:",
    "What helped when I was cutting back:",
    "A few things our outreach team recommends:",
]

LIST_ITEMS = [
    "naloxone, nasal or injectable",
    "fentanyl test strips and a little clean water",
    "new needles and a sharps container",
    "a charged phone with the never-use-alone number saved",
    "snacks and something with electrolytes",
    "someone I trust nearby, or at least on the phone",
    "alcohol swabs and sterile cookers",
    "my own straw or pipe, never shared",
    "a reagent kit for anything new",
    "a plan for getting home",
    "earplugs and a quiet room for the comedown",
    "a note of what I took and when",
    "**time**: no rushing the second dose",
    "*patience* with myself on the hard days",
]

OVERDOSE_STEPS = [
    "Check for a response: shout their name and rub their breastbone.",
    "Call emergency services if it is safe for you to do so.",
    "Give naloxone if you have it.",
    "Start rescue breathing, one breath every five seconds.",
    "If they start breathing, roll them into the recovery position.",
    "Stay with them, and give a second dose after two or three minutes if needed.",
]

LINKS = [
    ("the never-use-alone line", "https://neverusealone.com/"),
    ("NEXT Distro", "https://nextdistro.org/"),
    ("DanceSafe's reagent guide", "https://dancesafe.org/testing-kit-instructions/"),
    ("the National Harm Reduction Coalition", "https://harmreduction.org/"),
    ("this guide on wound care", "https://harmreduction.org/issue-area/overdose-prevention-issue/"),
    ("our community guidelines", "/community-guidelines/"),
    ("the overdose page", "/overdose/"),
]

HEADINGS = ["What helped me", "Update", "What I'd tell a friend", "The short version"]

# --- Threads ----------------------------------------------------------------------------

SUBSTANCES = [
    "pressed pills",
    "heroin",
    "fentanyl",
    "meth",
    "cocaine",
    "crack",
    "MDMA",
    "ketamine",
    "mushrooms",
    "LSD",
    "benzos",
    "GHB",
    "kratom",
    "alcohol",
]

TITLE_PATTERNS = {
    "safer-use": [
        "How do you test a new batch of {s}?",
        "What's in your kit for {s}?",
        "Test strips flagged fentanyl in my {s}",
        "Rotating sites: what works for you?",
        "Where do you get sterile supplies in a small town?",
        "Using alone with {s}: how do you stay safe?",
    ],
    "opioids": [
        "Switching from {s} to bupe: how did you time it?",
        "Tolerance after a break from {s}",
        "Methadone pickups and work: any tips?",
        "Xylazine in {s} around here",
        "Nodding off after {s}: when to worry",
    ],
    "stimulants": [
        "Sleep after a {s} weekend",
        "Eating and drinking enough on {s}",
        "{s} and heat: how do you pace it?",
        "Comedown from {s}: what helps?",
    ],
    "psychedelics": [
        "First time trying {s}: what should I know?",
        "Sitter tips for {s}",
        "{s} and lithium or SSRIs: anyone checked?",
        "Reagent results for {s} looked odd",
    ],
    "alcohol-and-benzos": [
        "Tapering benzos without a doctor who gets it",
        "Alcohol and {s}: where's the line?",
        "Pressed bars tested positive for something else",
        "Cutting back on drinking, week by week",
    ],
    "recovery": [
        "Checking in after a month of cutting back on {s}",
        "Recovery on my own terms, one year in",
        "Talking to my doctor about {s} without being judged",
        "Taking a break from {s}: how did you plan it?",
    ],
    "grief-and-loss": [
        "Remembering my friend",
        "For everyone we lost this month",
        "Grieving someone who used with me",
        "How do you keep going after losing someone to {s}?",
    ],
    "policy": [
        "Our city is debating a supervised consumption site",
        "Drug checking services and the law where you live",
        "Naloxone in schools and libraries: how did your town do it?",
        "Speaking at a council meeting as a person who uses {s}",
    ],
    "site-feedback": [
        "Could search filter by tag?",
        "Thank you to the peer moderators",
        "Dark mode for late-night reading?",
        "The quick exit button saved me today",
    ],
}

CATEGORY_WEIGHTS = {
    "safer-use": 24,
    "opioids": 18,
    "stimulants": 14,
    "psychedelics": 10,
    "alcohol-and-benzos": 9,
    "recovery": 12,
    "grief-and-loss": 6,
    "policy": 5,
    "site-feedback": 2,
}

TAGS = {
    "safer-use": ["fentanyl", "test strips", "naloxone", "new gear", "using alone"],
    "opioids": ["fentanyl", "methadone", "bupe", "xylazine", "tolerance"],
    "stimulants": ["sleep", "comedown", "festivals", "meth", "cocaine"],
    "psychedelics": ["set and setting", "reagents", "first time", "sitter"],
    "alcohol-and-benzos": ["benzos", "tapering", "alcohol"],
    "recovery": ["cutting back", "taking a break", "mat", "peer support"],
    "grief-and-loss": ["remembering", "grief"],
    "policy": ["supervised consumption", "drug checking", "organizing"],
    "site-feedback": ["accessibility", "search"],
}

HOT_THREAD_TITLE = "Pressed pills testing positive for fentanyl this month: what are you seeing?"

HANDLE_WORDS = [
    "quiet", "river", "night", "owl", "maple", "harbor", "ember", "fern", "sparrow", "stone",
    "cedar", "moth", "lantern", "tide", "willow", "comet", "clover", "finch", "ash", "dune",
    "velvet", "north", "juniper", "pebble", "rowan", "heron", "meadow", "kite", "drift", "blue",
]  # fmt: skip

PRONOUNS = ["", "", "they/them", "she/her", "he/him", "she/they", "he/they"]
HERE_AS = ["", "uses_drugs", "uses_drugs", "in_recovery", "peer_worker", "family_friend"]


def body_pool(rng: random.Random) -> list[tuple[str, bool]]:
    """A few hundred distinct Markdown bodies; True marks a reply quoting another post."""
    bodies: dict[str, bool] = {}
    for _attempt in range(BODY_POOL_SIZE * 20):
        if len(bodies) >= BODY_POOL_SIZE:
            break
        shape = rng.random()
        quoting = False
        if shape < 0.12:
            text = rng.choice(SHORT_REPLIES)
            if rng.random() < 0.5:
                text += " " + rng.choice(SENTENCES)
        elif shape < 0.35:
            text = " ".join(rng.sample(SENTENCES, rng.randint(1, 3)))
        elif shape < 0.70:
            paragraphs = [
                " ".join(rng.sample(SENTENCES, rng.randint(2, 4))) for _ in range(rng.randint(2, 3))
            ]
            if rng.random() < 0.2:
                paragraphs.insert(1, f"### {rng.choice(HEADINGS)}")
            text = "\n\n".join(paragraphs)
        elif shape < 0.85:
            if rng.random() < 0.3:
                intro = "If someone might be overdosing:"
                items = "\n".join(f"{n}. {step}" for n, step in enumerate(OVERDOSE_STEPS, 1))
            else:
                intro = rng.choice(LIST_INTROS)
                items = "\n".join(f"- {item}" for item in rng.sample(LIST_ITEMS, rng.randint(3, 6)))
            text = f"{intro}\n\n{items}\n\n{rng.choice(SENTENCES)}"
        else:
            quoting = True
            quoted = rng.choice(SENTENCES)
            text = f"> {quoted}\n\n" + " ".join(rng.sample(SENTENCES, rng.randint(1, 3)))
        if rng.random() < 0.15:
            label, url = rng.choice(LINKS)
            text += f" There's more in [{label}]({url})."
        if rng.random() < 0.04:
            text += "\n\nhttps://harmreduction.org/resource-center/"
        if rng.random() < 0.1:
            word = rng.choice(["really", "always", "never", "still"])
            text = text.replace(f" {word} ", f" *{word}* ", 1)
        bodies.setdefault(text, quoting)
    return list(bodies.items())


def handles(rng: random.Random) -> list[str]:
    chosen: set[str] = set()
    for _attempt in range(MEMBERS * 20):
        if len(chosen) >= MEMBERS:
            break
        first, second = rng.sample(HANDLE_WORDS, 2)
        separator = rng.choice(["_", "-", ""])
        chosen.add(f"{first}{separator}{second}{rng.randint(1, 999)}")
    return sorted(chosen)


def reply_counts(rng: random.Random, threads: int, replies: int) -> list[int]:
    """A long tail: most threads get a few replies, some get hundreds. Sums to `replies`."""
    weights = [rng.paretovariate(1.2) for _ in range(threads)]
    low, high = 0.0, float(replies)
    for _step in range(80):
        scale = (low + high) / 2
        total = sum(min(MAX_POSTS_PER_THREAD - 1, int(weight * scale)) for weight in weights)
        if total < replies:
            low = scale
        else:
            high = scale
    counts = [min(MAX_POSTS_PER_THREAD - 1, int(weight * low)) for weight in weights]
    shortfall = replies - sum(counts)
    for index in rng.sample(range(threads), shortfall):
        counts[index] += 1
    return counts


@contextmanager
def dates_as_given(*models):
    """bulk_create would stamp auto_now_add fields with this moment; a forum with a
    history needs the dates we give it."""
    fields = [
        field
        for model in models
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now_add", False)
    ]
    for field in fields:
        field.auto_now_add = False
    try:
        yield
    finally:
        for field in fields:
            field.auto_now_add = True


@contextmanager
def step(name: str):
    started = time.perf_counter()
    print(f"{name} ...", flush=True)
    yield
    print(f"  {name}: {time.perf_counter() - started:.1f} s", flush=True)


def recreate_database() -> None:
    for command in (["dropdb", "--if-exists"], ["createdb"]):
        executable = shutil.which(command[0])
        if executable is None:
            sys.exit(f"{command[0]} is not installed.")
        # Fixed arguments only: the database name is a constant of this script.
        subprocess.run(  # noqa: S603
            [executable, *command[1:], "-h", "127.0.0.1", "-U", "postgres", BENCH_DATABASE],
            check=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--recreate", action="store_true", help=f"drop and create {BENCH_DATABASE} first"
    )
    args = parser.parse_args()

    import dj_database_url

    if dj_database_url.parse(os.environ["DATABASE_URL"])["NAME"] != BENCH_DATABASE:
        sys.exit(f"DATABASE_URL must point at the {BENCH_DATABASE} database; nothing was done.")
    if args.recreate:
        recreate_database()

    import django

    django.setup()
    seed()


def seed() -> None:
    from taggit.models import Tag, TaggedItem

    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count, F, Max, Min, Q
    from django.utils import timezone
    from django.utils.text import slugify

    from wagtail.search.models import IndexEntry

    from accounts.models import Profile, User
    from accounts.roles import PEER_MODERATORS_GROUP
    from core.markup import render_markdown
    from forum.demo import categories_ensure
    from forum.models import (
        ContentWarning,
        ExperienceReport,
        Following,
        FollowLevel,
        ForumPreferences,
        Post,
        PostRevision,
        Reaction,
        ReactionKind,
        SubstanceDose,
        Thread,
        ThreadKind,
        ThreadRead,
    )
    from moderation.models import ModerationState

    rng = random.Random(SEED)
    overall = time.perf_counter()
    now = timezone.now()

    with step("migrate"):
        call_command("migrate", interactive=False, verbosity=0)
    if Thread.objects.exists():
        sys.exit(f"{BENCH_DATABASE} already has threads. Run again with --recreate.")
    with step("setup_site and the seed articles"):
        call_command("setup_site", verbosity=0)
        call_command("load_articles", verbosity=0)

    with step(f"render {BODY_POOL_SIZE} Markdown bodies"):
        pool = [(source, render_markdown(source), quoting) for source, quoting in body_pool(rng)]
        plain_bodies = [index for index, body in enumerate(pool) if not body[2]]
        quoting_bodies = [index for index, body in enumerate(pool) if body[2]]
        print(
            f"  {len(pool)} bodies, average {sum(len(b[0]) for b in pool) // len(pool)} characters"
            f" of Markdown, {sum(len(b[1]) for b in pool) // len(pool)} of HTML"
        )

    with step("plan threads and posts"):
        # Some members write a lot and most write a little, as on any forum.
        member_weights = [1 / (rank + 1) ** 0.8 for rank in range(MEMBERS)]
        rng.shuffle(member_weights)
        slugs = list(CATEGORY_WEIGHTS)
        counts = [HOT_THREAD_POSTS - 1, *reply_counts(rng, THREADS - 1, POSTS - THREADS - 49)]
        # Newer threads are more common: the forum has been growing for two years.
        ages = [timedelta(hours=36)] + [
            timedelta(days=730) * rng.random() ** 1.6 + timedelta(hours=1)
            for _ in range(THREADS - 1)
        ]
        plans = []
        for number, (replies, age) in enumerate(zip(counts, ages, strict=True)):
            hot = number == 0
            slug = "safer-use" if hot else rng.choices(slugs, CATEGORY_WEIGHTS.values())[0]
            started = now - age
            # Replies spread over the thread's life; nothing but the hot thread is active
            # in the last ten minutes, so it tops the lists.
            latest = now - (timedelta(minutes=4) if hot else timedelta(minutes=10))
            span = latest - started
            if not hot:
                span = min(span, timedelta(days=rng.choice([1, 3, 10, 60])))
            times = sorted(started + span * rng.random() for _ in range(replies))
            if hot:
                times[-1] = latest
            authors = rng.choices(range(MEMBERS), member_weights, k=replies + 1)
            posts = []
            for position, (author, created) in enumerate(
                zip(authors, [started, *times], strict=True), 1
            ):
                deleted = position > 1 and not hot and rng.random() < DELETED_SHARE
                quoting = position > 1 and rng.random() < QUOTE_SHARE
                body = rng.choice(quoting_bodies if quoting else plain_bodies)
                edited = not deleted and rng.random() < EDITED_SHARE
                posts.append((author, created, body, deleted, edited))
            kind = rng.choices(
                [ThreadKind.DISCUSSION, ThreadKind.QUESTION, ThreadKind.EXPERIENCE_REPORT],
                [75, 17, 8],
            )[0]
            warning = ""
            if slug == "grief-and-loss" and rng.random() < 0.7:
                warning = ContentWarning.DEATH_AND_GRIEF
            elif slug == "opioids" and rng.random() < 0.08:
                warning = ContentWarning.OVERDOSE
            elif rng.random() < 0.02:
                warning = ContentWarning.DRUG_USE_IMAGERY
            title = (
                HOT_THREAD_TITLE
                if hot
                else rng.choice(TITLE_PATTERNS[slug]).format(s=rng.choice(SUBSTANCES))
            )
            tags = rng.sample(TAGS[slug], min(len(TAGS[slug]), rng.choice([0, 1, 1, 2, 3])))
            plans.append(
                {
                    "hot": hot,
                    "slug": slug,
                    "title": title[0].upper() + title[1:],
                    "kind": ThreadKind.DISCUSSION if hot else kind,
                    "warning": warning,
                    "tags": ["fentanyl", "test strips"] if hot else tags,
                    "posts": posts,
                }
            )

    # Threads get their ids in the order they were started.
    plans.sort(key=lambda plan: plan["posts"][0][1])

    with step(f"{MEMBERS} members, profiles and forum preferences"):
        first_activity: dict[int, object] = {}
        for plan in plans:
            for author, created, *_rest in plan["posts"]:
                if author not in first_activity or created < first_activity[author]:
                    first_activity[author] = created
        unusable = make_password(None)
        members = [
            User(
                username=handle,
                password=unusable,
                trust_level=rng.choice([0, 0, 1, 1, 2, 3]),
                date_joined=first_activity.get(index, now - timedelta(days=30))
                - timedelta(hours=rng.randint(1, 400)),
                last_login=now - timedelta(hours=rng.randint(1, 2000)),
            )
            for index, handle in enumerate(handles(rng))
        ]
        assert len(members) == MEMBERS
        User.objects.bulk_create(members, batch_size=2000)
        Profile.objects.bulk_create(
            Profile(
                user=member,
                pronouns=rng.choice(PRONOUNS),
                here_as=rng.choice(HERE_AS),
                bio=rng.choice(SENTENCES) if rng.random() < 0.3 else "",
            )
            for member in members
        )
        # Everyone who posted got preferences from the auto-watch check.
        ForumPreferences.objects.bulk_create(
            ForumPreferences(user=members[index]) for index in first_activity
        )
        moderators = Group.objects.get(name=PEER_MODERATORS_GROUP)
        moderators.user_set.add(*members[:12])
        member_ids = [member.pk for member in members]

    with step("categories and tags"):
        categories = categories_ensure()
        names = sorted({tag for tags in TAGS.values() for tag in tags})
        tags = {
            tag.name: tag
            for tag in Tag.objects.bulk_create(Tag(name=name, slug=slugify(name)) for name in names)
        }

    with step(f"{THREADS} threads, tags and experience reports"), dates_as_given(Thread):
        threads = []
        for plan in plans:
            posts = plan["posts"]
            visible = [post for post in posts if not post[3]]
            threads.append(
                Thread(
                    category=categories[plan["slug"]],
                    author_id=member_ids[posts[0][0]],
                    title=plan["title"],
                    slug=slugify(plan["title"])[:80] or "thread",
                    kind=plan["kind"],
                    content_warning=plan["warning"],
                    created_at=posts[0][1],
                    last_post_at=visible[-1][1],
                    reply_count=len(visible) - 1,
                    last_position=len(posts),
                )
            )
        Thread.objects.bulk_create(threads, batch_size=2000)
        thread_type = ContentType.objects.get_for_model(Thread)
        TaggedItem.objects.bulk_create(
            (
                TaggedItem(content_type=thread_type, object_id=thread.pk, tag=tags[name])
                for thread, plan in zip(threads, plans, strict=True)
                for name in plan["tags"]
            ),
            batch_size=5000,
        )
        reports = [
            ExperienceReport(
                thread=thread,
                year=thread.created_at.year,
                month=thread.created_at.month,
                test_method=rng.choice(["fentanyl strip", "reagent kit", "drug checking service"]),
                test_result=rng.choice(["not_tested", "negative", "positive", "unclear"]),
                used_alone=rng.choice(["yes", "no", ""]),
                naloxone_needed=rng.choice(["no", "no", "no", "yes", ""]),
                setting=rng.choice(["At home with a friend", "At a festival", "On my own"]),
                would_do_differently=rng.choice(SENTENCES),
            )
            for thread in threads
            if thread.kind == ThreadKind.EXPERIENCE_REPORT
        ]
        ExperienceReport.objects.bulk_create(reports)
        SubstanceDose.objects.bulk_create(
            SubstanceDose(
                report=report,
                order=order,
                substance=rng.choice(SUBSTANCES),
                amount=Decimal(rng.choice(["0.5", "1", "10", "25", "100"])),
                unit=rng.choice(["mg", "g", "ug", "tabs"]),
                route=rng.choice(["oral", "snorted", "smoked", "injected"]),
                minutes_in=order * rng.choice([30, 45, 90]),
            )
            for report in reports
            for order in range(rng.randint(1, 3))
        )

    with (
        step(f"{POSTS} posts, quotes, edits and helpful replies"),
        dates_as_given(Post, PostRevision),
    ):
        # Ids by thread and position, for quotes, helpful replies and reactions.
        # In the order they were written, as ids and table rows are in production:
        # a thread's posts end up spread through the table, not side by side.
        written = sorted(
            (post[1], thread_index, position)
            for thread_index, plan in enumerate(plans)
            for position, post in enumerate(plan["posts"], 1)
        )
        # Ids by thread and position, for quotes, helpful replies and reactions.
        post_ids: list[list[int]] = [[0] * len(plan["posts"]) for plan in plans]
        deleted_at = now - timedelta(days=1)
        for start in range(0, len(written), 10_000):
            batch = []
            for created, thread_index, position in written[start : start + 10_000]:
                author, _created, body, deleted, _edited = plans[thread_index]["posts"][
                    position - 1
                ]
                source, html, _quoting = ("", "", False) if deleted else pool[body]
                post = Post(
                    thread=threads[thread_index],
                    author_id=member_ids[author],
                    position=position,
                    body_source=source,
                    body_html=html,
                    created_at=created,
                    moderation_state=ModerationState.VISIBLE,
                )
                if deleted:
                    # As post_delete leaves it: no text, a placeholder in its place.
                    post.moderation_state = ModerationState.DELETED
                    post.moderation_reason = "deleted by its author"
                    post.moderation_changed_at = min(created + timedelta(hours=2), deleted_at)
                batch.append(post)
            Post.objects.bulk_create(batch, batch_size=5000)
            for post, (_created, thread_index, position) in zip(
                batch, written[start : start + 10_000], strict=True
            ):
                post_ids[thread_index][position - 1] = post.pk

        quotes, revisions, edited_posts = [], [], []
        for plan, ids in zip(plans, post_ids, strict=True):
            for position, (_author, created, body, deleted, edited) in enumerate(plan["posts"], 1):
                if not deleted and pool[body][2] and position > 1:
                    quoted = rng.randint(1, position - 1)
                    if not plan["posts"][quoted - 1][3]:
                        quotes.append(Post(pk=ids[position - 1], quoted_post_id=ids[quoted - 1]))
                if edited:
                    edited_at = min(created + timedelta(minutes=rng.randint(2, 600)), now)
                    edited_posts.append(Post(pk=ids[position - 1], edited_at=edited_at))
                    revisions.append(
                        PostRevision(
                            post_id=ids[position - 1],
                            body_source=pool[rng.choice(plain_bodies)][0],
                            created_at=created,
                            replaced_at=edited_at,
                        )
                    )
        Post.objects.bulk_update(quotes, ["quoted_post"], batch_size=1000)
        Post.objects.bulk_update(edited_posts, ["edited_at"], batch_size=1000)
        PostRevision.objects.bulk_create(revisions, batch_size=5000)

        answered = []
        for thread, plan, ids in zip(threads, plans, post_ids, strict=True):
            replies = [
                ids[position - 1]
                for position, post in enumerate(plan["posts"], 1)
                if position > 1 and not post[3]
            ]
            if thread.kind == ThreadKind.QUESTION and replies and rng.random() < 0.4:
                thread.helpful_post_id = rng.choice(replies)
                answered.append(thread)
        Thread.objects.bulk_update(answered, ["helpful_post"], batch_size=1000)
        print(
            f"  {len(quotes)} quoting, {len(edited_posts)} edited, "
            f"{len(answered)} questions answered"
        )

    with step("reactions, watches and read markers"), dates_as_given(Reaction, Following):
        reactions = {}
        kinds = [ReactionKind.SUPPORT, ReactionKind.HELPFUL, ReactionKind.SAME_HERE]
        for plan, ids in zip(plans, post_ids, strict=True):
            for position, (author, created, _body, deleted, _edited) in enumerate(plan["posts"], 1):
                if deleted:
                    continue
                # The hot thread is read by many, so it collects more reactions.
                count = rng.choice([1, 2, 4, 7] if plan["hot"] else [0, 0, 0, 0, 0, 1, 1, 2, 3])
                for reactor in rng.choices(range(MEMBERS), member_weights, k=count):
                    if reactor == author:
                        continue
                    kind = rng.choices(kinds, [5, 3, 2])[0]
                    reactions[(ids[position - 1], reactor, kind)] = created + timedelta(
                        minutes=rng.randint(1, 300)
                    )
        Reaction.objects.bulk_create(
            (
                Reaction(post_id=post, user_id=member_ids[user], kind=kind, created_at=min(at, now))
                for (post, user, kind), at in reactions.items()
            ),
            batch_size=5000,
        )
        # What thread_create and post_create leave behind for every poster: a watch
        # and a read marker at their latest post.
        last_read: dict[tuple[int, int], tuple[int, object]] = {}
        for thread, plan in zip(threads, plans, strict=True):
            for position, (author, created, *_rest) in enumerate(plan["posts"], 1):
                last_read[(author, thread.pk)] = (position, created)
        Following.objects.bulk_create(
            (
                Following(
                    user_id=member_ids[author],
                    thread_id=thread_id,
                    level=FollowLevel.WATCH,
                    created_at=created,
                )
                for (author, thread_id), (_position, created) in last_read.items()
            ),
            batch_size=5000,
        )
        ThreadRead.objects.bulk_create(
            (
                ThreadRead(
                    user_id=member_ids[author], thread_id=thread_id, last_read_position=position
                )
                for (author, thread_id), (position, _created) in last_read.items()
            ),
            batch_size=5000,
        )
        print(f"  {len(reactions)} reactions, {len(last_read)} watches and read markers")

    with step("VACUUM ANALYZE"), connection.cursor() as cursor:
        # A seeded database has no planner statistics until autovacuum gets round to
        # it; production tables have them, so the benchmark should too.
        cursor.execute("VACUUM ANALYZE")

    with step("search index (manage.py update_index)"):
        call_command("update_index", verbosity=0)
        entries = IndexEntry.objects.values("content_type__model").annotate(count=Count("id"))
        print("  " + ", ".join(f"{row['content_type__model']}: {row['count']}" for row in entries))

    with step("VACUUM ANALYZE the search index"), connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {IndexEntry._meta.db_table}")

    with step("check thread counters against the posts"):
        visible = Q(posts__moderation_state=ModerationState.VISIBLE)
        out_of_step = (
            Thread.objects.annotate(
                newest=Max("posts__position"),
                visible_posts=Count("posts", filter=visible),
                latest=Max("posts__created_at", filter=visible),
                opening=Min("posts__position"),
            )
            .exclude(
                last_position=F("newest"),
                reply_count=F("visible_posts") - 1,
                last_post_at=F("latest"),
                opening=1,
            )
            .count()
        )
        print(f"  {out_of_step} threads out of step")
        assert out_of_step == 0

    word = "naloxone"
    matching = Post.objects.filter(body_source__icontains=word).count()
    hot = Thread.objects.order_by("-last_post_at").first()
    print(
        f"\nseeded in {time.perf_counter() - overall:.0f} s: {User.objects.count()} members, "
        f"{Thread.objects.count()} threads, {Post.objects.count()} posts"
    )
    print(f"hot thread: {hot.get_absolute_url()} ({hot.last_position} posts)")
    print(f"posts mentioning “{word}”: {matching}")


if __name__ == "__main__":
    main()
