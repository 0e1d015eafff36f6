"""The command palette, made safe against keys that outrun it.

Textual 8.2's CommandPalette searches in a worker that looks up the palette's
own list widget. Keys typed fast arrive together (over a browser connection
too): a letter and Escape in one batch start a search on a palette that is
being dismissed, the lookup fails, and the failed worker stops the app with
the seminar's game in it. Likewise Page Down pressed while the first results
are still being laid out. And a choice handled after Escape had already
closed the palette dismissed it a second time: Textual's dismiss pops whatever
screen is on top, so the board (or the title) went and the app was blank.
Found by tests/tui/test_monkey.py; this subclass lets a late search end
quietly, an early page key do nothing, and a late dismiss leave the screens be.
"""

from __future__ import annotations

from textual import work
from textual.await_complete import AwaitComplete
from textual.command import CommandList, CommandPalette


class SafeCommandPalette(CommandPalette):
    """A CommandPalette whose late searches and watchers do nothing once it is gone."""

    def _gone(self) -> bool:
        return not self.is_attached or not self.query(CommandList)

    def dismiss(self, result: None = None) -> AwaitComplete:
        if not self.is_active:  # closed already: a pop now would take the screen below
            return AwaitComplete.nothing()
        return super().dismiss(result)

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self, search_value: str) -> None:
        if self._gone():
            return
        await CommandPalette._gather_commands.__wrapped__(self, search_value)  # type: ignore[attr-defined]

    def _action_command_list(self, action: str) -> None:
        if self._gone():
            return
        try:
            super()._action_command_list(action)
        except KeyError:
            # Page up/down on a list whose results arrived but are not laid
            # out yet (the list is still hidden): OptionList has no lines to
            # page by and raises. Nothing to move yet, so nothing is lost.
            pass

    def _watch__list_visible(self) -> None:
        if not self._gone():
            super()._watch__list_visible()

    async def _watch__show_busy(self) -> None:
        if not self._gone():
            await super()._watch__show_busy()
