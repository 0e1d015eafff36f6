"""Pure helpers that turn game numbers into what the screens draw.

No Textual here: bars, sparklines, charts and severities are plain strings
and names, so they are easy to test and cheap to render.
"""

from __future__ import annotations

from wargame.report.format import SPARKS, signed
from wargame.scenario.model import Indicator, OptionKind, Scenario

EIGHTHS = " ▏▎▍▌▋▊▉"
KIND_MARK: dict[OptionKind, str] = {"concession": "+", "escalation": "!", "neutral": "·"}
KIND_STYLE: dict[OptionKind, str] = {"concession": "$success", "escalation": "$error",
                                     "neutral": "$foreground"}


def severity(indicator: Indicator, value: float) -> str:
    """``good``, ``warn``, ``bad`` or ``neutral``: by band when there are bands."""
    if indicator.higher_is == "neutral":
        return "neutral"
    if indicator.bands:
        band = indicator.band(value)
        index = indicator.bands.index(band) if band else 0
        frac = index / max(1, len(indicator.bands) - 1)
    else:
        span = indicator.max - indicator.min
        frac = (value - indicator.min) / span if span else 0.0
    if indicator.higher_is == "better":
        frac = 1.0 - frac
    return "good" if frac < 0.3 else "warn" if frac < 0.6 else "bad"


def bar(fraction: float, width: int) -> str:
    """A left-to-right bar in eighths of a cell, padded with a light shade."""
    if width <= 0:
        return ""
    fraction = min(1.0, max(0.0, fraction))
    eighths = round(fraction * width * 8)
    full, part = divmod(eighths, 8)
    text = "█" * full + (EIGHTHS[part] if part and full < width else "")
    return text + "░" * (width - len(text))


def spark(values: list[float], low: float, high: float, width: int) -> str:
    """The last ``width`` values as one line of block heights."""
    if width <= 0 or not values:
        return ""
    span = (high - low) or 1.0
    out = []
    for v in values[-width:]:
        frac = min(1.0, max(0.0, (v - low) / span))
        out.append(SPARKS[min(len(SPARKS) - 1, int(frac * len(SPARKS)))])
    return "".join(out)


def delta_text(delta: float) -> str:
    """A change with its sign, or nothing when the number did not move."""
    return signed(delta) if delta else ""


def chart(values: list[float], low: float, high: float, height: int = 4,
          column: int = 3) -> list[str]:
    """A column chart, top line first, one column per value."""
    span = (high - low) or 1.0
    levels = [min(1.0, max(0.0, (v - low) / span)) * height * 8 for v in values]
    lines = []
    for row in range(height - 1, -1, -1):
        cells = []
        for level in levels:
            fill = level - row * 8
            ch = "█" if fill >= 8 else SPARKS[int(fill) - 1] if fill >= 1 else " "
            cells.append((ch * (column - 1)).ljust(column))
        lines.append("".join(cells).rstrip())
    return lines


def effects_text(sc: Scenario, effects: tuple[tuple[str, float], ...]) -> str:
    """Expected effects, each amount as it stands now (``SeatView.expected``)."""
    if not effects:
        return "no direct effect"
    return ", ".join(f"{sc.name_of(t)} {delta_text(a) or '0'}" for t, a in effects)
