"""Whether a consultation comment names a person.

Comments go to an organization that may know the people they mention: "Officer
Reyes", "my case manager Jenny", "a guy named Marcus". Screening already finds
phone numbers, email and street addresses; this adds a name, found only where
the words around it say a person is being named, so everyday capitals (a
street, a weekday, Narcan, the organization's name) are left alone. A comment
that matches is held for a peer moderator, never refused.
"""

import re

from django.utils.translation import gettext_lazy as _

NAMED_PERSON_REASON = _(
    "It may name a person. A peer moderator checks it first, so nobody can be identified from it."
)

# A name as people write one: a capital, then lower-case letters, perhaps
# hyphenated or with an apostrophe (O'Neil, Smith-Jones).
NAME = r"[A-Z][a-z]+(?:['’-][A-Za-z][a-z]+)?(?![\w'’])"

# Titles written before a surname. The short ones only as written (Dr, Mr,
# Ms...), so "MS Contin" and "dr" for "drive" are not read as titles.
TITLES_AS_WRITTEN = r"(?:Dr|Mr|Mrs|Ms|Mx|Sgt|Det|Ofc|Lt|Capt|Rev)\.?"
TITLES = (
    r"(?i:doctor|officer|sergeant|detective|deputy|trooper|nurse|judge|counselor|"
    r"counsellor|pastor|reverend|father|sister|professor|coach|miss|agent)"
)
# "My case manager Jenny", "our worker Tina", "my PO Jackson".
RELATIONS = (
    r"(?i:case\s?manager|case\s?worker|caseworker|social\s+worker|outreach\s+worker|worker|"
    r"counselor|counsellor|therapist|doctor|nurse|prescriber|pharmacist|sponsor|"
    r"po|parole\s+officer|probation\s+officer|landlord|neighbou?r|roommate|"
    r"friend|buddy|partner|boyfriend|girlfriend|husband|wife|ex|son|daughter|"
    r"brother|sister|cousin|uncle|aunt|mom|mum|mother|dad|father|grandma|grandpa|"
    r"dealer|connect|boss|coworker|co-worker)"
)
POSSESSIVE = r"(?i:my|our|his|her|their|your)"
# "A guy called Marcus", but not "I called Poison Control".
CALLERS = r"(?i:guy|girl|man|woman|lady|dude|person|someone|somebody|kid|cop|worker|member|one)"

NAMED = re.compile(
    rf"(?<![\w])(?:{TITLES_AS_WRITTEN}|{TITLES})\s+(?P<title_name>{NAME})"
    rf"|(?<![\w]){POSSESSIVE}\s+{RELATIONS},?\s+(?P<relation_name>{NAME})"
    rf"|(?<![\w])(?i:named|goes\s+by|(?:his|her|their|my)\s+name\s+is|{CALLERS}\s+called)"
    rf"\s+(?P<called_name>{NAME})"
)


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Capitalized words that follow those phrases without naming anyone: "my
# friend I met", "nurse Practitioner", "named Narcan", a weekday, a month.
NOT_NAMES = _word_set(
    """
    I Im I'm I'd I'll I've A An The This That These Those It Its He She They We You
    And But Or So If When Then Also Who What Where Why How
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    January February March April May June July August September October November December
    Narcan Naloxone Kloxxado Zimhi Suboxone Sublocade Subutex Methadone Vivitrol
    Contin Oxycontin Percocet Xanax Fentanyl Heroin
    Practitioner Assistant Manager Worker Staff Team Program Center Clinic Office Services
    Street Avenue Road Park Hospital Church Day Night Time
    Please Thanks Thank Yes No Ok Okay
    """
)


def names_a_person(text: str) -> bool:
    """True when `text` seems to name someone: a title or a "my ... " before
    a capitalized name, or "named", "a guy called", "her name is" before one."""
    for match in NAMED.finditer(text):
        name = next(group for group in match.groups() if group)
        if name not in NOT_NAMES and name.replace("’", "'") not in NOT_NAMES:
            return True
    return False
