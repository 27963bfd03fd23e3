"""Member-written Markdown to safe HTML: the one place text from members becomes markup.

markdown-it renders CommonMark with raw HTML switched off; `sanitize` then
keeps only an allowlist of tags and attributes. Rendering happens once, when
text is saved, and the result is stored beside the source.
"""

from functools import partial

import bleach
from bleach.linkifier import LinkifyFilter
from markdown_it import MarkdownIt

from django.utils.html import escape

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "strong",
        "em",
        "del",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "a",
        "hr",
        "h3",
        "h4",
        "h5",
        "h6",
    }
)
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"], "ol": ["start"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener noreferrer"


def _link_attributes(attrs, new=False):
    """Every link: rel set by us, whatever the text asked for."""
    attrs[(None, "rel")] = LINK_REL
    return attrs


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[partial(LinkifyFilter, callbacks=[_link_attributes], skip_tags={"pre", "code"})],
)


def sanitize(html: str) -> str:
    """Reduce HTML to the allowlist: no scripts, styles, handlers or foreign schemes."""
    return _cleaner.clean(html)


def _image_as_link(self, tokens, idx, options, env):
    # No images from other sites: loading one would tell that site who is reading.
    token = tokens[idx]
    label = self.renderInline(token.children or [], options, env) or token.attrGet("src")
    href = escape(token.attrGet("src") or "")
    return f'<a href="{href}">{label}</a>'


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("strikethrough")
    md.add_render_rule("image", _image_as_link)
    # Headings from members sit below the page's own h1 and h2.
    md.add_render_rule("heading_open", lambda self, tokens, idx, options, env: "<h3>")
    md.add_render_rule("heading_close", lambda self, tokens, idx, options, env: "</h3>\n")
    return md


_markdown_renderer = _markdown()


def render_markdown(source: str) -> str:
    return sanitize(_markdown_renderer.render(source))
