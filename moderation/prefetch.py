from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db.models import prefetch_related_objects

from .models import ModerationSubject


def targets_prefetch(objects: list, field: str) -> None:
    """Load the generic `field` of every object, one query per kind of target,
    with whatever each kind's moderation_queryset() selects alongside."""
    models = {
        content_type.model_class()
        for content_type in (getattr(obj, "content_type", None) for obj in objects)
        if content_type is not None and content_type.model_class() is not None
    }
    if not models:
        return
    querysets = [
        model.moderation_queryset()
        if issubclass(model, ModerationSubject)
        # A member or a profile: not a subject, loaded as it is.
        else model._default_manager.all()
        for model in models
    ]
    prefetch_related_objects(objects, GenericPrefetch(field, querysets))
