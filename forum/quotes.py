"""Quoted words that must not outlive the post they came from.

Quoting copies the quoted post's lines into the reply as "> ..." Markdown, so
the reply's author can trim them. When the quoted post is deleted or its
author erases their account, the copies have to go too, or the words live on
in someone else's post, its earlier versions and the search index.
"""

import re

from django.utils.translation import gettext as _

QUOTE_LINE = re.compile(r"^ {0,3}>")
QUOTE_MARKERS = re.compile(r"^(?:\s*>)+\s?")


def _quote_content(line: str) -> str:
    """The words of a quote line, without its ">" markers, however deep."""
    return " ".join(QUOTE_MARKERS.sub("", line).split())


def _normalized_source(text: str) -> str:
    # Quotes inside the removed post count as its words too: a reply to it
    # carries them one level deeper.
    return " ".join(_quote_content(line) for line in text.splitlines())


def removed_quote_placeholder() -> str:
    return "> *" + _("The post quoted here was removed.") + "*"


def quoted_text_remove(body: str, *, removed: list[str]) -> str:
    """`body` with every run of quote lines carried from one of the `removed`
    texts replaced by one placeholder line. Lines the replier wrote, and quotes
    of anything else, stay as they are.

    A quote line counts as carried when its words (markers and spacing aside)
    appear in a removed text, so a quote the replier trimmed still counts.
    """
    sources = [source for source in map(_normalized_source, removed) if source.strip()]
    if not sources:
        return body
    lines = body.split("\n")

    def carried(line: str) -> bool:
        if not QUOTE_LINE.match(line):
            return False
        words = _quote_content(line)
        return bool(words) and any(words in source for source in sources)

    def blank_quote(line: str) -> bool:
        return bool(QUOTE_LINE.match(line)) and not _quote_content(line)

    kept: list[str] = []
    index = 0
    while index < len(lines):
        if not carried(lines[index]):
            kept.append(lines[index])
            index += 1
            continue
        # One placeholder for the whole run, blank quote lines between included.
        while index < len(lines) and (carried(lines[index]) or blank_quote(lines[index])):
            index += 1
        kept.append(removed_quote_placeholder())
    return "\n".join(kept)
