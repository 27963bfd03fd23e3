"""What every install needs before anyone clicks: the site pages, the peer
groups and their page permissions, and peer review on the knowledge base."""

from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail import hooks
from wagtail.models import GroupPagePermission, Page, Site, Workflow, WorkflowPage

from accounts.roles import PEER_AUTHORS_GROUP, PEER_MODERATORS_GROUP, PEER_REVIEWERS_GROUP

from . import default_texts
from .groups import PAGE_PERMISSIONS, PEER_REVIEW_WORKFLOW, groups_and_workflow_ensure
from .models import HomePage, KnowledgeBaseIndexPage, OverdosePage, StandardPage

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
    (
        KnowledgeBaseIndexPage,
        "kb",
        "Knowledge base",
        {"intro": default_texts.KNOWLEDGE_BASE_INTRO},
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


def site_setup() -> HomePage:
    """Everything a fresh install needs before anyone signs in: the site's
    pages, the peer groups and peer review, then whatever each other part of
    the site sets up through the "site_setup" hook (a function taking the
    home page). Idempotent, like each step."""
    home = site_pages_ensure()
    peer_groups_ensure(home=home)
    for setup in hooks.get_hooks("site_setup"):
        setup(home)
    return home


@transaction.atomic
def peer_groups_ensure(*, home: HomePage) -> dict[str, Group]:
    """The peer groups with their permissions, page permissions where each group
    works, and peer review on the knowledge base. Idempotent: a workflow a peer
    moderator chose for the knowledge base is kept."""
    groups_and_workflow_ensure(django_apps)
    groups = {
        name: Group.objects.get(name=name)
        for name in (PEER_AUTHORS_GROUP, PEER_REVIEWERS_GROUP, PEER_MODERATORS_GROUP)
    }
    index = KnowledgeBaseIndexPage.objects.child_of(home).first()
    where = {PEER_MODERATORS_GROUP: home, PEER_AUTHORS_GROUP: index, PEER_REVIEWERS_GROUP: index}
    for name, codenames in PAGE_PERMISSIONS.items():
        if where[name] is None:
            continue
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=groups[name],
                page=where[name],
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    if index is not None:
        WorkflowPage.objects.get_or_create(
            page=index, defaults={"workflow": Workflow.objects.get(name=PEER_REVIEW_WORKFLOW)}
        )
    return groups
