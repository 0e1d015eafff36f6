"""Small inline SVG line charts: no script, no fonts or files fetched, print-safe."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import attrs

from wargame.report.format import fmt_number

WIDTH, HEIGHT = 360, 170
LEFT, RIGHT, TOP, BOTTOM = 36, 26, 12, 24


@attrs.frozen
class Line:
    label: str
    values: tuple[float, ...]
    """One value per x position; may be shorter than the x labels (a game that stopped)."""
    css: str = "a"
    """Class of the line: ``a`` solid, ``b`` dashed."""


def chart(title: str, xlabels: Sequence[str], lines: Sequence[Line], low: float,
          high: float, guides: Sequence[tuple[float, str]] = (), mark: int | None = None) -> str:
    """A line chart; ``guides`` are labelled levels (bands), ``mark`` an x index to flag."""
    span = (high - low) or 1.0
    inner_w = WIDTH - LEFT - RIGHT
    inner_h = HEIGHT - TOP - BOTTOM
    steps = max(len(xlabels) - 1, 1)

    def x(i: int) -> float:
        return LEFT + inner_w * i / steps

    def y(v: float) -> float:
        return TOP + inner_h * (1 - (min(max(v, low), high) - low) / span)

    out = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
           f'aria-label="{escape(title)}">',
           f"<title>{escape(title)}</title>",
           f'<rect class="frame" x="{LEFT}" y="{TOP}" width="{inner_w}" height="{inner_h}"/>']
    for value in (low, (low + high) / 2, high):
        out.append(f'<text class="tick" x="{LEFT - 4}" y="{y(value) + 3:.1f}" '
                   f'text-anchor="end">{fmt_number(value)}</text>')
    for value, label in guides:
        if low < value < high:
            out.append(f'<line class="guide" x1="{LEFT}" x2="{LEFT + inner_w}" '
                       f'y1="{y(value):.1f}" y2="{y(value):.1f}"/>'
                       f'<text class="guide-label" x="{LEFT + 3}" y="{y(value) - 2:.1f}">'
                       f"{escape(label)}</text>")
    for i, label in enumerate(xlabels):
        out.append(f'<text class="tick" x="{x(i):.1f}" y="{HEIGHT - 8}" '
                   f'text-anchor="middle">{escape(label)}</text>')
    if mark is not None and 0 <= mark < len(xlabels):
        out.append(f'<line class="mark" x1="{x(mark):.1f}" x2="{x(mark):.1f}" '
                   f'y1="{TOP}" y2="{TOP + inner_h}"/>')
    taken: list[float] = []
    for line in lines:
        out.extend(_line(line, x, y, taken))
    out.append("</svg>")
    return "".join(out)


def _line(line: Line, x, y, taken: list[float]) -> list[str]:  # type: ignore[no-untyped-def]
    if not line.values:
        return []
    pts = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(line.values))
    out = [f'<polyline class="line {line.css}" points="{pts}"/>']
    for i, v in enumerate(line.values):
        out.append(f'<circle class="dot {line.css}" cx="{x(i):.1f}" cy="{y(v):.1f}" r="2.2">'
                   f"<title>{escape(line.label)}: {fmt_number(v)}</title></circle>")
    last = len(line.values) - 1
    label_y = y(line.values[last]) - 4
    # Two games ending close together: put the second label under its point.
    if any(abs(label_y - other) < 10 for other in taken):
        label_y += 16
    taken.append(label_y)
    out.append(f'<text class="end {line.css}" x="{x(last) + 3:.1f}" '
               f'y="{label_y:.1f}">{fmt_number(line.values[last])}</text>')
    return out
