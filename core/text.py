import re

# How a member's public handle is spelled; accounts validates new ones.
HANDLE_MIN_LENGTH = 3
HANDLE_MAX_LENGTH = 30
# "@handle" in a member's text: not the middle of an email address or a word, and
# not the start of a longer name, so @sam never stands for @sam_r.
MENTION = re.compile(
    rf"(?<![\w@])@(?P<handle>[A-Za-z0-9_-]{{{HANDLE_MIN_LENGTH},{HANDLE_MAX_LENGTH}}})(?![\w-])"
)

# Bidirectional embeddings, overrides and isolates can make text read in a
# different order than it was written (a classic way to disguise a link).
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Control characters other than tab and newline.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def clean_plain_text(text: str) -> str:
    """Plain text as a member meant it: no hidden direction tricks, no control
    characters, Windows line endings unified, outer whitespace trimmed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = BIDI_CONTROLS.sub("", text)
    text = CONTROL_CHARACTERS.sub("", text)
    return text.strip()


def text_fit(text: str, limit: int) -> str:
    """Text the site wrote itself (a screening reason, a queue summary) made to
    fit where it is kept: whole words, and an ellipsis when something was left
    out. Never for what a person typed: that is refused with a message."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"
