"""The world at a glance: a gauge line per indicator, the treaty tracks, the seat's objectives.

One widget draws all of it. As a widget per gauge plus a table and a text
(nine widgets for the bundled scenario) the board took about 16 ms more to
compose, style and lay out at start-up, and restyled each gauge again after
every decision (bench/tui_startup.py).
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, cast

import attrs
from textual.content import Content
from textual.timer import Timer
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.css.styles import RulesMap
    from textual.geometry import Size

from wargame.records import fields_eq, fields_hash, fields_repr
from wargame.report.format import fmt_number, points
from wargame.table.view import SeatView, turn_change
from wargame.tui.picture import Picture
from wargame.tui.view import bar, delta_text, severity, spark
from wargame.tui.widgets.hanging import hang
from wargame.tui.widgets.terms import agreement_lines

FLASH_SECONDS = 4.0
"""How long a number that just moved stays highlighted."""
SEVERITY_STYLE = {"good": "$success", "warn": "$warning", "bad": "$error",
                  "neutral": "$foreground"}
MOVED_STYLE = "bold on $boost"


@attrs.frozen
class Reading:
    """What one gauge line shows; built from a seat's view by ``readings``."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    name: str
    value: float
    low: float
    high: float
    band: str
    severity: str
    """``good``, ``warn``, ``bad`` or ``neutral``: the line's colour."""
    history: tuple[float, ...]
    moved: float = 0.0
    """How far the value moved in the change just shown (0: it did not)."""
    short: str = ""
    """The scenario's short name for narrow screens (empty: none given)."""


def readings(picture: Picture, previous: SeatView | None) -> tuple[Reading, ...]:
    """Every indicator's reading; moves count from ``previous`` (same scenario only)."""
    view = picture.view
    before = previous.values if previous and previous.scenario == view.scenario else None
    out = []
    for ind in picture.scenario.indicators:
        value = view.values[ind.id]
        moved = value - before[ind.id] if before is not None else 0.0
        out.append(Reading(ind.name, value, ind.min, ind.max, view.bands[ind.id],
                           severity(ind, value), view.history[ind.id], moved, ind.short))
    return tuple(out)


def name_room(width: int) -> int:
    """The most cells a gauge's name may take at ``width`` (a space after it included)."""
    return 10 if width < 40 else 12 if width < 56 else max(16, min(25, width - 38))


def gauge_label(r: Reading, width: int) -> str:
    """The name that fits on the gauge's line: the full one, else the short one; the
    full (or short) name when neither fits, to be wrapped above the line."""
    room = name_room(width)
    for name in (r.name, r.short):
        if name and len(name) < room:
            return name
    return r.short or r.name


def name_width(rs: tuple[Reading, ...], width: int) -> int:
    """One name column for every gauge: as wide as the widest name that fits."""
    room = name_room(width)
    fitting = [len(n) + 1 for n in (gauge_label(r, width) for r in rs) if len(n) < room]
    return max(fitting, default=room)


def band_width(rs: tuple[Reading, ...]) -> int:
    """One band column for every gauge: as wide as the longest band shown (8 at least)."""
    return max([8, *(len(r.band) for r in rs)])


def gauge_line(r: Reading, width: int, flash: bool = False,
               name_w: int | None = None, band_w: int | None = None) -> Content:
    """Name, bar, value, the move, band label and sparkline, fitted to ``width``.

    A name too long for its column is wrapped onto lines of its own above the gauge,
    never cut."""
    name_w = name_w or name_width((r,), width)
    label = gauge_label(r, width)
    above = "" if len(label) < name_w else label
    name = ("" if above else label).ljust(name_w)
    value = fmt_number(r.value).rjust(4)
    # Narrow: the highlight alone says a number moved; wide: the amount too.
    # The column stays when nothing moved, so every gauge's bar is as long.
    moved = (f" {delta_text(r.moved):>4}" if r.moved else " " * 5) if width >= 56 else ""
    band_w = band_w or band_width((r,))
    band = f" {r.band:<{band_w}}" if width >= 30 and r.band else ""
    spark_width = min(len(r.history), 9 if width < 56 else 16) if width >= 36 else 0
    room = width - len(name) - len(value) - len(band) - len(moved) - 1
    if room - spark_width - 1 < 4:  # a long band name: the sparkline gives way
        spark_width = 0
    tail = f" {spark(list(r.history), r.low, r.high, spark_width)}" if spark_width else ""
    room -= len(tail)
    span = (r.high - r.low) or 1.0
    line = Content.assemble(name, bar((r.value - r.low) / span, max(3, room)), " ",
                            (value, "bold"), (moved, "bold"), band, tail)
    if above:
        wrapped = "\n".join(textwrap.wrap(above, max(8, width))) or above
        line = Content("\n").join([Content(wrapped), line])
    line = line.stylize_before(SEVERITY_STYLE.get(r.severity, "$foreground"))
    return line.stylize(MOVED_STYLE) if flash and r.moved else line


def track_lines(picture: Picture, width: int) -> list[Content]:
    """The tracks as a table: venue, status, a progress bar, this turn's change, and
    under each track the agreements signed on it.

    No lines at all for a scenario without tracks (the format allows one).
    """
    sc, view = picture.scenario, picture.view
    if not sc.tracks:
        return []
    venue_w = 10 if width < 56 else 16
    status_w = 10
    bar_w = max(4, width - venue_w - status_w - 10)
    lines = [Content.assemble(("Venue".ljust(venue_w) + "Status".ljust(status_w)
                               + "Progress".ljust(bar_w + 5) + "Δ", "bold"))]
    for track in sc.tracks:
        value = view.values[track.id]
        delta = turn_change(view, track.id)
        style = "bold $success" if delta > 0 else "bold $error" if delta < 0 else ""
        venue = track.venue if width >= 56 else track.venue.split()[0].rstrip(",")
        lines.append(Content.assemble(
            venue[:venue_w - 1].ljust(venue_w),
            view.statuses[track.id][:status_w - 1].ljust(status_w),
            bar(value / 100, bar_w), f" {fmt_number(value):>3} ",
            (delta_text(delta), style)))
        lines += agreement_lines(sc, view.agreements, track.id, width)
    return lines


def objectives_content(picture: Picture, width: int | None = None) -> Content:
    """This seat's objectives, secret ones included; nobody else's secrets. At a known
    ``width`` an objective that wraps goes on under its words, not under its mark."""
    rows = []
    for obj, met in picture.objectives_of(picture.view.mine):
        mark = "✓" if met else "·"
        secret = " (secret)" if obj.secret else ""
        rows.append((Content.styled(f"{mark} ", "bold $success" if met else ""),
                     Content.assemble(f"{obj.title} — {points(obj.points)}",
                                      (secret, "italic"))))
    if not rows:
        return Content("")
    lines = hang(rows, width) if width else [lead + words for lead, words in rows]
    return Content("\n").join([Content("Your objectives").stylize("bold"), *lines])


class WorldPanel(Widget):
    """Attributes down: the board calls ``show`` with each new picture."""

    DEFAULT_CSS = "WorldPanel { height: auto; }"

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id)
        self.readings: tuple[Reading, ...] = ()
        self._picture: Picture | None = None
        self._objectives = False
        """Whether this seat has objectives to list (drawn at the panel's width)."""
        self._flash = False
        self._flash_timer: Timer | None = None
        self._drawn: tuple[int, Content] | None = None

    def show(self, picture: Picture, previous: SeatView | None) -> None:
        """The picture's world; numbers that moved since ``previous`` light up a while."""
        self._picture = picture
        self.readings = readings(picture, previous)
        self._objectives = bool(picture.objectives_of(picture.view.mine))
        self._flash = any(r.moved for r in self.readings)
        if self._flash_timer is not None:
            self._flash_timer.stop()
            self._flash_timer = None
        if self._flash:
            self._flash_timer = self.set_timer(FLASH_SECONDS, self._unflash)
        self._drawn = None
        self.refresh(layout=True)

    def _unflash(self) -> None:
        self._flash = False
        self._flash_timer = None
        self._drawn = None
        self.refresh()

    def content(self, width: int) -> Content:
        """Everything the panel shows at ``width`` cells (built once per width and change)."""
        if self._drawn is not None and self._drawn[0] == width:
            return self._drawn[1]
        if self._picture is None:
            return Content("")
        # Blocks separated by a blank line; a scenario may have no tracks or objectives.
        name_w, band_w = name_width(self.readings, width), band_width(self.readings)
        blocks = [[gauge_line(r, width, self._flash, name_w, band_w) for r in self.readings],
                  track_lines(self._picture, width),
                  [objectives_content(self._picture, width)] if self._objectives else []]
        lines = [Content("World").stylize("bold $accent")]
        for block in filter(None, blocks):
            if len(lines) > 1:
                lines.append(Content(""))
            lines += block
        drawn = Content("\n").join(lines)
        self._drawn = (width, drawn)
        return drawn

    def render(self) -> Content:
        return self.content(self.content_size.width or 40)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # A widget's styles are a mapping of its rules, as Textual's own widgets pass them.
        return self.content(width).get_height(cast("RulesMap", self.styles), width)
