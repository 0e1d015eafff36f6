"""The white cell's powers: inject, adjust, pause, the countdown, rewind and branch."""

from __future__ import annotations

import datetime as dt

import attrs

from wargame.errors import WargameError
from wargame.tui import messages as msg
from wargame.tui.session import Session


class FacilitatorActions:
    """Mixin of the App. The countdown only warns: the game never decides for a team."""

    def setup_facilitation(self) -> None:
        self.countdown = 0
        """Seconds per turn; 0: no countdown."""
        self.remaining = 0
        self._clock_turn: str | None = None
        self._timer = None

    def action_facilitator(self) -> None:
        if self.session is None:
            return
        from wargame.tui.screens.facilitator import FacilitatorScreen

        self.push_screen(FacilitatorScreen(self.session, self.countdown))

    def _facilitate(self, change) -> None:  # type: ignore[no-untyped-def]
        try:
            game = change(self.session.game)
        except WargameError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.apply(game)

    def on_inject_event(self, event: msg.InjectEvent) -> None:
        self._facilitate(lambda g: g.inject(event.event_id, event.note))

    def on_adjust_value(self, event: msg.AdjustValue) -> None:
        self._facilitate(lambda g: g.adjust(event.target, event.by, event.note))

    def on_toggle_pause(self) -> None:
        session = self.session
        self.session = attrs.evolve(session, paused=not session.paused)
        self.notify("Paused by the facilitator." if self.session.paused else "Resumed.",
                    title="Facilitator")

    def on_rewind_to(self, event: msg.RewindTo) -> None:
        """Keep the old branch as its own save, then replay up to the earlier turn."""
        game = self.session.game
        # Microseconds: two rewinds within one second must not share a branch file.
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        path = self.saves_folder / f"branch-{game.turn.id}-{stamp}.toml"
        try:
            rewound = game.rewind(event.turn_id)
        except WargameError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        # The old game is immutable, so the branch can be written in a worker.
        self._write(game, path, True, self._extra())
        self._briefed.clear()
        self._clock_turn = None
        self.apply(rewound, announce=False)
        self.notify(f"Rewound to '{event.turn_id}'. The old branch is kept as {path.name}.",
                    title="Facilitator", markup=False)

    def on_set_countdown(self, event: msg.SetCountdown) -> None:
        self.countdown = max(0, event.seconds)
        self.remaining = self.countdown
        self.show_clock()
        text = f"{self.countdown // 60}:{self.countdown % 60:02d} per turn" \
            if self.countdown else "off"
        self.notify(f"Countdown {text}.", title="Facilitator")

    # -- the clock --------------------------------------------------------------
    def reset_clock(self, session: Session) -> None:
        self._clock_turn = None
        if self._timer is None:
            self._timer = self.set_interval(1.0, self._tick)

    def tick_turn(self, turn_id: str) -> None:
        """A new turn restarts the countdown."""
        if turn_id != self._clock_turn:
            self._clock_turn = turn_id
            self.remaining = self.countdown

    def _tick(self) -> None:
        session = self.session
        if not self.countdown or session is None or session.paused or session.game.over:
            return
        if self.remaining > 0:
            self.remaining -= 1
            if self.remaining == 0:
                team = session.acting_team or "the table"
                self.notify(f"Time is up for {team}. The game waits; nobody decides "
                            "for them.", title="Facilitator", severity="warning",
                            timeout=10, markup=False)
        self.show_clock()

    def show_clock(self) -> None:
        """Turn, date and the countdown in the header of every screen."""
        session = self.session
        if session is None:
            self.sub_title = ""
            return
        game = session.game
        sc = game.scenario
        self.title = sc.title
        turn = game.turn
        parts = [f"Turn {turn.index}/{len(sc.turns)}", f"{turn.date:%d %b %Y}", turn.venue]
        if game.over:
            parts = ["Game over"]
        # The clock and the pause go first: a narrow header cuts the end off.
        if self.countdown and not game.over:
            parts.insert(0, f"⏱ {self.remaining // 60}:{self.remaining % 60:02d}")
        if session.paused:
            parts.insert(0, "PAUSED")
        self.sub_title = " · ".join(parts)
