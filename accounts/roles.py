"""Who may do what beyond being a member."""

from core.remembered import remembered

PEER_MODERATORS_GROUP = "Peer moderators"
PEER_REVIEWERS_GROUP = "Peer reviewers"
PEER_AUTHORS_GROUP = "Peer authors"
# Members who gather consultation responses in person or on paper and enter
# them for people who aren't members. Peer moderators add them.
OUTREACH_WORKERS_GROUP = "Outreach workers"


def _group_names(user) -> frozenset[str]:
    """The member's groups, asked once per request (templates ask for every
    post or article they show) and kept in the cache until they change
    (accounts/signals.py forgets them)."""
    names = getattr(user, "_group_names", None)
    if names is None:
        names = remembered(
            "groups",
            lambda: frozenset(user.groups.values_list("name", flat=True)),
            scope=user.pk,
        )
        user._group_names = names
    return names


def is_peer_moderator(user) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or PEER_MODERATORS_GROUP in _group_names(user)


def is_peer_reviewer(user) -> bool:
    """Peer reviewers check articles; peer moderators can do what they do."""
    if not user.is_authenticated:
        return False
    return is_peer_moderator(user) or PEER_REVIEWERS_GROUP in _group_names(user)


def is_outreach_worker(user) -> bool:
    if not user.is_authenticated:
        return False
    return OUTREACH_WORKERS_GROUP in _group_names(user)


def group_permissions_ensure(apps, *, group_name: str, permissions, app_label: str = "") -> None:
    """Idempotent: `group_name` gets each of `permissions` ((app label,
    codename) pairs) it lacks. Takes an app registry, so a data migration can
    call it with its historical models; given `app_label`, it first creates
    that app's permissions, which Django otherwise makes only after every
    migration has run."""
    if app_label:
        from django.contrib.auth.management import create_permissions

        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=group_name)
    for permission_app, codename in permissions:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=permission_app, codename=codename)
        )
