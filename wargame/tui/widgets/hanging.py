"""Paragraphs with a hanging indent: a wrapped line goes on under its own words.

Each paragraph is a lead (``If signed: ``, ``· ``, spaces) and its words; the
lead is written once and the words wrap to the width left beside it, so a
long list of effects reads as a column, never back at the left edge. What
the rows hold is ``Content``: text from the scenario stays text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.content import Content
from textual.geometry import Size
from textual.visual import Visual
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.css.styles import RulesMap
    from textual.strip import Strip
    from textual.style import Style
    from textual.visual import RenderOptions

Row = tuple[Content, Content]
"""A paragraph: its lead, and the words that wrap beside it."""


def hang(rows: Iterable[Row], width: int) -> list[Content]:
    """The lines of ``rows`` at ``width`` cells, each paragraph's further lines under its
    words (a lead too wide for the width leaves the words 8 cells at least). A word too
    long for the room beside the lead would be cut in two: that paragraph wraps whole."""
    lines: list[Content] = []
    for lead, words in rows:
        indent = lead.cell_length
        room = max(8, width - indent)
        if max(map(cell_len, words.plain.split()), default=0) > room:
            lines += (lead + words).wrap(width)
            continue
        wrapped = words.wrap(room) if words.plain else [words]
        lines.append(lead + wrapped[0])
        lines += [Content(" " * indent) + line for line in wrapped[1:]]
    return lines


class Hanging(Widget):
    """Attributes down: ``update`` with the rows to show."""

    DEFAULT_CSS = "Hanging { height: auto; }"

    def __init__(self, *, id: str | None = None,  # noqa: A002 (Textual's name)
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._rows: list[Row] = []

    def update(self, rows: Iterable[Row]) -> None:
        self._rows = list(rows)
        self.refresh(layout=True)

    def render(self) -> Content:
        return Content("\n").join(hang(self._rows, self.size.width or 80))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return max((lead.cell_length + words.cell_length for lead, words in self._rows),
                   default=0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(hang(self._rows, width))


class HangingText(Visual):
    """One paragraph as a Visual, for a list's row: ``1 ! `` and a title that wraps under
    itself (an OptionList wraps a plain prompt back to its left edge)."""

    def __init__(self, lead: Content, words: Content) -> None:
        self.lead = lead
        self.words = words

    def __str__(self) -> str:
        return self.lead.plain + self.words.plain

    def _at(self, width: int) -> Content:
        return Content("\n").join(hang([(self.lead, self.words)], width))

    def render_strips(self, width: int, height: int | None, style: Style,
                      options: RenderOptions) -> list[Strip]:
        return self._at(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.lead.cell_length + self.words.cell_length

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(hang([(self.lead, self.words)], width))
