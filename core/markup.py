"""Member-written Markdown to safe HTML: the one place text from members becomes markup.

markdown-it renders CommonMark with raw HTML switched off; `sanitize` then
keeps only an allowlist of tags and attributes. Rendering happens once, when
text is saved, and the result is stored beside the source.

Every step is linear in the length of the text: a post is rendered inside the
request that saves it, so one that took seconds would hold a worker (and the
thread's row lock) that long. Web addresses and @mentions are found by a single
left-to-right pass over the text tokens, never by a pattern that can rescan
what it has already read.
"""

import re
from dataclasses import dataclass

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

from django.contrib.auth import get_user_model
from django.utils.html import escape

from core.text import MENTION

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
# `rel` is not here: sanitize() sets it on every link, whatever the text asked for.
ALLOWED_ATTRIBUTES = {"a": frozenset({"href", "title"}), "ol": frozenset({"start"})}
# The only schemes a link may have, whether written as a Markdown link, an
# autolink or bare text. Anything else (data:, feed:, callto:, ed2k:...) stays text.
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto", "tel"})
LINK_REL = "nofollow ugc noopener noreferrer"


def sanitize(html: str) -> str:
    """Reduce HTML to the allowlist: no scripts, styles, handlers or foreign schemes.

    Every link gets rel=LINK_REL. Linear in the length of the HTML."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_PROTOCOLS),
        link_rel=LINK_REL,
        strip_comments=True,
    )


# What a browser ignores inside a URL: whitespace and control characters.
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"([^:/?#]*):")


def has_allowed_scheme(url: str) -> bool:
    """True for a relative address or one whose scheme is in ALLOWED_PROTOCOLS."""
    scheme = _SCHEME.match(_IGNORED_IN_URL.sub("", url))
    return scheme is None or scheme.group(1).lower() in ALLOWED_PROTOCOLS


# A candidate web address in text: an allowed scheme and what follows it, or
# something shaped like a domain. It starts only where a word starts (and never
# right after "feed:" or "x@"), and each branch can only grow forward, so a
# failed candidate costs its own length once: the search is linear.
_ADDRESS = re.compile(
    r"(?<![\w@/.:-])"
    rf"(?:(?:{'|'.join(sorted(ALLOWED_PROTOCOLS))}):[^\s<>\"]+"
    r"|[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)+(?::[0-9]{1,5})?(?:[/?#][^\s<>\"]*)?)",
    re.IGNORECASE,
)
_HOST_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?", re.IGNORECASE)
_PORT = re.compile(r"[0-9]{1,5}")
# Longer names don't exist, and the sanitizer would drop such a link's address.
_HOST_MAX_LENGTH = 253
# A bare "name.org" is a link when it ends in a country code (any two letters)
# or one of these; "e.g." and "file.txt" are not.
_GENERIC_TLDS = frozenset(
    {"com", "org", "net", "edu", "gov", "mil", "int", "info", "biz", "app", "dev", "health"}
)
_SCHEME_PREFIXES = tuple(f"{protocol}:" for protocol in sorted(ALLOWED_PROTOCOLS))
# Punctuation that ends a sentence rather than an address: "see example.org."
_TRAILING = ".,:;!?'\")]"


def _trim_address(candidate: str) -> str:
    """Drop trailing punctuation; keep a closing parenthesis the address opened."""
    unmatched_closes = candidate.count(")") - candidate.count("(")
    end = len(candidate)
    while end and candidate[end - 1] in _TRAILING:
        if candidate[end - 1] == ")":
            if unmatched_closes <= 0:
                break
            unmatched_closes -= 1
        end -= 1
    return candidate[:end]


def _is_host(host_and_port: str) -> bool:
    host, colon, port = host_and_port.partition(":")
    if colon and not _PORT.fullmatch(port):
        return False
    labels = host.split(".")
    return len(host) <= _HOST_MAX_LENGTH and all(_HOST_LABEL.fullmatch(label) for label in labels)


def _address_href(address: str) -> str | None:
    """The link for an address found in text, or None if it isn't one."""
    if not address.lower().startswith(_SCHEME_PREFIXES):
        host = re.split(r"[/?#]", address, maxsplit=1)[0]
        top_level = host.partition(":")[0].rsplit(".", 1)[-1].lower()
        is_country_code = len(top_level) == 2 and top_level.isascii() and top_level.isalpha()
        if not is_country_code and top_level not in _GENERIC_TLDS:
            return None
        return f"https://{address}" if _is_host(host) else None
    scheme, rest = address.split(":", 1)
    if scheme.lower() in ("http", "https"):
        if not rest.startswith("//"):
            return None
        host = re.split(r"[/?#]", rest[2:], maxsplit=1)[0]
        return address if _is_host(host) else None
    return address if rest else None


@dataclass(frozen=True)
class _Address:
    text: str
    href: str


@dataclass(frozen=True)
class _Mention:
    text: str
    handle: str


def _split_mentions(text: str) -> list:
    pieces: list = []
    start = 0
    for match in MENTION.finditer(text):
        pieces.append(text[start : match.start()])
        pieces.append(_Mention(match.group(0), match.group("handle")))
        start = match.end()
    pieces.append(text[start:])
    return pieces


def _split_text(text: str) -> list:
    """Text as plain strings, addresses and @mentions, in order, in one pass."""
    pieces: list = []
    start = 0
    for match in _ADDRESS.finditer(text):
        address = _trim_address(match.group(0))
        following = text[match.end() : match.end() + 1]
        if following.isalpha():
            # An address-shaped run cut short by a letter it can't hold (a
            # Cyrillic "а" in "exаmple.com") is not the address it looks like.
            continue
        href = _address_href(address) if address else None
        if href is None or not has_allowed_scheme(href):
            continue
        pieces.extend(_split_mentions(text[start : match.start()]))
        pieces.append(_Address(address, href))
        start = match.start() + len(address)
    pieces.extend(_split_mentions(text[start:]))
    return [piece for piece in pieces if piece != ""]


def _text_token(content: str, level: int) -> Token:
    token = Token("text", "", 0, level=level)
    token.content = content
    return token


def _link_tokens(href: str, label: str, level: int, markup: str) -> list[Token]:
    opening = Token("link_open", "a", 1, level=level, markup=markup, info="auto")
    opening.attrSet("href", href)
    closing = Token("link_close", "a", -1, level=level, markup=markup, info="auto")
    return [opening, _text_token(label, level + 1), closing]


def _linkable_text_tokens(tokens: list[Token]):
    """Each inline block with the text tokens that sit outside any link.

    Code spans and code blocks are not text tokens, so they are left alone."""
    for block in tokens:
        if block.type != "inline" or not block.children:
            continue
        depth = 0
        for index, token in enumerate(block.children):
            if token.type == "link_open":
                depth += 1
            elif token.type == "link_close":
                depth -= 1
            elif token.type == "text" and depth == 0:
                yield block, index, token


def _profile_urls(handles: set[str]) -> dict[str, tuple[str, str]]:
    """Lower-cased handle to (handle as the member spells it, profile URL), in one query."""
    if not handles:
        return {}
    members = get_user_model().objects.active_with_handles(handles).only("username")
    return {
        member.username.lower(): (member.username, member.get_absolute_url()) for member in members
    }


def _link_addresses_and_mentions(md: MarkdownIt, tokens: list[Token]) -> None:
    found = [
        (block, index, token, _split_text(token.content))
        for block, index, token in _linkable_text_tokens(tokens)
    ]
    profiles = _profile_urls(
        {
            piece.handle.lower()
            for *_, pieces in found
            for piece in pieces
            if isinstance(piece, _Mention)
        }
    )
    # Replace from the end so earlier indexes stay right.
    for block, index, token, pieces in reversed(found):
        if all(isinstance(piece, str) for piece in pieces):
            continue
        replacement: list[Token] = []
        for piece in pieces:
            if isinstance(piece, _Address):
                replacement += _link_tokens(
                    md.normalizeLink(piece.href),
                    # As typed: decoding punycode would let "xn--…" pose as a
                    # familiar name written in look-alike letters.
                    piece.text,
                    token.level,
                    "linkify",
                )
            elif isinstance(piece, _Mention) and piece.handle.lower() in profiles:
                handle, url = profiles[piece.handle.lower()]
                replacement += _link_tokens(url, f"@{handle}", token.level, "mention")
            else:
                text = piece if isinstance(piece, str) else piece.text
                replacement.append(_text_token(text, token.level))
        block.children[index : index + 1] = replacement


def _image_as_link(self, tokens, idx, options, env):
    # No images from other sites: loading one would tell that site who is reading.
    token = tokens[idx]
    label = self.renderInline(token.children or [], options, env) or token.attrGet("src")
    href = escape(token.attrGet("src") or "")
    return f'<a href="{href}">{label}</a>'


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("strikethrough")
    # Links, autolinks and images with another scheme are left as the text that was typed.
    md.validateLink = has_allowed_scheme
    md.add_render_rule("image", _image_as_link)
    # Headings from members sit below the page's own h1 and h2.
    md.add_render_rule("heading_open", lambda self, tokens, idx, options, env: "<h3>")
    md.add_render_rule("heading_close", lambda self, tokens, idx, options, env: "</h3>\n")
    return md


_markdown_renderer = _markdown()


def render_markdown(source: str) -> str:
    """Safe HTML for a member's Markdown.

    Web addresses in the text become links, and so do @mentions of active
    members, spelled as the member spells their handle; finding the members
    takes one query for the whole text, or none when nobody is mentioned."""
    env: dict = {}
    tokens = _markdown_renderer.parse(source, env)
    _link_addresses_and_mentions(_markdown_renderer, tokens)
    return sanitize(_markdown_renderer.renderer.render(tokens, _markdown_renderer.options, env))
