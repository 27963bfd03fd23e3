"""The knowledge base's first articles, written by the site's peers. `load_articles` and
`load_demo` create them; each is attributed to one of SEED_AUTHORS and marked reviewed.

The words are in `peerkb/content/articles/` and `peerkb/content/authors/`, one file
each; `peerkb/content/README.md` says how they are written."""

import re
from dataclasses import dataclass
from pathlib import Path

from wagtail import blocks

from .blocks import ArticleBodyBlock
from .content_files import (
    CONTENT,
    ContentFile,
    content_file_read,
    numbered_items,
    pieces,
    plain_text,
    rich_text,
    yes_no,
)

ARTICLE_FILE_NAME = re.compile(r"\d+-([a-z0-9]+(?:-[a-z0-9]+)*)\.md")
SOURCE = re.compile(r"\[(.+)\]\((\S+)\)")


@dataclass(frozen=True)
class SeedArticle:
    slug: str
    title: str
    summary: str
    author: str
    topics: tuple[str, ...]
    substances: tuple[str, ...]
    includes_medical_info: bool
    sources: tuple[tuple[str, str], ...]
    body: tuple[tuple[str, object], ...]


def seed_author_read(path: Path) -> dict[str, str]:
    """`authors/<key>.md`: the pseudonym in front matter, then the lived experience."""
    source = content_file_read(path)
    source.expect_fields(required=("pseudonym",))
    lived_experience = plain_text(source.body)
    if not lived_experience:
        raise source.error(source.body_line, "say what lived experience this author brings")
    return {"pseudonym": source.text("pseudonym"), "lived_experience": lived_experience}


def seed_article_read(path: Path, authors=None) -> SeedArticle:
    """`articles/<number>-<slug>.md`: the article's details in front matter,
    then its body."""
    name = ARTICLE_FILE_NAME.fullmatch(path.name)
    source = content_file_read(path)
    if name is None:
        raise source.error(1, "an article's file is named “<number>-<slug>.md”")
    source.expect_fields(
        required=("title", "summary", "author"),
        optional=("topics", "substances", "includes_medical_info", "sources"),
    )
    author = source.text("author")
    if authors is not None and author not in authors:
        raise source.error(source.field_lines["author"], f"no author file authors/{author}.md")
    sources = []
    for item in source.items("sources"):
        link = SOURCE.fullmatch(item)
        if link is None:
            raise source.error(
                source.field_lines["sources"], f"a source is “- [title](address)”, not “{item}”"
            )
        sources.append((link[1], link[2]))
    return SeedArticle(
        slug=name[1],
        title=source.text("title"),
        summary=source.text("summary"),
        author=author,
        topics=tuple(source.items("topics")),
        substances=tuple(source.items("substances")),
        includes_medical_info=source.yes_no("includes_medical_info"),
        sources=tuple(sources),
        body=article_body(source),
    )


def article_body(source: ContentFile) -> tuple[tuple[str, object], ...]:
    """The body's blocks as (block type, value), in the form StreamField stores:
    `## ` lines are headings, text between them a paragraph, and `::: name`
    blocks the other blocks of ArticleBodyBlock, by their name there."""
    kinds = {
        name: block
        for name, block in ArticleBodyBlock.base_blocks.items()
        # An image is chosen from the site's images in the editor, not named in a file.
        if isinstance(block, blocks.StructBlock) and name != "image"
    }
    body = []
    for piece in pieces(source):
        if piece.kind == "heading":
            body.append(("heading", piece.text))
        elif piece.kind == "text":
            body.append(("paragraph", rich_text(source, piece.text, piece.text_line)))
        elif piece.kind in kinds:
            body.append((piece.kind, _struct_value(source, piece, kinds[piece.kind])))
        else:
            raise source.error(
                piece.line, f"no block called “{piece.kind}” (blocks: {', '.join(kinds)})"
            )
    return tuple(body)


def _struct_value(source: ContentFile, piece, block: blocks.StructBlock) -> dict:
    """A block's fields from its `name: value` lines; its text, steps or quote
    from the lines after them."""
    children = block.child_blocks
    text_field = next(
        (
            name
            for name, child in children.items()
            if isinstance(child, blocks.RichTextBlock | blocks.ListBlock | blocks.TextBlock)
        ),
        None,
    )
    value = {}
    for name, (written, line) in piece.fields.items():
        if name not in children or name == text_field:
            fields = ", ".join(name for name in children if name != text_field)
            raise source.error(line, f"“{piece.kind}” has no field “{name}” (fields: {fields})")
        if isinstance(children[name], blocks.BooleanBlock):
            value[name] = yes_no(written, source, line)
        else:
            value[name] = written
    if piece.text and text_field is None:
        raise source.error(piece.text_line, f"“{piece.kind}” takes no text")
    text_block = children.get(text_field)
    if isinstance(text_block, blocks.RichTextBlock):
        value[text_field] = rich_text(source, piece.text, piece.text_line)
    elif isinstance(text_block, blocks.ListBlock):
        value[text_field] = numbered_items(source, piece.text, piece.text_line)
    elif isinstance(text_block, blocks.TextBlock):
        value[text_field] = plain_text(piece.text)
    return {name: value.get(name, _default(child)) for name, child in children.items()}


def _default(block: blocks.Block):
    default = block.get_prep_value(block.get_default())
    if default is None:
        return ""
    return default if isinstance(default, bool | list) else str(default)


SEED_AUTHORS = {
    path.stem: seed_author_read(path) for path in sorted((CONTENT / "authors").glob("*.md"))
}

ARTICLES = tuple(
    seed_article_read(path, SEED_AUTHORS) for path in sorted((CONTENT / "articles").glob("*.md"))
)
