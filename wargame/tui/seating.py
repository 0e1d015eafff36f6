"""How the App follows its table: each new view in, the right screen on top, requests out.

Decisions run on the UI thread on purpose: ``Game.decide`` replays the log,
about half a millisecond for the bundled scenario (bench/tui_startup.py), far
below a frame. Loading a save, which may hold a long log, runs in a worker
(``files.py``).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import attrs

from wargame.report.transcript import news_line
from wargame.table import requests as rq
from wargame.table.client import LocalTable, TableClient
from wargame.table.flow import BriefingKey, briefing_key, fresh_news, next_screen, turn_resolved
from wargame.table.model import WHITE_CELL, Refused
from wargame.tui import messages as msg
from wargame.tui.picture import Picture

if TYPE_CHECKING:
    from collections.abc import Callable

    from wargame.engine.state import Forecast, NewsItem
    from wargame.scenario.model import Scenario
    from wargame.table.view import SeatView
    from wargame.tui.app import WargameApp

MAX_TOASTS = 3
"""Lines in the toast after a decision; the news feed has the rest, with numbers."""


def toast_text(sc: Scenario, items: tuple[NewsItem, ...]) -> str:
    """One short toast for everything a decision set off (each toast is a widget)."""
    lines = []
    for item in items[-MAX_TOASTS:]:
        line = news_line(sc, attrs.evolve(item, changes=()))
        lines.append(line if len(line) <= 60 else line[:59] + "…")
    if len(items) > MAX_TOASTS:
        lines.insert(0, f"{len(items) - MAX_TOASTS} more in the news feed")
    return "\n".join(lines)


def clock_only(old: SeatView, new: SeatView) -> bool:
    """Whether two views differ by the countdown's seconds alone (a tick)."""
    return (old.step == new.step and old.who == new.who
            and attrs.evolve(old, remaining=new.remaining) == new)


class Seating:
    """The App's seat at a table: its client, the briefings it put up, the screens."""

    def __init__(self, app: WargameApp) -> None:
        self.app = app
        self.client: TableClient | None = None
        self.view: SeatView | None = None
        """The last view heard of."""
        self.shown: set[BriefingKey] = set()
        self.settling = False
        """A new table's briefing or hand-over is still to come: decisions wait."""
        self._refusal: str | None = None
        self.forecasts: dict[tuple[str, str, str], tuple[Forecast, ...]] = {}
        """A team's forecast for a seat's next decision: (team, turn, seat) -> forecasts."""

    @property
    def picture(self) -> Picture | None:
        if self.client is None or self.view is None:
            return None
        return Picture(self.client.scenario, self.view)

    # -- sitting down and leaving -----------------------------------------------
    def sit(self, client: TableClient) -> None:
        """Show a (new or loaded) table on the board."""
        app = self.app
        if self.client is not None:
            self.client.close()
        self.client = client
        self.view = client.view
        self.shown.clear()
        client.listen(partial(self.changed, client), self.refused)
        while len(app.screen_stack) > 2:
            app.pop_screen()
        dashboard = app.get_screen("dashboard")
        app.picture = self.picture
        if app.screen is not dashboard:
            if len(app.screen_stack) > 1:
                app.switch_screen(dashboard)
            else:
                app.push_screen(dashboard)
        app.show_header()
        # The board paints first; the briefing (or hand-over) follows a frame later.
        self.settling = True
        app.call_after_refresh(self.route)
        app.set_timer(1.0, app.freeze_heap)  # the board's widgets are long-lived too

    def leave(self) -> None:
        if self.client is not None:
            self.client.close()
        self.client = None
        self.view = None
        self.app.picture = None

    # -- what the table says ----------------------------------------------------
    def changed(self, client: TableClient, view: SeatView) -> None:
        """A new view: notices, the right screen on top, then the screens redrawn."""
        if client is not self.client:
            return  # a table this App has left
        old, self.view = self.view, view
        app = self.app
        app.show_header()
        if old is not None:
            self._notices(old, view)
            if clock_only(old, view):
                return
            if view.step < old.step:  # an undo or a rewind: those turns come anew
                self.shown = {key for key in self.shown if key[2] < view.step}
        picture = Picture(client.scenario, view)
        # Screens first, then the new picture handed down: a board covered by a
        # briefing then waits until it is shown, and the briefing paints sooner.
        app.set_reactive(type(app).picture, picture)
        fresh = fresh_news(old, view)
        # Only over the board: a hand-over's toast would meet the next team, and
        # one over a briefing hides the text that lists the same news in full.
        if fresh and next_screen(view, frozenset(self.shown)) == "board":
            # After the next frame: the board or briefing shows first, the toast then.
            app.call_after_refresh(app.notify, toast_text(client.scenario, fresh),
                                   markup=False, timeout=4)
        if turn_resolved(old, view) is not None:
            # After the frame: the autosave's worker thread would compete for the GIL.
            app.call_after_refresh(app.files.autosave)
        self.route()
        app.picture = picture

    def _notices(self, old: SeatView, new: SeatView) -> None:
        notify = self.app.notify
        if old.paused != new.paused:
            notify("Paused by the facilitator." if new.paused else "Resumed.",
                   title="Facilitator")
        if old.countdown != new.countdown:
            seconds = new.countdown
            text = f"{seconds // 60}:{seconds % 60:02d} per turn" if seconds else "off"
            notify(f"Countdown {text}.", title="Facilitator")
        elif new.countdown and old.remaining > 0 and new.remaining == 0 and not new.over:
            notify(f"Time is up for {new.acting or 'the table'}. The game waits; nobody "
                   "decides for them.", title="Facilitator", severity="warning",
                   timeout=10, markup=False)

    def refused(self, reason: str) -> None:
        """The table said no: the screen on top is told (it may have built on what it
        asked), and the reason is shown."""
        self._refusal = reason
        self.app.screen.post_message(msg.RequestRefused(reason))
        self.app.notify(reason, severity="warning", markup=False)

    def send(self, request: rq.Request, client: TableClient | None = None) -> bool:
        """Send ``request``; False if the table refused it at once (a local table)."""
        client = client or self.client
        if client is None:
            return False
        self._refusal = None
        client.send(request)
        return self._refusal is None

    # -- which screen is on top -------------------------------------------------
    def route(self) -> None:
        """Put the right screen on top: ending, hand-over, briefing, an offer to answer,
        or the board (with the negotiation table over it while it still applies)."""
        from wargame.tui.negotiating import stale
        from wargame.tui.screens.answer import AnswerScreen
        from wargame.tui.screens.briefing import BriefingScreen
        from wargame.tui.screens.ending import EndingScreen
        from wargame.tui.screens.handover import HandOverScreen

        self.settling = False
        picture = self.picture
        if picture is None:
            return
        view = picture.view
        app = self.app
        target = next_screen(view, frozenset(self.shown))
        top = app.screen
        if (target == "briefing" and isinstance(top, BriefingScreen)) or (
                target == "ending" and isinstance(top, EndingScreen)) or (
                target == "hand_over" and isinstance(top, HandOverScreen)
                and top.team == view.hand_over) or (
                target == "answer" and isinstance(top, AnswerScreen)):
            return
        while isinstance(app.screen, (BriefingScreen, HandOverScreen, EndingScreen)) or stale(
                app.screen, target, view):
            app.pop_screen()
        if target == "answer":
            app.push_screen(app.negotiating.answer_screen(picture))
        elif target == "ending":
            app.push_screen(EndingScreen(picture))
        elif target == "hand_over":
            app.push_screen(HandOverScreen(picture))
        elif target == "briefing":
            app.push_screen("briefing")

    def briefing_read(self) -> None:
        """Enter on the briefing: this team has read it; on to what comes next."""
        view = self.view
        if view is not None:
            self.shown.add(briefing_key(view))
            if view.who is not None and view.who != WHITE_CELL:
                self.send(rq.BriefingSeen(view.who, view.turn))
        self.route()

    def seat_ready(self) -> None:
        """Enter on the hand-over: the next team has the keyboard."""
        view = self.view
        if view is not None and view.hand_over:
            self.send(rq.SeatReady(view.hand_over))
        self.route()

    # -- what the seat asks -----------------------------------------------------
    def commit(self, option_id: str, note: str, step: int = -1) -> None:
        """The waiting seat chooses an option, at the decision point ``step`` the board
        showed (-1: whatever it is now); one the table has moved past commits nothing."""
        if step >= 0 and self.view is not None and self.view.step != step:
            return
        self.decide(lambda who: rq.Decide(who, option_id, note))

    def decide(self, make: Callable[[str], rq.Decide | rq.MakeOffer]) -> None:
        """The waiting seat's decision (an option, or an offer: ``make`` builds it for the
        team), with the forecast the team kept for it (``e``): spent once the table takes
        the decision, kept if the table refuses it."""
        view = self.view
        if view is None or view.waiting is None or not view.who:
            return
        if self.settling:  # a key that came before the hand-over screen did
            return
        key = (view.who, view.turn, view.waiting)
        request = make(view.who)
        if self.send(attrs.evolve(request, forecast=self.forecasts.get(key, ()))):
            self.forecasts.pop(key, None)

    def forecast(self) -> None:
        """``e``: what the waiting team expects the others still to decide to do."""
        from wargame.engine.forecast import forecast_targets
        from wargame.tui.screens.forecast import ForecastScreen

        view, client = self.view, self.client
        if view is None or client is None or view.waiting is None or view.who is None \
                or view.who == WHITE_CELL:
            return
        sc = client.scenario
        targets = tuple(a for a in forecast_targets(sc.turn_by_id[view.turn], view.waiting)
                        if a not in view.mine)
        if not targets:
            self.app.notify("Nobody decides after you this turn: there is nothing to "
                            "forecast.", severity="information")
            return
        key = (view.who, view.turn, view.waiting)

        def keep(forecast: tuple[Forecast, ...] | None) -> None:
            if forecast is not None:
                self.forecasts[key] = forecast
                made = sum(1 for f in forecast if f.option)
                self.app.notify(f"Forecast kept ({made} of {len(forecast)} with a move "
                                "expected); it goes into the log with your decision, "
                                "an option or an offer.")

        self.app.push_screen(ForecastScreen(sc, view.turn, targets,
                                            self.forecasts.get(key, ())), keep)

    def undo(self) -> None:
        view = self.view
        if view is None:
            return
        if self.send(rq.Undo(view.who or "")):
            self.app.notify("Undone: the game stands as before your last action.", timeout=3)

    def white_cell(self, password: str = "") -> TableClient | None:
        """The facilitator's client at this table, or None (with a notice saying why)."""
        try:
            return self.console(password)
        except Refused as exc:
            self.app.notify(str(exc), title="Facilitator", severity="warning", markup=False)
            return None

    def console(self, password: str) -> TableClient:
        """The facilitator's client at this table; Refused says why not."""
        if self.client is None:
            raise Refused("No game at this screen yet.")
        client = self.client.white_cell(password)
        client.listen(None, self.refused)
        return client

    def facilitate(self, request: rq.Request, client: TableClient) -> None:
        """A request from the console; a rewind keeps the old branch as a save first."""
        local = self.client if isinstance(self.client, LocalTable) else None
        before = local.table.game if local else None
        if not self.send(request, client):
            return
        if isinstance(request, rq.Rewind) and before is not None:
            path = self.app.files.branch(before)
            turn = before.scenario.turn_by_id[request.turn]
            self.app.notify(f"Rewound to the start of turn {turn.index}, {turn.title} "
                            f"({turn.date:%d %b}). The old branch is kept as {path.name}.",
                            title="Facilitator", markup=False)
