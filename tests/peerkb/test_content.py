"""The site's starting words as text files: peerkb/content_files.py, the
readers in peerkb/seed_articles.py and peerkb/default_texts.py, and the one
"if it goes wrong" text every seed article shares."""

import re

import pytest

from django.core.exceptions import ValidationError

from wagtail.models import Site

from peerkb import default_texts
from peerkb.blocks import ArticleBodyBlock
from peerkb.content_files import CONTENT, ContentError
from peerkb.models import SafetySettings
from peerkb.seed_articles import ARTICLES, SEED_AUTHORS, seed_article_read
from tests.factories import make_article


def test_every_article_file_is_read_into_blocks_the_article_editor_accepts():
    files = sorted((CONTENT / "articles").glob("*.md"))
    body = ArticleBodyBlock()

    assert [seed.slug for seed in ARTICLES] == [path.stem[3:] for path in files]
    assert len(ARTICLES) == 12
    for seed in ARTICLES:
        assert seed.author in SEED_AUTHORS, seed.slug
        assert seed.sources, seed.slug
        stream = [{"type": kind, "value": value} for kind, value in seed.body]
        body.clean(body.to_python(stream))


def test_every_page_and_safety_text_is_read():
    assert default_texts.OVERDOSE_STEPS.startswith("<h2>Give naloxone</h2>\n<ol>\n<li>")
    assert default_texts.GUIDELINES_BODY.count("<h2>") == 7
    assert default_texts.HOME_INTRO.startswith("<p>Where We're At is a community")
    assert default_texts.OVERDOSE_INTRO.startswith("If someone won't wake up")
    assert [line["number"] for _kind, line in default_texts.CRISIS_LINES] == ["800-484-3731", "988"]
    assert "Xylazine" in default_texts.STARTER_SUBSTANCES


def test_the_overdose_words_are_written_once_and_no_article_names_an_emergency_number():
    shared = [
        seed.slug
        for seed in ARTICLES
        for kind, value in seed.body
        if kind == "if_it_goes_wrong" and value["standard_text"]
    ]
    text = " ".join(repr(seed.body) for seed in ARTICLES)

    assert shared == [
        "fentanyl-test-strips",
        "other-ways-to-use",
        "dont-use-alone",
        "after-a-return-to-use",
    ]
    assert "breathing very slowly or not at all" not in text
    assert "911" not in text


ARTICLE = """---
title: Test strips
summary: How to test.
author: rae
sources:
- [CDC](https://www.cdc.gov/)
---

## Testing

Dissolve **all** of it.
"""


@pytest.mark.parametrize(
    ("written", "line", "problem"),
    [
        (ARTICLE.replace("title: Test strips", "title Test strips"), 2, "expected “name: value”"),
        (ARTICLE.replace("---\n\n", "\n"), 1, "the front matter has no closing “---” line"),
        (ARTICLE.replace("- [CDC]", "- CDC"), 5, "a source is “- [title](address)”"),
        (ARTICLE.replace("author: rae", "author: nobody"), 4, "no author file"),
        (ARTICLE + "\n::: safety_tip\ntitle: Go slow\n\nStart low.\n", 13, "no closing “:::”"),
        (ARTICLE + "\n::: poem\n\nRoses.\n:::\n", 13, "no block called “poem”"),
        (ARTICLE + "\n::: quote\nby: Kai\n\nIt helped.\n:::\n", 14, "has no field “by”"),
        (ARTICLE + "\n::: steps\nintro: Then:\n\n1. Wait\n3. Test\n:::\n", 17, "number 2"),
        (ARTICLE + "\n# Big heading\n", 13, "a heading is written “## Heading”"),
        (ARTICLE + "\n> quoted\n", 13, "“>” can't be used here"),
        (ARTICLE.replace("**all**", "[all](/kb/)"), 11, "a link goes to a full web address"),
    ],
)
def test_a_malformed_article_file_is_refused_naming_the_file_and_line(
    tmp_path, written, line, problem
):
    path = tmp_path / "01-test-strips.md"
    path.write_text(written, encoding="utf-8")

    with pytest.raises(ContentError) as refused:
        seed_article_read(path, SEED_AUTHORS)

    assert str(refused.value).startswith(f"{path}, line {line}: ")
    assert problem in str(refused.value)


def test_a_well_formed_article_file_is_read(tmp_path):
    path = tmp_path / "01-test-strips.md"
    path.write_text(ARTICLE, encoding="utf-8")

    seed = seed_article_read(path, SEED_AUTHORS)

    assert seed.slug == "test-strips"
    assert seed.sources == (("CDC", "https://www.cdc.gov/"),)
    assert seed.body == (("heading", "Testing"), ("paragraph", "<p>Dissolve <b>all</b> of it.</p>"))


def test_an_if_it_goes_wrong_block_needs_words_or_the_overdose_steps():
    body = ArticleBodyBlock()

    def checked(value):
        return body.clean(body.to_python([{"type": "if_it_goes_wrong", "value": value}]))

    with pytest.raises(ValidationError) as refused:
        checked({"title": "", "standard_text": False, "text": ""})
    checked({"title": "", "standard_text": True, "text": ""})
    checked({"title": "", "text": "<p>Call for help.</p>"})

    assert list(refused.value.block_errors[0].block_errors) == ["text"]


@pytest.mark.django_db
def test_the_shared_overdose_words_give_the_emergency_number_from_the_safety_setting(client, home):
    safety = SafetySettings.for_site(Site.objects.get(is_default_site=True))
    safety.emergency_number = "112"
    safety.save()
    article = make_article(
        body=[
            {
                "type": "if_it_goes_wrong",
                "value": {
                    "title": "",
                    "standard_text": True,
                    "text": "<p>If someone on stimulants has a seizure, call too.</p>",
                },
            }
        ]
    )

    markup = client.get(article.url).content.decode()

    callout = re.search(r'<aside class="callout callout-urgent".*?</aside>', markup, re.S).group(0)
    words = " ".join(re.sub(r"<[^>]+>", " ", callout).split())
    assert words.startswith(
        "If it goes wrong If someone won't wake up, or is breathing very slowly or not at all, "
        "call emergency services (112). Give naloxone."
    )
    assert "the drugs do. If someone on stimulants has a seizure, call too. Call 112" in words
    assert "911" not in callout
