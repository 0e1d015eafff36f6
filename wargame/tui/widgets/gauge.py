"""One indicator on one line: name, bar, value, band label and a sparkline."""

from __future__ import annotations

import attrs
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from wargame.transcript import fmt_number
from wargame.tui.view import bar, signed, spark

FLASH_SECONDS = 4.0
"""How long a number that just moved stays highlighted."""


@attrs.frozen
class Reading:
    """What a gauge shows; built by the dashboard from the game."""

    name: str
    value: float
    low: float
    high: float
    band: str
    severity: str
    """``good``, ``warn``, ``bad`` or ``neutral``: a CSS class colours the line."""
    history: tuple[float, ...]
    moved: float = 0.0
    """How far the value moved in the change just shown (0: it did not)."""


class Gauge(Widget):
    """An indicator as a coloured bar; the colour comes from the severity class."""

    DEFAULT_CSS = "Gauge { height: 1; }"

    reading: reactive[Reading | None] = reactive(None)

    def watch_reading(self, old: Reading | None, new: Reading | None) -> None:
        if new is None:
            return
        for name in ("good", "warn", "bad", "neutral"):
            self.set_class(new.severity == name, f"-{name}")
        if new.moved:
            self.add_class("-changed")
            self.set_timer(FLASH_SECONDS, lambda: self.remove_class("-changed"))

    def render(self) -> Content:
        r = self.reading
        if r is None:
            return Content("")
        width = self.size.width
        name = (r.name if len(r.name) <= 11 else r.name[:10] + "…").ljust(12)
        value = fmt_number(r.value).rjust(4)
        moved = f" {signed(r.moved)}" if r.moved else ""
        band = f" {r.band[:9]:<9}" if width >= 34 and r.band else ""
        spark_width = min(len(r.history), (width - 44) // 2 + 4, 16) if width >= 44 else 0
        tail = f" {spark(list(r.history), r.low, r.high, spark_width)}" if spark_width else ""
        room = width - len(name) - len(value) - len(band) - len(tail) - len(moved) - 1
        span = (r.high - r.low) or 1.0
        return Content.assemble(name, bar((r.value - r.low) / span, max(3, room)), " ",
                                (value, "bold"), (moved, "bold"), band, tail)
