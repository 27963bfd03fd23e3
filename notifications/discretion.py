"""What an email's outside may not say. A sender name or subject can sit on a
shared phone's lock screen, so none of them may name drugs, harm reduction or
what this site is for."""

import re

# Whole words and phrases, matched without regard to case. Kept short and
# plain: a moderator who trips one reads which word it was. Each also matches
# its plural ("overdoses"), a phrase's words may be joined by a space or a
# hyphen ("harm-reduction"), and an apostrophe may be straight or curly.
REVEALING_WORDS = (
    "addict",
    "addicted",
    "addiction",
    "cocaine",
    "crack",
    "detox",
    "drug",
    "fentanyl",
    "harm reduction",
    "heroin",
    "inject",
    "injected",
    "injecting",
    "injection",
    "meth",
    "methadone",
    "naloxone",
    "narcan",
    "needle",
    "opioid",
    "overdose",
    "overdosed",
    "overdosing",
    "recovery",
    "recovering",
    "rehab",
    "substance",
    "suboxone",
    "syringe",
    "where we are at",
    "where we're at",
)


def _word_pattern(word: str) -> str:
    parts = [re.escape(part).replace("'", "['’]") for part in word.split()]
    return r"[\s\-]+".join(parts) + r"(?:s|es)?"


_PATTERN = re.compile(
    r"\b(" + "|".join(_word_pattern(word) for word in REVEALING_WORDS) + r")\b", re.IGNORECASE
)


def revealing_words_in(text: str) -> list[str]:
    """The revealing words `text` holds, lowercased, each once, in order."""
    return list(dict.fromkeys(match.lower() for match in _PATTERN.findall(text or "")))
