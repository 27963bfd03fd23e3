"""A draft's results: how many responded, where people stand on each section,
how statements were marked, and where groups agree or differ.

Every count goes through consultations.suppression before it is returned.
The cost doesn't grow with the number of responses in queries: the database
counts, grouped by section, stance and the respondent's speaking-as choices
(a few dozen combinations at most), and Python adds the groups up from those
rows. benchmarks/consultation_results.py measures it at 5,000 responses.
"""

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import Count, F, FilteredRelation, Q, TextField
from django.db.models.functions import Cast
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from moderation.models.base import ModerationState

from ..models import (
    CommentPart,
    DraftStatus,
    PolicyDraftPage,
    Response,
    ResponseComment,
    SectionAnswer,
    SpeakingAs,
    StatementVote,
)
from ..suppression import MINIMUM, Row, group_totals_suppress, partition_suppress, table_suppress

STANCES = {
    "agree": _("Agree"),
    "disagree": _("Disagree"),
    "unsure": _("Unsure"),
    "skip": _("Skipped"),
}
VOTES = {"agree": _("Agree"), "disagree": _("Disagree"), "pass": _("Pass")}
WHO = {"members": _("Members"), "outreach": _("Entered by outreach workers")}
GROUPS = dict(SpeakingAs.choices)
# Statements listed under each section on the results page, most marked
# first; all of them are on the draft's own page.
STATEMENTS_PER_SECTION = 10
# Common ground and where groups differ, each at most this long.
HIGHLIGHTS_LENGTH = 10


def speaking_as_tags(value) -> frozenset[str]:
    """The known speaking-as choices in a response's stored list."""
    if not isinstance(value, list):
        return frozenset()
    return frozenset(tag for tag in value if tag in GROUPS)


def speaking_as_text(path: str = "speaking_as"):
    """A response's speaking-as list as the database writes it, for grouping
    by: a few dozen distinct lists, each read once by `TagReader`, where
    reading every row's JSON would cost more than the counting."""
    return Cast(F(path), output_field=TextField())


class TagReader(dict):
    """Speaking-as lists as text, read once each."""

    def __missing__(self, text):
        try:
            tags = speaking_as_tags(json.loads(text)) if text else frozenset()
        except ValueError:
            tags = frozenset()
        self[text] = tags
        return tags


def statements_of(draft: PolicyDraftPage):
    """The draft's statements: section comments, visible, from submitted
    responses whose respondent said they may be quoted."""
    return ResponseComment.objects.filter(
        response__draft=draft,
        response__submitted_at__isnull=False,
        response__quote_consent=True,
        part=CommentPart.COMMENT,
        section_key__isnull=False,
        moderation_state=ModerationState.VISIBLE,
    )


# ---- what the page shows ---------------------------------------------------


@dataclass(frozen=True)
class ShareLine:
    label: str
    count: int
    share: int

    @property
    def bar(self) -> int:
        """The bar's width class, in steps of 5%: the words carry the exact figure."""
        return 5 * round(self.share / 5)


@dataclass(frozen=True)
class ShareRows:
    """One suppressed row as the page shows it: the counts that may be shown,
    and the held-back ones as one line (their sum, 5 or more)."""

    label: str
    total: int | None
    lines: tuple[ShareLine, ...]
    held_back: ShareLine | None


def _joined(labels: list[str]) -> str:
    if len(labels) == 1:
        return str(labels[0])
    return format_lazy(
        _("{most} and {last}"), most=", ".join(str(label) for label in labels[:-1]), last=labels[-1]
    )


def share_rows(row: Row, labels: Mapping[str, str], label: str = "") -> ShareRows:
    lines = tuple(
        ShareLine(str(labels[cell.key]), cell.count, cell.share)
        for cell in row.cells
        if not cell.held_back
    )
    held_back = None
    if row.total is not None and row.held_back_total is not None:
        held_back = ShareLine(
            str(_joined([labels[key] for key in row.held_back_keys])),
            row.held_back_total,
            row.held_back_share,
        )
    return ShareRows(label=label, total=row.total, lines=lines, held_back=held_back)


@dataclass(frozen=True)
class GroupCount:
    """How many responses chose a group: `count` is None when held back,
    because it is under 5 or because all but a few chose it."""

    label: str
    count: int | None
    fewer_than_minimum: bool


@dataclass
class StatementResults:
    """One statement as the page lists it: its marks (suppressed), and for
    common ground and where groups differ, each counted group's majority."""

    comment_id: int
    section_key: object
    everyone: ShareRows | None = None
    majorities: list[tuple[str, str]] = field(default_factory=list)
    common_ground: bool = False
    differs: bool = False
    comment: ResponseComment | None = None


@dataclass
class SectionResults:
    section: object
    number: int
    everyone: ShareRows
    groups: list[ShareRows]
    not_broken_out: list[str]
    statements: list[StatementResults] = field(default_factory=list)
    more_statements: int = 0


@dataclass
class DraftResults:
    """What the results page shows. `shares_shown` is false while the
    consultation is open (unless the organization chose live results): then
    only `responses` is filled in."""

    shares_shown: bool
    responses: ShareRows
    groups: list[GroupCount] = field(default_factory=list)
    sections: list[SectionResults] = field(default_factory=list)
    common_ground: list[StatementResults] = field(default_factory=list)
    groups_differ: list[StatementResults] = field(default_factory=list)


# ---- counting --------------------------------------------------------------


@dataclass
class _ResponseCounts:
    total: int = 0
    members: int = 0
    outreach: int = 0
    by_group: Counter = field(default_factory=Counter)


def _response_counts(draft: PolicyDraftPage, tags: TagReader) -> _ResponseCounts:
    counts = _ResponseCounts()
    rows = (
        Response.objects.submitted()
        .filter(draft=draft)
        .order_by()
        .annotate(tags=speaking_as_text())
        .values_list("tags", "entered_by_outreach")
        .annotate(n=Count("pk"))
    )
    for text, by_outreach, n in rows:
        counts.total += n
        if by_outreach:
            counts.outreach += n
        else:
            counts.members += n
        for tag in tags[text]:
            counts.by_group[tag] += n
    return counts


def _stances(draft: PolicyDraftPage, keys: Iterable, counts: _ResponseCounts, tags: TagReader):
    """Stance counts per section, overall and per group; a section a
    respondent left without an answer counts as skipped."""
    overall = {key: Counter() for key in keys}
    by_group = {key: defaultdict(Counter) for key in keys}
    rows = (
        SectionAnswer.objects.filter(response__draft=draft, response__submitted_at__isnull=False)
        .order_by()
        .annotate(tags=speaking_as_text("response__speaking_as"))
        .values_list("section_key", "stance", "tags")
        .annotate(n=Count("pk"))
    )
    for section_key, stance, text, n in rows:
        if section_key not in overall or stance not in STANCES:
            continue
        overall[section_key][stance] += n
        for tag in tags[text]:
            by_group[section_key][tag][stance] += n
    for key in overall:
        overall[key]["skip"] += counts.total - sum(overall[key].values())
        for tag, group_total in counts.by_group.items():
            answered = by_group[key][tag]
            answered["skip"] += group_total - sum(answered.values())
    return overall, by_group


def _ordered(counter: Mapping[str, int], keys: Iterable[str]) -> dict[str, int]:
    return {key: counter.get(key, 0) for key in keys}


def _statement_votes(draft: PolicyDraftPage, tags: TagReader):
    """Each statement's marks, overall and by the voter's own speaking-as
    choices on this draft (none if they didn't respond), in one query."""
    rows = (
        StatementVote.objects.filter(
            comment__response__draft=draft,
            comment__response__submitted_at__isnull=False,
            comment__response__quote_consent=True,
            comment__part=CommentPart.COMMENT,
            comment__section_key__isnull=False,
            comment__moderation_state=ModerationState.VISIBLE,
        )
        .annotate(
            own_response=FilteredRelation(
                "voter__consultation_responses",
                condition=Q(
                    voter__consultation_responses__draft=draft,
                    voter__consultation_responses__submitted_at__isnull=False,
                ),
            ),
            tags=speaking_as_text("own_response__speaking_as"),
        )
        .order_by()
        .values_list("comment_id", "choice", "tags")
        .annotate(n=Count("pk"))
    )
    overall: dict[int, Counter] = defaultdict(Counter)
    by_group: dict[int, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for comment_id, choice, text, n in rows:
        if choice not in VOTES:
            continue
        overall[comment_id][choice] += n
        for tag in tags[text]:
            by_group[comment_id][tag][choice] += n
    return overall, by_group


def _majorities(statement: StatementResults, by_group: Mapping[str, Counter]) -> float:
    """Common ground and where groups differ, on the real counts of the groups
    with 5 or more voters; returns how strongly, for ordering (common ground:
    the lowest share of agree; differ: how far apart the shares of agree are)."""
    counted = {
        tag: by_group[tag]
        for tag in GROUPS
        if tag in by_group and sum(by_group[tag].values()) >= MINIMUM
    }
    if len(counted) < 2:
        return 0.0
    agree_shares = {}
    for tag, votes in counted.items():
        voters = sum(votes.values())
        agree_shares[tag] = votes["agree"] / voters
        if votes["agree"] * 2 > voters:
            word = _("most agreed")
        elif votes["disagree"] * 2 > voters:
            word = _("most disagreed")
        else:
            word = _("no clear majority")
        statement.majorities.append((GROUPS[tag], word))
    agreed = [tag for tag, votes in counted.items() if votes["agree"] * 2 > sum(votes.values())]
    disagreed = [
        tag for tag, votes in counted.items() if votes["disagree"] * 2 > sum(votes.values())
    ]
    statement.common_ground = len(agreed) == len(counted)
    statement.differs = bool(agreed) and bool(disagreed)
    if statement.common_ground:
        return min(agree_shares.values())
    return max(agree_shares.values()) - min(agree_shares.values())


def _group_rows(draft_counts: _ResponseCounts) -> list[GroupCount]:
    """Every group, so a group left out never reads as "nobody"."""
    totals = {tag: draft_counts.by_group.get(tag, 0) for tag in GROUPS}
    shown = group_totals_suppress(totals, draft_counts.total)
    return [
        GroupCount(GROUPS[tag], shown[tag], fewer_than_minimum=totals[tag] < MINIMUM)
        for tag in GROUPS
    ]


def _section_results(draft, counts: _ResponseCounts, tags: TagReader) -> list[SectionResults]:
    sections = list(draft.sections.all())
    overall, by_group = _stances(draft, [section.key for section in sections], counts, tags)
    labels = {key: str(label) for key, label in STANCES.items()}
    results = []
    for number, section in enumerate(sections, start=1):
        table = table_suppress(
            _ordered(overall[section.key], STANCES),
            {tag: _ordered(by_group[section.key][tag], STANCES) for tag in GROUPS},
        )
        results.append(
            SectionResults(
                section=section,
                number=number,
                everyone=share_rows(table.overall, labels),
                groups=[share_rows(row, labels, GROUPS[row.key]) for row in table.groups],
                not_broken_out=[
                    GROUPS[tag] for tag in table.not_broken_out if counts.by_group.get(tag)
                ],
            )
        )
    return results


def _statements(draft, results: DraftResults, tags: TagReader) -> None:
    """Common ground and where groups differ among all the statements, and
    the most marked under each section. Only the statements listed are
    suppressed and loaded: the rest are only counted."""
    statement_keys = list(statements_of(draft).values_list("pk", "section_key"))
    votes, votes_by_group = _statement_votes(draft, tags)
    statements, strength = [], {}
    for pk, key in statement_keys:
        statement = StatementResults(pk, key)
        strength[pk] = _majorities(statement, votes_by_group.get(pk, {}))
        statements.append(statement)

    def strongest(statement):
        return (-strength[statement.comment_id], statement.comment_id)

    results.common_ground = sorted((s for s in statements if s.common_ground), key=strongest)[
        :HIGHLIGHTS_LENGTH
    ]
    results.groups_differ = sorted((s for s in statements if s.differs), key=strongest)[
        :HIGHLIGHTS_LENGTH
    ]
    by_section = {section.section.key: section for section in results.sections}
    for statement in sorted(
        statements, key=lambda s: (-sum(votes.get(s.comment_id, {}).values()), s.comment_id)
    ):
        section = by_section.get(statement.section_key)
        if section is None:
            continue
        if len(section.statements) < STATEMENTS_PER_SECTION:
            section.statements.append(statement)
        else:
            section.more_statements += 1
    listed = {
        statement.comment_id: statement
        for statement in [
            *results.common_ground,
            *results.groups_differ,
            *(statement for section in results.sections for statement in section.statements),
        ]
    }
    labels = {key: str(label) for key, label in VOTES.items()}
    for pk, statement in listed.items():
        row = partition_suppress(_ordered(votes.get(pk, {}), VOTES))
        statement.everyone = share_rows(row, labels)
    _attach_comments(draft, list(listed.values()))


def draft_results(draft: PolicyDraftPage, *, status: str | None = None) -> DraftResults:
    """Everything the results page shows, suppressed. A fixed number of
    queries whatever the number of responses, statements or votes."""
    status = status or draft.status
    tags = TagReader()
    counts = _response_counts(draft, tags)
    responses = share_rows(
        partition_suppress({"members": counts.members, "outreach": counts.outreach}),
        {key: str(label) for key, label in WHO.items()},
    )
    shares_shown = status in (DraftStatus.CLOSED, DraftStatus.REPORTED) or (
        status == DraftStatus.OPEN and draft.show_live_results
    )
    results = DraftResults(shares_shown=shares_shown, responses=responses)
    if not shares_shown:
        return results
    results.groups = _group_rows(counts)
    results.sections = _section_results(draft, counts, tags)
    _statements(draft, results, tags)
    return results


def _attach_comments(draft: PolicyDraftPage, statements: list[StatementResults]) -> None:
    """Load the words of the statements the page lists, in one query."""
    comments = (
        ResponseComment.objects.filter(pk__in={s.comment_id for s in statements})
        .select_related("response")
        # With what `get_absolute_url` asks to know it is shown as a statement.
        .only(
            "pk",
            "body",
            "section_key",
            "part",
            "moderation_state",
            "response__id",
            "response__draft_id",
            "response__quote_consent",
            "response__submitted_at",
        )
    )
    by_id = {}
    for comment in comments:
        # Every statement is on this draft: its address needs no other query.
        comment.response.draft = draft
        by_id[comment.pk] = comment
    for statement in statements:
        statement.comment = by_id.get(statement.comment_id)
