"""A starter list of watched words, so screening works on a fresh install.

Peer moderators own this list after install: they can edit, switch off or
delete any of these rows in the admin. Reversing the migration removes the
rows that still read as it wrote them; rows moderators have changed stay.
"""

from django.db import migrations

HOLD = "hold"
NUDGE = "nudge"
SOURCING = "sourcing"
IDENTIFYING = "identifying"
STIGMATISING = "stigmatising"

OFF_SITE_CONTACT = (
    "Asking someone to talk on another app is often how selling starts, "
    "so a peer moderator looks at it first."
)
SELLING = "This reads like an offer to sell, so a peer moderator looks at it first."
LABEL = "This word can make a person sound like a problem instead of a person."
PUT_DOWN = "This word is often used to put people down."
ABUSE = "“Abuse” makes using drugs sound like harming someone on purpose."
HABIT = "“Habit” can sound like a weakness. “Drug use” says the same thing plainly."
CLEAN_PERSON = "Calling someone “clean” can suggest that people who use drugs are dirty."
TEST_RESULT = "Test results are positive or negative, not clean or dirty."
RELAPSE = "“Relapse” can sound like failing. “Return to use” just says what happened."

# (match kind, pattern, action, category, suggestion, explanation)
STARTER_WORDS = [
    # Detectors. A phone number both identifies someone and is the usual way a
    # sale moves off the site; one row holds it, so a post is not listed twice
    # in the review queue.
    (
        "phone_number",
        "",
        HOLD,
        IDENTIFYING,
        "",
        "A phone number can lead back to a person, and it is often used to set up sales.",
    ),
    (
        "email_address",
        "",
        HOLD,
        IDENTIFYING,
        "",
        "An email address can lead back to a person.",
    ),
    (
        "street_address",
        "",
        HOLD,
        IDENTIFYING,
        "",
        "A street address can show where someone lives or where to find them.",
    ),
    (
        "price_per_gram",
        "",
        HOLD,
        SOURCING,
        "",
        "A price per gram reads like a sale, so a peer moderator looks at it first.",
    ),
    # Moving a conversation to another app.
    ("words", "hit me up on *", HOLD, SOURCING, "", OFF_SITE_CONTACT),
    ("words", "hmu on *", HOLD, SOURCING, "", OFF_SITE_CONTACT),
    ("words", "dm for *", HOLD, SOURCING, "", OFF_SITE_CONTACT),
    ("words", "dm me for *", HOLD, SOURCING, "", OFF_SITE_CONTACT),
    ("words", "message me on *", HOLD, SOURCING, "", OFF_SITE_CONTACT),
    ("words", "add me on *", HOLD, SOURCING, "", OFF_SITE_CONTACT),
    ("words", "text me at *", HOLD, SOURCING, "", OFF_SITE_CONTACT),
    ("words", "my snap is *", HOLD, SOURCING, "", OFF_SITE_CONTACT),
    ("words", "telegram me", HOLD, SOURCING, "", OFF_SITE_CONTACT),
    # Any mention: the app is rarely talked about for any other reason here,
    # and people write "wickr:" or "wickr -" as often as "wickr name".
    ("words", "wickr*", HOLD, SOURCING, "", OFF_SITE_CONTACT),
    ("words", "for sale", HOLD, SOURCING, "", SELLING),
    # Words about people.
    ("words", "addict", NUDGE, STIGMATISING, "person who uses drugs", LABEL),
    ("words", "addicts", NUDGE, STIGMATISING, "people who use drugs", LABEL),
    ("words", "junkie*", NUDGE, STIGMATISING, "person who uses drugs", PUT_DOWN),
    ("words", "junky", NUDGE, STIGMATISING, "person who uses drugs", PUT_DOWN),
    ("words", "crackhead*", NUDGE, STIGMATISING, "person who uses crack", PUT_DOWN),
    ("words", "drug user*", NUDGE, STIGMATISING, "person who uses drugs", LABEL),
    # "Abuser" alone also means someone who hurts a partner or a child, and
    # members need to be able to talk about that person plainly.
    ("words", "drug abuser*", NUDGE, STIGMATISING, "person who uses drugs", ABUSE),
    ("words", "substance abuser*", NUDGE, STIGMATISING, "person who uses drugs", ABUSE),
    ("words", "drug abuse", NUDGE, STIGMATISING, "drug use", ABUSE),
    ("words", "substance abuse", NUDGE, STIGMATISING, "substance use", ABUSE),
    ("words", "drug habit", NUDGE, STIGMATISING, "drug use", HABIT),
    ("words", "relapse*", NUDGE, STIGMATISING, "return to use", RELAPSE),
    # "Clean" about people. Never "clean" alone, nor "got clean" or "getting
    # clean": members get clean needles, clean works and clean water all the time.
    ("words", "been clean", NUDGE, STIGMATISING, "not using / in recovery", CLEAN_PERSON),
    ("words", "stay clean", NUDGE, STIGMATISING, "stay in recovery / not use", CLEAN_PERSON),
    ("words", "staying clean", NUDGE, STIGMATISING, "not using / in recovery", CLEAN_PERSON),
    ("words", "stayed clean", NUDGE, STIGMATISING, "stayed in recovery / didn't use", CLEAN_PERSON),
    ("words", "clean time", NUDGE, STIGMATISING, "time in recovery", CLEAN_PERSON),
    # "Clean" and "dirty" about tests.
    ("words", "dirty test*", NUDGE, STIGMATISING, "positive test", TEST_RESULT),
    ("words", "clean test*", NUDGE, STIGMATISING, "negative test", TEST_RESULT),
    ("words", "test* dirty", NUDGE, STIGMATISING, "tested positive", TEST_RESULT),
    ("words", "test* clean", NUDGE, STIGMATISING, "tested negative", TEST_RESULT),
    ("words", "dirty urine", NUDGE, STIGMATISING, "positive urine test", TEST_RESULT),
    ("words", "clean urine", NUDGE, STIGMATISING, "negative urine test", TEST_RESULT),
]

FIELDS = ("match_kind", "pattern", "action", "category", "suggestion", "explanation")


def starter_words_add(apps, schema_editor):
    WatchedWord = apps.get_model("moderation", "WatchedWord")
    WatchedWord.objects.bulk_create(
        WatchedWord(**dict(zip(FIELDS, row, strict=True))) for row in STARTER_WORDS
    )


def starter_words_remove(apps, schema_editor):
    WatchedWord = apps.get_model("moderation", "WatchedWord")
    for row in STARTER_WORDS:
        WatchedWord.objects.filter(**dict(zip(FIELDS, row, strict=True))).delete()


class Migration(migrations.Migration):
    dependencies = [("moderation", "0001_initial")]

    operations = [migrations.RunPython(starter_words_add, starter_words_remove)]
