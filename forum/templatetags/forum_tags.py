from django import template

register = template.Library()


@register.simple_tag
def reaction_count(post, kind: str) -> int:
    """The count annotated by Post.objects.for_thread_page."""
    return getattr(post, f"{kind}_count", 0)


@register.simple_tag
def is_reacted(my_reactions: set, post, kind: str) -> bool:
    return (post.pk, kind) in my_reactions
