"""How hard a piece of plain English is to read, as a US school grade.

The Flesch–Kincaid grade level: 0.39 × words per sentence + 11.8 × syllables
per word − 15.59. The formula is public and three numbers long; the hard part
is counting syllables, which syllapy does from a small dictionary of common
words with a rule-based fallback, in memory and without a download. (textstat
fetches the CMU dictionary from the internet the first time it runs, and the
dictionary costs every web process about 70 MB; hyphenation rules count
"area" as one syllable and so rate hard text as easier than it is.)

It is an estimate for a nudge in the editor, never a gate.
"""

import re

import syllapy

# Below this many words a grade says more about the formula than the text.
MIN_WORDS = 8
WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
# A sentence ends at . ! ? (with any quotes or brackets after them) followed by
# a space, or at a line break: a list item or a heading is a sentence of its own.
SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?:\s|$)|\n")


def _sentences(text: str) -> list[str]:
    return [part for part in SENTENCE_END.split(text) if WORD.search(part)]


def reading_grade(text: str) -> float | None:
    """The text's Flesch–Kincaid grade, rounded to one decimal place, or None
    when it has too few words to say. Linear in the length of the text."""
    words = WORD.findall(text)
    if len(words) < MIN_WORDS:
        return None
    sentences = max(len(_sentences(text)), 1)
    syllables = sum(max(syllapy.count(word), 1) for word in words)
    grade = 0.39 * len(words) / sentences + 11.8 * syllables / len(words) - 15.59
    return round(max(grade, 0.0), 1)
