import html as html_module
import re

import pytest

from core.markup import ALLOWED_PROTOCOLS, LINK_REL, render_markdown, sanitize
from tests.factories import UserFactory
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


# The only schemes a link may have.
LINKABLE_SCHEMES = ["http", "https", "mailto", "tel"]
# Schemes a member might paste that must never become clickable.
OTHER_SCHEMES = ["data", "feed", "ed2k", "callto", "javascript", "vbscript", "file", "sms"]
# Each way a link can be written, for a given scheme and what follows it.
LINK_SHAPES = {
    "markdown link": "[open it]({url})",
    "reference link": "[open it][ref]\n\n[ref]: {url}",
    "autolink": "<{url}>",
    "bare text": "see {url} now",
    "image": "![open it]({url})",
}
# What follows the scheme, shaped the way that scheme's links usually are.
SCHEME_TAILS = {
    "http": "//example.org/strips",
    "https": "//example.org/strips",
    "mailto": "peer@example.org",
    "tel": "+18004843731",
    "data": "text/html,hello",
    "feed": "https://example.org/rss",
    "ed2k": "//|file|kit.txt|10|ABCDEF|/",
    "callto": "peer",
    "javascript": "alert(1)",
    "vbscript": "msgbox(1)",
    "file": "///etc/passwd",
    "sms": "+18004843731",
}


def hrefs(html: str) -> list[str]:
    return [attrs.get("href") for tag, attrs in parse(html).tags if tag == "a"]


@pytest.mark.parametrize("shape", LINK_SHAPES)
@pytest.mark.parametrize("scheme", OTHER_SCHEMES)
def test_a_link_with_another_scheme_stays_text(scheme, shape):
    url = f"{scheme}:{SCHEME_TAILS[scheme]}"

    html = render_markdown(LINK_SHAPES[shape].format(url=url))

    assert hrefs(html) == []
    assert "open it" in html or SCHEME_TAILS[scheme].split("/")[-1] in html


@pytest.mark.parametrize(
    "source",
    [
        "[open it](FeEd:https://example.org/rss)",
        "<DATA:text/html,hello>",
        "[open it]( data:text/html,hello )",
        "[open it](< feed:peer >)",
        "[open it](jav&#x61;script:alert(1))",
        "[open it](&#x64;ata:text/html,hello)",
        "[open it](feed&#58;https://example.org/rss)",
        "<jav&#x61;script:alert(1)>",
        "jav&#x61;script:alert(1) and &#x66;eed:https://example.org/rss",
        "FEED:https://example.org/rss and Callto:peer and eD2K://|file|x|1|A|/",
        "[open it](java\x00script:alert(1))",
        "[open it](<java\tscript:alert(1)>)",
        "feed:example.org and data:example.org/x and x@example.org",
    ],
)
def test_case_whitespace_and_entities_do_not_sneak_another_scheme_through(source):
    assert hrefs(render_markdown(source)) == []


def test_the_allowlist_is_the_linkable_schemes_and_nothing_more():
    assert set(LINKABLE_SCHEMES) == ALLOWED_PROTOCOLS


@pytest.mark.parametrize("shape", LINK_SHAPES)
@pytest.mark.parametrize("scheme", LINKABLE_SCHEMES)
def test_links_with_an_allowed_scheme_work_however_they_are_written(scheme, shape):
    url = f"{scheme}:{SCHEME_TAILS[scheme]}"

    html = render_markdown(LINK_SHAPES[shape].format(url=url))

    assert hrefs(html) == [url]


@pytest.mark.parametrize("scheme", LINKABLE_SCHEMES + OTHER_SCHEMES)
def test_the_sanitizer_and_the_linkifier_allow_the_same_schemes(scheme):
    url = f"{scheme}:{SCHEME_TAILS[scheme]}"

    kept_by_sanitizer = hrefs(sanitize(f'<a href="{url}">x</a>')) == [url]
    linked_from_text = hrefs(render_markdown(f"see {url} now")) == [url]

    assert kept_by_sanitizer == linked_from_text == (scheme in LINKABLE_SCHEMES)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("see nextdistro.org.", ["https://nextdistro.org"]),
        ("(https://example.org/a_(b))", ["https://example.org/a_(b)"]),
        ("at www.example.org/kit?size=1, ok", ["https://www.example.org/kit?size=1"]),
        ("HTTPS://EXAMPLE.ORG!", ["HTTPS://EXAMPLE.ORG"]),
        ("e.g. this file.txt or a.b", []),
        ("`https://example.org` stays code", []),
        ("http://http://example.org", []),
    ],
)
def test_addresses_in_text_become_links_without_the_punctuation_around_them(source, expected):
    assert hrefs(render_markdown(source)) == expected


def profile_links(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a href="(/members/[^"]+)"[^>]*>([^<]*)</a>', html)


@pytest.mark.django_db
def test_a_mention_of_a_member_links_to_their_profile_in_their_spelling():
    member = UserFactory(username="Sam_R")

    html = render_markdown("Thanks @sam_r, that helped.")

    assert profile_links(html) == [(member.get_absolute_url(), "@Sam_R")]
    assert all(link["rel"] == LINK_REL for tag, link in parse(html).tags if tag == "a")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "source",
    [
        "`@sam_r` in a code span",
        "```\n@sam_r in a code block\n```",
        "    @sam_r indented code",
        "[@sam_r](https://example.org/profile)",
        "<https://example.org/@sam_r>",
        "https://example.org/@sam_r",
        "write to peer@sam_r.org",
        "@sam_rx is someone else",
        "@nobody_here is not a member",
    ],
)
def test_mentions_in_code_in_links_and_of_nobody_stay_as_written(source):
    UserFactory(username="Sam_R")

    html = render_markdown(source)

    assert profile_links(html) == []
    assert "Sam_R" not in html


@pytest.mark.django_db
def test_a_mention_of_a_deactivated_account_is_not_a_link():
    UserFactory(username="gone_away", is_active=False)

    assert profile_links(render_markdown("Miss you @gone_away")) == []


@pytest.mark.django_db
@pytest.mark.parametrize("mentions", [1, 10])
def test_finding_mentioned_members_takes_one_query_however_many_are_mentioned(
    mentions, django_assert_max_num_queries
):
    members = UserFactory.create_batch(mentions)
    source = " and ".join(f"@{member.username.upper()}" for member in members)

    with django_assert_max_num_queries(1):
        html = render_markdown(f"Thanks {source}! Also @nobody_here.")

    assert profile_links(html) == [
        (member.get_absolute_url(), f"@{member.username}") for member in members
    ]


def test_text_without_mentions_needs_no_query(db, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        render_markdown("Start low, go slow. peer@example.org")


# The largest post a member can write, in shapes that once made the linkifier
# rescan from every position (seconds to a minute each). Speed is measured by
# benchmarks/markup_worst_case.py; here each must come out right.
SIZE = 20_000


def repeated(unit: str) -> str:
    return (unit * (SIZE // len(unit) + 1))[:SIZE]


def text_of(html: str) -> str:
    return html_module.unescape(re.sub(r"<[^>]+>", "", html)).strip()


@pytest.mark.parametrize(
    "source",
    [
        repeated("a-a."),
        repeated("a."),
        repeated("harm-reduction-example."),
        repeated("www."),
        repeated("http://"),
        repeated("feed:"),
        repeated("x@y."),
        repeated("@a"),
        repeated("&"),
        repeated("a:"),
    ],
    ids=lambda source: source[:8],
)
def test_the_largest_hostile_text_comes_out_as_the_text_with_no_links(source):
    html = render_markdown(source)

    assert hrefs(html) == []
    assert text_of(html) == source.strip()


def test_the_largest_domain_like_run_is_text_even_with_a_real_ending():
    # No real host name is longer than 253 characters.
    source = "a-b." * ((SIZE - 3) // 4) + "org"

    html = render_markdown(source)

    assert hrefs(html) == []
    assert text_of(html) == source


def test_the_longest_real_host_name_is_still_a_link():
    host = ".".join(["a" * 63] * 3 + ["b" * 57, "org"])

    assert len(host) == 253
    assert hrefs(render_markdown(f"see {host}/kit")) == [f"https://{host}/kit"]


def test_an_address_followed_by_a_long_run_of_brackets_keeps_them_out_of_the_link():
    source = "https://example.org/" + ")" * (SIZE - 20)

    html = render_markdown(source)

    assert hrefs(html) == ["https://example.org/"]
    assert text_of(html) == source


@pytest.mark.parametrize(
    "source",
    [repeated("*_"), repeated("["), repeated("]("), repeated("[]("), repeated("`"), repeated(">")],
    ids=lambda source: source[:4],
)
def test_the_largest_runs_of_markdown_punctuation_render_without_links_or_loss(source):
    html = render_markdown(source)

    assert hrefs(html) == []
    assert executable_vectors(html) == []
    # Whatever became formatting, every letter of the text is still there or was
    # Markdown syntax: nothing else appears.
    assert set(text_of(html)) <= set(source)


@pytest.mark.django_db
def test_the_largest_run_of_mentions_links_every_one_with_one_query(
    django_assert_max_num_queries,
):
    member = UserFactory(username="kai")
    source = repeated("@kai ")

    with django_assert_max_num_queries(1):
        html = render_markdown(source)

    assert profile_links(html) == [(member.get_absolute_url(), "@kai")] * source.count("@kai")


def test_an_address_written_in_punycode_shows_as_typed_not_as_look_alike_letters():
    html = render_markdown("Check https://xn--80ak6aa92e.com/login first")

    assert ">https://xn--80ak6aa92e.com/login</a>" in html
    assert "\u0430" not in html


def test_an_address_broken_by_a_look_alike_letter_is_not_linked_to_a_shorter_one():
    html = render_markdown("Go to www.ex\u0430mple.com today")

    assert "<a" not in html
