"""A fresh install has peer review, the peer groups and the first articles
with no clicking."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from django.contrib.auth.models import Group
from django.core.management import call_command

from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

from moderation.screening import screen
from peerkb.models import ArticlePage, AuthorProfile, KnowledgeBaseIndexPage, SubstanceTag
from peerkb.seed_articles import ARTICLES
from peerkb.services import peer_groups_ensure
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]


def test_migrate_alone_creates_the_peer_groups_and_the_review_workflow(tmp_path):
    """On an empty database, `migrate` is all it takes."""
    database = tmp_path / "fresh.sqlite3"
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "peersite.settings.test",
    }
    environment.pop("REDIS_URL", None)
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
        cwd=ROOT,
        env=environment,
        check=True,
        timeout=600,
    )

    with sqlite3.connect(database) as connection:
        groups = {name for (name,) in connection.execute("SELECT name FROM auth_group")}
        tasks = connection.execute(
            "SELECT task.name, peer.approvals_needed, reviewers.name"
            " FROM wagtailcore_task task"
            " JOIN peerkb_peerreviewtask peer ON peer.task_ptr_id = task.id"
            " JOIN peerkb_peerreviewtask_groups link ON link.peerreviewtask_id = task.id"
            " JOIN auth_group reviewers ON reviewers.id = link.group_id"
        ).fetchall()
        workflows = connection.execute(
            "SELECT workflow.name, task.name FROM wagtailcore_workflow workflow"
            " JOIN wagtailcore_workflowtask step ON step.workflow_id = workflow.id"
            " JOIN wagtailcore_task task ON task.id = step.task_id"
            " WHERE workflow.name = 'Peer review'"
        ).fetchall()
        author_permissions = {
            codename
            for (codename,) in connection.execute(
                "SELECT permission.codename FROM auth_group_permissions link"
                " JOIN auth_group grp ON grp.id = link.group_id"
                " JOIN auth_permission permission ON permission.id = link.permission_id"
                " WHERE grp.name = 'Peer authors'"
            )
        }
        author_image_permissions = {
            codename
            for (codename,) in connection.execute(
                "SELECT permission.codename FROM wagtailcore_groupcollectionpermission link"
                " JOIN auth_group grp ON grp.id = link.group_id"
                " JOIN auth_permission permission ON permission.id = link.permission_id"
                " WHERE grp.name = 'Peer authors'"
            )
        }
        substances = connection.execute("SELECT count(*) FROM peerkb_substancetag").fetchone()[0]

    assert {"Peer authors", "Peer reviewers", "Peer moderators"} <= groups
    assert tasks == [("Peer review", 2, "Peer reviewers")]
    assert workflows == [("Peer review", "Peer review")]
    assert {"access_admin", "add_authorprofile"} <= author_permissions
    assert {"add_image", "choose_image"} <= author_image_permissions
    assert substances >= 20


@pytest.mark.django_db
def test_setup_puts_peer_review_on_the_knowledge_base_and_lets_peers_write_there(home):
    index = KnowledgeBaseIndexPage.objects.get()

    peer_groups_ensure(home=home)

    assert WorkflowPage.objects.get(page=index).workflow.name == "Peer review"
    for name in ("Peer authors", "Peer reviewers"):
        granted = set(
            GroupPagePermission.objects.filter(group__name=name, page=index).values_list(
                "permission__codename", flat=True
            )
        )
        assert granted == {"add_page", "change_page"}, name
    moderators = GroupPagePermission.objects.filter(group__name="Peer moderators", page=home)
    assert "publish_page" in set(moderators.values_list("permission__codename", flat=True))


@pytest.mark.django_db
def test_setup_keeps_a_workflow_a_peer_moderator_chose_for_the_knowledge_base(home):
    index = KnowledgeBaseIndexPage.objects.get()
    other = Workflow.objects.create(name="Three peers")
    WorkflowPage.objects.filter(page=index).update(workflow=other)

    call_command("setup_site", verbosity=0)

    assert WorkflowPage.objects.get(page=index).workflow == other


@pytest.mark.django_db
def test_peer_authors_and_reviewers_get_into_the_admin_but_cannot_publish(home):
    author = UserFactory(username="dee")
    author.groups.add(Group.objects.get(name="Peer authors"))
    reviewer = UserFactory(username="rio")
    reviewer.groups.add(Group.objects.get(name="Peer reviewers"))
    index = KnowledgeBaseIndexPage.objects.get()

    for person in (author, reviewer):
        assert person.has_perm("wagtailadmin.access_admin")
        permissions = index.permissions_for_user(person)
        assert permissions.can_add_subpage()
        assert not permissions.can_publish_subpage()


@pytest.mark.django_db
def test_load_articles_adds_the_twelve_articles_once_live_and_reviewed(client, home):
    call_command("load_articles", verbosity=0)
    call_command("load_articles", verbosity=0)

    articles = ArticlePage.objects.all()
    assert articles.count() == len(ARTICLES) == 12
    for article in articles:
        assert article.live, article.slug
        assert article.last_reviewed_at is not None, article.slug
        assert article.published_without_review_at is None, article.slug
        assert article.authors.exists(), article.slug
        assert article.sources.exists(), article.slug
        assert len(article.summary) <= 300, article.slug
    assert client.get("/kb/naloxone/").status_code == 200
    assert AuthorProfile.objects.filter(member__isnull=True).count() >= 3


@pytest.mark.django_db
def test_load_articles_leaves_an_article_peers_edited_alone(home):
    call_command("load_articles", verbosity=0)
    article = ArticlePage.objects.get(slug="naloxone")
    article.title = "Naloxone, revised by peers"
    article.save_revision().publish()

    call_command("load_articles", verbosity=0)

    assert ArticlePage.objects.get(slug="naloxone").title == "Naloxone, revised by peers"


@pytest.mark.django_db
def test_the_seed_articles_are_filed_under_curated_substances_and_shared_topics(home):
    call_command("load_articles", verbosity=0)

    curated = set(SubstanceTag.objects.values_list("name", flat=True))
    for seed in ARTICLES:
        assert set(seed.substances) <= curated, seed.slug
    naloxone = ArticlePage.objects.get(slug="naloxone")
    assert "naloxone" in naloxone.topics.names()
    assert ArticlePage.objects.filter(tagged_topics__tag__name="overdose prevention").count() > 3


@pytest.mark.django_db
def test_the_seed_articles_use_person_first_words(home):
    call_command("load_articles", verbosity=0)
    writer = UserFactory(username="checker")

    nudged = {}
    for article in ArticlePage.objects.all():
        found = {match.found for match in screen(article.screening_text(), writer).nudges}
        if found:
            nudged[article.slug] = found

    # The one deliberate use: the article explains why it says "return to use".
    assert nudged == {"after-a-return-to-use": {"relapse"}}


def test_the_seed_articles_state_the_facts_that_keep_people_alive():
    text = {seed.slug: repr(seed.body).lower() for seed in ARTICLES}

    assert "does <b>not</b> reverse benzos, alcohol, xylazine" in text["naloxone"]
    assert "2 to 3 minutes" in text["naloxone"]
    assert "800-484-3731" in text["dont-use-alone"]
    assert "u-47700" in text["fentanyl-test-strips"]
    assert "can't take it back" in text["start-low-go-slow"].replace("’", "'")


@pytest.mark.django_db
def test_load_demo_credits_the_demo_peer_author_and_reviewers(home):
    call_command("load_demo", verbosity=0)

    dee = AuthorProfile.objects.get(pseudonym="Dee")
    assert dee.member.username == "dee_writes"
    assert dee.member.groups.filter(name="Peer authors").exists()
    naloxone = ArticlePage.objects.get(slug="naloxone")
    assert set(naloxone.reviewed_by.values_list("username", flat=True)) == {
        "rio_reviews",
        "noor_reviews",
    }
    in_review = ArticlePage.objects.get(slug="xylazine-wounds")
    assert not in_review.live and in_review.current_workflow_state is not None
