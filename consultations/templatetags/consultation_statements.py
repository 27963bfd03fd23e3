from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def statements_under(context, section) -> list:
    """The statements under `section`, from what the draft's page was given
    (consultations.views.statements.statements_context): no query here."""
    statements = context.get("draft_statements")
    if statements is None:
        return []
    return statements.by_section.get(section.key, [])
