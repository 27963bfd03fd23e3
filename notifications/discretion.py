"""What an email's outside may not say. A sender name or subject can sit on a
shared phone's lock screen, so none of them may name drugs, harm reduction or
what this site is for."""

import re

# Whole words and phrases, matched without regard to case. Kept short and
# plain: a moderator who trips one reads which word it was.
REVEALING_WORDS = (
    "addict",
    "addiction",
    "cocaine",
    "crack",
    "detox",
    "drug",
    "drugs",
    "fentanyl",
    "harm reduction",
    "heroin",
    "inject",
    "meth",
    "methadone",
    "naloxone",
    "narcan",
    "needle",
    "needles",
    "opioid",
    "opioids",
    "overdose",
    "recovery",
    "rehab",
    "substance",
    "suboxone",
    "syringe",
    "syringes",
    "where we're at",
    "where we’re at",
)
_PATTERN = re.compile(
    r"\b(" + "|".join(re.escape(word) for word in REVEALING_WORDS) + r")\b", re.IGNORECASE
)


def hidden_characters_in(text: str) -> list[str]:
    """The characters in `text` that a header can't carry as they look: line
    breaks, control and formatting characters, and spaces other than the
    ordinary one. Each as "U+XXXX", once, in order."""
    return list(dict.fromkeys(f"U+{ord(ch):04X}" for ch in text or "" if not ch.isprintable()))


def outside_text(text: str) -> str:
    """`text` made safe for one header line: each run of whitespace or of
    characters that aren't printable becomes one ordinary space. A value saved
    without the Email setting's checks still can't break a header or add one."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text or "").split())


def revealing_words_in(text: str) -> list[str]:
    """The revealing words `text` holds, lowercased, each once, in order."""
    return list(dict.fromkeys(match.lower() for match in _PATTERN.findall(text or "")))
