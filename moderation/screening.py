"""Screening text before it is published.

Every piece of member writing (forum posts now; articles and consultation
responses later) passes through `screen()` before it is saved. Peer moderators
keep the list of watched words in the admin. Screening knows nothing about
where the text will appear: callers decide what a verdict means for them.
"""

import re
import secrets
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

from django.core.cache import cache
from django.utils.translation import gettext as _

from .models import ModerationState, WatchedWord, WordAction, WordCategory, WordMatchKind


class Verdict(StrEnum):
    ALLOW = "allow"
    NUDGE = "nudge"  # shown to the author, who may post anyway
    FLAG = "flag"  # published, and a flag puts it in the review queue
    HOLD = "hold"  # saved, but held for review before anyone else sees it
    BLOCK = "block"  # refused, with a message beside the text


SEVERITY = [Verdict.ALLOW, Verdict.NUDGE, Verdict.FLAG, Verdict.HOLD, Verdict.BLOCK]


@dataclass(frozen=True)
class WordMatch:
    found: str
    action: str
    category: str
    suggestion: str
    explanation: str


@dataclass(frozen=True)
class Screening:
    verdict: Verdict
    message: str = ""
    matches: tuple[WordMatch, ...] = field(default_factory=tuple)

    @property
    def initial_state(self) -> str:
        return ModerationState.HELD if self.verdict == Verdict.HOLD else ModerationState.VISIBLE

    @property
    def nudges(self) -> list[WordMatch]:
        return [match for match in self.matches if match.action == WordAction.NUDGE]

    @property
    def identifies(self) -> bool:
        """Whether it matched something that could point to a person."""
        return any(match.category == WordCategory.IDENTIFYING for match in self.matches)

    @property
    def reason(self) -> str:
        """Why it was held or flagged, for the review queue."""
        if self.message:
            return self.message
        # Only the explanations: the words found (a phone number, say) stay in
        # the post itself and aren't copied anywhere else.
        serious = [match for match in self.matches if match.action != WordAction.NUDGE]
        return " ".join(dict.fromkeys(match.explanation for match in serious))[:300]


class Nudge(Exception):
    """The text uses words the author may want to change; they can post anyway."""

    def __init__(self, screening: Screening):
        super().__init__("nudge")
        self.screening = screening


# Letters from other scripts that look like Latin ones, and digits or symbols
# used in their place. Applied after NFKC, which already folds full-width and
# styled letters.
LOOK_ALIKES = str.maketrans(
    {
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x",
        "і": "i", "ј": "j", "ѕ": "s", "к": "k", "м": "m", "т": "t", "н": "h", "в": "b",
        "α": "a", "ο": "o", "ρ": "p", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "τ": "t",
        "υ": "u", "χ": "x",
    }
)  # fmt: skip
LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)


def normalize(text: str) -> str:
    """Fold text so look-alikes and hidden characters cannot dodge a pattern."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(char for char in text if unicodedata.category(char) != "Cf")
    text = unicodedata.normalize("NFD", text)
    text = "".join(char for char in text if unicodedata.category(char) != "Mn")
    return text.casefold().translate(LOOK_ALIKES)


TOLL_FREE = ("800", "833", "844", "855", "866", "877", "888")
# A number followed by one of these is an amount ("500-1000 mg", "a gram is
# 1000 mg"), not a phone number or a price.
DOSE_UNIT = r"\s?(?:mg|mcg|ug|μg|ml|g|grams?|milligrams?|micrograms?|points?)(?!\w)"
PHONE = re.compile(
    r"(?<![\w+])(?:\+?1[\s.\-]?)?\(?(\d{3})\)?[\s.\-]?\d{3}[\s.\-]?\d{4}(?!\w)"
    r"|(?<![\w.\-])\d{3}[\s.\-]\d{4}(?![\w.\-])(?!" + DOSE_UNIT + r")"
    r"|(?<![\w+])\+\d[\d\s.\-]{8,16}\d(?!\w)"
)
# Each pattern that starts with a run of characters is anchored to the start of
# that run: unanchored, a long run of digits or letters is rescanned from every
# position, and a 20,000-character post took seconds.
EMAIL = re.compile(r"(?<![\w.+\-])[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[a-z]{2,}")
# Street names don't contain these; everyday phrases do ("2 hits on the way",
# "1 year in court", "3 people at my place").
NOT_IN_STREET_NAMES = (
    r"(?:the|a|an|my|your|his|her|our|their|this|that|at|on|in|to|for|of|from|with|by|and|or|"
    r"up|down|more|all)"
)
STREET = re.compile(
    r"(?<!\w)\d{1,5}\s+(?:(?!" + NOT_IN_STREET_NAMES + r"\s)[a-z]+\s+){1,3}"
    r"(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|place|pl|"
    r"terrace|way|highway|hwy)(?!\w)"
)
PRICE_PER_GRAM = re.compile(
    r"(?:[$£€]\s?\d+(?:\.\d+)?|(?<![\d.])\d+(?:\.\d+)?\s?(?:dollars|bucks|usd|quid))"
    r"\s*(?:/|per|a|an|for\s+(?:a|an|one|1))\s*(?:g|gs|gram|grams|gr|half|point)(?!\w)"
    r"|(?<![\w.])(?:a|one|1|per)\s?(?:g|gram)\s+(?:for|is|at)\s+[$£€]?\s?\d+(?:\.\d+)?"
    r"(?!\.?\d|" + DOSE_UNIT + r")"
)
LINK = re.compile(r"https?://|www\.|(?<![@\w\-])[a-z0-9\-]+\.(?:com|net|org|io|me|co|ly|gg|app)\b")


def _phone_numbers(text: str) -> list[str]:
    found = []
    for match in PHONE.finditer(text):
        # Help lines are almost always toll-free; a personal number rarely is.
        if match.group(1) in TOLL_FREE:
            continue
        found.append(match.group(0).strip())
    return found


DETECTORS = {
    WordMatchKind.PHONE_NUMBER: _phone_numbers,
    WordMatchKind.EMAIL_ADDRESS: lambda text: EMAIL.findall(text),
    WordMatchKind.STREET_ADDRESS: lambda text: [m.group(0) for m in STREET.finditer(text)],
    WordMatchKind.PRICE_PER_GRAM: lambda text: [m.group(0) for m in PRICE_PER_GRAM.finditer(text)],
}


def compile_words(pattern: str) -> re.Pattern:
    """`*` stands for up to 30 letters; words match whole, separated by spaces or
    hyphens. The bound keeps several `*` in one pattern from backtracking for long."""
    words = normalize(pattern).split()
    parts = [r"\w{0,30}".join(re.escape(piece) for piece in word.split("*")) for word in words]
    return re.compile(r"(?<!\w)" + r"[\s\-]+".join(parts) + r"(?!\w)")


@dataclass(frozen=True)
class Rule:
    word: WatchedWord
    expression: re.Pattern | None

    def find(self, text: str, leet_text: str) -> list[str]:
        if self.expression is None:
            return DETECTORS[self.word.match_kind](text)
        found = [m.group(0) for m in self.expression.finditer(text)]
        if not found:
            found = [m.group(0) for m in self.expression.finditer(leet_text)]
        return found


RULES_VERSION_KEY = "moderation:watched-words-version"
_loaded: dict = {"version": None, "rules": []}


def rules_changed() -> None:
    """Called when a watched word is saved or deleted: every process reloads."""
    try:
        cache.incr(RULES_VERSION_KEY)
    except ValueError:
        cache.set(RULES_VERSION_KEY, _fresh_version(), None)


def _fresh_version() -> int:
    # When the cache loses the counter (a restart, an eviction), it must not
    # start again from a number some process already loaded its rules under,
    # or that process would keep stale rules.
    return secrets.randbits(48)


def active_rules() -> list[Rule]:
    version = cache.get(RULES_VERSION_KEY)
    if version is None:
        cache.add(RULES_VERSION_KEY, _fresh_version(), None)
        version = cache.get(RULES_VERSION_KEY)
    if _loaded["version"] != version or _loaded["version"] is None:
        rules = []
        for word in WatchedWord.objects.filter(is_active=True):
            if word.match_kind == WordMatchKind.WORDS:
                if not word.pattern.replace("*", "").strip():
                    continue
                rules.append(Rule(word, compile_words(word.pattern)))
            elif word.match_kind in DETECTORS:
                rules.append(Rule(word, None))
        _loaded.update(version=version, rules=rules)
    return _loaded["rules"]


VERDICT_FOR_ACTION = {
    WordAction.BLOCK: Verdict.BLOCK,
    WordAction.HOLD: Verdict.HOLD,
    WordAction.FLAG: Verdict.FLAG,
    WordAction.NUDGE: Verdict.NUDGE,
}


def screen(text: str, author, *, first_contribution: bool = False) -> Screening:
    """Decide what happens to `text` written by `author`.

    `first_contribution` is true when this is the first thing the author has
    written anywhere on the site: a new member's first post with a link waits
    for a peer moderator.
    """
    folded = normalize(text)
    leet = folded.translate(LEET)
    matches: list[WordMatch] = []
    for rule in active_rules():
        for found in dict.fromkeys(rule.find(folded, leet)):
            word = rule.word
            matches.append(
                WordMatch(found, word.action, word.category, word.suggestion, word.explanation)
            )
    verdict = max(
        (VERDICT_FOR_ACTION[match.action] for match in matches),
        key=SEVERITY.index,
        default=Verdict.ALLOW,
    )
    message = ""
    if verdict == Verdict.BLOCK:
        blocked = [match for match in matches if match.action == WordAction.BLOCK]
        message = _("This can't be posted: %(why)s Change “%(found)s” and try again.") % {
            "why": blocked[0].explanation.rstrip(".") + ".",
            "found": blocked[0].found,
        }
    elif (
        first_contribution
        and getattr(author, "trust_level", 0) == 0
        and LINK.search(folded)
        and SEVERITY.index(verdict) < SEVERITY.index(Verdict.HOLD)
    ):
        verdict = Verdict.HOLD
        message = _("A new member's first post with a link waits for a peer moderator.")
    return Screening(verdict, message, tuple(matches))
