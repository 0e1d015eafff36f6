"""Numbers as the reports, the transcript and the screens write them.

One copy of each formatter, so a number reads the same in the news feed,
the after-action report, its charts and the transcript. Plain Python that
imports nothing of the game: the screens may use it before the core loads.
"""

from __future__ import annotations

from collections.abc import Sequence

SPARKS = "▁▂▃▄▅▆▇█"
"""The eight heights of a sparkline or a chart's top cell, lowest first."""


def fmt_number(value: float) -> str:
    """A whole number without decimals, anything else with one: ``40``, ``2.5``."""
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def points(value: float) -> str:
    """Objective points with their unit: ``1 pt``, ``0 pts``, ``2.5 pts``."""
    return f"{fmt_number(value)} {'pt' if value == 1 else 'pts'}"


def signed(value: float) -> str:
    """A change with its sign: ``+5``, ``-2.5``, ``0``."""
    return ("+" if value > 0 else "") + fmt_number(value)


def spark(values: Sequence[float], low: float, high: float) -> str:
    """One glyph per value, its height the value's place between ``low`` and ``high``."""
    span = (high - low) or 1.0
    top = len(SPARKS) - 1
    return "".join(SPARKS[round((min(max(v, low), high) - low) / span * top)] for v in values)
