"""Order and supersets of a template's or a session's exercises (both kinds of rows)."""

from fitness.workouts.models import (
    SUPERSET_MAX,
)

UP, DOWN = "up", "down"


def _move(rows: list, row, direction: str) -> list:
    """Rows re-ordered with `row` moved one place up or down (unchanged at the ends)."""
    index = next(i for i, r in enumerate(rows) if r.pk == row.pk)
    target = index - 1 if direction == UP else index + 1
    if 0 <= target < len(rows):
        rows[index], rows[target] = rows[target], rows[index]
    return rows


def _save_order(model, rows: list, groups: list | None = None) -> None:
    """Save `rows`' positions, and their supersets (`groups`, else as they are) renumbered
    1, 2… in order of appearance.

    A superset is a run of neighbours sharing a group: an exercise moved away from its
    partners, or left alone in its group, is no longer in a superset.
    """
    groups = groups if groups is not None else [row.superset_group for row in rows]
    renumbered: list[int | None] = [None] * len(rows)
    next_group = 0
    for index, group in enumerate(groups):
        if group is None:
            continue
        joins_previous = index > 0 and groups[index - 1] == group
        joins_next = index + 1 < len(rows) and groups[index + 1] == group
        if joins_previous:
            renumbered[index] = renumbered[index - 1]
        elif joins_next and next_group < SUPERSET_MAX:
            next_group += 1
            renumbered[index] = next_group
    changed = []
    for index, row in enumerate(rows):
        if row.order_index != index or row.superset_group != renumbered[index]:
            row.order_index = index
            row.superset_group = renumbered[index]
            changed.append(row)
    model.objects.bulk_update(changed, ["order_index", "superset_group"])


def _superset_join(rows: list, row) -> list:
    """The groups with `row` and the one after it in one superset (their groups merged)."""
    groups = [r.superset_group for r in rows]
    index = next(i for i, r in enumerate(rows) if r.pk == row.pk)
    if index + 1 >= len(rows):
        return groups
    pair = {g for g in groups[index : index + 2] if g is not None}
    # A number no row uses (renumbered by _save_order) unless one of the two has a group.
    group = min(pair) if pair else SUPERSET_MAX + 1
    return [group if i in (index, index + 1) or g in pair else g for i, g in enumerate(groups)]


def _superset_leave(rows: list, row) -> list:
    return [None if r.pk == row.pk else r.superset_group for r in rows]
