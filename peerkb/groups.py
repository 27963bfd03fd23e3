"""The peer groups, what each may do, the peer-review workflow, and the
starter list of substances.

Written against an app registry passed in, so the same code runs inside a
data migration (with historical models) and from `setup_site`.
"""

from accounts.roles import PEER_AUTHORS_GROUP, PEER_MODERATORS_GROUP, PEER_REVIEWERS_GROUP

PEER_REVIEW_WORKFLOW = "Peer review"
PEER_REVIEW_TASK = "Peer review"

_WRITERS = [
    ("wagtailadmin", "access_admin"),
    ("peerkb", "add_authorprofile"),
    ("peerkb", "change_authorprofile"),
    ("peerkb", "view_authorprofile"),
]

GROUP_PERMISSIONS = {
    PEER_AUTHORS_GROUP: _WRITERS,
    PEER_REVIEWERS_GROUP: _WRITERS,
    PEER_MODERATORS_GROUP: [
        *_WRITERS,
        ("peerkb", "change_safetysettings"),
        ("peerkb", "delete_authorprofile"),
        ("peerkb", "add_substancetag"),
        ("peerkb", "change_substancetag"),
        ("peerkb", "delete_substancetag"),
        ("peerkb", "view_substancetag"),
        ("peerkb", "add_topictag"),
        ("peerkb", "change_topictag"),
        ("peerkb", "delete_topictag"),
        ("peerkb", "view_topictag"),
        ("forum", "add_category"),
        ("forum", "change_category"),
        ("forum", "delete_category"),
        ("moderation", "add_watchedword"),
        ("moderation", "change_watchedword"),
        ("moderation", "delete_watchedword"),
        ("moderation", "view_watchedword"),
    ],
}
# Wagtail grants image permissions per collection, never through the group's
# own permissions: these are granted on the root collection.
IMAGE_PERMISSIONS = {
    PEER_AUTHORS_GROUP: ["add_image", "choose_image"],
    PEER_REVIEWERS_GROUP: ["add_image", "choose_image"],
    PEER_MODERATORS_GROUP: ["add_image", "choose_image", "change_image"],
}
# Page permissions, granted on the page each group works under (see services).
PAGE_PERMISSIONS = {
    PEER_AUTHORS_GROUP: ["add_page", "change_page"],
    PEER_REVIEWERS_GROUP: ["add_page", "change_page"],
    PEER_MODERATORS_GROUP: ["add_page", "change_page", "publish_page"],
}


def groups_and_workflow_ensure(apps) -> None:
    """The three groups with their permissions (images' on the root collection),
    and the peer-review task and workflow. Idempotent: what exists is kept,
    missing permissions are added."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, permissions in GROUP_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, codename in permissions:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
    _image_permissions_ensure(apps)
    _workflow_ensure(apps, reviewers=Group.objects.get(name=PEER_REVIEWERS_GROUP))


def _image_permissions_ensure(apps) -> None:
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    for name, codenames in IMAGE_PERMISSIONS.items():
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=Group.objects.get(name=name),
                collection=root,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailimages", codename=codename
                ),
            )


def _workflow_ensure(apps, *, reviewers) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    PeerReviewTask = apps.get_model("peerkb", "PeerReviewTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")

    task = PeerReviewTask.objects.filter(name=PEER_REVIEW_TASK).first()
    if task is None:
        content_type, _created = ContentType.objects.get_or_create(
            app_label="peerkb", model="peerreviewtask"
        )
        task = PeerReviewTask.objects.create(
            name=PEER_REVIEW_TASK, content_type=content_type, active=True
        )
        task.groups.add(reviewers)
    workflow = Workflow.objects.filter(name=PEER_REVIEW_WORKFLOW).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=PEER_REVIEW_WORKFLOW, active=True)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)


def starter_substances_ensure(apps) -> None:
    """The curated substances a fresh site starts with; existing ones are kept."""
    from django.utils.text import slugify

    from .default_texts import STARTER_SUBSTANCES

    SubstanceTag = apps.get_model("peerkb", "SubstanceTag")
    for name in STARTER_SUBSTANCES:
        SubstanceTag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})
