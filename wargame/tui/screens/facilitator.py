"""The facilitator's console (white cell): inject, adjust, clock, pause, rewind."""

from __future__ import annotations

import math
from functools import partial
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static

from wargame.engine.preview import MAX_AMOUNT
from wargame.table import requests as rq
from wargame.table.client import TableClient
from wargame.table.model import WHITE_CELL
from wargame.tui import messages as msg
from wargame.tui.plain import choices
from wargame.tui.seating import clock_only
from wargame.tui.widgets.fields import Field

if TYPE_CHECKING:
    from wargame.engine.preview import PreviewText
    from wargame.host.client import RemoteTable
    from wargame.scenario.model import Scenario
    from wargame.table.preview import Question
    from wargame.table.view import SeatView

PREVIEW_HINT = ("Choose an event or a number: what it would move shows here before you "
                "release it.")


class FacilitatorScreen(ModalScreen[None]):
    """The white cell's client: each action goes to the App as a request, then it closes."""

    CSS_PATH = "facilitator.tcss"
    # Below 80 columns the console takes the whole width: every label in its rows whole.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-normal")]
    BINDINGS = [Binding("escape", "dismiss(None)", "Close")]
    AUTO_FOCUS = "#event"
    """The first control, not the scrolling dialog around it: keys work at once."""

    def __init__(self, client: TableClient) -> None:
        super().__init__()
        self.client = client
        self.view = client.view
        self.countdown = self.view.countdown
        self.armed = "adjust"
        """The action whose row was touched last: what Enter in the reason does."""
        self._asked: Question | None = None
        """The preview asked last: an answer to any other is stale."""
        self._asked_view = self.view
        """The table's view when it was asked: a newer one asks again."""
        self._lists: dict[str, list[tuple[str, str]]] = {}
        """What the numbers' and the turns' lists show: refilled when the table moves."""

    def compose(self) -> ComposeResult:
        sc, view = self.client.scenario, self.view
        targets, reached = _targets(sc, view), _reached(sc, view)
        self._lists = {"#target": targets, "#turn": reached}
        teams = "; ".join(f"{name}: {', '.join(seats)}"
                          for name, seats in view.teams.items()) or "none"
        with VerticalScroll(classes="dialog"):
            yield Static("Facilitator console (white cell) · Escape closes", classes="section")
            yield Static(f"Teams: {teams} · mode: {view.mode}", classes="hint",
                         markup=False)
            if hasattr(self.client, "presence"):  # a hosted table: the room has screens
                yield Button("Seats and screens…", id="room")
            with Horizontal(classes="row"):
                yield Select(choices((e.title, e.id) for e in sc.events), id="event",
                             prompt="Event to fire now")
                yield Button("Fire", id="fire", variant="warning")
            with Horizontal(classes="row"):
                yield Select(choices(targets), id="target", prompt="Number to move")
                yield Field(placeholder="by ±N", id="by", type="number", classes="short")
                yield Button("Adjust", id="adjust", variant="warning")
            yield Static(PREVIEW_HINT, id="preview", classes="hint", markup=False)
            yield Field(placeholder="Reason (kept in the log and the debrief)", id="reason")
            with Horizontal(classes="row"):
                yield Field(str(self.countdown / 60) if self.countdown else "",
                            placeholder="minutes per turn (0: off)", id="minutes",
                            type="number")
                yield Button("Set clock", id="clock")
                yield Button("Resume" if view.paused else "Pause", id="pause")
            with Horizontal(classes="row"):
                yield Select(choices(reached), id="turn", prompt="Rewind to the start of turn")
                yield Button("Rewind", id="rewind", variant="error")
            yield Static("Rewind keeps the old branch first, as branch-*.toml in the saves folder.",
                         classes="hint")

    @on(Select.Changed, "#event")
    def _event_chosen(self) -> None:
        self.armed = "fire"
        self._preview("inject")
        self._ask_reason()

    @on(Select.Changed, "#target")
    @on(Input.Changed, "#by")
    def _adjust_changed(self) -> None:
        self.armed = "adjust"
        self._preview("adjust")

    @on(Select.Changed, "#turn")
    def _turn_chosen(self) -> None:
        self.armed = "rewind"
        self._ask_reason()

    def _ask_reason(self) -> None:
        """An event or a turn chosen: the reason is all it still needs, and Enter there
        releases it (four Tabs away otherwise)."""
        if self._value("#event" if self.armed == "fire" else "#turn") is not None:
            self.query_one("#reason", Input).focus()

    def on_mount(self) -> None:
        # Each new view of the table: what was asked is asked again of the table as it is.
        self.watch(self.app, "picture", self._table_moved, init=False)

    def _preview(self, action: str) -> None:
        """Ask the table what the chosen inject or adjustment would move: at one screen
        the answer is here at once, on a hosted table it comes when the host sends it."""
        self._ask(self._question(action))

    def _ask(self, question: Question | None) -> None:
        self._asked, self._asked_view = question, self.client.view
        if question is None:
            self.query_one("#preview", Static).update(PREVIEW_HINT)
            return
        self.client.preview(question, partial(self._previewed, question))

    def _previewed(self, question: Question, text: PreviewText) -> None:
        if not self.is_attached or question != self._asked:
            return  # the facilitator chose again since, or closed the console
        lines = [text.title, *(f"  {line}" for line in text.lines)]
        self.query_one("#preview", Static).update("\n".join(lines))

    def _table_moved(self, picture: object) -> None:
        view = self.client.view
        self._refill("#target", _targets(self.client.scenario, view))
        self._refill("#turn", _reached(self.client.scenario, view))
        if self._asked is not None and not clock_only(self._asked_view, self.client.view):
            self._ask(self._asked)

    def _question(self, action: str) -> Question | None:
        if action == "inject":
            event = self._value("#event")
            return None if event is None else rq.Inject(WHITE_CELL, event)
        target, by = self._value("#target"), self._amount()
        if target is None or not by or not math.isfinite(by) or abs(by) > MAX_AMOUNT:
            return None
        return rq.Adjust(WHITE_CELL, target, by)

    def _refill(self, selector: str, options: list[tuple[str, str]]) -> None:
        """The list as the table now stands (the numbers moved), the choice kept."""
        if self._lists.get(selector) == options:
            return
        self._lists[selector] = options
        select = self.query_one(selector, Select)
        chosen = select.value
        with select.prevent(Select.Changed):  # the facilitator chose nothing anew
            select.set_options(choices(options))
            if chosen in {value for _label, value in options}:
                select.value = chosen

    def _amount(self) -> float:
        try:
            return float(self.query_one("#by", Input).value)
        except ValueError:
            return 0.0

    def _value(self, selector: str) -> str | None:
        # Select.BLANK is the allow_blank flag in Textual 8; is_blank() asks for "no choice".
        select = self.query_one(selector, Select)
        return None if select.is_blank() else str(select.value)

    def _reason(self) -> str | None:
        """The reason typed, or None (with a word to the facilitator) when there is none:
        every white-cell action is logged with its reason."""
        reason = self.query_one("#reason", Input).value.strip()
        if not reason:
            self.notify("Give a reason first: it is kept in the log and the debrief.",
                        severity="warning")
            self.query_one("#reason", Input).focus()
            return None
        return reason

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "room":
            from wargame.tui.screens.room import RoomScreen

            self.app.push_screen(RoomScreen(cast("RemoteTable", self.client)))
            return
        self._send(event.button.id or "")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter in a field does what its row's button does; in the reason, what the
        row last chosen (an event, a number, a turn) does."""
        event.stop()
        action = {"by": "adjust", "reason": self.armed, "minutes": "clock"}.get(
            event.input.id or "")
        if action:
            self._send(action)

    def _send(self, action: str) -> None:
        # Closed by Escape before this click or Enter was handled: the
        # facilitator cancelled, and a second dismiss would pop the board.
        if not self.is_active:
            return
        request = getattr(self, f"_request_{action}")()
        if request is None:
            return
        self.app.post_message(msg.Facilitate(request, self.client))
        self.dismiss(None)

    def _request_fire(self) -> rq.Inject | None:
        event = self._value("#event")
        if event is None:
            self.notify("Choose an event first.", severity="warning")
            return None
        reason = self._reason()
        return None if reason is None else rq.Inject(WHITE_CELL, event, reason)

    def _request_adjust(self) -> rq.Adjust | None:
        target, by = self._value("#target"), self._amount()
        if target is None or not by:
            self.notify("Choose what to move and by how much.", severity="warning")
            return None
        reason = self._reason()
        return None if reason is None else rq.Adjust(WHITE_CELL, target, by, reason)

    def _request_clock(self) -> rq.SetCountdown | None:
        try:
            minutes = float(self.query_one("#minutes", Input).value or 0)
        except ValueError:
            minutes = -1
        if minutes < 0:
            self.notify("Minutes must be 0 or more.", severity="warning")
            return None
        return rq.SetCountdown(WHITE_CELL, round(minutes * 60))

    def _request_pause(self) -> rq.Pause:
        return rq.Pause(WHITE_CELL, not self.client.view.paused)

    def _request_rewind(self) -> rq.Rewind | None:
        turn = self._value("#turn")
        if turn is None:
            self.notify("Choose the turn to rewind to.", severity="warning")
            return None
        reason = self._reason()
        return None if reason is None else rq.Rewind(WHITE_CELL, turn, reason)


def _targets(sc: Scenario, view: SeatView) -> list[tuple[str, str]]:
    """Each number the console can move, with its value now."""
    numbers = [(i.name, i.id) for i in sc.indicators] + [(t.name, t.id) for t in sc.tracks]
    return [(f"{name} ({view.values[key]:g})", key) for name, key in numbers]


def _reached(sc: Scenario, view: SeatView) -> list[tuple[str, str]]:
    """The turns reached so far: those a rewind can go back to."""
    return [(f"{t.index}. {t.title} ({t.date:%d %b})", t.id) for t in sc.turns[:view.turn_index]]
