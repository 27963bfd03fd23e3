"""Demo categories and a few threads, for development only (`manage.py load_demo`)."""

from moderation.models import FlagReason
from moderation.services import flag_create

from .models import Category, Thread, WhoMayStart
from .services.posting import post_create, thread_create

CATEGORIES = [
    ("Safer use", "safer-use", "Tips, tools and tester shots: using in ways that lower the risks."),
    ("Opioids", "opioids", "Heroin, fentanyl, pills and everything in between."),
    ("Stimulants", "stimulants", "Meth, cocaine, crack and other uppers."),
    ("Psychedelics", "psychedelics", "Mushrooms, LSD, ketamine and friends."),
    (
        "Alcohol and benzos",
        "alcohol-and-benzos",
        "Drinking, benzos, and what happens when they mix.",
    ),
    (
        "Recovery on your own terms",
        "recovery",
        "Cutting back, taking breaks, stopping, medication: whatever recovery means to you.",
    ),
    ("Grief and loss", "grief-and-loss", "Remembering people we've lost. Go gently here."),
    ("Policy and organizing", "policy", "Laws, services and how we push for better ones."),
    ("Site feedback", "site-feedback", "What works, what doesn't, and what you'd like to see."),
]

THREADS = [
    (
        "safer-use",
        "What's your routine with test strips?",
        "I test every new batch now. Dissolve a little in water, dip the strip, wait. "
        "Anyone found a way to make it quicker when you're dopesick?",
        ["fentanyl", "test strips"],
        "",
        "Same. I keep strips in my kit so it's never a question of finding one. "
        "And I still start low even with a negative, strips can miss some things.",
    ),
    (
        "grief-and-loss",
        "For everyone we lost this year",
        "Lighting a candle for my friend D. He was the one who taught me to carry naloxone. "
        "Share a name if you want to.",
        ["remembering"],
        "death_grief",
        "For M. Thank you for starting this.",
    ),
]


def categories_ensure() -> dict[str, Category]:
    """The nine categories, by slug; existing ones are left as they are."""
    categories = {}
    for order, (name, slug, description) in enumerate(CATEGORIES):
        categories[slug], _created = Category.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "order": order,
                "is_sensitive": slug == "grief-and-loss",
                "who_may_start": WhoMayStart.EVERYONE,
            },
        )
    return categories


MODERATION_THREAD = (
    "Where do you all get naloxone?",
    "My pharmacy wants a prescription. Is there anywhere that hands it out free?",
)
# Replies from the new demo member that give the review queue something to
# show: screening holds an offer to sell and a phone number; a vaguer offer
# gets through screening and a member flags it.
SELLING_REPLY = "I can sort anyone out tonight, whatever you need. Just ask."
HELD_REPLY = "Call my cousin, she has extra: 312-555-0147."
FLAGGED_REPLY = "Message me if you ever want to meet up, I know people."


def forum_demo_load(*, member, moderator, newcomer=None, **others) -> None:
    """Idempotent: categories by slug, threads by title."""
    categories_ensure()
    for slug, title, body, tags, warning, reply in THREADS:
        if Thread.objects.filter(title=title).exists():
            continue
        thread = thread_create(
            category=Category.objects.get(slug=slug),
            author=member,
            title=title,
            body=body,
            content_warning=warning,
            tags=tags,
        )
        post_create(thread=thread, author=moderator, body=reply)

    if newcomer is not None and not Thread.objects.filter(title=MODERATION_THREAD[0]).exists():
        thread = thread_create(
            category=Category.objects.get(slug="safer-use"),
            author=member,
            title=MODERATION_THREAD[0],
            body=MODERATION_THREAD[1],
            tags=["naloxone"],
        )
        post_create(
            thread=thread,
            author=moderator,
            body="Syringe programs near you often give it out free, no questions asked.",
        )
        post_create(thread=thread, author=newcomer, body=SELLING_REPLY, nudge_acknowledged=True)
        post_create(thread=thread, author=newcomer, body=HELD_REPLY, nudge_acknowledged=True)
        vague = post_create(thread=thread, author=newcomer, body=FLAGGED_REPLY)
        flag_create(content=vague, flagger=member, reason=FlagReason.SOURCING)
