"""Small-number suppression: the one rule for every count the consultations
show or export, so nobody can be picked out of a handful.

- A count of 1 to 4 is never shown, nor is a share that would let it be
  worked out: it shows as "fewer than 5". (None is shown: nobody can be
  picked out of nobody, and "everyone agreed" is a result people need.)
- Counts that add up to a total that is shown are held back together: a
  count of 1 to 4 is shown only as part of a sum of two or more counts that
  comes to 5 or more ("disagree and unsure together: 9"), so subtracting the
  others from the total can't give it away.
- A speaking-as group with fewer than 5 responses is not broken out. Nor is a
  group that all but 1 to 4 responses belong to: subtracting it from the
  overall figures would show those few. For the same reason, a group's count
  is held back wherever the overall count minus the group's leaves 1 to 4,
  and a count held back for everyone is held back in every group (a group's
  count is a floor under everyone's). Groups overlap, since people may
  choose several, so each group is checked against the whole, not against
  the other groups.

Counts of 1 to 4 never leave this module: a held-back count is None, and only
sums of 5 or more are shown. tests/consultations/test_suppression.py checks,
over many small tables, that no count of 1 to 4 can be worked out from what
a table shows (by sums, differences and bounds). Someone who re-ran these
rules on every possible table of a tiny consultation could sometimes narrow
a count further; the rules don't claim more than that.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

MINIMUM = 5


def is_small(count: int) -> bool:
    """1 to 4: a count that could point to someone."""
    return 0 < count < MINIMUM


def _share(count: int, total: int) -> int:
    """A whole percent; the words beside it always give the count too."""
    return round(100 * count / total) if total else 0


@dataclass(frozen=True)
class Cell:
    """One count in a row; `count` and `share` are None when held back."""

    key: str
    count: int | None
    share: int | None

    @property
    def held_back(self) -> bool:
        return self.count is None


@dataclass(frozen=True)
class Row:
    """Counts that add up to `total`, for everyone or for one group. Held-back
    counts are shown only as their sum, which is 5 or more (or the row's
    whole total is held back, and `total` is None)."""

    key: str
    total: int | None
    cells: tuple[Cell, ...]
    held_back_total: int | None = None
    held_back_share: int | None = None

    def cell(self, key: str) -> Cell:
        return next(cell for cell in self.cells if cell.key == key)

    @property
    def held_back_keys(self) -> tuple[str, ...]:
        return tuple(cell.key for cell in self.cells if cell.held_back)


@dataclass(frozen=True)
class Table:
    """The overall row, the group rows that may be broken out (in the order
    the groups were given), and the groups that may not."""

    overall: Row
    groups: tuple[Row, ...]
    not_broken_out: tuple[str, ...]


def _row(key: str, counts: Mapping[str, int], hidden: set[str]) -> Row:
    total = sum(counts.values())
    if total < MINIMUM:
        return Row(key=key, total=None, cells=tuple(Cell(c, None, None) for c in counts))
    held_back = sum(counts[cell] for cell in hidden)
    return Row(
        key=key,
        total=total,
        cells=tuple(
            Cell(cell, None, None) if cell in hidden else Cell(cell, count, _share(count, total))
            for cell, count in counts.items()
        ),
        held_back_total=held_back if hidden else None,
        held_back_share=_share(held_back, total) if hidden else None,
    )


def _unsafe(counts: Mapping[str, int], hidden: set[str], known: set[str]) -> bool:
    uncertain = hidden - known
    return bool(uncertain) and (
        len(uncertain) == 1 or sum(counts[key] for key in uncertain) < MINIMUM
    )


def _hide_until_safe(
    counts: Mapping[str, int], hidden: set[str], known: set[str] = frozenset()
) -> bool:
    """Grow `hidden` until it is empty or holds two or more counts summing
    to 5 or more: each time, the smallest shown count that makes it safe, or
    else the largest. Counts in `known` can be worked out some other way (a
    group's count where everyone's is none), so they don't count as hidden.
    True if it grew."""
    grew = False
    while _unsafe(counts, hidden, known):
        shown = sorted(
            (key for key in counts if key not in hidden),
            key=lambda key: (key in known, counts[key]),
        )
        if not shown:
            break
        enough = [key for key in shown if not _unsafe(counts, hidden | {key}, known)]
        hidden.add(enough[0] if enough else max(shown, key=lambda key: counts[key]))
        grew = True
    return grew


def partition_suppress(counts: Mapping[str, int], *, key: str = "") -> Row:
    """One row of counts that add up to a total that is shown."""
    hidden = {cell for cell, count in counts.items() if is_small(count)}
    _hide_until_safe(counts, hidden)
    return _row(key, counts, hidden)


def group_may_be_broken_out(group_total: int, overall_total: int) -> bool:
    """5 or more in the group, and none or 5 or more outside it."""
    return group_total >= MINIMUM and not is_small(overall_total - group_total)


def _outside_needs_more_hidden(
    overall: Mapping[str, int], group: Mapping[str, int], hidden_overall: set, hidden_group: set
) -> set[str]:
    """What subtracting the group's row from the overall row would show about
    the people outside the group: each count shown in both rows, and the sum
    of the rest. The group's counts to hold back so none of that is 1 to 4."""
    outside = {key: overall[key] - group[key] for key in overall}
    if not any(outside.values()):
        return set()
    rest = hidden_overall | hidden_group
    more = {key for key in overall if key not in rest and is_small(outside[key])}
    if not more and rest and is_small(sum(outside[key] for key in rest)):
        shown = [key for key in group if key not in hidden_group and overall[key]]
        if shown:
            more = {min(shown, key=lambda key: group[key])}
    return more


def table_suppress(overall: Mapping[str, int], groups: Mapping[str, Mapping[str, int]]) -> Table:
    """Suppress a table: `overall` counts (each row's counts add up to its
    total, e.g. agree / disagree / unsure / skipped) and the same counts for
    each group, a subset of the overall. Applies every rule in this module's
    docstring until nothing more needs holding back."""
    keys = list(overall)
    overall_total = sum(overall.values())
    if overall_total < MINIMUM:
        return Table(overall=_row("", overall, set()), groups=(), not_broken_out=tuple(groups))
    shown = [
        group
        for group, counts in groups.items()
        if group_may_be_broken_out(sum(counts.values()), overall_total)
    ]
    rows: dict[str, Mapping[str, int]] = {"": overall, **{group: groups[group] for group in shown}}
    hidden = {row: {key for key in keys if is_small(counts[key])} for row, counts in rows.items()}
    changed = True
    while changed:
        changed = False
        changed |= _hide_until_safe(overall, hidden[""])
        # A group's count is never more than everyone's: where everyone's is
        # shown as none, the group's is known to be none too.
        known = {key for key in keys if key not in hidden[""] and overall[key] == 0}
        for group in shown:
            # A group's count would bound everyone's held-back one from below.
            if hidden[""] - hidden[group]:
                hidden[group] |= hidden[""]
                changed = True
            changed |= _hide_until_safe(groups[group], hidden[group], known)
        for group in shown:
            more = _outside_needs_more_hidden(overall, groups[group], hidden[""], hidden[group])
            if more - hidden[group]:
                hidden[group] |= more
                changed = True
    return Table(
        overall=_row("", overall, hidden[""]),
        groups=tuple(_row(group, groups[group], hidden[group]) for group in shown),
        not_broken_out=tuple(group for group in groups if group not in shown),
    )


def group_totals_suppress(
    group_totals: Mapping[str, int], overall_total: int
) -> dict[str, int | None]:
    """Each group's number of responses, or None where it may not be shown:
    1 to 4, or all but 1 to 4 of everyone."""
    return {
        group: total if group_may_be_broken_out(total, overall_total) else None
        for group, total in group_totals.items()
    }


def tags_to_withhold(group_totals: Mapping[str, int]) -> set[str]:
    """The speaking-as tags an export leaves out: groups with 1 to 4 responses."""
    return {tag for tag, total in group_totals.items() if is_small(total)}


def tags_kept(tags: Iterable[str], withheld: set[str]) -> list[str]:
    return [tag for tag in tags if tag not in withheld]
