import re

import pytest

from peersite.markup import LINK_REL, render_markdown, sanitize
from tests.html import parse

# Hostile inputs: each must come out with no way to run script or load from elsewhere.
HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=javascript:alert(1)></iframe>",
    "<body onload=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](javascript&#58;alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](&#x6A;avascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](data:text/html,<script>alert(1)</script>)",
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![x](https://evil.example/track.png)",
    '![x](https://evil.example/a.png "title" onerror=alert(1))',
    '[x](https://ok.example/" onmouseover="alert(1))',
    '[x][ref]\n\n[ref]: javascript:alert(1) "t"',
    "<javascript:alert(1)>",
    "<a href='//evil.example'>x</a>",
    "<style>body{display:none}</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<object data=evil.swf></object>",
    "<embed src=evil.swf>",
    '<form action="https://evil.example"><button>go</button></form>',
    "<meta http-equiv=refresh content='0;url=https://evil.example'>",
    "<base href=https://evil.example/>",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<<script>script>alert(1)<</script>/script>",
    "<!--<script>alert(1)-->",
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
    "[<img src=x onerror=alert(1)>](https://ok.example)",
    "**<script>alert(1)</script>**",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "\u202e<script>alert(1)</script>",
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    "[x](https://ok.example/?q=<script>)",
]

SCRIPT_ATTRIBUTE = re.compile(r"^on", re.IGNORECASE)
ALLOWED_HREF = re.compile(r"^(https?:|mailto:|#|/)", re.IGNORECASE)


def executable_vectors(html: str) -> list[str]:
    found = []
    for tag, attrs in parse(html).tags:
        if tag in {
            "script",
            "style",
            "iframe",
            "object",
            "embed",
            "svg",
            "math",
            "form",
            "meta",
            "base",
            "link",
            "img",
            "input",
            "video",
            "source",
            "details",
            "body",
        }:
            found.append(f"<{tag}>")
        for name, value in attrs.items():
            if SCRIPT_ATTRIBUTE.match(name) or name in {"style", "src", "srcset", "action"}:
                found.append(f"{tag}[{name}]")
            if name == "href" and not ALLOWED_HREF.match(value.strip()):
                found.append(f"{tag}[href={value}]")
    return found


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_markdown_renders_without_any_script_vector(source):
    html = render_markdown(source)

    assert executable_vectors(html) == []


def test_there_are_at_least_forty_hostile_cases():
    assert len(HOSTILE) >= 40


def test_the_checker_sees_what_it_should():
    assert executable_vectors('<img src=x onerror=alert(1)><a href="javascript:x">') == [
        "<img>",
        "img[src]",
        "img[onerror]",
        "a[href=javascript:x]",
    ]


def test_ordinary_markdown_keeps_its_formatting():
    html = render_markdown("**Start low**, go slow.\n\n> you can add more\n\n- naloxone\n- strips")

    assert "<strong>Start low</strong>" in html
    assert "<blockquote>" in html
    assert "<li>naloxone</li>" in html


def test_links_get_rel_that_leaks_nothing_and_gives_no_ranking():
    html = render_markdown('[sites](https://nextdistro.org "Next") and https://example.org')

    links = [attrs for tag, attrs in parse(html).tags if tag == "a"]
    assert [link["href"] for link in links] == ["https://nextdistro.org", "https://example.org"]
    assert all(link["rel"] == LINK_REL for link in links)


def test_an_image_becomes_a_plain_link_and_loads_nothing():
    html = render_markdown("![my kit](https://images.example/kit.jpg)")

    assert "<img" not in html
    assert '<a href="https://images.example/kit.jpg"' in html
    assert ">my kit</a>" in html


def test_member_headings_sit_below_the_page_headings():
    html = render_markdown("# Big\n\n## Also big")

    assert "<h1" not in html and "<h2" not in html
    assert html.count("<h3>") == 2


def test_sanitize_strips_tags_outside_the_allowlist_but_keeps_their_text():
    assert sanitize("<div><b>bold</b> text</div>") == "bold text"
