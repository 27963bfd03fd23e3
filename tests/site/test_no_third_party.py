from urllib.parse import urlsplit

import pytest

from wagtail.models import Page

from tests.html import parse
from tests.site.pages import every_page

pytestmark = pytest.mark.django_db

SAFE_SCHEMES = {"", "data", "blob"}


def loads_from_elsewhere(url: str) -> bool:
    parts = urlsplit(url.strip())
    if parts.scheme not in SAFE_SCHEMES and parts.scheme not in ("http", "https"):
        return True
    return bool(parts.netloc) and parts.netloc not in ("testserver",)


def fetched_urls(html: str):
    """Every URL the browser would fetch or send data to without a click."""
    for tag, attrs in parse(html).tags:
        for attribute in ("src", "srcset", "poster", "data"):
            if attrs.get(attribute):
                yield tag, attribute, attrs[attribute].split()[0]
        if tag == "link" and attrs.get("href"):
            yield tag, "href", attrs["href"]
        if tag == "form" and attrs.get("action"):
            yield tag, "action", attrs["action"]
        if tag in ("button", "input") and attrs.get("formaction"):
            yield tag, "formaction", attrs["formaction"]


def test_no_page_loads_anything_from_another_origin(client, member, home):
    for name, response in every_page(client, member):
        html = response.content.decode()
        offenders = [found for found in fetched_urls(html) if loads_from_elsewhere(found[2])]
        assert offenders == [], name


def test_the_wagtail_admin_loads_nothing_from_another_origin(client, peer_moderator):
    from tests.factories import make_article

    client.force_login(peer_moderator)
    overdose = Page.objects.get(slug="overdose")
    knowledge_base = Page.objects.get(slug="kb")
    article = make_article(title="Tester shots")

    for url in (
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{overdose.pk}/edit/",
        "/admin/settings/peerkb/safetysettings/",
        "/admin/account/",
        f"/admin/pages/add/peerkb/articlepage/{knowledge_base.pk}/",
        f"/admin/pages/{article.pk}/edit/",
        "/admin/snippets/peerkb/authorprofile/",
        "/admin/snippets/peerkb/substancetag/",
    ):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert response.request["PATH_INFO"].startswith("/admin/"), url
        html = response.content.decode()
        offenders = [found for found in fetched_urls(html) if loads_from_elsewhere(found[2])]
        assert offenders == [], url


def test_no_page_has_inline_script_or_style_that_the_policy_would_block(client, member, home):
    for name, response in every_page(client, member):
        document = parse(response.content.decode())
        assert document.inline_scripts == [], name
        styled = [tag for tag, attrs in document.tags if "style" in attrs or tag == "style"]
        assert styled == [], name
        handlers = [
            (tag, attr) for tag, attrs in document.tags for attr in attrs if attr.startswith("on")
        ]
        assert handlers == [], name


def test_the_checker_catches_a_stylesheet_or_form_on_another_origin():
    html = (
        '<link rel="stylesheet" href="https://cdn.example/x.css">'
        '<form action="//collect.example/"></form><img src="/static/ok.svg">'
    )

    offenders = [found for found in fetched_urls(html) if loads_from_elsewhere(found[2])]

    assert [found[2] for found in offenders] == ["https://cdn.example/x.css", "//collect.example/"]
