import re

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
