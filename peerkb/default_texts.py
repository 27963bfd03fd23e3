"""Starting words for the pages and settings every install has.

Peer moderators change all of it in the Wagtail admin; this is only what a
fresh site starts with. The words are in `peerkb/content/pages/`,
`peerkb/content/safety/` and `peerkb/content/substances.md`.
"""

from .content_files import CONTENT, content_file_read, pieces, plain_text, rich_text


def _page(name: str) -> tuple[str, str]:
    """`pages/<name>.md`: the page's intro in front matter, and its text."""
    source = content_file_read(CONTENT / "pages" / f"{name}.md")
    source.expect_fields(required=(), optional=("intro",))
    intro = source.text("intro") if "intro" in source.fields else ""
    return intro, rich_text(source, source.body, source.body_line, page=True)


def _safety_text(name: str) -> str:
    source = content_file_read(CONTENT / "safety" / f"{name}.md")
    source.expect_fields(required=())
    return rich_text(source, source.body, source.body_line, page=True)


def _crisis_lines() -> list:
    """`safety/crisis-lines.md`: one `::: line` block a phone line, in the
    form the Safety setting's `crisis_lines` stores."""
    source = content_file_read(CONTENT / "safety" / "crisis-lines.md")
    lines = []
    for piece in pieces(source):
        if piece.kind != "line":
            raise source.error(piece.line, "each phone line is a “::: line” block")
        for name, (_value, line) in piece.fields.items():
            if name not in ("name", "number", "hours"):
                raise source.error(line, f"a line has a name, number and hours, not “{name}”")
        fields = {name: value for name, (value, _line) in piece.fields.items()}
        if not fields.get("name") or not fields.get("number"):
            raise source.error(piece.line, "a line needs a name and a number")
        lines.append(
            (
                "line",
                {
                    "name": fields["name"],
                    "number": fields["number"],
                    "hours": fields.get("hours", ""),
                    "description": plain_text(piece.text),
                },
            )
        )
    return lines


def _starter_substances() -> list[str]:
    source = content_file_read(CONTENT / "substances.md")
    source.expect_fields(required=("substances",))
    return source.items("substances")


CRISIS_LINES = _crisis_lines()
OVERDOSE_STEPS = _safety_text("overdose-steps")
GOOD_SAMARITAN = _safety_text("good-samaritan")

_home, HOME_INTRO = _page("home")
OVERDOSE_INTRO, _overdose = _page("overdose")
GUIDELINES_INTRO, GUIDELINES_BODY = _page("guidelines")
PRIVACY_INTRO, PRIVACY_BODY = _page("privacy")
ABOUT_INTRO, ABOUT_BODY = _page("about")
KNOWLEDGE_BASE_INTRO, _knowledge_base = _page("knowledge-base")

# The substances authors can file articles under. Peer moderators add to the
# list in the admin; these are where a fresh site starts.
STARTER_SUBSTANCES = _starter_substances()
