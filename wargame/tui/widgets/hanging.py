"""Paragraphs with a hanging indent: a wrapped line goes on under its own words.

Each paragraph is a lead (``If signed: ``, ``· ``, spaces) and its words; the
lead is written once and the words wrap to the width left beside it, so a
long list of effects reads as a column, never back at the left edge. What
the rows hold is ``Content``: text from the scenario stays text.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

Row = tuple[Content, Content]
"""A paragraph: its lead, and the words that wrap beside it."""


def hang(rows: Iterable[Row], width: int) -> list[Content]:
    """The lines of ``rows`` at ``width`` cells, each paragraph's further lines under its
    words (a lead too wide for the width leaves the words 8 cells at least)."""
    lines: list[Content] = []
    for lead, words in rows:
        indent = lead.cell_length
        wrapped = words.wrap(max(8, width - indent)) if words.plain else [words]
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
