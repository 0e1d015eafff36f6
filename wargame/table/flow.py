"""Which screen comes next, and what changed between two views: pure, no terminal.

The screens ask ``next_screen`` after every change of their view, so a
hand-over, a briefing or the ending comes up however the table got there
(a decision, an undo, a rewind, a load, another screen's request).
"""

from __future__ import annotations

from typing import Literal

from wargame.engine.state import NewsItem
from wargame.table.view import SeatView

Screen = Literal["ending", "hand_over", "briefing", "answer", "board"]
BriefingKey = tuple[str, str | None, int]
"""(turn, who, step): a briefing as one screen put it up."""


def briefing_key(view: SeatView) -> BriefingKey:
    return (view.turn, view.who, view.step)


def next_screen(view: SeatView, shown: frozenset[BriefingKey] = frozenset()) -> Screen:
    """The screen to show for ``view``; ``shown``: briefings this screen already put up.

    The hand-over comes before anything of the next team's; then that team's
    briefing, once per turn reached (``view.briefing_due``; ``shown`` covers
    the moment between reading it and the table hearing so); then an offer
    that waits for this team's answer; then the board.
    """
    if view.over:
        return "ending"
    if view.hand_over:
        return "hand_over"
    if view.briefing_due and briefing_key(view) not in shown:
        return "briefing"
    if view.offer is not None and view.my_turn:
        return "answer"
    return "board"


def since_last_decision(view: SeatView) -> list[NewsItem]:
    """News since this view's team last decided (all of it before its first decision)."""
    news = view.news
    mine = set(view.mine) or ({view.waiting} if view.waiting else set())
    for i in range(len(news) - 1, -1, -1):
        item = news[i]
        if item.kind in ("decision", "pass") and item.actor in mine:
            return list(news[i + 1:])
    return list(news)


def fresh_news(old: SeatView | None, new: SeatView) -> tuple[NewsItem, ...]:
    """What ``new`` shows happened since ``old`` when the game went on from it; else nothing."""
    if old is None or old.scenario != new.scenario or new.step <= old.step:
        return ()
    if new.news[:len(old.news)] != old.news:
        return ()
    return new.news[len(old.news):]


def turn_resolved(old: SeatView | None, new: SeatView) -> str | None:
    """The turn that finished between two views of a game that went on; None if none did."""
    if old is None or old.over or old.scenario != new.scenario or new.step <= old.step:
        return None
    return old.turn if new.over or new.turn != old.turn else None
