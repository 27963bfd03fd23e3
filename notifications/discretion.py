"""What an email's outside may not say. A sender name or subject can sit on a
shared phone's lock screen, so none of them may name drugs, harm reduction or
what this site is for, however the word is spelled."""

import re
import unicodedata

# Whole words and phrases, matched without regard to case, accents, the
# spaces, hyphens or apostrophes between words, and the common endings
# ("addicts", "injecting", "overdosed"). Kept short and plain: a moderator who
# trips one reads which word it was.
REVEALING_WORDS = (
    "addict",
    "addiction",
    "benzo",
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
    "narcotic",
    "needle",
    "needles",
    "opiate",
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
    "xylazine",
)
_ENDINGS = r"(?:s|es|d|ed|ing|ion|ions|ive|er|ers)?"


def _word_pattern(word: str) -> str:
    parts = [re.escape(part).replace("'", "'?") for part in word.split()]
    return r"[\W_]*".join(parts)


_PATTERN = re.compile(
    r"\b(?:" + "|".join(_word_pattern(word) for word in REVEALING_WORDS) + r")" + _ENDINGS + r"\b"
)

# Latin letters with no accent to take off that pass for a plain one.
_LOOK_ALIKES = str.maketrans(
    {"ı": "i", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "ŧ": "t", "ø": "o", "ĸ": "k", "ŋ": "n"}
)
# Quotes and dashes people type in a plain sentence.
_TYPOGRAPHIC = frozenset("‘’“”–—…")
# Mail apps decode "=?utf-8?b?...?=" in a header as text in any alphabet.
ENCODED_WORD_START = "=?"


def _ordinary(character: str) -> bool:
    """Printable, and from the Latin alphabet (accents are fine), a digit, an
    ordinary space or punctuation. Other alphabets have letters that look just
    like Latin ones ("МЕТН" is Cyrillic), so a word could pass for another."""
    code = ord(character)
    if character in _TYPOGRAPHIC:
        return True
    return character.isprintable() and (code < 0x7F or 0xA0 < code < 0x180)


def unusual_characters_in(text: str) -> list[str]:
    """The characters in `text` an email's outside may not use: line breaks,
    control and hidden formatting characters, other spaces, and letters from
    outside the Latin alphabet. Each as "U+XXXX", once, in order."""
    text = unicodedata.normalize("NFC", text or "")
    return list(dict.fromkeys(f"U+{ord(ch):04X}" for ch in text if not _ordinary(ch)))


def outside_text(text: str) -> str:
    """`text` made safe for one header line: each run of whitespace or of
    characters that aren't printable becomes one ordinary space. A value saved
    without the Email setting's checks still can't break a header or add one."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text or "").split())


def _folded(text: str) -> str:
    """`text` as it reads: compatibility forms unified (full-width letters),
    accents and hidden characters taken off, look-alikes made plain, lowercased."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    kept = "".join(
        ch
        for ch in decomposed
        if unicodedata.category(ch) not in ("Mn", "Me", "Cf") and ch.isprintable() or ch == " "
    )
    return kept.translate(_LOOK_ALIKES).replace("’", "'").replace("‘", "'").casefold()


def revealing_words_in(text: str) -> list[str]:
    """The revealing words `text` holds, as they read, lowercased, each once, in order."""
    return list(dict.fromkeys(match.group(0) for match in _PATTERN.finditer(_folded(text))))
