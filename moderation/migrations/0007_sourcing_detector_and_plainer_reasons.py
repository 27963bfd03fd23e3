"""Ship the sourcing detector, and reword the starter list.

Held-post reasons now say what happens and why without guessing at anyone's
intent (a member sharing an outreach worker's number is not setting up a sale),
and the "clean" suggestions read as words that fit in the writer's sentence.
Only rows that still read as the starter list wrote them are changed: peer
moderators' own edits stay. Reversing puts the old words back the same way.
"""

from django.db import migrations

PHONE_BEFORE = "A phone number can lead back to a person, and it is often used to set up sales."
OFF_SITE_BEFORE = (
    "Asking someone to talk on another app is often how selling starts, "
    "so a peer moderator looks at it first."
)
OFF_SITE_AFTER = (
    "Posts that ask people to talk on another app wait for a peer moderator, "
    "to keep members safe from scams."
)
SALE_AFTER = (
    "Posts that could be about buying or selling drugs wait for a peer moderator, "
    "because the guidelines don't allow arranging sales here."
)

# (what the row looks for, field, before, after)
REWORDED = [
    (
        {"match_kind": "phone_number"},
        "explanation",
        PHONE_BEFORE,
        "Posts with a phone number wait for a peer moderator, "
        "to keep people's contact details safe.",
    ),
    (
        {"match_kind": "email_address"},
        "explanation",
        "An email address can lead back to a person.",
        "Posts with an email address wait for a peer moderator, "
        "to keep people's contact details safe.",
    ),
    (
        {"match_kind": "street_address"},
        "explanation",
        "A street address can show where someone lives or where to find them.",
        "Posts with a street address wait for a peer moderator, "
        "so nobody's whereabouts are shared by mistake.",
    ),
    (
        {"match_kind": "price_per_gram"},
        "explanation",
        "A price per gram reads like a sale, so a peer moderator looks at it first.",
        "Posts with a price per gram wait for a peer moderator, "
        "because the guidelines don't allow arranging sales here.",
    ),
    (
        {"match_kind": "words", "pattern": "for sale"},
        "explanation",
        "This reads like an offer to sell, so a peer moderator looks at it first.",
        SALE_AFTER,
    ),
    ({"match_kind": "words", "pattern": "been clean"}, "suggestion",
     "not using / in recovery", "been in recovery"),
    ({"match_kind": "words", "pattern": "stay clean"}, "suggestion",
     "stay in recovery / not use", "stay in recovery"),
    ({"match_kind": "words", "pattern": "staying clean"}, "suggestion",
     "not using / in recovery", "staying in recovery"),
    ({"match_kind": "words", "pattern": "stayed clean"}, "suggestion",
     "stayed in recovery / didn't use", "stayed in recovery"),
]  # fmt: skip
OFF_SITE_PATTERNS = [
    "hit me up on *",
    "hmu on *",
    "dm for *",
    "dm me for *",
    "message me on *",
    "add me on *",
    "text me at *",
    "my snap is *",
    "telegram me",
    "wickr*",
]
SOURCING_ROW = {
    "match_kind": "sourcing",
    "pattern": "",
    "action": "hold",
    "category": "sourcing",
    "suggestion": "",
    "explanation": SALE_AFTER,
}


def _reword(apps, *, forward: bool):
    WatchedWord = apps.get_model("moderation", "WatchedWord")
    rows = list(REWORDED) + [
        ({"match_kind": "words", "pattern": pattern}, "explanation", OFF_SITE_BEFORE, OFF_SITE_AFTER)
        for pattern in OFF_SITE_PATTERNS
    ]
    for lookup, field, before, after in rows:
        old, new = (before, after) if forward else (after, before)
        WatchedWord.objects.filter(**lookup, **{field: old}).update(**{field: new})


def forward(apps, schema_editor):
    _reword(apps, forward=True)
    WatchedWord = apps.get_model("moderation", "WatchedWord")
    if not WatchedWord.objects.filter(match_kind="sourcing").exists():
        WatchedWord.objects.create(**SOURCING_ROW)


def backward(apps, schema_editor):
    _reword(apps, forward=False)
    WatchedWord = apps.get_model("moderation", "WatchedWord")
    WatchedWord.objects.filter(**SOURCING_ROW).delete()


class Migration(migrations.Migration):
    dependencies = [("moderation", "0006_watched_words_find_sourcing")]

    operations = [migrations.RunPython(forward, backward)]
