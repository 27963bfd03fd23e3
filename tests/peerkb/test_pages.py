import pytest

from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from wagtail.models import Page, Site

from accounts.models import User
from peerkb.models import HomePage, OverdosePage, SafetySettings, StandardPage
from peerkb.services import peer_groups_ensure, site_pages_ensure

pytestmark = pytest.mark.django_db


def test_a_fresh_install_gets_home_overdose_and_footer_pages_once():
    home = site_pages_ensure()
    site_pages_ensure()

    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert HomePage.objects.count() == 1
    assert OverdosePage.objects.live().count() == 1
    assert sorted(StandardPage.objects.live().values_list("slug", flat=True)) == [
        "about",
        "community-guidelines",
        "privacy",
    ]
    assert not Page.objects.filter(depth=2).exclude(pk=home.pk).exists()


def test_running_setup_again_keeps_what_moderators_edited():
    site_pages_ensure()
    privacy = StandardPage.objects.get(slug="privacy")
    privacy.title = "What we keep"
    privacy.save_revision().publish()

    site_pages_ensure()

    assert StandardPage.objects.get(slug="privacy").title == "What we keep"


def test_the_overdose_page_gives_the_steps_from_the_safety_setting(client, home):
    page = client.get("/overdose/").content.decode()

    assert 'href="tel:911"' in page
    assert "Call 911 now" in page
    assert "naloxone" in page
    assert "rescue" in page.lower() or "one slow breath" in page
    assert "recovery position" in page
    assert "Stay with them" in page
    assert "does not reverse sedation from benzos, alcohol or xylazine" in page
    assert "Give it anyway" in page
    assert "800-484-3731" in page


def test_peer_moderators_change_the_emergency_number_and_lines_in_one_place(client, home):
    safety = SafetySettings.for_site(Site.objects.get(is_default_site=True))
    safety.emergency_number = "112"
    safety.crisis_lines = [
        ("line", {"name": "Local line", "number": "0800 123", "hours": "", "description": ""})
    ]
    safety.save()

    page = client.get("/overdose/").content.decode()

    assert 'href="tel:112"' in page
    assert "Local line" in page
    assert "800-484-3731" not in page


def test_the_overdose_page_says_what_good_samaritan_laws_usually_cover(client, home):
    page = client.get("/overdose/").content.decode()

    note = page.split("good-samaritan", 1)[1].split("</div>", 1)[0]
    assert "Good Samaritan laws" in note
    assert "call for help at an overdose" in note
    assert "drugs for your own use" in note
    assert "don&#x27;t cover selling" in note or "don't cover selling" in note
    assert "warrants" in note
    assert "different from place to place" in note
    assert "legal advice" in note
    assert page.index("Call 911 now") < page.index("Good Samaritan")


def test_peer_moderators_write_the_note_on_the_law_for_where_they_are(client, home):
    safety = SafetySettings.for_site(Site.objects.get(is_default_site=True))
    safety.emergency_number = "000"
    safety.good_samaritan_text = "<p>Police don't usually attend overdoses here.</p>"
    safety.save()

    page = client.get("/overdose/").content.decode()
    assert "Call 000 now" in page
    assert "Police don" in page
    assert "Good Samaritan" not in page

    safety.good_samaritan_text = ""
    safety.save()
    assert "good-samaritan" not in client.get("/overdose/").content.decode()


def test_the_guidelines_cover_the_community_rules(client, home):
    page = client.get("/community-guidelines/").content.decode()

    for rule in (
        "No sourcing or selling",
        "identify anyone",
        "No judging anyone",
        "content warnings",
        "person-first",
    ):
        assert rule in page


def test_the_privacy_promise_says_what_is_kept_never_kept_and_how_to_leave(client, home):
    page = client.get("/privacy/").content.decode()

    assert "What we store" in page
    assert "IP address" in page
    assert "download everything" in page
    assert "delete your account" in page


def test_the_privacy_promise_is_honest_about_what_quick_exit_cannot_hide(client, home):
    page = client.get("/privacy/").content.decode()

    assert "If JavaScript is turned off or blocked, pressing Back after a quick exit" in page
    assert "shows the page you were on again" in page
    assert "close the tab" in page
    assert "quick exit sign you out too" in page


def test_the_peer_moderators_group_can_edit_pages_and_the_safety_setting(home):
    group = peer_groups_ensure(home=home)["Peer moderators"]
    peer_groups_ensure(home=home)

    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "change_safetysettings"} <= codenames
    assert group.page_permissions.filter(page=home).count() == 3


def test_load_demo_is_repeatable_and_creates_a_member_and_a_peer_moderator(capsys):
    call_command("load_demo")
    call_command("load_demo")

    output = capsys.readouterr().out
    assert "sam_demo" in output and "jules_peer" in output
    assert User.objects.filter(username__in=["sam_demo", "jules_peer"]).count() == 2
    moderator = User.objects.get(username="jules_peer")
    assert moderator.groups.filter(name="Peer moderators").exists()
    assert moderator.has_perm("wagtailadmin.access_admin")
    assert User.objects.get(username="sam_demo").check_password("demo-member-pass")
    assert Group.objects.filter(name="Peer moderators").count() == 1


def test_load_demo_gives_the_review_queue_something_to_show(capsys):
    from moderation.models import QueueItem

    call_command("load_demo")
    call_command("load_demo")

    output = capsys.readouterr().out
    assert "kai_peer" in output and "new_here" in output
    assert User.objects.get(username="kai_peer").groups.filter(name="Peer moderators").exists()
    assert User.objects.get(username="ash_trusted").trust_level == 3
    assert sorted(QueueItem.objects.open().values_list("kind", flat=True)) == [
        "article_proposal",
        "article_review_due",
        "article_suggestion",
        "flagged",
        "held",
        "held",
    ]


def test_load_demo_refuses_outside_development(settings):
    settings.ALLOW_DEMO_DATA = False

    with pytest.raises(CommandError, match="only runs in development"):
        call_command("load_demo")
    assert not User.objects.exists()
