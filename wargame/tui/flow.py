"""How a game moves on screen: start, decide, undo, and which screen comes next.

Decisions run on the UI thread on purpose: ``Game.decide`` replays the log,
about half a millisecond for the bundled scenario (bench/tui_startup.py), far
below a frame. Loading a save, which may hold a long log, runs in a worker
(``storage.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from wargame.errors import WargameError
from wargame.tui import messages as msg
from wargame.tui.session import Session, default_teams, fresh_news

if TYPE_CHECKING:
    from wargame.engine.game import Game
    from wargame.engine.setup import Mode
    from wargame.saves.files import Loaded

MAX_TOASTS = 3
"""Lines in the toast after a decision; the news feed has the rest, with numbers."""


def toast_text(game: Game, items: list) -> str:
    """One short toast for everything a decision set off (each toast is a widget)."""
    from wargame.report.transcript import news_line

    lines = []
    for item in items[-MAX_TOASTS:]:
        line = news_line(game, attrs.evolve(item, changes=()))
        lines.append(line if len(line) <= 60 else line[:59] + "…")
    if len(items) > MAX_TOASTS:
        lines.insert(0, f"{len(items) - MAX_TOASTS} more in the news feed")
    return "\n".join(lines)


class GameFlow:
    """Mixin of the App: owns the session and routes between game screens.

    Handlers use the ``on_<message>`` names: Textual registers ``@on`` only on
    its own classes, not on mixins.
    """

    def setup_flow(self) -> None:
        self._briefed: set[tuple[str, str | None]] = set()
        self._at_keyboard: str | None = None
        self.settling = False
        """A new game's briefing or hand-over is still to come: decisions wait."""

    # -- starting ---------------------------------------------------------------
    def on_start_game(self, event: msg.StartGame) -> None:
        # Enter twice on the title: the second request arrives after the first
        # game replaced the title (the title only shows with no session). One
        # game was asked for; a second start dropped its briefing and retitled a
        # title screen half taken down (Textual's Header raised NoMatches).
        # Found by tests/tui/test_monkey.py.
        if self.session is not None:
            return
        # Imported here: the title's first frame needs none of the engine's rules.
        from wargame.engine.game import Game

        setup = event.setup
        try:
            game = Game.start(setup)
        except WargameError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.begin(Session(game, setup.mode or "training",
                           setup.teams or default_teams(game.scenario, game.seats)))

    def start_loaded(self, loaded: Loaded, mode: Mode | None = None) -> None:
        game = loaded.game
        teams = dict(loaded.file.teams) or default_teams(game.scenario, game.seats)
        self.mark_saved(game, loaded.file.path.stem)
        self.begin(Session(game, mode or loaded.file.mode or "training", teams))

    def begin(self, session: Session) -> None:
        """Show a (new or loaded) game on the dashboard."""
        self._briefed.clear()
        self._at_keyboard = None
        self.reset_clock(session)
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.session = session
        dashboard = self.get_screen("dashboard")
        dashboard.session = session
        if self.screen is not dashboard:
            if len(self.screen_stack) > 1:
                self.switch_screen(dashboard)
            else:
                self.push_screen(dashboard)
        # The board paints first; the briefing (or hand-over) follows a frame later.
        self.settling = True
        self.call_after_refresh(self.route)
        self.set_timer(1.0, self.freeze_heap)  # the board's widgets are long-lived too

    # -- playing ----------------------------------------------------------------
    def apply(self, game: Game, announce: bool = True) -> None:
        """Make ``game`` the game on screen; tell the table what just happened."""
        old = self.session.game
        # Screens first, then the new session handed down: a board covered by a
        # briefing then waits until it is shown, and the briefing paints sooner.
        self.set_reactive(type(self).session, attrs.evolve(self.session, game=game))
        fresh = fresh_news(old, game)
        if announce and fresh:
            visible = set(map(id, self.session.visible_news()))
            shown = [item for item in fresh if id(item) in visible]
            if shown:
                # After the next frame: the board or briefing shows first, the toast then.
                self.call_after_refresh(self.notify, toast_text(game, shown),
                                        markup=False, timeout=4)
        was = old.waiting.turn if old.waiting else None
        now = game.waiting.turn if game.waiting else None
        if fresh and (game.over or now != was) and was is not None:
            # After the frame: the autosave's worker thread would compete for the GIL.
            self.call_after_refresh(self.post_message, msg.TurnResolved(game, was))
        self.route()
        self.watch_session(self.session)

    def route(self) -> None:
        """Put the right screen on top: ending, hand-over, briefing or the board."""
        from wargame.tui.screens.briefing import BriefingScreen
        from wargame.tui.screens.ending import EndingScreen
        from wargame.tui.screens.handover import HandOverScreen

        self.settling = False

        while isinstance(self.screen, (BriefingScreen, HandOverScreen, EndingScreen)):
            self.pop_screen()
        session = self.session
        game = session.game
        if game.over:
            self.push_screen(EndingScreen(session))
            return
        if game.waiting is None:
            return
        team = session.acting_team
        self.tick_turn(game.waiting.turn)
        key = (game.waiting.turn, team)
        if key not in self._briefed:
            self._briefed.add(key)
            briefing = self.get_screen("briefing")
            briefing.session = session
            self.push_screen(briefing)
        if session.hot_seat and team != self._at_keyboard:
            self.push_screen(HandOverScreen(session))
        self._at_keyboard = team

    def on_commit_decision(self, event: msg.CommitDecision) -> None:
        session = self.session
        if session is None or session.game.waiting is None:
            return
        if session.paused:
            self.notify("The facilitator has paused the game.", severity="warning")
            return
        if self.settling:  # a key that came before the hand-over screen did
            return
        actor = session.game.waiting.actor
        try:
            game = session.game.decide(event.option_id, event.note)
        except WargameError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.post_message(msg.DecisionMade(game, actor))
        self.apply(game)

    def action_undo(self) -> None:
        session = self.session
        if session is None or not session.game.can_undo:
            self.notify("Nothing to undo.", severity="warning")
            return
        self.apply(session.game.undo(), announce=False)
        self.notify("Undone: the game stands as before your last action.", timeout=3)

    # -- other keys -------------------------------------------------------------
    def action_help(self) -> None:
        from wargame.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen("help")

    def action_new_game(self) -> None:
        from wargame.tui.screens.title import TitleScreen

        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(TitleScreen(self.launch))
        self.session = None

    def action_request_quit(self) -> None:
        if self.session is None or not self.unsaved():
            self.exit()
            return
        from wargame.tui.screens.quit import QuitScreen

        def chosen(answer: str | None) -> None:
            if answer == "quit":
                self.exit()
            elif answer == "save":
                self.save_named(self.suggest_name(), then_quit=True)

        self.push_screen(QuitScreen(), chosen)
