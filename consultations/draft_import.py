"""A pasted draft split into sections, the way Decidim imports participatory
texts: each top-level heading starts a section, and the text under it, up to
the next top-level heading, is that section's text.

"Top-level" is the highest heading level the draft uses, so a draft whose
headings are all "##" splits at "##" and keeps its "###" inside sections.
Text before the first heading is kept apart (the editor makes it the
summary). A heading is read as plain text; a section's text is kept as the
Markdown that was pasted and is rendered later through core.markup, with raw
HTML off and the sanitizer after it, so nothing pasted becomes markup.

Nothing here touches the database: the editor's form calls it.
"""

from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from django.core.exceptions import ValidationError
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.text import clean_plain_text

# A long policy is a few thousand words; this is several times that.
PASTE_MAX_LENGTH = 100_000
MAX_SECTIONS = 60

# The same parser settings as core.markup: CommonMark, no raw HTML, so the
# headings found here are the headings readers will see.
_parser = MarkdownIt("commonmark", {"html": False})


@dataclass(frozen=True)
class PastedSection:
    heading: str
    text: str


@dataclass(frozen=True)
class PastedDraft:
    before_first_heading: str
    sections: list[PastedSection] = field(default_factory=list)


def _plain_heading(inline: Token) -> str:
    """A heading's words without their Markdown: "**Hours**" is "Hours"."""
    words = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            words.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            words.append(" ")
    return " ".join("".join(words).split())


def _lines_between(lines: list[str], start: int, end: int) -> str:
    """The lines from `start` up to `end`, without blank lines around them."""
    chunk = lines[start:end]
    while chunk and not chunk[0].strip():
        chunk.pop(0)
    while chunk and not chunk[-1].strip():
        chunk.pop()
    return "\n".join(line.rstrip() for line in chunk)


def _short(text: str) -> str:
    return Truncator(text).chars(60)


def draft_split(
    source: str, *, heading_max_length: int, text_max_length: int, max_sections: int = MAX_SECTIONS
) -> PastedDraft:
    """The sections of a pasted draft. Raises ValidationError with every
    problem found, each saying which section and what to do."""
    source = clean_plain_text(source)
    tokens = _parser.parse(source)
    lines = source.split("\n")
    headings = [
        (token, tokens[index + 1])
        for index, token in enumerate(tokens)
        if token.type == "heading_open" and token.level == 0 and token.map
    ]
    if not headings:
        raise ValidationError(
            _(
                "We found no headings, so we can't tell where one section ends and the "
                "next starts. Put “# ” at the start of each section's heading, for "
                "example: # Opening hours"
            )
        )
    top_level = min(int(token.tag[1]) for token, _inline in headings)
    starts = [(token, inline) for token, inline in headings if int(token.tag[1]) == top_level]

    errors: list[str] = []
    if len(starts) > max_sections:
        errors.append(
            ngettext(
                "This draft has %(count)d sections; a draft can have at most %(limit)d. "
                "Join some of them, or start a second draft.",
                "This draft has %(count)d sections; a draft can have at most %(limit)d. "
                "Join some of them, or start a second draft.",
                len(starts),
            )
            % {"count": len(starts), "limit": max_sections}
        )
        raise ValidationError(errors)

    sections = []
    for number, (token, inline) in enumerate(starts, start=1):
        heading = _plain_heading(inline)
        end = starts[number][0].map[0] if number < len(starts) else len(lines)
        text = _lines_between(lines, token.map[1], end)
        if not heading:
            errors.append(
                _("The heading of section %(number)d is empty. Give it a few words.")
                % {"number": number}
            )
            heading = _("Section %(number)d") % {"number": number}
        elif len(heading) > heading_max_length:
            errors.append(
                _(
                    "The heading “%(heading)s” has %(length)d characters; keep headings "
                    "under %(limit)d and put the rest in the section's text."
                )
                % {"heading": _short(heading), "length": len(heading), "limit": heading_max_length}
            )
        if not text:
            errors.append(
                _("“%(heading)s” has no text under it. Add its text, or take the heading out.")
                % {"heading": _short(heading)}
            )
        elif len(text) > text_max_length:
            errors.append(
                _(
                    "The text under “%(heading)s” has %(length)d characters; a section can "
                    "have at most %(limit)d. Split it with another heading."
                )
                % {"heading": _short(heading), "length": len(text), "limit": text_max_length}
            )
        sections.append(PastedSection(heading=heading, text=text))
    if errors:
        raise ValidationError(errors)
    return PastedDraft(
        before_first_heading=_lines_between(lines, 0, starts[0][0].map[0]), sections=sections
    )
