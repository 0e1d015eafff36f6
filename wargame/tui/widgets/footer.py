"""Textual's footer, rebuilt only when the keys it shows change."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    """Textual's Footer rebuilds all its keys whenever its screen's bindings
    are announced as changed: on every resume of the screen and every move of
    the focus, although the keys shown are nearly always the same. A rebuild
    is ~20 ms of CPU (each key works out its styles anew), several times per
    decision. This one rebuilds only when what it would show differs.
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
