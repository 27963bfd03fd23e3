"""What changed between two versions of a draft, section by section.

Sections are matched by their stable key, so a renamed or moved section is
the same section; one whose key is only in the earlier version was removed,
and one only in the later version was added. Each kept section's text is
compared word by word with difflib (Python's own), on the Markdown as it was
written. Nothing here touches the database."""

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

# A word with the spaces or line breaks after it, so a diff never splits a
# word and the text keeps its line breaks when put back together.
WORD_WITH_SPACE = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class Segment:
    kind: str  # "same", "removed" or "added"
    text: str


@dataclass
class SectionComparison:
    heading: str
    old_heading: str = ""
    added: bool = False
    removed: bool = False
    segments: list[Segment] = field(default_factory=list)

    @property
    def renamed(self) -> bool:
        return bool(self.old_heading) and self.old_heading != self.heading

    @property
    def text_changed(self) -> bool:
        return any(segment.kind != "same" for segment in self.segments)

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.renamed or self.text_changed)


def _runs(kind: str, pieces: list[str]) -> list[Segment]:
    text = "".join(pieces)
    return [Segment(kind, text)] if text else []


def _words_compared(old: str, new: str) -> list[Segment]:
    old_words = WORD_WITH_SPACE.findall(old)
    new_words = WORD_WITH_SPACE.findall(new)
    segments: list[Segment] = []
    matcher = SequenceMatcher(None, old_words, new_words, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            segments += _runs("same", new_words[new_start:new_end])
        else:
            segments += _runs("removed", old_words[old_start:old_end])
            segments += _runs("added", new_words[new_start:new_end])
    return segments


def _is_blank(line: str) -> bool:
    return not line.strip()


def word_diff(old: str, new: str) -> list[Segment]:
    """`new` against `old` as runs of same, removed and added words; a
    replacement reads as the removed words, then the added ones.

    Lines are matched first and words only within lines that changed, so the
    cost follows the size of the change, not of the whole text."""
    old_lines = old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    segments: list[Segment] = []
    # A blank line never anchors a match on its own: paragraphs do.
    matcher = SequenceMatcher(_is_blank, old_lines, new_lines, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        old_part = "".join(old_lines[old_start:old_end])
        new_part = "".join(new_lines[new_start:new_end])
        if operation == "equal":
            segments += _runs("same", [new_part])
        elif operation == "replace":
            segments += _words_compared(old_part, new_part)
        else:
            segments += _runs("removed", [old_part]) + _runs("added", [new_part])
    # Neighbouring runs of one kind (from two neighbouring blocks) read as one.
    merged: list[Segment] = []
    for segment in segments:
        if merged and merged[-1].kind == segment.kind:
            merged[-1] = Segment(segment.kind, merged[-1].text + segment.text)
        else:
            merged.append(segment)
    return merged


def sections_compared(
    old_sections: list, new_sections: list, *, diff: Callable[[str, str], list[Segment]] = word_diff
) -> list[SectionComparison]:
    """Every section of either version, in the new version's order; a removed
    section stands after the section that came before it in the old version.
    `diff(old_text, new_text)` compares a kept section's text."""
    old_by_key = {section.key: section for section in old_sections}
    new_keys = {section.key for section in new_sections}
    removed_after: dict = defaultdict(list)
    before = None
    for section in old_sections:
        if section.key in new_keys:
            before = section.key
        else:
            removed_after[before].append(
                SectionComparison(
                    heading=section.heading,
                    removed=True,
                    segments=[Segment("removed", section.text)],
                )
            )
    compared = list(removed_after[None])
    for section in new_sections:
        old = old_by_key.get(section.key)
        if old is None:
            compared.append(
                SectionComparison(
                    heading=section.heading, added=True, segments=[Segment("added", section.text)]
                )
            )
        else:
            compared.append(
                SectionComparison(
                    heading=section.heading,
                    old_heading=old.heading,
                    segments=diff(old.text, section.text),
                )
            )
        compared.extend(removed_after.get(section.key, []))
    return compared
