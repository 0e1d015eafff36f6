"""What a white-cell action would move, worked out before it is released.

Pure functions of a game: the facilitator's console shows their result, and
nothing is logged until the action is released. An inject or an adjustment
applies to the state the game waits on (``Game.state``), exactly as the log
entry would; endings are checked at the end of the turn, so the preview says
which ending the state would then meet, other moves aside. ``describe`` is
the one wording of a preview, for the console at one screen and on a hosted
table alike (a ``PreviewText`` crosses the wire as it is).
"""

from __future__ import annotations

import math

import attrs

from wargame.engine import rules
from wargame.engine.game import Game
from wargame.engine.state import Change, State
from wargame.errors import GameError
from wargame.scenario.model import Ending, Scenario


@attrs.frozen
class Shift:
    """A label that changes with a number: an indicator's band or a track's status."""

    target: str
    name: str
    before: str
    after: str


MAX_AMOUNT = 1e9
"""The largest amount an adjustment is previewed by; no scenario's number spans more."""


@attrs.frozen
class PreviewText:
    """A preview as the facilitator reads it: what is asked, then what it would move."""

    title: str
    """``Fire “Spiral” would move:``"""
    lines: tuple[str, ...]
    """One line for each number, label and ending it would change."""


@attrs.frozen
class Preview:
    """The numbers an action would move, the labels that would change, and the ending."""

    event: str
    """The event an inject would fire; empty for an adjustment."""
    target: str
    """The number an adjustment would move; empty for an inject."""
    by: float
    """The adjustment's amount (0 for an inject)."""
    changes: tuple[Change, ...]
    """Each number that would move (clamped, as in play)."""
    shifts: tuple[Shift, ...]
    """Bands and track statuses that would change."""
    ending_now: Ending | None
    """The ending the state meets now, checked at the end of the turn."""
    ending_then: Ending | None
    """The ending it would meet after the action."""
    waits: str = ""
    """Why the action cannot be released now (the game over, an offer awaiting its answer)."""

    @property
    def triggers(self) -> Ending | None:
        """An ending the action would bring about (None if it changes none)."""
        return self.ending_then if self.ending_then != self.ending_now else None

    @property
    def averts(self) -> Ending | None:
        """An ending the state meets now that the action would take away."""
        return self.ending_now if self.ending_then != self.ending_now else None


def _label(scenario: Scenario, target: str, value: float) -> str:
    indicator = scenario.indicator_by_id.get(target)
    if indicator is not None:
        band = indicator.band(value)
        return band.label if band else ""
    return scenario.status_of(value)


def _preview(game: Game, state: State, changes: tuple[Change, ...], event: str = "",
             target: str = "", by: float = 0.0) -> Preview:
    sc = game.scenario
    shifts = []
    for c in changes:
        before, after = _label(sc, c.target, c.before), _label(sc, c.target, c.after)
        if before != after:
            shifts.append(Shift(c.target, sc.name_of(c.target), before, after))
    last = game.turn.index == len(sc.turns)
    return Preview(event, target, by, changes, tuple(shifts),
                   rules.check_endings(sc, game.state, last), rules.check_endings(sc, state, last))


def preview_inject(game: Game, event_id: str) -> Preview:
    """What firing ``event_id`` now would move; GameError for an event the scenario lacks."""
    event = game.scenario.event_by_id.get(event_id)
    if event is None:
        raise GameError(f"unknown event '{event_id}'")
    if game.white_cell_waits:
        return Preview(event_id, "", 0.0, (), (), None, None, game.white_cell_waits)
    state, item = rules.fire(game.scenario, game.state, game.turn, event, "inject")
    return _preview(game, state, item.changes, event=event_id)


def preview_adjust(game: Game, target: str, by: float) -> Preview:
    """What moving ``target`` by ``by`` now would move; GameError for a number the
    scenario lacks, or an amount that is not finite or beyond ``MAX_AMOUNT``."""
    if target not in game.scenario.bounds:
        raise GameError(f"unknown indicator or track '{target}'")
    if not math.isfinite(by):
        raise GameError("the amount must be a finite number")
    if abs(by) > MAX_AMOUNT:
        raise GameError(f"the amount must be at most {MAX_AMOUNT:g} either way")
    if game.white_cell_waits:
        return Preview("", target, by, (), (), None, None, game.white_cell_waits)
    state, item = rules.adjust(game.scenario, game.state, game.turn, target, by)
    return _preview(game, state, item.changes, target=target, by=by)


def _num(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def describe(game: Game, preview: Preview) -> PreviewText:
    """The preview in the words a facilitator reads before releasing the action."""
    sc = game.scenario
    title = (f"Fire “{sc.event_by_id[preview.event].title}” would move:" if preview.event
             else f"Adjust {sc.name_of(preview.target)} by {preview.by:+g} would move:")
    if preview.waits:
        return PreviewText(title, (f"Nothing now: {preview.waits}.",))
    lines = [] if preview.changes else ["Moves no number."]
    for c in preview.changes:
        delta = c.after - c.before
        lines.append(f"{sc.name_of(c.target)} {_num(c.before)} → {_num(c.after)} "
                     f"({'+' if delta > 0 else ''}{_num(delta)})")
    for s in preview.shifts:
        what = "status" if s.target in sc.track_by_id else "band"
        lines.append(f"{s.name}: {what} {s.before or '(none)'} → {s.after or '(none)'}")
    if preview.triggers is not None:
        lines.append(f"Ending: the game would end in “{preview.triggers.title}” at the end "
                     "of this turn, unless later moves change that.")
    elif preview.averts is not None:
        lines.append(f"Ending: the game would no longer end in “{preview.averts.title}” "
                     "at the end of this turn.")
    return PreviewText(title, tuple(lines))
