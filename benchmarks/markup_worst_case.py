"""How long rendering a member's Markdown takes on the largest hostile posts. Run by hand:

    .venv/bin/python benchmarks/markup_worst_case.py

Renders posts of the largest allowed size (20,000 characters) made of shapes
that make Markdown parsers and linkifiers rescan what they have read: runs
that look almost like domains or addresses, unclosed brackets and emphasis,
deep quotes, long backtick runs. Every @handle counts as a member (the member
lookup is replaced by one that knows every handle), so each mention becomes a
link and no database is needed. Prints, in milliseconds, the fastest and
slowest of five runs for each and the least processor time one took (on a
shared machine the wall-clock times include waiting for a core); each should
stay under 100.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peersite.settings.test")

SIZE = 20_000
RUNS = 5


def repeated(unit: str) -> str:
    return (unit * (SIZE // len(unit) + 1))[:SIZE]


POSTS = {
    "ordinary prose": repeated("I tested the batch first and started low. "),
    "prose with links": repeated("Strips from https://nextdistro.org/strips, ask @kai. "),
    "a-a.": repeated("a-a."),
    "a.": repeated("a."),
    "domain-like run": repeated("harm-reduction-example."),
    "domain with TLD": repeated("a.")[: SIZE - 3] + "org",
    "www.": repeated("www."),
    "http://": repeated("http://"),
    "http://a": repeated("http://a"),
    "https://a.org/(": repeated("https://a.org/("),
    "url then )": "https://a.org/" + ")" * (SIZE - 14),
    "url then .": "https://a.org/" + "." * (SIZE - 14),
    "feed:": repeated("feed:"),
    "x@y.": repeated("x@y."),
    "@a": repeated("@a"),
    "@abc (all members)": repeated("@abc "),
    "@many (all members)": "".join(f"@m{number:05d} " for number in range(SIZE // 8))[:SIZE],
    "*_": repeated("*_"),
    "**_": repeated("**_"),
    "[": repeated("["),
    "](": repeated("]("),
    "[](": repeated("[]("),
    "[a](": repeated("[a]("),
    "> nesting": repeated(">"),
    "> lines": repeated("> " * 40 + "x\n"),
    "`": repeated("`"),
    "` a": repeated("` a"),
    "<": repeated("<"),
    "&": repeated("&"),
    "&#x61;": repeated("&#x61;"),
}


def main() -> None:
    import django

    django.setup()
    from django.urls import reverse

    from peersite import markup

    def every_handle_is_a_member(handles):
        return {
            handle: (handle, reverse("accounts:profile", kwargs={"handle": handle}))
            for handle in handles
        }

    markup._profile_urls = every_handle_is_a_member

    print(f"{'post (20,000 characters)':<26}{'fastest ms':>11}{'slowest ms':>11}{'CPU ms':>9}")
    for name, text in POSTS.items():
        assert len(text) == SIZE, name
        timings, processor = [], []
        for _run in range(RUNS):
            started, started_processor = time.perf_counter(), time.process_time()
            markup.render_markdown(text)
            timings.append((time.perf_counter() - started) * 1000)
            processor.append((time.process_time() - started_processor) * 1000)
        print(f"{name:<26}{min(timings):>11.1f}{max(timings):>11.1f}{min(processor):>9.1f}")


if __name__ == "__main__":
    main()
