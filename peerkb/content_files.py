"""Reading the site's starting content from the text files in `peerkb/content/`.

The files are written for peers, not programmers: front matter of `name: value`
lines, then Markdown. Their format is described in `peerkb/content/README.md`.
Anything the format doesn't allow is refused with the file and line, so a
mistake in an article stops `load_articles` instead of reaching a page.
"""

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

CONTENT = Path(__file__).resolve().parent / "content"

FRONT_MATTER_FENCE = "---"
FIELD = re.compile(r"([a-z][a-z_]*):(?: (.*))?")
BLOCK_FENCE = ":::"
LINK_SCHEMES = ("https://", "http://", "mailto:", "tel:")

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


class ContentError(ValueError):
    """A content file that doesn't follow the format, with where and why."""

    def __init__(self, path: Path, line: int, problem: str):
        self.path = path
        self.line = line
        self.problem = problem
        super().__init__(f"{_shown(path)}, line {line}: {problem}")


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(CONTENT.parent.parent))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class ContentFile:
    """One file: its front matter fields (text, or a list of `- ` items), and
    the Markdown after them."""

    path: Path
    fields: dict[str, str | list[str]]
    field_lines: dict[str, int]
    body: str
    body_line: int

    def error(self, line: int, problem: str) -> ContentError:
        return ContentError(self.path, line, problem)

    def expect_fields(self, *, required: tuple[str, ...], optional: tuple[str, ...] = ()):
        for name, line in self.field_lines.items():
            if name not in required + optional:
                known = ", ".join(required + optional) or "none"
                raise self.error(line, f"unknown field “{name}” (fields here: {known})")
        for name in required:
            if name not in self.fields:
                raise self.error(1, f"the field “{name}” is missing")

    def text(self, name: str, default: str | None = None) -> str:
        value = self.fields.get(name, default)
        if not isinstance(value, str) or not value:
            raise self.error(self.field_lines.get(name, 1), f"“{name}” needs a value")
        return value

    def items(self, name: str) -> list[str]:
        value = self.fields.get(name, [])
        if isinstance(value, str):
            raise self.error(self.field_lines[name], f"“{name}” is a list: one “- item” a line")
        return value

    def yes_no(self, name: str) -> bool:
        return yes_no(self.text(name, "no"), self, self.field_lines.get(name, 1))


def yes_no(value: str, source: ContentFile, line: int) -> bool:
    if value not in ("yes", "no"):
        raise source.error(line, f"write yes or no, not “{value}”")
    return value == "yes"


def content_file_read(path: Path) -> ContentFile:
    """The file's front matter and body. Front matter is optional; when there
    is some, it sits between two `---` lines at the top."""
    lines = path.read_text(encoding="utf-8").splitlines()
    fields: dict[str, str | list[str]] = {}
    field_lines: dict[str, int] = {}
    if not lines or lines[0] != FRONT_MATTER_FENCE:
        return ContentFile(path, fields, field_lines, "\n".join(lines), 1)
    try:
        end = lines.index(FRONT_MATTER_FENCE, 1)
    except ValueError:
        raise ContentError(path, 1, "the front matter has no closing “---” line") from None
    listing = None
    for number, line in enumerate(lines[1:end], start=2):
        if not line.strip():
            continue
        if line.startswith("- "):
            if listing is None:
                raise ContentError(path, number, "a “- item” needs a “name:” line above it")
            fields[listing].append(line[2:].strip())
            continue
        match = FIELD.fullmatch(line)
        if match is None:
            raise ContentError(path, number, "expected “name: value”, “name:” or “- item”")
        name, value = match[1], (match[2] or "").strip()
        if name in fields:
            raise ContentError(path, number, f"“{name}” is given twice")
        field_lines[name] = number
        fields[name] = value if value else []
        listing = None if value else name
    return ContentFile(path, fields, field_lines, "\n".join(lines[end + 1 :]), end + 2)


# ---------------------------------------------------------------------------
# Markdown to the HTML Wagtail stores for rich text


def rich_text(source: ContentFile, text: str, line: int, *, page: bool = False) -> str:
    """Wagtail's stored rich text for `text`: paragraphs, `-` and `1.` lists,
    **bold**, *italic* and [links](https://...). On a `page`, also `##` and
    `###` headings, and each element on its own line, as the page editor stores it."""
    newline = "\n" if page else ""
    out = []
    for token in _markdown.parse(text):
        where = line + (token.map[0] if token.map else 0)
        kind = token.type
        if kind in ("paragraph_open", "paragraph_close"):
            if not token.hidden:
                out.append("<p>" if kind == "paragraph_open" else "</p>" + newline)
        elif kind in ("bullet_list_open", "ordered_list_open"):
            if token.attrGet("start") not in (None, 1):
                raise source.error(where, "a numbered list starts at 1")
            out.append(f"<{token.tag}>" + newline)
        elif kind in ("bullet_list_close", "ordered_list_close", "list_item_close"):
            out.append(f"</{token.tag}>" + newline)
        elif kind == "list_item_open":
            out.append("<li>")
        elif kind in ("heading_open", "heading_close") and page and token.tag in ("h2", "h3"):
            out.append(f"<{token.tag}>" if kind == "heading_open" else f"</{token.tag}>{newline}")
        elif kind == "inline":
            out.append(_inline(source, token.children or [], where))
        else:
            raise source.error(where, f"{_described(token)} can't be used here")
    return "".join(out).rstrip("\n")


def _inline(source: ContentFile, tokens: list[Token], line: int) -> str:
    out = []
    for token in tokens:
        kind = token.type
        if kind == "text":
            out.append(html.escape(token.content, quote=False))
        elif kind == "softbreak":
            out.append(" ")
        elif kind in ("strong_open", "strong_close", "em_open", "em_close"):
            tag = "b" if kind.startswith("strong") else "i"
            out.append(f"<{tag}>" if kind.endswith("open") else f"</{tag}>")
        elif kind == "link_open":
            href = token.attrGet("href") or ""
            if not href.startswith(LINK_SCHEMES) or token.attrGet("title"):
                raise source.error(line, f"a link goes to a full web address, not “{href}”")
            out.append(f'<a href="{html.escape(href)}">')
        elif kind == "link_close":
            out.append("</a>")
        else:
            raise source.error(line, f"{_described(token)} can't be used here")
    return "".join(out)


def _described(token: Token) -> str:
    if token.type.startswith("heading"):
        return f"a “{token.markup}” heading"
    return f"“{token.markup or token.type.removesuffix('_open')}”"


# ---------------------------------------------------------------------------
# A body of blocks: `## heading` lines, `::: kind` ... `:::` blocks, paragraphs


@dataclass
class Piece:
    """One piece of a body of blocks, before it is checked against the blocks
    it may become. `kind` is "heading", "text" or the name after `:::`."""

    kind: str
    line: int
    text: str = ""
    text_line: int = 0
    fields: dict[str, tuple[str, int]] = field(default_factory=dict)


def pieces(source: ContentFile) -> list[Piece]:
    """The body's `## ` headings, `::: name` blocks (fields, then text after an
    empty line, up to a `:::` line) and the text between them, in order."""
    lines = source.body.splitlines()
    found: list[Piece] = []
    paragraph: list[str] = []
    paragraph_line = 0

    def paragraph_end():
        text = "\n".join(paragraph).strip("\n")
        if text:
            found.append(Piece("text", paragraph_line, text, paragraph_line))
        paragraph.clear()

    index = 0
    while index < len(lines):
        line, number = lines[index], source.body_line + index
        if line.startswith(BLOCK_FENCE):
            paragraph_end()
            end = _fence_end(source, lines, index)
            found.append(_fenced(source, line, lines[index + 1 : end], number))
            index = end + 1
            continue
        if line.startswith("#"):
            if not line.startswith("## ") or not line[3:].strip():
                raise source.error(number, "a heading is written “## Heading”")
            paragraph_end()
            found.append(Piece("heading", number, line[3:].strip(), number))
        elif paragraph or line.strip():
            if not paragraph:
                paragraph_line = number
            paragraph.append(line)
        index += 1
    paragraph_end()
    return found


def _fence_end(source: ContentFile, lines: list[str], start: int) -> int:
    if lines[start].strip() == BLOCK_FENCE:
        raise source.error(source.body_line + start, "this “:::” closes no block")
    for index in range(start + 1, len(lines)):
        if lines[index].strip() == BLOCK_FENCE:
            return index
        if lines[index].startswith(BLOCK_FENCE):
            break
    raise source.error(source.body_line + start, "this block has no closing “:::” line")


def _fenced(source: ContentFile, opening: str, lines: list[str], line: int) -> Piece:
    piece = Piece(opening[len(BLOCK_FENCE) :].strip(), line)
    index = 0
    while index < len(lines) and lines[index].strip():
        match = FIELD.fullmatch(lines[index])
        if match is None or not match[2]:
            raise source.error(
                line + 1 + index,
                "a block starts with its fields as “name: value”; "
                "leave an empty line before its text",
            )
        if match[1] in piece.fields:
            raise source.error(line + 1 + index, f"“{match[1]}” is given twice")
        piece.fields[match[1]] = (match[2].strip(), line + 1 + index)
        index += 1
    piece.text = "\n".join(lines[index:]).strip("\n")
    while index < len(lines) and not lines[index].strip():
        index += 1
    piece.text_line = line + 1 + index
    return piece


def plain_text(text: str) -> str:
    """Wrapped lines joined into one, as Markdown reads a paragraph."""
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


def numbered_items(source: ContentFile, text: str, line: int) -> list[str]:
    """`1. First` `2. Second`...: the items' plain text, wrapped lines joined."""
    items: list[list[str]] = []
    for number, part in enumerate(text.splitlines(), start=line):
        match = re.fullmatch(r"(\d+)\. (.+)", part)
        if match:
            if int(match[1]) != len(items) + 1:
                raise source.error(number, f"this step should be number {len(items) + 1}")
            items.append([match[2]])
        elif part.strip() and items:
            items[-1].append(part)
        elif part.strip():
            raise source.error(number, "steps are a numbered list: “1. First step”")
    return [plain_text("\n".join(item)) for item in items]
