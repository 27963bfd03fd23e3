"""Everything the site stores that points at a member, relation by relation:
whether the data download includes it (and under which heading) or leaves it
out, and why.

Each part of the site declares its own relations with the "member_data" hook: a
function returning `{"exported": {relation: heading}, "excluded": {relation:
reason}}`, where a relation is "app_label.Model.field" (the field that points
at the member). A test walks every relation to the user model in every
installed app and fails on any that nobody declared, so a new model that
stores something about members can't be left out of the download by accident.
"""

from django.contrib.auth import get_user_model

from wagtail import hooks


def user_relation_keys() -> set[str]:
    """Every "app_label.Model.field" that points at the user model: foreign keys,
    one-to-ones and many-to-manys from any installed app, and the user model's
    own many-to-manys. Tables Django makes for a many-to-many are covered by
    that many-to-many."""
    user_model = get_user_model()
    keys = set()
    for field in user_model._meta.get_fields(include_hidden=True):
        if not field.is_relation:
            continue
        if field.auto_created and not field.concrete:
            holder = field.related_model
            if holder._meta.auto_created:
                continue
            keys.add(f"{holder._meta.label}.{field.field.name}")
        else:
            keys.add(f"{user_model._meta.label}.{field.name}")
    return keys


def member_data_declared() -> tuple[dict[str, str], dict[str, str]]:
    """(exported relation → heading in the download, excluded relation → reason)."""
    exported: dict[str, str] = {}
    excluded: dict[str, str] = {}
    for declare in hooks.get_hooks("member_data"):
        declared = declare()
        exported.update(declared.get("exported", {}))
        excluded.update(declared.get("excluded", {}))
    return exported, excluded
