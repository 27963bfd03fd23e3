"""The export an organization reads its responses in: CSV or JSON.

Per submitted response: its random public id, the month it was sent (never a
finer time), whether an outreach worker entered it, whether it may be quoted,
its speaking-as choices, its stance on each section and its visible comments
and answers. Never a handle, an account id, who entered it or when exactly.
Speaking-as choices of a group with fewer than 5 responses are left out, and
the file says so.

Responses are listed by their random public id, never in the order they
came: a row's place would date it against the others.

The file is streamed: five queries whatever the number of responses (the
groups' sizes, the sections, then responses, stances and comments, each read
in public-id order through one cursor and merged here), and memory for one
response at a time.
"""

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from moderation.models.base import ModerationState

from ..models import CommentPart, PolicyDraftPage, Response, ResponseComment, SectionAnswer, Stance
from ..suppression import MINIMUM, tags_to_withhold
from .results import GROUPS, TagReader, speaking_as_tags, speaking_as_text

EXPORT_FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}
CHUNK_SIZE = 5000
# Characters sent at a time: a few responses, not one line per write.
STREAM_CHUNK = 64 * 1024
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_filename(draft: PolicyDraftPage, file_format: str) -> str:
    return f"{draft.slug}-responses.{file_format}"


@dataclass(frozen=True)
class _Section:
    key: str
    heading: str
    question: str
    uuid: object


class _Follower:
    """Rows ordered by their response's public id, handed over one response at
    a time. Public ids are lowercase hex of one length, so the database's order
    and Python's agree."""

    def __init__(self, rows):
        self._groups = groupby(rows, key=itemgetter(0))
        self._next = next(self._groups, None)

    def take(self, public_id: str) -> list:
        while self._next is not None and self._next[0] < public_id:
            self._next = next(self._groups, None)
        if self._next is None or self._next[0] != public_id:
            return []
        rows = list(self._next[1])
        self._next = next(self._groups, None)
        return rows


def _withheld_tags(draft: PolicyDraftPage) -> set[str]:
    """Groups with fewer than 5 responses, counted in the database by the
    distinct speaking-as lists (a few dozen rows, not one per response)."""
    totals, tags = dict.fromkeys(GROUPS, 0), TagReader()
    rows = (
        Response.objects.submitted()
        .filter(draft=draft)
        .order_by()
        .annotate(tags=speaking_as_text())
        .values_list("tags")
        .annotate(n=Count("pk"))
    )
    for text, n in rows:
        for tag in tags[text]:
            totals[tag] += n
    return tags_to_withhold(totals)


def _records(draft: PolicyDraftPage, sections: list[_Section], withheld: set[str]) -> Iterator:
    """One dict per submitted response, by public id."""
    submitted = {"response__draft": draft, "response__submitted_at__isnull": False}
    responses = (
        Response.objects.submitted()
        .filter(draft=draft)
        .order_by("public_id")
        .values_list(
            "public_id", "speaking_as", "quote_consent", "entered_by_outreach", "submitted_at"
        )
        .iterator(chunk_size=CHUNK_SIZE)
    )
    answers = _Follower(
        SectionAnswer.objects.filter(**submitted)
        .order_by("response__public_id")
        .values_list("response__public_id", "section_key", "stance")
        .iterator(chunk_size=CHUNK_SIZE)
    )
    comments = _Follower(
        ResponseComment.objects.filter(**submitted, moderation_state=ModerationState.VISIBLE)
        .order_by("response__public_id")
        .values_list("response__public_id", "section_key", "part", "body")
        .iterator(chunk_size=CHUNK_SIZE)
    )
    for public_id, speaking_as, may_quote, by_outreach, submitted_at in responses:
        stances = {key: stance for _id, key, stance in answers.take(public_id)}
        words = {(key, part): body for _id, key, part, body in comments.take(public_id)}
        tags = speaking_as_tags(speaking_as)
        yield {
            "id": public_id,
            "month": timezone.localtime(submitted_at).strftime("%Y-%m"),
            "entered_by_outreach": by_outreach,
            "may_quote": may_quote,
            "speaking_as": [tag for tag in GROUPS if tag in tags and tag not in withheld],
            # By section key; the file's "sections" gives each key's heading.
            "sections": {
                section.key: {
                    "stance": stances.get(section.uuid, Stance.SKIP.value),
                    "comment": words.get((section.uuid, CommentPart.COMMENT), ""),
                    "answer": words.get((section.uuid, CommentPart.ANSWER), ""),
                }
                for section in sections
            },
            "overall_comment": words.get((None, CommentPart.OVERALL), ""),
        }


def _withheld_note(withheld: set[str]) -> str:
    if not withheld:
        return _(
            "Speaking-as choices of a group with fewer than %(minimum)d responses are left "
            "out. No group was that small."
        ) % {"minimum": MINIMUM}
    return _(
        "Speaking-as choices of a group with fewer than %(minimum)d responses are left out, "
        "so nobody can be picked out. Left out here: %(groups)s."
    ) % {
        "minimum": MINIMUM,
        "groups": "; ".join(str(GROUPS[tag]) for tag in GROUPS if tag in withheld),
    }


def _notes(withheld: set[str]) -> list[str]:
    return [
        _(
            "Each response has a random id. Only the month it was sent is given. No names, "
            "handles or account details are in this file."
        ),
        _(
            "Each response gives its stance, comment and answer per section, by the "
            "section's key; \"sections\" gives each key's heading. Stances: agree, "
            "disagree, unsure, or skip (also for a section left without an answer)."
        ),
        _("Comments held or hidden by moderators are left out."),
        _withheld_note(withheld),
    ]


def _safe_cell(value: str) -> str:
    """Text a spreadsheet shows as text, never runs as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _csv_line(values: list) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(values)
    return buffer.getvalue()


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _csv(draft, sections: list[_Section], withheld: set[str]) -> Iterator[str]:
    header = ["id", "month", "entered by outreach", "may quote"]
    header.append(_("speaking as (%(note)s)") % {"note": _withheld_note(withheld)})
    for section in sections:
        label = _safe_cell(f"{section.heading} [{section.key}]")
        header += [f"{label}: stance", f"{label}: comment", f"{label}: answer"]
    header.append("overall comment")
    labels = {tag: str(label) for tag, label in GROUPS.items()}
    # A byte-order mark, so a spreadsheet reads the file as UTF-8.
    yield "\ufeff" + _csv_line(header)
    for record in _records(draft, sections, withheld):
        line = [
            record["id"],
            record["month"],
            _yes_no(record["entered_by_outreach"]),
            _yes_no(record["may_quote"]),
            "; ".join(labels[tag] for tag in record["speaking_as"]),
        ]
        for section in record["sections"].values():
            line += [
                section["stance"],
                _safe_cell(section["comment"]),
                _safe_cell(section["answer"]),
            ]
        line.append(_safe_cell(record["overall_comment"]))
        yield _csv_line(line)


def _json(draft, sections: list[_Section], withheld: set[str]) -> Iterator[str]:
    head = {
        "draft": {
            "title": draft.title,
            "organization": draft.organization.name,
            "opens_on": draft.opens_on.isoformat(),
            "closes_on": draft.closes_on.isoformat(),
        },
        "notes": _notes(withheld),
        "speaking_as_choices": {tag: str(label) for tag, label in GROUPS.items()},
        "speaking_as_withheld": [tag for tag in GROUPS if tag in withheld],
        "sections": [
            {"key": s.key, "heading": s.heading, "question": s.question} for s in sections
        ],
    }
    # The head without its closing brace, then the responses one by one.
    yield json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ',\n "responses": [\n'
    separator = ""
    for record in _records(draft, sections, withheld):
        yield separator + json.dumps(record, ensure_ascii=False)
        separator = ",\n"
    yield "\n ]\n}\n"


def export_stream(draft: PolicyDraftPage, *, file_format: str) -> Iterator[bytes]:
    """The export as UTF-8 chunks; nothing is read until the first is asked for."""
    withheld = _withheld_tags(draft)
    sections = [
        _Section(str(section.key), section.heading, section.question, section.key)
        for section in draft.sections.all()
    ]
    write = _csv if file_format == "csv" else _json
    buffered, size = [], 0
    for piece in write(draft, sections, withheld):
        buffered.append(piece)
        size += len(piece)
        if size >= STREAM_CHUNK:
            yield "".join(buffered).encode()
            buffered, size = [], 0
    if buffered:
        yield "".join(buffered).encode()
