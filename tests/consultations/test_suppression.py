"""The small-number rule, on its own: what is held back, and that nothing
held back can be worked out from what is shown."""

import itertools
import random

from consultations.suppression import (
    MINIMUM,
    group_totals_suppress,
    partition_suppress,
    table_suppress,
    tags_to_withhold,
)


def shown(row) -> dict:
    return {cell.key: cell.count for cell in row.cells if not cell.held_back}


def test_counts_of_five_or_more_are_shown_with_their_shares():
    row = partition_suppress({"agree": 10, "disagree": 5, "unsure": 5})

    assert shown(row) == {"agree": 10, "disagree": 5, "unsure": 5}
    assert [cell.share for cell in row.cells] == [50, 25, 25]
    assert row.held_back_total is None


def test_a_count_of_four_is_held_back_with_the_next_count_that_makes_five():
    row = partition_suppress({"agree": 20, "disagree": 4, "unsure": 6, "skip": 0})

    assert shown(row) == {"agree": 20, "skip": 0}
    assert row.held_back_keys == ("disagree", "unsure")
    assert row.held_back_total == 10 and row.held_back_share == 33


def test_two_small_counts_that_make_five_together_are_held_back_together():
    row = partition_suppress({"agree": 20, "disagree": 2, "unsure": 3})

    assert shown(row) == {"agree": 20}
    assert row.held_back_total == 5


def test_none_is_shown_as_none():
    row = partition_suppress({"agree": 12, "disagree": 0})

    assert shown(row) == {"agree": 12, "disagree": 0}


def test_a_total_under_five_shows_nothing():
    row = partition_suppress({"agree": 3, "disagree": 1})

    assert row.total is None and shown(row) == {} and row.held_back_total is None


def test_a_group_of_four_is_not_broken_out_and_a_group_of_five_is():
    everyone = {"agree": 20, "disagree": 9}
    table = table_suppress(
        everyone, {"four": {"agree": 4, "disagree": 0}, "five": {"agree": 5, "disagree": 0}}
    )

    assert [row.key for row in table.groups] == ["five"]
    assert table.not_broken_out == ("four",)
    assert group_totals_suppress({"four": 4, "five": 5}, 29) == {"four": None, "five": 5}


def test_a_group_with_only_a_few_people_outside_it_is_not_broken_out():
    table = table_suppress({"agree": 20, "disagree": 6}, {"most": {"agree": 18, "disagree": 5}})

    assert table.groups == () and table.not_broken_out == ("most",)
    assert group_totals_suppress({"most": 23, "all": 26}, 26) == {"most": None, "all": 26}


def test_a_count_held_back_for_everyone_is_held_back_in_every_group():
    everyone = {"agree": 9, "disagree": 5, "unsure": 1}
    table = table_suppress(everyone, {"group": {"agree": 4, "disagree": 5, "unsure": 1}})

    assert set(table.overall.held_back_keys) == {"disagree", "unsure"}
    (group,) = table.groups
    assert {"disagree", "unsure"} <= set(group.held_back_keys)


def test_a_groups_count_is_held_back_where_subtracting_it_from_everyones_leaves_a_few():
    table = table_suppress(
        {"agree": 17, "disagree": 8, "unsure": 0},
        {"group": {"agree": 10, "disagree": 6, "unsure": 0}},
    )

    assert shown(table.overall) == {"agree": 17, "disagree": 8, "unsure": 0}
    (group,) = table.groups
    assert "disagree" in group.held_back_keys
    # Unsure is none for everyone, so holding it back would hide nothing.
    assert set(group.held_back_keys) == {"agree", "disagree"}


def test_the_export_withholds_only_groups_of_one_to_four():
    assert tags_to_withhold({"use_now": 4, "family": 5, "other": 0}) == {"use_now"}


def _fits(row, values: dict) -> bool:
    """Whether `values` could be the counts behind `row` as shown."""
    if row.total is None:
        return True
    if sum(values.values()) != row.total:
        return False
    hidden = []
    for cell in row.cells:
        if cell.held_back:
            hidden.append(values[cell.key])
        elif cell.count != values[cell.key]:
            return False
    if hidden:
        # The page says at least one of them is fewer than 5.
        return sum(hidden) == row.held_back_total and any(0 < n < MINIMUM for n in hidden)
    return True


def _splits(total: int, caps) -> list[dict]:
    keys = "abc"
    return [
        dict(zip(keys, values, strict=True))
        for values in itertools.product(*(range(cap + 1) for cap in caps))
        if sum(values) == total
    ]


def _worked_out(overall: dict, group: dict) -> list[str]:
    """Every count of 1 to 4 that all tables showing the same as this one
    agree on: for everyone, in the group, and outside it."""
    table = table_suppress(overall, {"g": group})
    total, group_total = sum(overall.values()), sum(group.values())
    seen: dict[tuple, set] = {}
    for everyone in _splits(total, [total] * 3):
        if not _fits(table.overall, everyone):
            continue
        worlds = [(everyone, None)]
        if table.groups:
            worlds = [
                (everyone, inside)
                for inside in _splits(group_total, everyone.values())
                if _fits(table.groups[0], inside)
            ]
        for everyone_counts, inside in worlds:
            for key in "abc":
                seen.setdefault(("everyone", key), set()).add(everyone_counts[key])
                if inside is not None:
                    seen.setdefault(("group", key), set()).add(inside[key])
                    seen.setdefault(("outside", key), set()).add(everyone_counts[key] - inside[key])
    return [
        f"{where} {key} = {values.pop()}"
        for (where, key), values in seen.items()
        if len(values) == 1 and 0 < next(iter(values)) < MINIMUM
    ]


def test_no_count_of_one_to_four_can_be_worked_out_from_what_a_table_shows():
    """By sums, differences and bounds, over 2,000 small tables and one that
    once gave away a 1 and a 4 through a group's count."""
    assert _worked_out({"a": 9, "b": 5, "c": 1}, {"a": 4, "b": 5, "c": 1}) == []
    rng = random.Random(20_260_301)
    for _table in range(2000):
        everyone = {"a": 0, "b": 0, "c": 0}
        for _person in range(rng.randint(5, 16)):
            everyone[rng.choice("abc")] += 1
        group = {key: rng.randint(0, count) for key, count in everyone.items()}

        assert _worked_out(everyone, group) == [], (everyone, group)
