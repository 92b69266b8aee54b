"""Server-rendered SVG charts: no JavaScript, readable by screen readers and on a phone.

Each chart is drawn twice, for a narrow and a wide viewBox, and CSS shows the one that fits
(`.chart-narrow` / `.chart-wide` in app.css), so that text keeps a readable size at 375 px and
on a desktop alike. Every string that goes into the markup is escaped here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from fitness.formatting import format_volume

SIZES = {"narrow": (360, 240), "wide": (760, 270)}
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 46, 14, 28, 44


@dataclass(frozen=True)
class Bar:
    label: str  # x-axis label
    value: float
    tooltip: str  # read by screen readers and shown on hover


@dataclass(frozen=True)
class Point:
    day: date
    value: float
    tooltip: str


@dataclass(frozen=True)
class Chart:
    narrow: SafeString
    wide: SafeString


def nice_step(span: float, max_ticks: int = 5) -> float:
    """A round tick step (1, 2, 2.5 or 5 × 10ⁿ) giving at most `max_ticks` intervals."""
    if span <= 0:
        return 1.0
    raw = span / max_ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if multiple * magnitude >= raw:
            return multiple * magnitude
    return 10 * magnitude


def format_tick(value: float) -> str:
    if abs(value) >= 10_000:
        return f"{value / 1000:g}k"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:g}"


def _scale(value: float, lo: float, hi: float, start: float, end: float) -> float:
    if hi == lo:
        return (start + end) / 2
    return start + (value - lo) / (hi - lo) * (end - start)


def _open(chart_id: str, variant: str, title: str, desc: str, width: int, height: int) -> list:
    ref = f"{chart_id}-{variant}"
    return [
        f'<svg class="chart chart-{variant}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{escape(ref)}-title {escape(ref)}-desc" '
        f'preserveAspectRatio="xMidYMid meet">',
        f'<title id="{escape(ref)}-title">{escape(title)}</title>',
        f'<desc id="{escape(ref)}-desc">{escape(desc)}</desc>',
    ]


def _y_axis(parts: list, lo: float, hi: float, step: float, width: int, height: int) -> None:
    bottom, top = height - MARGIN_BOTTOM, MARGIN_TOP
    tick = lo
    while tick <= hi + step / 1000:
        y = _scale(tick, lo, hi, bottom, top)
        parts.append(
            f'<line class="grid" x1="{MARGIN_LEFT}" x2="{width - MARGIN_RIGHT}" '
            f'y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="tick" x="{MARGIN_LEFT - 6}" y="{y + 4:.1f}" '
            f'text-anchor="end">{escape(format_tick(tick))}</text>'
        )
        tick += step
    parts.append(
        f'<line class="axis" x1="{MARGIN_LEFT}" x2="{MARGIN_LEFT}" y1="{top}" y2="{bottom}"/>'
        f'<line class="axis" x1="{MARGIN_LEFT}" x2="{width - MARGIN_RIGHT}" '
        f'y1="{bottom}" y2="{bottom}"/>'
    )


def _axis_titles(parts: list, y_title: str, x_title: str, width: int, height: int) -> None:
    parts.append(f'<text class="axis-title" x="4" y="14">{escape(y_title)}</text>')
    parts.append(
        f'<text class="axis-title" x="{width - MARGIN_RIGHT}" y="{height - 4}" '
        f'text-anchor="end">{escape(x_title)}</text>'
    )


def _bar_svg(
    chart_id, variant, title, desc, bars: list[Bar], y_title: str, x_title: str, integer: bool
) -> str:
    width, height = SIZES[variant]
    parts = _open(chart_id, variant, title, desc, width, height)
    top_value = max((bar.value for bar in bars), default=0)
    step = nice_step(top_value or 1, 4)
    if integer:
        step = max(1.0, math.ceil(step))
    hi = max(step, math.ceil(top_value / step) * step)
    _y_axis(parts, 0, hi, step, width, height)
    plot_width = width - MARGIN_LEFT - MARGIN_RIGHT
    slot = plot_width / max(len(bars), 1)
    bottom = height - MARGIN_BOTTOM
    max_labels = 6 if variant == "narrow" else 13
    every = max(1, math.ceil(len(bars) / max_labels))
    for index, bar in enumerate(bars):
        x = MARGIN_LEFT + index * slot + slot * 0.15
        y = _scale(bar.value, 0, hi, bottom, MARGIN_TOP)
        parts.append(
            f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" '
            f'height="{bottom - y:.1f}"><title>{escape(bar.tooltip)}</title></rect>'
        )
        # Label from the newest bar backwards, so the current one is always labelled.
        if (len(bars) - 1 - index) % every == 0:
            # Centred under its bar, but never past the chart's edge: the newest label used
            # to be cut at 375 px (about 6.5 units per character at the chart's font size).
            half = len(bar.label) * 3.3
            label_x = min(x + slot * 0.35, width - 2 - half)
            parts.append(
                f'<text class="tick" x="{label_x:.1f}" y="{bottom + 14}" '
                f'text-anchor="middle">{escape(bar.label)}</text>'
            )
    _axis_titles(parts, y_title, x_title, width, height)
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    bars: list[Bar],
    y_title: str,
    x_title: str,
    integer: bool = False,
) -> Chart:
    """Vertical bars from zero, one per category (weeks), oldest on the left."""
    return Chart(
        *(
            mark_safe(_bar_svg(chart_id, v, title, desc, bars, y_title, x_title, integer))  # noqa: S308 (escaped above)
            for v in ("narrow", "wide")
        )
    )


def _date_label(day: date, long_span: bool) -> str:
    return day.strftime("%b %Y") if long_span else f"{day.day} {day.strftime('%b')}"


def _line_svg(chart_id, variant, title, desc, points: list[Point], y_title, x_title) -> str:
    width, height = SIZES[variant]
    parts = _open(chart_id, variant, title, desc, width, height)
    values = [p.value for p in points]
    lo_value, hi_value = min(values), max(values)
    step = nice_step((hi_value - lo_value) or max(hi_value, 1) / 2, 4)
    lo = max(0.0, math.floor(lo_value / step) * step - (step if lo_value == hi_value else 0))
    hi = math.ceil(hi_value / step) * step
    if hi <= lo:
        hi = lo + step
    _y_axis(parts, lo, hi, step, width, height)
    first, last = points[0].day, points[-1].day
    span = (last - first).days
    left, right = MARGIN_LEFT + 8, width - MARGIN_RIGHT - 8
    bottom = height - MARGIN_BOTTOM

    def x_of(day: date) -> float:
        return _scale(day.toordinal(), first.toordinal(), last.toordinal(), left, right)

    coords = [(x_of(p.day), _scale(p.value, lo, hi, bottom, MARGIN_TOP)) for p in points]
    parts.append(
        '<polyline class="line" points="' + " ".join(f"{x:.1f},{y:.1f}" for x, y in coords) + '"/>'
    )
    max_points = 40 if variant == "narrow" else 90
    if len(points) <= max_points:
        for (x, y), point in zip(coords, points, strict=True):
            parts.append(
                f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="3.5">'
                f"<title>{escape(point.tooltip)}</title></circle>"
            )
    else:  # too many to hover one by one: mark the latest only
        x, y = coords[-1]
        parts.append(
            f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="3.5">'
            f"<title>{escape(points[-1].tooltip)}</title></circle>"
        )
    ticks = 3 if variant == "narrow" else 6
    long_span = span > 300
    if span == 0:
        tick_days = [first]
    else:
        offsets = {round(span * i / ticks) for i in range(ticks + 1)}
        tick_days = [date.fromordinal(first.toordinal() + n) for n in sorted(offsets)]
    for index, day in enumerate(tick_days):
        anchor = "start" if index == 0 and len(tick_days) > 1 else "middle"
        if index == len(tick_days) - 1 and len(tick_days) > 1:
            anchor = "end"
        parts.append(
            f'<text class="tick" x="{x_of(day):.1f}" y="{bottom + 14}" '
            f'text-anchor="{anchor}">{escape(_date_label(day, long_span))}</text>'
        )
    _axis_titles(parts, y_title, x_title, width, height)
    parts.append("</svg>")
    return "".join(parts)


def line_chart(
    *, chart_id: str, title: str, desc: str, points: list[Point], y_title: str, x_title: str
) -> Chart | None:
    """Values over time (x proportional to dates); None without points."""
    if not points:
        return None
    return Chart(
        *(
            mark_safe(_line_svg(chart_id, v, title, desc, points, y_title, x_title))  # noqa: S308 (escaped above)
            for v in ("narrow", "wide")
        )
    )


# --- The charts of the history pages --------------------------------------------------------


def _week_label(day: date) -> str:
    return f"{day.day} {day.strftime('%b')}"


def workouts_per_week_chart(weeks: list[tuple[date, int]]) -> Chart:
    total = sum(count for _, count in weeks)
    bars = [
        Bar(
            label=_week_label(day),
            value=count,
            tooltip=f"Week of {day:%d %b %Y}: {count} workout{'' if count == 1 else 's'}",
        )
        for day, count in weeks
    ]
    desc = (
        f"Bar chart of completed workouts per week over the last {len(weeks)} weeks, "
        f"from the week of {weeks[0][0]:%d %b %Y} to this week: {total} in all; "
        + ", ".join(f"{_week_label(day)}: {count}" for day, count in weeks)
        + "."
    )
    return bar_chart(
        chart_id="workouts-per-week",
        title="Workouts per week",
        desc=desc,
        bars=bars,
        y_title="Workouts",
        x_title="Week starting (Monday)",
        integer=True,
    )


PERIOD_WORDS = {"week": "weekly", "month": "monthly", "year": "yearly"}


def metric_chart(
    *,
    chart_id: str,
    name: str,
    what: str,
    y_title: str,
    period: str,
    points: list[tuple[date, float]],
    fmt,
) -> Chart | None:
    """One figure's best per period (`what`: "estimated 1RM"), as a line over time; `fmt`
    writes a value for people ("102.5 kg")."""
    if not points:
        return None
    best_day, best = max(points, key=lambda p: p[1])
    desc = (
        f"Line chart of the {PERIOD_WORDS[period]} best {what} of {name}, {len(points)} "
        f"{period}{'' if len(points) == 1 else 's'} with workouts from {points[0][0]:%d %b %Y} "
        f"to {points[-1][0]:%d %b %Y}. First {fmt(points[0][1])}, latest {fmt(points[-1][1])}, "
        f"highest {fmt(best)} in the {period} of {best_day:%d %b %Y}."
    )
    return line_chart(
        chart_id=chart_id,
        title=f"Best {what} of {name} per {period}",
        desc=desc,
        points=[
            Point(day, value, f"{period.capitalize()} of {day:%d %b %Y}: {fmt(value)}")
            for day, value in points
        ],
        y_title=y_title,
        x_title=f"{period.capitalize()} starting",
    )


def volume_chart(
    *, name: str, unit: str, period: str, buckets: list[tuple[date, float]]
) -> Chart | None:
    """Volume per week (per month or year over long ranges), from zero."""
    if not buckets:
        return None
    label = {
        "week": lambda d: f"week of {d:%d %b %Y}",
        "month": lambda d: f"{d:%b %Y}",
        "year": lambda d: f"{d:%Y}",
    }[period]
    short = {"week": _week_label, "month": lambda d: f"{d:%b %y}", "year": lambda d: f"{d:%Y}"}
    best_day, best = max(buckets, key=lambda b: b[1])
    desc = (
        f"Bar chart of the {PERIOD_WORDS[period]} volume (weight × reps of working sets) of "
        f"{name}, in {unit}, {len(buckets)} {period}s from {label(buckets[0][0])}; highest "
        f"{format_volume(best, unit)} in {label(best_day)}, the current {period} "
        f"{format_volume(buckets[-1][1], unit)}."
    )
    return bar_chart(
        chart_id="volume",
        title=f"{PERIOD_WORDS[period].capitalize()} volume of {name} ({unit})",
        desc=desc,
        bars=[
            Bar(
                short[period](day),
                value,
                f"{label(day).capitalize()}: {format_volume(value, unit)}",
            )
            for day, value in buckets
        ],
        y_title=f"Volume ({unit})",
        x_title={"week": "Week starting (Monday)", "month": "Month", "year": "Year"}[period],
    )
