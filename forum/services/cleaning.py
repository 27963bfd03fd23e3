"""What every title, post and tag goes through before it is saved."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.text import clean_plain_text

from ..models.posts import POST_MAX_LENGTH
from ..models.threads import MAX_TAGS, TAG_MAX_LENGTH, TITLE_MAX_LENGTH

TAG_PATTERN = re.compile(r"[\w][\w \-]*", re.UNICODE)


def clean_title(title: str) -> str:
    visible = "".join(char for char in title if unicodedata.category(char) not in ("Cf", "Cc"))
    visible = " ".join(visible.split())
    if not visible:
        raise ValidationError({"title": _("Give your thread a title.")})
    if len(visible) > TITLE_MAX_LENGTH:
        raise ValidationError(
            {"title": _("Keep the title under %(max)d characters.") % {"max": TITLE_MAX_LENGTH}}
        )
    return visible


def clean_body(body: str) -> str:
    body = clean_plain_text(body)
    visible = "".join(char for char in body if unicodedata.category(char) not in ("Cf",))
    if not visible.strip():
        raise ValidationError({"body": _("Write something before posting.")})
    if len(body) > POST_MAX_LENGTH:
        raise ValidationError(
            {
                "body": _(
                    "Posts can be up to %(max)s characters. This one has %(count)s. "
                    "Try splitting it into two posts."
                )
                % {"max": f"{POST_MAX_LENGTH:,}", "count": f"{len(body):,}"}
            }
        )
    return body


def clean_tags(tags: list[str]) -> list[str]:
    """Lower-cased, trimmed, unique, at most five of at most 30 characters."""
    cleaned: list[str] = []
    for tag in tags:
        tag = " ".join(clean_plain_text(tag).lower().split())
        if not tag or tag in cleaned:
            continue
        if len(tag) > TAG_MAX_LENGTH:
            raise ValidationError(
                {
                    "tags": _("“%(tag)s” is too long: tags can have up to %(max)d characters.")
                    % {"tag": tag[:40], "max": TAG_MAX_LENGTH}
                }
            )
        if not TAG_PATTERN.fullmatch(tag):
            raise ValidationError(
                {"tags": _("Tags can use letters, numbers, spaces and hyphens only.")}
            )
        cleaned.append(tag)
    if len(cleaned) > MAX_TAGS:
        raise ValidationError({"tags": _("Use at most %(max)d tags.") % {"max": MAX_TAGS}})
    return cleaned
