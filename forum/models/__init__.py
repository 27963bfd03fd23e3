"""The forum's models, one module per part of the forum. Imported here so
Django finds them, and so `forum.models.Thread` names every one of them."""

from .categories import Category, CategoryQuerySet, WhoMayStart
from .posts import POST_MAX_LENGTH, Post, PostQuerySet, PostRevision
from .preferences import ForumPreferences
from .reports import DoseUnit, ExperienceReport, Route, SubstanceDose, TestedResult, YesNo
from .social import (
    Bookmark,
    CountedReactor,
    Following,
    FollowingQuerySet,
    FollowLevel,
    Reaction,
    ReactionKind,
)
from .threads import (
    MAX_TAGS,
    POSTS_PER_PAGE,
    TAG_MAX_LENGTH,
    THREADS_PER_PAGE,
    TITLE_MAX_LENGTH,
    ContentWarning,
    Thread,
    ThreadKind,
    ThreadQuerySet,
    ThreadRead,
    page_for_position,
)

__all__ = [
    "MAX_TAGS",
    "POST_MAX_LENGTH",
    "POSTS_PER_PAGE",
    "TAG_MAX_LENGTH",
    "THREADS_PER_PAGE",
    "TITLE_MAX_LENGTH",
    "Bookmark",
    "Category",
    "CategoryQuerySet",
    "ContentWarning",
    "CountedReactor",
    "DoseUnit",
    "ExperienceReport",
    "Following",
    "FollowingQuerySet",
    "FollowLevel",
    "ForumPreferences",
    "Post",
    "PostQuerySet",
    "PostRevision",
    "Reaction",
    "ReactionKind",
    "Route",
    "SubstanceDose",
    "TestedResult",
    "Thread",
    "ThreadKind",
    "ThreadQuerySet",
    "ThreadRead",
    "WhoMayStart",
    "YesNo",
    "page_for_position",
]
