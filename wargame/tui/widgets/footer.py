"""Textual's footer, rebuilt only when the keys it shows change, and every key in it whole."""

from __future__ import annotations

from typing import Any

from textual.events import Resize
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

HELP_KEY = "question_mark"
"""The key kept to the last when the footer is short of room: the help lists all the others."""


class Footer(TextualFooter):
    """Textual's Footer rebuilds all its keys whenever its screen's bindings
    are announced as changed: on every resume of the screen and every move of
    the focus, although the keys shown are nearly always the same. A rebuild
    is ~20 ms of CPU (each key works out its styles anew), several times per
    decision. This one rebuilds only when what it would show differs.

    Textual's clips the keys that do not fit the width mid-word (``? He``).
    This one shows only whole keys: when they do not all fit it leaves out
    the command palette's (Ctrl+P still opens it), then keys from the right,
    the help's last.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._showing: tuple[object, ...] | None = None

    def _keys(self, screen: Screen) -> tuple[object, ...]:
        """What compose would show: every shown binding, its state and tooltip."""
        return tuple((binding.key, binding.action, binding.description, binding.key_display,
                      enabled, tooltip)
                     for _node, binding, enabled, tooltip in screen.active_bindings.values()
                     if binding.show or binding.action == "command_palette")

    def bindings_changed(self, screen: Screen) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            keys = self._keys(screen)
            if keys == self._showing:
                self._bindings_ready = True
                return
            self._showing = keys
        super().bindings_changed(screen)

    async def recompose(self) -> None:
        await super().recompose()
        self._fit()

    def on_resize(self, event: Resize) -> None:
        self._fit()

    def _fit(self) -> None:
        """Hide what does not fit whole, in the order the class docstring says."""
        keys = list(self.query(FooterKey))
        palette = [key for key in keys if key.has_class("-command-palette")]
        shown = [key for key in keys if key not in palette]
        room = self.size.width
        if not room:
            return
        left = palette + sorted(shown[::-1], key=lambda key: key.key == HELP_KEY)
        hidden = set()
        while left and sum(_width(key) for key in keys if key not in hidden) > room:
            hidden.add(left.pop(0))
        for key in keys:
            key.display = key not in hidden


def _width(key: FooterKey) -> int:
    """The cells ``key`` takes in the footer: its words, padding, border and margin."""
    styles = key.styles
    return (key.get_content_width(Size(0, 0), Size(0, 0)) + styles.gutter.width
            + styles.margin.width)
