"""What readers see in the knowledge base: the index and article pages
(peerkb/models/knowledge_base.py), their templates and the body blocks they render."""

import html
import re
from datetime import UTC, datetime, timedelta
from io import BytesIO

import pytest

from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format

from peerkb.blocks import ArticleBodyBlock
from peerkb.contributions import helpful_vote_record
from peerkb.models import ArticleAuthor, ArticlePage, ArticleSource, AuthorProfile
from peerkb.models.knowledge_base import ARTICLES_PER_PAGE, LIST_LENGTH
from tests.factories import UserFactory, make_article, make_peer
from tests.html import parse

pytestmark = pytest.mark.django_db

# Every page under /kb/ starts with the Site lookup, Wagtail's route (the home
# page's specific row, the index by its slug and its specific row), Wagtail's
# view-restriction check before serving (the ancestors, their restrictions) and
# ends with the Safety setting the header and footer show: 7 queries.
#
# The index adds the view restrictions again (to keep private articles out of
# its lists), topics and substances with their counts, recently reviewed, most
# helpful, and all articles (a count and a page): 7 more.
INDEX_VISITOR_QUERY_BUDGET = 14
# A signed-in peer reviewer adds the session, the user, their groups, the unread
# notification count in the header, and the due-for-review list.
INDEX_REVIEWER_QUERY_BUDGET = 19
# A topic or substance page adds the tag, the view restrictions, and a count and
# a page of its articles.
TAG_PAGE_QUERY_BUDGET = 11
# A search adds the view restrictions, and a count and a page of results.
SEARCH_QUERY_BUDGET = 10
# An article adds the article by its slug and its specific row, its credits
# with their profiles and accounts, sources, topics, substances, reviewers with
# their profiles, and the images in its body with their renditions.
ARTICLE_VISITOR_QUERY_BUDGET = 16
# A signed-in peer reviewer adds the session, the user, their groups, the unread
# notification count, their own "was this helpful?" answer and the answer counts.
ARTICLE_REVIEWER_QUERY_BUDGET = 22

REVIEWED_LONG_AGO = datetime(2024, 3, 4, 12, tzinfo=UTC)
DUE_LONG_AGO = datetime(2025, 3, 4, 12, tzinfo=UTC)
HOSTILE = "<script>alert({})</script>"


# ---- reading a page ---------------------------------------------------------


def page_html(response) -> str:
    return response.content.decode()


def words(markup: str) -> str:
    """The text a reader sees, with runs of white space made single spaces."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def section(markup: str, labelled_by: str) -> str:
    found = re.search(
        rf'<section aria-labelledby="{labelled_by}"[^>]*>(.*?)</section>', markup, re.S
    )
    assert found, f"no section labelled {labelled_by}"
    return found.group(1)


def titles_in(markup: str) -> list[str]:
    return [
        html.unescape(title)
        for title in re.findall(r'class="article-title" href="[^"]*">([^<]*)</a>', markup)
    ]


def links_in(markup: str) -> list[tuple[str, str]]:
    return [
        (href, html.unescape(text))
        for href, text in re.findall(r'<a [^>]*?href="([^"]*)"[^>]*>([^<]*)</a>', markup)
    ]


def shown_date(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "M j, Y")


def signed_in(who: str) -> Client:
    browser = Client()
    if who == "member":
        browser.force_login(UserFactory(username="river"))
    elif who == "peer reviewer":
        browser.force_login(make_peer("rio", "Peer reviewers"))
    elif who == "peer moderator":
        browser.force_login(make_peer("jules", "Peer moderators"))
    return browser


# ---- making articles ----------------------------------------------------------


def reviewed_on(article, when: datetime, *, due: datetime | None = None) -> None:
    ArticlePage.objects.filter(pk=article.pk).update(
        last_reviewed_at=when, review_due_at=due or when + timedelta(days=365)
    )


def make_overdue(article) -> None:
    reviewed_on(article, REVIEWED_LONG_AGO, due=DUE_LONG_AGO)


def votes(article, *, yes: int = 0, no: int = 0) -> None:
    """Answers from visitors, each in their own browser session."""
    for helpful, count in ((True, yes), (False, no)):
        for _ in range(count):
            helpful_vote_record(article=article, helpful=helpful, member=None, session={})


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def make_image(title: str = "Test strip"):
    from PIL import Image as PillowImage

    from django.core.files.images import ImageFile

    from wagtail.images import get_image_model

    png = BytesIO()
    PillowImage.new("RGB", (48, 32), "white").save(png, "PNG")
    return get_image_model().objects.create(title=title, file=ImageFile(png, name="strip.png"))


def image_block(image, alt_text: str = "A test strip with two lines") -> dict:
    return {"type": "image", "value": {"image": image.pk, "alt_text": alt_text, "caption": ""}}


# ---- the article page -----------------------------------------------------------


def test_an_article_shows_its_title_summary_author_and_how_many_peers_reviewed_it(client, home):
    reviewers = (make_peer("rio", "Peer reviewers"), make_peer("ash", "Peer reviewers"))
    article = make_article(
        title="Tester shots",
        summary="Try a small amount of a new batch first.",
        author=AuthorProfile.objects.create(pseudonym="Sam"),
        reviewers=reviewers,
    )

    markup = page_html(client.get(article.url))

    assert "<h1>Tester shots</h1>" in markup
    byline = words(re.search(r'<p class="byline">(.*?)</p>', markup, re.S).group(1))
    when = shown_date(article.last_reviewed_at)
    assert byline == f"Written by Sam · Reviewed by 2 peers on {when}"
    assert '<p class="lead">Try a small amount of a new batch first.</p>' in markup


def test_an_author_with_no_pseudonym_is_credited_as_a_peer(client, home):
    article = make_article(author=AuthorProfile.objects.create(pseudonym=""))

    markup = page_html(client.get(article.url))

    assert words(re.search(r'<p class="byline">(.*?)·', markup, re.S).group(1)) == (
        "Written by a peer"
    )


def test_several_authors_are_credited_in_the_order_their_credits_are_given(client, home):
    article = make_article(author=AuthorProfile.objects.create(pseudonym="Sam"))
    ArticleAuthor.objects.filter(page=article).update(sort_order=1)
    for sort_order, pseudonym in ((0, "Noor"), (2, "Kai")):
        profile = AuthorProfile.objects.create(pseudonym=pseudonym)
        ArticleAuthor.objects.create(page=article, author=profile, sort_order=sort_order)

    markup = page_html(client.get(article.url))

    assert "Written by Noor, Sam and Kai ·" in words(markup)


def test_the_author_links_their_forum_profile_when_they_choose_to(client, member, home):
    author = AuthorProfile.objects.create(member=member, pseudonym="Sam", show_handle=True)
    article = make_article(author=author)

    markup = page_html(client.get(article.url))

    assert f'<a href="{member.get_absolute_url()}">Sam</a>' in markup


def test_the_author_is_not_linked_to_their_forum_profile_by_default(client, member, home):
    author = AuthorProfile.objects.create(member=member, pseudonym="Sam")
    article = make_article(author=author)

    markup = page_html(client.get(article.url))

    assert "Written by Sam ·" in words(markup)
    assert member.get_absolute_url() not in markup


def test_each_peers_lived_experience_is_under_the_peers_behind_this_article(client, home):
    rio = make_peer("rio", "Peer reviewers")
    AuthorProfile.objects.create(member=rio, pseudonym="Rio", lived_experience="Peer worker.")
    ash = make_peer("ash", "Peer reviewers")
    author = AuthorProfile.objects.create(
        pseudonym="Sam", lived_experience="Has used opioids for twelve years."
    )
    article = make_article(author=author, reviewers=(rio, ash))

    peers = words(section(page_html(client.get(article.url)), "about-the-peers"))

    assert peers.startswith("The peers behind this article")
    assert "Sam (wrote it): Has used opioids for twelve years." in peers
    assert "Rio (reviewed it): Peer worker." in peers
    assert "1 more peer reviewed it." in peers


def test_an_article_lists_its_sources_with_their_links(client, home):
    article = make_article(
        sources=(
            ("CDC: Overdose prevention", "https://www.cdc.gov/overdose-prevention/"),
            ("NEXT Distro: Naloxone", "https://nextdistro.org/naloxone"),
        )
    )

    sources = section(page_html(client.get(article.url)), "sources")

    assert links_in(sources) == [
        ("https://www.cdc.gov/overdose-prevention/", "CDC: Overdose prevention"),
        ("https://nextdistro.org/naloxone", "NEXT Distro: Naloxone"),
    ]


def test_an_article_past_its_review_date_says_it_is_due_for_another_look(client, home):
    article = make_article()
    assert "due for another look" not in page_html(client.get(article.url))

    make_overdue(article)

    assert (
        "Peers last checked this article on Mar 4, 2024, and it is due for another look."
        in words(page_html(client.get(article.url)))
    )


def test_an_article_published_without_review_says_so_and_when(client, home):
    article = make_article()
    assert "Published without review" not in page_html(client.get(article.url))

    ArticlePage.objects.filter(pk=article.pk).update(
        published_without_review_at=datetime(2026, 1, 5, 12, tzinfo=UTC)
    )

    page = words(page_html(client.get(article.url)))
    assert "Published without review on Jan 5, 2026: a peer moderator put this version up" in page


def test_an_article_links_its_topics_and_substances(client, home):
    article = make_article(topics=("naloxone",), substances=("Fentanyl",))

    tags = re.search(r'<p class="tag-links">(.*?)</p>', page_html(client.get(article.url)), re.S)

    assert links_in(tags.group(1)) == [
        ("/kb/topics/naloxone/", "naloxone"),
        ("/kb/substances/fentanyl/", "Fentanyl"),
    ]


# ---- the body's blocks ------------------------------------------------------------


def test_a_content_warning_section_stays_closed_until_the_reader_opens_it(client, home):
    article = make_article(
        body=[
            {
                "type": "content_warning",
                "value": {"warning": "Overdose", "text": "<p>The night I found my friend.</p>"},
            }
        ]
    )

    markup = page_html(client.get(article.url))

    details = [attrs for tag, attrs in parse(markup).tags if tag == "details"]
    assert details == [{"class": "content-warning"}]
    warning = re.search(r"<details[^>]*>(.*?)</details>", markup, re.S).group(1)
    assert words(warning) == "Content warning: Overdose. Open to read. The night I found my friend."


def test_the_if_it_goes_wrong_block_gives_the_emergency_number_and_the_overdose_steps(client, home):
    from wagtail.models import Site

    from peerkb.models import SafetySettings

    safety = SafetySettings.for_site(Site.objects.get(is_default_site=True))
    safety.emergency_number = "112"
    safety.save()
    article = make_article(
        body=[{"type": "if_it_goes_wrong", "value": {"title": "", "text": "<p>Give naloxone.</p>"}}]
    )

    markup = page_html(client.get(article.url))

    callout = re.search(r'<aside class="callout callout-urgent".*?</aside>', markup, re.S).group(0)
    assert links_in(callout) == [
        ("tel:112", "Call 112"),
        ("/overdose/", "What to do in an overdose, step by step"),
    ]
    assert words(callout).startswith("If it goes wrong Give naloxone.")


def test_a_quote_without_attribution_is_credited_to_a_peer(client, home):
    article = make_article(
        body=[
            {"type": "quote", "value": {"quote": "Carrying naloxone helps.", "attribution": ""}},
            {"type": "quote", "value": {"quote": "Test every batch.", "attribution": "Kai"}},
        ]
    )

    markup = page_html(client.get(article.url))

    captions = re.findall(
        r'<figure class="lived-quote">.*?<figcaption>(.*?)</figcaption>', markup, re.S
    )
    assert [words(caption) for caption in captions] == ["— a peer", "— Kai"]


def test_hostile_text_in_the_body_is_shown_as_text_never_run(client, home):
    author = AuthorProfile.objects.create(
        pseudonym=HOSTILE.format(8), lived_experience=HOSTILE.format(9)
    )
    article = make_article(
        author=author,
        body=[
            {"type": "heading", "value": HOSTILE.format(1)},
            {
                "type": "quote",
                "value": {"quote": HOSTILE.format(2), "attribution": HOSTILE.format(3)},
            },
            {"type": "steps", "value": {"intro": HOSTILE.format(4), "steps": [HOSTILE.format(5)]}},
            {
                "type": "content_warning",
                "value": {"warning": HOSTILE.format(6), "text": "<p>Grief.</p>"},
            },
            {"type": "safety_tip", "value": {"title": HOSTILE.format(7), "text": "<p>Tip.</p>"}},
        ],
    )

    markup = page_html(client.get(article.url))

    assert "<script>alert" not in markup
    assert parse(markup).inline_scripts == []
    for number in range(1, 10):
        assert f"&lt;script&gt;alert({number})&lt;/script&gt;" in markup, number


def test_an_image_without_alt_text_is_refused(home, media_root):
    image = make_image()
    body = ArticleBodyBlock()

    with pytest.raises(ValidationError) as refused:
        body.clean(body.to_python([image_block(image, alt_text="")]))
    body.clean(body.to_python([image_block(image, alt_text="A test strip with two lines")]))

    image_errors = refused.value.block_errors[0].block_errors
    assert list(image_errors) == ["alt_text"]


def test_an_image_is_shown_with_its_alt_text_from_this_site(client, home, media_root):
    image = make_image()
    article = make_article(body=[image_block(image, alt_text="A test strip with two lines")])

    markup = page_html(client.get(article.url))

    images = [attrs for tag, attrs in parse(markup).tags if tag == "img"]
    assert [attrs["alt"] for attrs in images] == ["A test strip with two lines"]
    assert images[0]["src"].startswith("/media/images/")


# ---- what is never shown ----------------------------------------------------------


def test_an_unpublished_article_is_not_found_and_not_listed_anywhere(client, home):
    kept = make_article(title="Naloxone basics", topics=("naloxone",), substances=("Fentanyl",))
    taken_down = make_article(
        title="Naloxone nasal spray", topics=("naloxone",), substances=("Fentanyl",)
    )
    draft = make_article(
        title="Naloxone draft",
        topics=("naloxone", "drafts only"),
        substances=("Kratom",),
        live=False,
    )
    for article in (kept, taken_down):
        votes(article, yes=2)
    taken_down.unpublish()
    for article in (kept, taken_down, draft):
        make_overdue(article)
    moderator = signed_in("peer moderator")

    assert client.get(taken_down.url).status_code == 404
    assert client.get(draft.url).status_code == 404
    for browser, url in (
        (client, "/"),
        (client, "/kb/"),
        (moderator, "/kb/"),
        (client, "/kb/topics/naloxone/"),
        (client, "/kb/substances/fentanyl/"),
        (client, "/kb/?q=naloxone"),
    ):
        markup = page_html(browser.get(url))
        assert "Naloxone basics" in markup, url
        assert "Naloxone nasal spray" not in markup, url
        assert "Naloxone draft" not in markup, url
    index = page_html(client.get("/kb/"))
    assert words(section(index, "by-topic")) == "Topics naloxone (1)"
    assert words(section(index, "by-substance")) == "Substances Fentanyl (1)"


def test_an_article_behind_a_view_restriction_is_not_listed_or_counted(client, home):
    from wagtail.models import PageViewRestriction

    make_article(title="Naloxone basics", topics=("naloxone",), substances=("Fentanyl",))
    private = make_article(
        title="Members only naloxone",
        topics=("naloxone", "members only"),
        substances=("Fentanyl", "Xylazine"),
    )
    votes(private, yes=1)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    assert client.get(private.url).status_code == 302
    for url in ("/", "/kb/", "/kb/topics/naloxone/", "/kb/?q=naloxone"):
        markup = page_html(client.get(url))
        assert "Naloxone basics" in markup, url
        assert "Members only naloxone" not in markup, url
    index = page_html(client.get("/kb/"))
    assert words(section(index, "by-topic")) == "Topics naloxone (1)"
    assert words(section(index, "by-substance")) == "Substances Fentanyl (1)"


@pytest.mark.parametrize(
    ("who", "sees_counts"),
    [("visitor", False), ("member", False), ("peer reviewer", True), ("peer moderator", True)],
)
def test_how_many_found_an_article_helpful_is_shown_only_to_peer_reviewers(home, who, sees_counts):
    article = make_article()
    votes(article, yes=2, no=1)

    helpful = words(section(page_html(signed_in(who).get(article.url)), "helpful"))

    assert helpful.startswith("Was this helpful? Yes No")
    assert ("For peer reviewers: 2 found it helpful, 1 didn't." in helpful) is sees_counts
    assert ("For peer reviewers" in helpful) is sees_counts


# ---- the index: browsing ------------------------------------------------------------


def test_the_index_lists_topics_and_substances_with_how_many_live_articles_each(client, home):
    make_article(title="Naloxone basics", topics=("naloxone", "overdose"), substances=("Fentanyl",))
    make_article(
        title="Xylazine wounds",
        topics=("naloxone", "wound care"),
        substances=("Fentanyl", "Xylazine"),
    )

    markup = page_html(client.get("/kb/"))

    topics = section(markup, "by-topic")
    assert words(topics) == "Topics naloxone (2) overdose (1) wound care (1)"
    assert [href for href, _ in links_in(topics)] == [
        "/kb/topics/naloxone/",
        "/kb/topics/overdose/",
        "/kb/topics/wound-care/",
    ]
    substances = section(markup, "by-substance")
    assert words(substances) == "Substances Fentanyl (2) Xylazine (1)"
    assert [href for href, _ in links_in(substances)] == [
        "/kb/substances/fentanyl/",
        "/kb/substances/xylazine/",
    ]


def test_a_topic_or_substance_page_lists_its_articles_a_to_z(client, home):
    make_article(
        title="Xylazine wounds", topics=("naloxone", "wound care"), substances=("Xylazine",)
    )
    make_article(title="Naloxone basics", topics=("naloxone",), substances=("Fentanyl",))

    naloxone = page_html(client.get("/kb/topics/naloxone/"))
    wounds = page_html(client.get("/kb/topics/wound-care/"))
    xylazine = page_html(client.get("/kb/substances/xylazine/"))

    assert "<h1>Topic: naloxone</h1>" in naloxone
    assert titles_in(naloxone) == ["Naloxone basics", "Xylazine wounds"]
    assert titles_in(wounds) == ["Xylazine wounds"]
    assert "<h1>Substance: Xylazine</h1>" in xylazine
    assert titles_in(xylazine) == ["Xylazine wounds"]


def test_a_substance_with_no_articles_yet_says_so(client, home):
    response = client.get("/kb/substances/kratom/")

    assert response.status_code == 200
    assert "No published articles here yet." in page_html(response)


@pytest.mark.parametrize("url", ["/kb/topics/no-such-topic/", "/kb/substances/no-such-substance/"])
def test_an_unknown_topic_or_substance_is_not_found(client, home, url):
    make_article(topics=("naloxone",), substances=("Fentanyl",))

    assert client.get(url).status_code == 404


def test_recently_reviewed_lists_the_newest_review_first(client, home):
    for title, day in (
        ("Older", 5),
        ("Newest", 28),
        ("Oldest", 1),
        ("Middle", 15),
        ("Second newest", 20),
        ("Second oldest", 3),
    ):
        reviewed_on(make_article(title=title), datetime(2025, 6, day, 12, tzinfo=UTC))

    recent = section(page_html(client.get("/kb/")), "recent")

    assert titles_in(recent) == ["Newest", "Second newest", "Middle", "Older", "Second oldest"]
    assert len(titles_in(recent)) == LIST_LENGTH
    assert "Reviewed Jun 28, 2025" in words(recent)


def test_most_helpful_lists_articles_by_how_many_said_yes(client, home):
    for title, yes, no in (
        ("Mixed answers", 1, 1),
        ("Nobody helped", 0, 2),
        ("Helped three", 3, 0),
        ("Helped one", 1, 0),
    ):
        votes(make_article(title=title), yes=yes, no=no)

    helpful = section(page_html(client.get("/kb/")), "most-helpful")

    assert titles_in(helpful) == ["Helped three", "Helped one", "Mixed answers"]
    assert "3 people found this helpful" in words(helpful)
    assert "1 person found this helpful" in words(helpful)


def test_all_articles_are_listed_a_to_z_twenty_to_a_page(client, home):
    titles = [f"Article {number:02d}" for number in range(ARTICLES_PER_PAGE + 2, 0, -1)]
    for title in titles:
        make_article(title=title)

    first = section(page_html(client.get("/kb/")), "all-articles")
    second = section(page_html(client.get("/kb/", {"page": 2})), "all-articles")

    assert titles_in(first) == sorted(titles)[:ARTICLES_PER_PAGE]
    assert titles_in(second) == sorted(titles)[ARTICLES_PER_PAGE:]
    assert "Page 1 of 2" in words(first) and 'rel="next"' in first
    assert "Page 2 of 2" in words(second) and 'rel="prev"' in second


@pytest.mark.parametrize(
    ("who", "sees_due"),
    [("visitor", False), ("member", False), ("peer reviewer", True), ("peer moderator", True)],
)
def test_due_for_review_is_shown_only_to_peer_reviewers(home, who, sees_due):
    now = timezone.now()
    overdue = make_article(title="Overdue article")
    make_overdue(overdue)
    due_soon = make_article(title="Due soon")
    reviewed_on(due_soon, now - timedelta(days=355), due=now + timedelta(days=10))
    make_article(title="Checked today")

    markup = page_html(signed_in(who).get("/kb/"))

    assert ('aria-labelledby="due"' in markup) is sees_due
    assert ("Only peer reviewers and peer moderators see this list." in markup) is sees_due
    if sees_due:
        due = section(markup, "due")
        assert titles_in(due) == ["Overdue article", "Due soon"]
        assert "Overdue since Mar 4, 2025" in words(due)
        assert f"Due {shown_date(now + timedelta(days=10))}" in words(due)


def test_an_empty_knowledge_base_says_so_in_every_list(home):
    markup = page_html(signed_in("peer reviewer").get("/kb/"))

    assert words(section(markup, "by-topic")) == "Topics No topics yet."
    assert words(section(markup, "by-substance")) == (
        "Substances No articles are filed under a substance yet."
    )
    assert "Nothing is due in the next 30 days." in words(section(markup, "due"))
    assert (
        words(section(markup, "recent")) == "Recently reviewed No articles have been reviewed yet."
    )
    assert words(section(markup, "most-helpful")) == (
        "Most helpful When readers say an article helped, it shows here."
    )
    assert words(section(markup, "all-articles")) == (
        "All articles There are no articles yet. Peer authors write them in the admin, "
        "and anyone can propose one."
    )


# ---- the index: searching -----------------------------------------------------------


def test_searching_the_index_lists_only_matching_articles_twenty_to_a_page(client, home):
    for number in range(ARTICLES_PER_PAGE + 1):
        make_article(title=f"Naloxone {number:02d}")
    make_article(title="Tester shots")

    first = page_html(client.get("/kb/", {"q": "naloxone"}))
    second = page_html(client.get("/kb/", {"q": "naloxone", "page": 2}))

    assert f"{ARTICLES_PER_PAGE + 1} articles match “naloxone”" in words(first)
    found = titles_in(first) + titles_in(second)
    assert len(titles_in(first)) == ARTICLES_PER_PAGE
    assert sorted(found) == [f"Naloxone {number:02d}" for number in range(ARTICLES_PER_PAGE + 1)]
    assert 'value="naloxone"' in first
    assert '<a href="?q=naloxone&amp;page=2" rel="next">' in first


def test_a_search_with_no_matches_says_so(client, home):
    make_article(title="Tester shots")

    markup = page_html(client.get("/kb/", {"q": "zzzyxq"}))
    page = words(markup)

    assert "No articles match “zzzyxq”" in page
    assert "Try fewer or different words, or browse by topic ." in page
    assert 'href="/kb/#by-topic"' in markup


def test_a_hostile_search_is_shown_as_text(client, home):
    markup = page_html(client.get("/kb/", {"q": HOSTILE.format(1)}))

    assert "<script>alert(1)</script>" not in markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup


# ---- the home page ------------------------------------------------------------------


def test_the_home_page_shows_recently_reviewed_and_most_helpful_articles(client, home):
    empty = words(section(page_html(client.get("/")), "from-the-kb"))
    assert "Articles will show here once peers publish them." in empty

    reviewed_on(make_article(title="Naloxone basics"), datetime(2025, 6, 1, 12, tzinfo=UTC))
    votes(make_article(title="Tester shots"), yes=2)

    kb = section(page_html(client.get("/")), "from-the-kb")
    recent, helpful = re.split(r"<h3>Readers found these helpful</h3>", kb)
    assert "<h3>Recently checked by peers</h3>" in recent
    assert titles_in(recent) == ["Tester shots", "Naloxone basics"]
    assert titles_in(helpful) == ["Tester shots"]
    assert "2 people found this helpful" in words(helpful)


# ---- what each page costs -----------------------------------------------------------


@pytest.fixture
def queries_for(page_costs):
    """`queries_for(url, user=None)`: the queries a second visit to `url` costs in a
    fresh browser, signed in as `user` if given."""

    def cost(url: str, user=None) -> int:
        browser = Client()
        if user is not None:
            browser.force_login(user)
        [count] = page_costs(browser, [url])
        return count

    return cost


def fill_knowledge_base(count: int, start: int = 0) -> None:
    """Articles with topics, substances, helpful answers; every third is overdue."""
    substances = ("Fentanyl", "Xylazine", "Heroin", "Cocaine")
    for number in range(start, start + count):
        article = make_article(
            title=f"Article {number:02d}",
            topics=(f"topic {number}", "naloxone"),
            substances=(substances[number % 4], "Opioids"),
        )
        votes(article, yes=number % 3 + 1, no=number % 2)
        if number % 3 == 0:
            make_overdue(article)


def test_the_index_costs_the_same_few_queries_with_two_articles_or_twenty_five(home, queries_for):
    reviewer = make_peer("rio", "Peer reviewers")
    fill_knowledge_base(2)
    few = (queries_for("/kb/"), queries_for("/kb/", reviewer))

    fill_knowledge_base(23, start=2)
    many = (queries_for("/kb/"), queries_for("/kb/", reviewer))

    assert few == many
    assert many[0] <= INDEX_VISITOR_QUERY_BUDGET
    assert many[1] <= INDEX_REVIEWER_QUERY_BUDGET


def test_a_topic_page_costs_the_same_with_two_articles_or_twenty_five(home, queries_for):
    fill_knowledge_base(2)
    few = queries_for("/kb/topics/naloxone/")

    fill_knowledge_base(23, start=2)
    many = queries_for("/kb/topics/naloxone/")

    assert few == many
    assert many <= TAG_PAGE_QUERY_BUDGET


def small_article():
    image = make_image()
    article = make_article(
        title="Small article",
        author=AuthorProfile.objects.create(pseudonym="Sam", lived_experience="Peer worker."),
        topics=("naloxone",),
        substances=("Fentanyl",),
        reviewers=(make_peer("ash", "Peer reviewers"),),
        body=[
            {"type": "heading", "value": "Before you start"},
            {"type": "paragraph", "value": "<p>Start low and go slow.</p>"},
            image_block(image),
        ],
    )
    votes(article, yes=1)
    return article


def big_article():
    """4 authors, 10 sources, 5 topics, 3 substances, 3 reviewers and 40 blocks
    of every kind, 5 of them images."""
    images = [make_image(f"Picture {number}") for number in range(5)]
    reviewers = []
    for number in range(3):
        reviewer = make_peer(f"reviewer_{number}", "Peer reviewers")
        AuthorProfile.objects.create(member=reviewer, pseudonym=f"Reviewer {number}")
        reviewers.append(reviewer)
    kinds = [
        {"type": "heading", "value": "A section"},
        {"type": "paragraph", "value": "<p>Carry naloxone.</p>"},
        {"type": "safety_tip", "value": {"title": "Test it", "text": "<p>Use a strip.</p>"}},
        {"type": "if_it_goes_wrong", "value": {"title": "", "text": "<p>Call for help.</p>"}},
        {"type": "steps", "value": {"intro": "Then:", "steps": ["Breathe", "Wait"]}},
        {"type": "quote", "value": {"quote": "It helped me.", "attribution": ""}},
        {"type": "content_warning", "value": {"warning": "Grief", "text": "<p>Loss.</p>"}},
        {
            "type": "table",
            "value": {
                "data": [["Dose", "Effect"], ["Low", "Mild"]],
                "first_row_is_table_header": True,
            },
        },
    ]
    body = [kinds[number % len(kinds)] for number in range(35)]
    body += [image_block(image, alt_text=image.title) for image in images]
    article = make_article(
        title="Big article",
        author=AuthorProfile.objects.create(pseudonym="Author 0"),
        topics=tuple(f"topic {number}" for number in range(5)),
        substances=("Fentanyl", "Xylazine", "Heroin"),
        sources=tuple(
            (f"Source {number}", f"https://example.org/{number}") for number in range(10)
        ),
        reviewers=reviewers,
        body=body,
    )
    for number in range(1, 4):
        ArticleAuthor.objects.create(
            page=article,
            author=AuthorProfile.objects.create(pseudonym=f"Author {number}"),
            sort_order=number,
        )
    votes(article, yes=3, no=2)
    return article


def test_an_article_page_costs_the_same_however_much_it_holds(home, media_root, queries_for):
    reviewer = make_peer("rio", "Peer reviewers")
    small, big = small_article(), big_article()
    assert ArticleSource.objects.filter(page=big).count() == 10
    assert len(big.body) == 40

    small_costs = (queries_for(small.url), queries_for(small.url, reviewer))
    big_costs = (queries_for(big.url), queries_for(big.url, reviewer))

    assert small_costs == big_costs
    visitor, signed_in_reviewer = big_costs
    assert visitor <= ARTICLE_VISITOR_QUERY_BUDGET
    assert signed_in_reviewer <= ARTICLE_REVIEWER_QUERY_BUDGET


def test_a_search_costs_the_same_with_two_matches_or_twenty_five(home, queries_for):
    fill_knowledge_base(2)
    few = queries_for("/kb/?q=naloxone")

    fill_knowledge_base(23, start=2)
    many = queries_for("/kb/?q=naloxone")

    assert few == many
    assert many <= SEARCH_QUERY_BUDGET
