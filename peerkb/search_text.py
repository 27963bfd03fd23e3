"""What someone typed in a search box: what to show back, and the words a search
backend is given. Nothing here reads the database, so pages and the site's
search both use it."""

import re

from core.text import clean_plain_text

SEARCH_QUERY_MAX_LENGTH = 200
WORD = re.compile(r"\w+")


def search_query(raw: str) -> str:
    """What was typed in a search box, to show back: plain text without control
    characters, and no longer than anyone types."""
    return " ".join(clean_plain_text(raw).split())[:SEARCH_QUERY_MAX_LENGTH]


def search_words(query: str) -> str:
    """The words of a query, which is all a search backend is given: a NUL
    ends a string in SQLite's full-text search (and PostgreSQL refuses it), a
    stray quote breaks its syntax, and no index keeps punctuation anyway."""
    return " ".join(WORD.findall(query))
