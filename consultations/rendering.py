"""A draft's section text as readers get it, worked out once and kept.

A section's text is Markdown that staff wrote or pasted; it is rendered and
sanitized by core.markup. The result depends on the text alone, so it is
kept in the cache under a hash of the text: a page asks for all its
sections in one round trip, an edit gets a new key (nothing goes stale),
and previews and old revisions, which have no rows of their own, are
rendered the same way. The word-by-word comparison of two versions is kept
the same way, under the hashes of both texts.
"""

import hashlib

from django.core.cache import cache
from django.utils.safestring import mark_safe

from core.markup import render_markdown

from .changes import SectionComparison, Segment, sections_compared, word_diff

# Rendered HTML rarely changes, so it can stay long; the key names the
# renderer's version so a change to core.markup can start afresh.
RENDERED_TTL = 60 * 60 * 24 * 30
HTML_KEY = "draft-section-html:1:{}"
DIFF_KEY = "draft-section-diff:1:{}:{}"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def sections_render(sections: list) -> list:
    """Set `text_html` (safe, sanitized HTML) on each section and return them:
    one cache round trip, and rendering only for text not seen before."""
    # A list, not a dict: a section in a preview has no primary key to hash.
    keys = [(section, HTML_KEY.format(_digest(section.text))) for section in sections]
    found = cache.get_many({key for _section, key in keys})
    missing = {}
    for section, key in keys:
        html = found.get(key)
        if html is None:
            html = missing.get(key) or render_markdown(section.text)
            missing[key] = html
        # Sanitized by render_markdown before it was kept.
        section.text_html = mark_safe(html)  # noqa: S308
    if missing:
        cache.set_many(missing, RENDERED_TTL)
    return sections


def sections_compare(old_sections: list, new_sections: list) -> list[SectionComparison]:
    """sections_compared(), with each kept section's word diff taken from the
    cache when the same two texts were compared before: one round trip."""
    new_texts = {section.key: section.text for section in new_sections}
    keys = {
        (section.text, new_texts[section.key]): DIFF_KEY.format(
            _digest(section.text), _digest(new_texts[section.key])
        )
        for section in old_sections
        if section.key in new_texts
    }
    found = cache.get_many(set(keys.values()))
    missing = {}

    def cached_diff(old: str, new: str) -> list[Segment]:
        key = keys[(old, new)]
        if key not in found:
            found[key] = missing[key] = word_diff(old, new)
        return found[key]

    compared = sections_compared(old_sections, new_sections, diff=cached_diff)
    if missing:
        cache.set_many(missing, RENDERED_TTL)
    return compared
