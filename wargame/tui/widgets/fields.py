"""A text field that takes its keys in the order they were typed.

Textual's Input inserts a letter as soon as its key reaches the field, but
Backspace, Delete, the arrows and its other keys are bindings, run only
once the key has gone up to the App and back. Keys that arrive together (a
quick typist while a frame is drawn, a browser) were applied out of order:
"teh", Backspace, Backspace, "he" left "teh" in a reason. Here the field's
own bindings run when their key reaches it, in turn with the letters.

Keys that reach the field after its Enter, before that Enter has been acted
on (a decision committed from the note), were typed for what comes next:
they are dropped, not added to the note just committed ("x", Enter, "2"
kept "x2" and committed twice).
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class Field(Input):
    """Textual's Input, its editing keys handled in the order typed."""

    _spent = False
    """Enter was pressed and is not acted on yet: keys typed meanwhile go nowhere."""

    async def action_submit(self) -> None:
        self._spent = True
        await super().action_submit()
        self.call_later(self._rearm)  # behind the Submitted just posted, and its keys

    def _rearm(self) -> None:
        self._spent = False

    async def _on_key(self, event: events.Key) -> None:
        if self._spent:
            event.stop()
            event.prevent_default()
            return
        if not event.is_printable:
            for binding in self._bindings.key_to_bindings.get(event.key, ()):
                if binding.priority or self.check_action(binding.action, ()) is False:
                    continue
                event.stop()
                event.prevent_default()
                await self.run_action(binding.action)
                return
        await super()._on_key(event)
