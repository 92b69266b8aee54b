"""`{% set_rows rows block %}`: the set rows of one exercise block on the session page.

Each row is a plain form (it works without JavaScript); the browser's script reads the ids,
labels and data attributes below, and copies the blank row (NEW_ROW_ID, NEW_ROW_NUMBER).
Built in Python rather than in a template: a row has ~45 values, and the ~50 rows of the
benched session page cost a quarter of its time as template variables (`python bench/run.py
workouts`). _format() escapes every value that is not already markup, as format_html does.
"""
# ruff: noqa: E501 (the markup keeps one line per element, as the template it replaced did)

from html import escape

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from fitness.workouts.selectors import KIND_CARDIO, KIND_TIMED, KIND_WEIGHT, ExerciseBlock, SetRow

register = template.Library()

INPUTS = {
    KIND_TIMED: """
  <label for="dur-{sid}" class="visually-hidden">Set {n} seconds</label>
  <input id="dur-{sid}" class="span-2" type="number" name="duration" value="{duration}" min="0" step="1" inputmode="numeric" placeholder="s">""",
    KIND_CARDIO: """
  <label for="dist-{sid}" class="visually-hidden">Set {n} distance in km</label>
  <input id="dist-{sid}" type="number" name="distance_km" value="{distance_km}" min="0" step="any" inputmode="decimal" placeholder="km">
  <label for="dur-{sid}" class="visually-hidden">Set {n} minutes</label>
  <input id="dur-{sid}" type="number" name="duration" value="{duration}" min="0" step="any" inputmode="decimal" placeholder="min">""",
    KIND_WEIGHT: """
  <label for="w-{sid}" class="visually-hidden">Set {n} weight in {unit}</label>
  <input id="w-{sid}" type="number" name="weight" value="{weight}" min="0" step="any" inputmode="decimal" placeholder="{unit}">
  <label for="r-{sid}" class="visually-hidden">Set {n} reps</label>
  <input id="r-{sid}" type="number" name="reps" value="{reps}" min="0" step="1" inputmode="numeric" placeholder="reps">""",
}

ROW = """
<form id="set-{sid}" method="post" action="{url}" data-set-number="{n}" class="set-row{state}">
  {csrf}
  {type_button}{inputs}
  <label for="rpe-{sid}" class="visually-hidden">Set {n} RPE</label>
  <input id="rpe-{sid}" class="rpe" type="number" name="rpe" value="{rpe}" min="1" max="10" step="0.5" inputmode="decimal" placeholder="RPE" list="rpe-values">
  {done}
  <input type="checkbox" id="more-{sid}" class="more-toggle" aria-label="More for set {n}: set type, notes, delete"{checked}>
  <label for="more-{sid}" class="more-label" aria-hidden="true">⋯</label>
  {last}
  <p class="set-status small" role="status" data-set-status></p>
  <div class="set-extra">
    <select name="set_type" class="set-type-select" aria-label="Set type">{type_options}</select>
    <label for="n-{sid}" class="visually-hidden">Set {n} notes</label>
    <input id="n-{sid}" type="text" name="notes" value="{notes}" maxlength="500" placeholder="Notes">
    <button type="submit" class="button-small button-danger" formaction="{url}delete/" hx-post="{url}delete/" hx-target="#se-{block_id}" hx-swap="outerHTML" aria-label="Delete set {n}">Delete</button>
  </div>{errors}
</form>"""

LOG = '<button type="submit" class="set-done" aria-label="Log set {n}" title="Log this set">✓</button>'
ERRORS = '\n  <div class="set-errors" role="alert">{}</div>'
SAVE = (
    '<button type="submit" class="set-done" aria-label="Save set {n}" '
    'title="Logged — tap to save changes">✓</button>'
)


def _format(markup: str, **values) -> SafeString:
    """format_html() without its cost: Django's escape() checks every argument for lazy text,
    and a page of rows passes a thousand values. As in format_html, markup (`__html__`) stays
    as it is and every other value is escaped, by html.escape (what Django's escape calls)."""
    return SafeString(
        markup.format(
            **{
                name: value.__html__() if hasattr(value, "__html__") else escape(str(value))
                for name, value in values.items()
            }
        )
    )


def set_row_html(row: SetRow, *, kind: str, block_id: str, unit: str, csrf: str) -> SafeString:
    planned, errors = row.is_planned, row.errors
    values = {
        "sid": row.id,
        "n": row.number,
        "url": row.url,
        "unit": unit,
        "block_id": block_id,
        **{
            name: getattr(row, name)
            for name in ("weight", "reps", "rpe", "notes", "distance_km", "duration")
        },
    }
    state = " is-planned" if planned else " is-done"
    return _format(
        ROW,
        **values,
        state=state + (" has-errors" if errors else ""),
        csrf=csrf,
        type_button=row.type_button,
        inputs=_format(INPUTS.get(kind, INPUTS[KIND_WEIGHT]), **values),
        done=_format(LOG if planned else SAVE, **values),
        checked=" checked" if errors or row.notes else "",
        last=row.last_html,
        type_options=row.type_options,
        errors=format_html(
            ERRORS, format_html_join("", '<p class="error">{}</p>', ((e,) for e in errors))
        )
        if errors
        else "",
    )


@register.simple_tag(takes_context=True)
def set_rows(context, rows: list[SetRow], block: ExerciseBlock) -> SafeString:
    """The rows' forms; `rows` are the block's own or the blank one the browser copies."""
    request = context.get("request")
    unit = request.user.preferred_unit if request else ""
    csrf = CsrfTokenNode().render(context)  # once for the block, as {% csrf_token %} renders it
    block_id = str(block.session_exercise.id)
    return SafeString(
        "".join(
            set_row_html(row, kind=block.kind, block_id=block_id, unit=unit, csrf=csrf)
            for row in rows
        )
    )
