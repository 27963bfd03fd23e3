"""How long screening takes on ordinary and hostile posts. Run by hand:

    .venv/bin/python benchmarks/screening_worst_case.py

Screens posts of the largest allowed size (20,000 characters) against the
built-in detectors and a watched word with three `*`, using unsaved rules so
no database is needed. Hostile posts are long runs that once made the
patterns rescan from every position (digits, letters, dots, @), and runs of
the words the sourcing detector and the self-description check look at. Prints the
slowest of five runs for each.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peersite.settings.test")

SIZE = 20_000
POSTS = {
    "ordinary prose": ("I tested the batch first and started low. " * 500)[:SIZE],
    "digits": "1" * SIZE,
    "leet digits": "4" * SIZE,
    "letters": "a" * SIZE,
    "www.": ("www." * SIZE)[:SIZE],
    "a-": ("a-" * SIZE)[:SIZE],
    "1 ": ("1 " * SIZE)[:SIZE],
    "$ and digits": "$" + "1" * (SIZE - 1),
    "a@": ("a@" * SIZE)[:SIZE],
    "1.": ("1." * SIZE)[:SIZE],
    # The sourcing detector: every word a drug's name or an offer, so every
    # pair of them is near.
    "bars selling ": ("bars selling " * SIZE)[:SIZE],
    "sort me out ": ("sort me out " * SIZE)[:SIZE],
    "i am a junkie ": ("i am a junkie " * SIZE)[:SIZE],
}


def main() -> None:
    import django

    django.setup()
    from moderation import screening
    from moderation.models import WatchedWord

    rules = [
        screening.Rule(WatchedWord(match_kind=kind, action="hold", explanation="."), None)
        for kind in screening.DETECTORS
    ]
    rules.append(
        screening.Rule(
            WatchedWord(pattern="*a*b*c", action="nudge", explanation="."),
            screening.compile_words("*a*b*c"),
        )
    )
    rules.append(
        screening.Rule(
            WatchedWord(
                pattern="junkie*",
                action="nudge",
                category="stigmatising",
                suggestion="person who uses drugs",
                explanation=".",
            ),
            screening.compile_words("junkie*"),
        )
    )
    screening.active_rules = lambda: rules

    class NewMember:
        trust_level = 0

    print(f"{'post (20,000 characters)':<28}{'slowest ms':>11}")
    for name, text in POSTS.items():
        slowest = 0.0
        for _run in range(5):
            started = time.perf_counter()
            screening.screen(text, NewMember(), first_contribution=True)
            slowest = max(slowest, (time.perf_counter() - started) * 1000)
        print(f"{name:<28}{slowest:>11.1f}")


if __name__ == "__main__":
    main()
