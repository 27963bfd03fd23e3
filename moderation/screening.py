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

from core.text import text_fit

from .models import (
    STATE_REASON_MAX_LENGTH,
    ModerationState,
    WatchedWord,
    WordAction,
    WordCategory,
    WordMatchKind,
)


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
        """Why it was held or flagged, for the review queue: the one place it
        is made to fit where it is kept (REASON_MAX_LENGTH)."""
        if self.message:
            return text_fit(self.message, REASON_MAX_LENGTH)
        # Only the explanations: the words found (a phone number, say) stay in
        # the post itself and aren't copied anywhere else.
        serious = [match for match in self.matches if match.action != WordAction.NUDGE]
        # Whole sentences only, as many as fit where the reason is kept.
        reasons: list[str] = []
        for explanation in dict.fromkeys(match.explanation for match in serious):
            if reasons and len(" ".join([*reasons, explanation])) > REASON_MAX_LENGTH:
                break
            reasons.append(explanation)
        return text_fit(" ".join(reasons), REASON_MAX_LENGTH)


# Held content keeps this reason in its place (moderation_reason); the queue's
# summary and a system flag's note have room for it too.
REASON_MAX_LENGTH = STATE_REASON_MAX_LENGTH


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


# ---- sourcing -----------------------------------------------------------
#
# Offers and requests to buy or sell are recognized from words that come
# together: a drug's street name beside "selling", "anyone got" or "who's
# holding"; "DM me" with a price or a drug; a few phrases that mean sourcing on
# their own ("sort you out", "my plug"). The text is split into words once and
# each test looks at a few words around one position, so the work grows in step
# with the text and no pattern can backtrack.


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _by_first_word(phrases: list[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        index.setdefault(phrase[0], []).append(phrase)
    return index


STREET_DRUGS = _word_set(
    "bars xans xannies xanax benzos percs perc percocet percocets blues m30 m30s "
    "oxy oxys oxies roxy roxies fent fenty fentanyl dope h heroin coke cocaine "
    "crack molly mdma mandy lsd shrooms ket ketamine meth crystal tina shard weed "
    "kush carts dabs adderall addys addies opana dilaudid dillies stamps bundles "
    "eightball"
)
# Medicines people also get from a clinic or a doctor: asking where to get them
# is often about treatment, so only an offer, a price or "DM me" makes it sourcing.
MEDICINES = _word_set("subs suboxone subutex bupe methadone pills script scripts")
# Words that turn a drug's name or a purchase into safer-use or everyday talk.
# (Ordinary words like "ice", "gear" or "tabs" are left out of the lists above
# for the same reason: "need ice for my knee".)
NOT_ABOUT_A_SALE = _word_set(
    "test tests testing strip strips kit kits advice tips info information help "
    "question questions support taper tapering safely safer naloxone narcan"
)
# "Fentanyl test strips", "a fent kit": a drug's name followed by these is gear.
SAFER_USE_GEAR = _word_set("test tests testing strip strips kit kits")
# "My plug for my phone charger", "plug it in".
PLUG_IN_THE_WALL = _word_set("charger phone outlet socket cable adapter wall power in into it")
SOMEONE = _word_set("me you u ya yall yous anyone anybody someone somebody people folks everyone")

# Phrases, as tuples of words; "*" is any one word from SOMEONE.
STRONG_PHRASES = _by_first_word(
    [
        ("sort", "*", "out"),
        ("whos", "holding"),
        ("anyone", "holding"),
        ("anybody", "holding"),
        ("im", "holding"),
        ("i", "am", "holding"),
    ]
)
PLUG_OWNERS = _word_set("my a the new your any his her their our good reliable")
OFFER_PHRASES = _by_first_word(
    [
        ("selling",),
        ("sell",),
        ("sells",),
        ("deliver",),
        ("delivery",),
        ("reup",),
        ("re", "up"),
        ("hookup",),
        ("hook", "*", "up"),
        ("connect", "for"),
        ("a", "connect"),
        ("new", "batch"),
        ("can", "get", "you"),
        ("whatever", "you", "need"),
        ("if", "anyone", "needs"),
        ("if", "anybody", "needs"),
    ]
)
REQUEST_PHRASES = _by_first_word(
    [
        # Not "buy", "cop", "score" or "need" alone: "never buy benzos online",
        # "a cop took my dope", "I need to stop mixing benzos".
        ("buying",),
        ("buy", "some"),
        ("want", "to", "buy"),
        ("wanna", "buy"),
        ("copping",),
        ("scoring",),
        ("tryna",),
        ("looking", "for"),
        ("looking", "to"),
        ("anyone", "got"),
        ("anybody", "got"),
        ("got", "any"),
        ("who", "has"),
        ("whos", "got"),
        ("who", "sells"),
        ("anyone", "selling"),
        ("anybody", "selling"),
        ("can", "i", "get"),
        ("where", "to", "get"),
        ("where", "can", "i", "get"),
        ("where", "can", "i", "score"),
        ("where", "can", "i", "buy"),
        ("where", "can", "i", "cop"),
    ]
)
CONTACT_PHRASES = _by_first_word(
    [
        ("dm", "me"),
        ("pm", "me"),
        ("message", "me"),
        ("msg", "me"),
        ("inbox", "me"),
        ("text", "me"),
        ("hit", "me", "up"),
        ("hmu",),
        ("hit", "my", "line"),
    ]
)
PAYMENT_PHRASES = _by_first_word(
    [
        ("can", "pay"),
        ("will", "pay"),
        ("pay", "cash"),
        ("paying", "cash"),
        ("paying", "well"),
        ("got", "cash"),
        ("cash", "app"),
        ("cashapp",),
        ("venmo",),
        ("zelle",),
        ("prices",),
        ("menu",),
        ("for", "cheap"),
    ]
)
# Where a price and "buying" or "need" are about everyday things.
EVERYDAY_PURCHASES = _word_set(
    "naloxone narcan syringes needles works kit kits strips rent groceries food "
    "pharmacy insurance bus rehab detox clinic doctor prescription"
)
AMOUNT_UNITS = _word_set("g gram half point ball zip oz each")
WORD = re.compile(r"\$?[a-z0-9]+(?:'[a-z]+)?")
NEAR = 6  # words between a drug's name and "selling", "anyone got" and the like


def _phrase_starts(words: list[str], phrases: dict[str, list[tuple[str, ...]]]) -> list[int]:
    """Where each phrase begins in `words`: one lookup per word, and a few
    words compared for the rare word that starts a phrase."""
    starts = []
    for index, word in enumerate(words):
        for phrase in phrases.get(word, ()):
            piece = words[index : index + len(phrase)]
            if len(piece) == len(phrase) and all(
                want == got or (want == "*" and got in SOMEONE)
                for want, got in zip(phrase, piece, strict=True)
            ):
                starts.append(index)
                break
    return starts


def _is_amount(words: list[str], index: int) -> bool:
    """ "$50", "50 bucks", "50 a g", "$10 each"."""
    word = words[index]
    if word.startswith("$") and word[1:].isdigit():
        return True
    following = words[index + 1 : index + 3]
    return word.isdigit() and (
        following[:1] in (["bucks"], ["dollars"])
        or (len(following) == 2 and following[0] in ("a", "per") and following[1] in AMOUNT_UNITS)
    )


def _drugs(words: list[str]) -> tuple[list[int], list[int]]:
    """Where street names and medicines are, leaving out "fentanyl test strips"."""
    street, medicine = [], []
    for index, word in enumerate(words):
        if words[index + 1 : index + 2] and words[index + 1] in SAFER_USE_GEAR:
            continue
        if word in STREET_DRUGS:
            street.append(index)
        elif word in MEDICINES:
            medicine.append(index)
    return street, medicine


def _plug(words: list[str]) -> bool:
    """ "My plug", "a new plug": the person who sells, not the thing in the wall."""
    for index, word in enumerate(words):
        if word not in ("plug", "plugs") or index == 0 or words[index - 1] not in PLUG_OWNERS:
            continue
        if not PLUG_IN_THE_WALL.intersection(words[index + 1 : index + 5]):
            return True
    return False


def _near(first: list[int], second: list[int], words: list[str]) -> bool:
    """Whether a word from `first` is within NEAR words of one from `second`,
    with nothing between them that turns it into safer-use talk."""
    for one in first:
        for two in second:
            low, high = min(one, two), max(one, two)
            if high - low <= NEAR and not NOT_ABOUT_A_SALE.intersection(words[low:high]):
                return True
    return False


def _sourcing(text: str) -> list[str]:
    """The post itself, when it reads like arranging to buy or sell drugs."""
    # "who's" and "who’s" both become "whos".
    words = [word.replace("'", "") for word in WORD.findall(text.replace("\u2019", "'"))]
    # Each list below is short next to the text, but a hostile post could fill
    # them; cap them so comparing two lists stays small.
    street, medicine = (found[:50] for found in _drugs(words))
    offers = _phrase_starts(words, OFFER_PHRASES)[:50]
    requests = _phrase_starts(words, REQUEST_PHRASES)[:50]
    contact = bool(_phrase_starts(words, CONTACT_PHRASES))
    payment = bool(_phrase_starts(words, PAYMENT_PHRASES)) or any(
        _is_amount(words, index) for index in range(len(words))
    )
    trade = bool(offers or requests)
    sourcing = (
        bool(_phrase_starts(words, STRONG_PHRASES))
        or _plug(words)
        or _near(street, offers + requests, words)
        or (bool(medicine) and bool(offers))
        or (contact and (bool(street) or bool(medicine) or bool(offers)))
        or (payment and bool(street))
        or (payment and (contact or trade) and not EVERYDAY_PURCHASES.intersection(words))
    )
    return [_("an offer or request to buy or sell")] if sourcing else []


DETECTORS = {
    WordMatchKind.PHONE_NUMBER: _phone_numbers,
    WordMatchKind.EMAIL_ADDRESS: lambda text: EMAIL.findall(text),
    WordMatchKind.STREET_ADDRESS: lambda text: [m.group(0) for m in STREET.finditer(text)],
    WordMatchKind.PRICE_PER_GRAM: lambda text: [m.group(0) for m in PRICE_PER_GRAM.finditer(text)],
    WordMatchKind.SOURCING: _sourcing,
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

    def find(self, text: str, leet_text: str) -> list[tuple[str, int]]:
        """What matched, and where it starts (-1 for a detector's finds)."""
        if self.expression is None:
            detect = DETECTORS[self.word.match_kind]
            found_by_detector = detect(text)
            if not found_by_detector and self.word.match_kind == WordMatchKind.SOURCING:
                # "p3rcs" and "any0ne g0t" still read as words; other detectors
                # need the digits as they are (phone numbers, prices).
                found_by_detector = detect(leet_text)
            return [(found, -1) for found in found_by_detector]
        found = [(m.group(0), m.start()) for m in self.expression.finditer(text)]
        if not found:
            # The leet text has the same length, so positions still line up.
            found = [(m.group(0), m.start()) for m in self.expression.finditer(leet_text)]
        return found


# People may describe themselves however they like: "I was a junkie", "as an
# addict, I", "me, a junkie", "we addicts", "I've been clean two years". The
# words just before a match say whether the writer is talking about
# themselves; only a bounded stretch of text is looked at, once per match.
SELF_SUBJECT = (
    r"i|i'm|im|i am|i was|i've|ive|i have|i had|i'd|i'll|i used to|"
    r"we|we're|we are|we were|we've|us|me,?|as|myself"
)
SELF_FILLER = (
    r"(?:(?:been|be|always|still|just|only|such|a|an|the|recovering|former|ex|proud|old|"
    r"once|stayed|staying|stay|kept|keep|am|was|were|are|real|total|functioning|fellow|"
    r"of|one|some|another|call|called)[\s,]+){0,4}$"
)
SELF_BEFORE = re.compile(r"(?<![a-z'])(?:" + SELF_SUBJECT + r")\s+" + SELF_FILLER)
# "My clean time", "my drug habit" are the writer's own; "my addict brother"
# is not, so "my" counts only before words that don't name a person.
SELF_OR_MINE_BEFORE = re.compile(r"(?<![a-z'])(?:" + SELF_SUBJECT + r"|my|our)\s+" + SELF_FILLER)
SELF_WINDOW = 80
# Words about a test result ("tested clean", "dirty urine") describe the test,
# not a person, so they nudge whoever the test belonged to.
ABOUT_A_TEST = re.compile(r"test|urine|screen")


def describes_self(folded: str, start: int, found: str, *, names_a_person: bool) -> bool:
    """Whether the stigmatizing word starting at `start` is the writer's own
    description of themselves. `names_a_person` is true for labels such as
    "addict", false for words about what someone does, such as "clean time"."""
    if start < 0 or ABOUT_A_TEST.search(found):
        return False
    before = folded[max(0, start - SELF_WINDOW) : start].replace("\u2019", "'")
    pattern = SELF_BEFORE if names_a_person else SELF_OR_MINE_BEFORE
    return pattern.search(before) is not None


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


def _same_number(found: str, suggestion: str) -> str:
    """A suggestion that ends in the singular of the word found ends in its
    plural too: “clean tests” becomes “negative tests”, not “negative test”."""
    if not suggestion:
        return suggestion
    last_found, last_suggested = found.split()[-1], suggestion.split()[-1]
    if last_found == last_suggested + "s":
        return suggestion + "s"
    return suggestion


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
        word = rule.word
        about_others = [
            found
            for found, start in rule.find(folded, leet)
            if not (
                word.category == WordCategory.STIGMATISING
                and describes_self(
                    folded,
                    start,
                    found,
                    names_a_person=word.suggestion.startswith(("person", "people")),
                )
            )
        ]
        for found in dict.fromkeys(about_others):
            suggestion = _same_number(found, word.suggestion)
            matches.append(
                WordMatch(found, word.action, word.category, suggestion, word.explanation)
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
        message = _(
            "A new member's first post with a link waits for a peer moderator, "
            "to keep spam off the site."
        )
    return Screening(verdict, message, tuple(matches))
