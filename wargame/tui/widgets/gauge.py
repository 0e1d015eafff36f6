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


SEVERITIES = ("good", "warn", "bad", "neutral")


class Gauge(Widget):
    """An indicator as a coloured bar; the colour comes from the severity class."""

    DEFAULT_CSS = "Gauge { height: 1; }"

    reading: reactive[Reading | None] = reactive(None)

    def watch_reading(self, old: Reading | None, new: Reading | None) -> None:
        if new is None:
            return
        # One batch: each class changed on its own restyles the gauge again.
        classes = {f"-{name}": new.severity == name for name in SEVERITIES}
        if new.moved:
            classes["-changed"] = True
            self.set_timer(FLASH_SECONDS, lambda: self.remove_class("-changed"))
        self.update_classes(classes, animate=False)

    def render(self) -> Content:
        r = self.reading
        if r is None:
            return Content("")
        width = self.size.width
        name_w = 10 if width < 40 else 12 if width < 56 else 16
        name = (r.name if len(r.name) < name_w else r.name[:name_w - 2] + "…").ljust(name_w)
        value = fmt_number(r.value).rjust(4)
        # Narrow: the highlight alone says a number moved; wide: the amount too.
        # The column stays when nothing moved, so every gauge's bar is as long.
        moved = (f" {signed(r.moved):>4}" if r.moved else " " * 5) if width >= 56 else ""
        band = f" {r.band[:8]:<8}" if width >= 30 and r.band else ""
        spark_width = min(len(r.history), 9 if width < 56 else 16) if width >= 36 else 0
        tail = f" {spark(list(r.history), r.low, r.high, spark_width)}" if spark_width else ""
        room = width - len(name) - len(value) - len(band) - len(tail) - len(moved) - 1
        span = (r.high - r.low) or 1.0
        return Content.assemble(name, bar((r.value - r.low) / span, max(3, room)), " ",
                                (value, "bold"), (moved, "bold"), band, tail)
