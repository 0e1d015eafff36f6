"""The App's side of negotiation: ``n`` opens the table (or the offer to answer), what
the negotiation screens ask goes to the table as requests, and which of their
screens a new view leaves stale.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wargame.table import requests as rq

if TYPE_CHECKING:
    from textual.screen import Screen

    from wargame.table.flow import Screen as Target
    from wargame.table.talks import Draft
    from wargame.table.view import SeatView
    from wargame.tui.app import WargameApp
    from wargame.tui.picture import Picture


def not_now(picture: Picture) -> str:
    """Why ``n`` opens nothing now, in words for the player."""
    view = picture.view
    if view.over:
        return "The game is over."
    if not view.my_turn:
        return f"It is {view.acting}'s turn." if view.acting else "No seat is deciding now."
    if not picture.turn.negotiate:
        return "No track is open for offers in this turn."
    return "Nothing can be put on the table now: every term is signed, broken or closed."


def stale(screen: Screen, target: Target, view: SeatView) -> bool:
    """Whether a negotiation screen on top must go for ``target`` to come up."""
    from wargame.tui.screens.answer import AnswerScreen
    from wargame.tui.screens.negotiation import NegotiationScreen

    if isinstance(screen, AnswerScreen):
        return target != "answer"
    if isinstance(screen, NegotiationScreen):
        return target != "board" or view.talks is None
    return False


class Negotiating:
    """What the App does for the negotiation screens, through its seat at the table."""

    def __init__(self, app: WargameApp) -> None:
        self.app = app

    def answer_screen(self, picture: Picture) -> Screen:
        from wargame.tui.screens.answer import AnswerScreen

        return AnswerScreen(picture).data_bind(type(self.app).picture)

    def open(self) -> None:
        """``n``: the offer waiting for this seat's answer, else the negotiation table."""
        from wargame.tui.screens.answer import AnswerScreen
        from wargame.tui.screens.negotiation import NegotiationScreen

        app, seating = self.app, self.app.seating
        picture = seating.picture if seating else None
        if picture is None or app.settling:
            return
        if isinstance(app.screen, (NegotiationScreen, AnswerScreen)):
            return
        view = picture.view
        if view.offer is not None and view.my_turn:
            app.push_screen(self.answer_screen(picture))
        elif view.talks is not None:
            app.push_screen(NegotiationScreen(picture).data_bind(type(app).picture))
        else:
            app.notify(not_now(picture), severity="warning", markup=False)

    def _send(self, make: type, *args: object) -> None:
        seating = self.app.seating
        view = seating.view if seating else None
        if seating is None or view is None or not view.who or seating.settling:
            return
        seating.send(make(view.who, *args))

    def edit(self, draft: Draft) -> None:
        self._send(rq.EditDraft, draft.to, draft.terms, draft.package)

    def offer(self, draft: Draft, note: str) -> None:
        """The offer is the seat's decision: it goes with the team's forecast, as an
        option does. A package goes as its id (the log says which package was offered)."""
        seating = self.app.seating
        if seating is not None:
            terms = () if draft.package else draft.terms
            seating.decide(lambda who: rq.MakeOffer(who, draft.to, terms, draft.package, note))

    def answer(self, accept: bool) -> None:
        self._send(rq.AnswerOffer, accept)
