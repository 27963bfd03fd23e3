"""The screened-write path's language nudges, for pages written in the Wagtail
editor (knowledge-base articles, policy drafts). A warning after saving,
with a suggestion for each word: nothing is blocked."""

from django.contrib import messages
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from wagtail.admin.messages import render as render_admin_message

from .screening import WordMatch, screen


def language_nudges_detail(nudges: list[WordMatch]) -> str:
    """A list of the words found, each once, with what could be said instead."""
    found = {match.found: match.suggestion for match in nudges}
    return format_html(
        "<ul>{}</ul>",
        format_html_join(
            "",
            "<li>{}</li>",
            (
                (
                    _("Instead of “%(found)s”, you could say “%(suggestion)s”.")
                    % {"found": word, "suggestion": suggestion},
                )
                for word, suggestion in found.items()
            ),
        ),
    )


def editor_language_nudges(request, *, text: str, message: str) -> bool:
    """Screen `text` as the editor's user wrote it and, if it has words that can
    feel judging, add `message` as a warning with the suggestions under it.
    Returns whether it warned."""
    nudges = screen(text, request.user).nudges
    if not nudges:
        return False
    messages.warning(
        request, render_admin_message(message, [], detail=language_nudges_detail(nudges))
    )
    return True
