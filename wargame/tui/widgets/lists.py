"""An OptionList that Page Up/Down cannot crash and that reads no markup."""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import OptionList, SelectionList
from textual.widgets.selection_list import SelectionType


class SteadyOptionList(OptionList):
    """Textual's OptionList, minus one crash.

    Page Up/Down before the list is laid out (a screen just switched in, keys
    typed ahead) or while it has no height: Textual's OptionList looks up the
    highlighted option's line, finds none and raises KeyError, which stops the
    app (found by tests/tui/test_monkey.py). There is nothing to page by then.
    Every list in the game (board options, scenarios, saves) uses this one,
    and its prompts are never read as markup: they are names from files.
    """

    def __init__(self, *content: Any, markup: bool = False, **kwargs: Any) -> None:
        super().__init__(*content, markup=markup, **kwargs)

    def action_page_up(self) -> None:
        try:
            super().action_page_up()
        except KeyError:
            pass

    def action_page_down(self) -> None:
        try:
            super().action_page_down()
        except KeyError:
            pass


class SeatList(SelectionList[SelectionType]):
    """Textual's SelectionList, toggling at once.

    Its Space (and a click) posts a message to itself and toggles when that
    is handled: Enter typed right after Space started the game before the
    seat was toggled. Here the toggle happens in the key's own action. And
    its box reads the same ticked or not where colour does not show (a plain
    terminal, a screenshot): here a box not ticked is empty.
    """

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        index = self.scroll_offset.y + y
        if not 0 <= index < self.option_count or \
                self.get_option_at_index(index).value in self.selected:
            return strip
        segments = list(strip)
        if len(segments) < 2 or segments[1].text.strip() != "X":
            return strip
        segments[1] = Segment(" ", segments[1].style)
        return Strip(segments, strip.cell_length)

    def action_select(self) -> None:
        index = self.highlighted
        if index is not None and not self.get_option_at_index(index).disabled:
            self.toggle(self.get_option_at_index(index))
