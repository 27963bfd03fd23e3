"""What every install needs before anyone clicks: the site pages and the peer moderators group."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import GroupPagePermission, Page, Site

from accounts.roles import PEER_MODERATORS_GROUP

from . import default_texts
from .models import HomePage, OverdosePage, StandardPage

# Slugs the header and footer link to; they are part of the site's URLs.
SITE_PAGES = [
    (OverdosePage, "overdose", "Overdose? What to do", {"intro": default_texts.OVERDOSE_INTRO}),
    (
        StandardPage,
        "community-guidelines",
        "Community guidelines",
        {"intro": default_texts.GUIDELINES_INTRO, "body": default_texts.GUIDELINES_BODY},
    ),
    (
        StandardPage,
        "privacy",
        "Our privacy promise",
        {"intro": default_texts.PRIVACY_INTRO, "body": default_texts.PRIVACY_BODY},
    ),
    (
        StandardPage,
        "about",
        "About Where We're At",
        {"intro": default_texts.ABOUT_INTRO, "body": default_texts.ABOUT_BODY},
    ),
]


def _publish(page: Page) -> None:
    page.save_revision().publish()


@transaction.atomic
def site_pages_ensure() -> HomePage:
    """Make sure the home page and the pages every page links to exist and are live.

    Idempotent: pages that exist, even edited ones, are left as they are.
    Wagtail's placeholder welcome page is replaced by our home page.
    """
    home = HomePage.objects.first()
    if home is None:
        # Deleting the placeholder also deletes the Site that points at it.
        Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
        home = HomePage(title="Where We're At", slug="home", intro=default_texts.HOME_INTRO)
        Page.get_first_root_node().add_child(instance=home)
        _publish(home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Where We're At",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save(update_fields=["root_page"])

    existing = set(home.get_children().values_list("slug", flat=True))
    for page_class, slug, title, fields in SITE_PAGES:
        if slug in existing:
            continue
        page = page_class(title=title, slug=slug, **fields)
        home.add_child(instance=page)
        _publish(page)
    return home


PEER_MODERATOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("peerkb", "change_safetysettings"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("forum", "add_category"),
    ("forum", "change_category"),
    ("forum", "delete_category"),
    ("moderation", "add_watchedword"),
    ("moderation", "change_watchedword"),
    ("moderation", "delete_watchedword"),
    ("moderation", "view_watchedword"),
]
PEER_MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


@transaction.atomic
def peer_moderators_group_ensure(*, home: Page) -> Group:
    """The group that may edit the site's pages, Safety setting and watched words. Idempotent."""
    group, _ = Group.objects.get_or_create(name=PEER_MODERATORS_GROUP)
    for app_label, codename in PEER_MODERATOR_PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    for codename in PEER_MODERATOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=home,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    return group
