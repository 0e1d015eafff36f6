"""Which forecasts a seat may record with its decision (an extension of the log).

Before committing (an option or an offer), a seat may say what it expects
each other actor still to decide this turn to do: one of that actor's options
in this turn, an offer (``OFFER``, in a turn that opens a track for offers),
or "no idea". A forecast changes nothing in the game; it is kept for the
debrief.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from wargame.engine.state import OFFER, Forecast
from wargame.scenario.model import Scenario, Turn


def forecast_targets(turn: Turn, actor: str) -> tuple[str, ...]:
    """The actors ``actor`` may forecast in ``turn``: those still to decide after it
    (in a sequential turn the earlier moves are known), or every other one in a
    simultaneous turn."""
    if actor not in turn.actors:
        return ()
    if turn.simultaneous:
        return tuple(a for a in turn.actors if a != actor)
    return turn.actors[turn.actors.index(actor) + 1:]


def forecast_problem(scenario: Scenario, turn: Turn, actor: str,
                     forecasts: Iterable[Forecast]) -> str:
    """Why these forecasts may not go with ``actor``'s decision in ``turn``; empty if they may."""
    targets = forecast_targets(turn, actor)
    seen: set[str] = set()
    for f in forecasts:
        if f.actor not in scenario.actor_by_id:
            return f"forecast about unknown actor '{f.actor}'"
        if f.actor not in targets:
            why = ("is the one deciding" if f.actor == actor else
                   "does not decide in this turn" if f.actor not in turn.actors else
                   "has already decided in this turn")
            return f"forecast about '{f.actor}', which {why}"
        if f.actor in seen:
            return f"two forecasts about '{f.actor}'"
        seen.add(f.actor)
        if not f.option:
            if f.confidence is not None:
                return f"forecast about '{f.actor}': \"no idea\" (no option) takes no confidence"
            continue
        if f.option == OFFER:
            if not turn.negotiate:
                return (f"forecast about '{f.actor}': an offer cannot be expected in turn "
                        f"'{turn.id}', which opens no track for offers")
        elif f.option not in {o.id for o in scenario.options_for(f.actor, turn.id)}:
            return (f"forecast about '{f.actor}': '{f.option}' is not one of its options "
                    f"in turn '{turn.id}'")
        c = f.confidence
        if c is None or isinstance(c, bool) or not math.isfinite(c) or not 0 <= c <= 1:
            return f"forecast about '{f.actor}': confidence must be a number from 0 to 1"
    return ""
