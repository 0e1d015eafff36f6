"""The title line at the top of every screen: the scenario, then turn, date and venue."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget


class TitleBar(Widget):
    """The app's title and subtitle, drawn by one widget.

    Textual's Header is four widgets (itself, an icon, the title and a clock
    space) with four watchers, and every screen has its own: each new screen
    (the ending, after the last decision) composed and styled them before its
    first frame, ~7 ms of ~50. Its icon opened the command palette, which
    stays on ctrl+p and in the footer.
    """

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        height: 1;
        padding: 0 1;  /* no icon and no clock: the room is for the venue */
        background: $panel;
        color: $foreground;
        content-align: center middle;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "title", self._retitle, init=False)
        self.watch(self.app, "sub_title", self._retitle, init=False)

    def _retitle(self) -> None:
        self.refresh()

    def render(self) -> Content:
        return self.app.format_title(self.app.title, self.app.sub_title)
