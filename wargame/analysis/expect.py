"""``[expect]`` in replay scripts: what a replayed game must show."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wargame.engine.game import Game

TOLERANCE = 1e-6


def actual(game: Game, key: str) -> Any:
    """The game's value for an expectation key; KeyError for a key it cannot read."""
    sc = game.scenario
    values = game.state.values
    if key == "ending":
        return game.ending.id if game.ending else None
    if key == "turn":
        return game.waiting.turn if game.waiting else game.turn.id
    if key in values:
        return values[key]
    head, _, tail = key.partition(".")
    if head in sc.track_by_id and tail == "status":
        return sc.status_of(values[head])
    if head in sc.track_by_id and tail == "progress":
        return values[head]
    if head == "score" and tail in sc.actor_by_id:
        return game.scores.get(tail, 0.0)
    if head == "fired" and tail in sc.event_by_id:
        return tail in game.state.fired
    if head == "chose" and tail in sc.option_by_id:
        return tail in game.state.chosen
    if head in ("offered", "signed", "breached") and tail in sc.term_by_id:
        return tail in getattr(game.state, head)
    raise KeyError(key)


def check(game: Game, expect: Mapping[str, Any]) -> list[str]:
    """Every expectation that does not hold, as a line a user reads."""
    failures = []
    for key, wanted in expect.items():
        try:
            got = actual(game, key)
        except KeyError:
            failures.append(f"expect.{key}: not something a game has (an indicator, a track, "
                            "'<track>.status', 'score.<actor>', 'fired.<event>', "
                            "'chose.<option>', 'offered.<term>', 'signed.<term>', "
                            "'breached.<term>', 'ending' or 'turn')")
            continue
        if isinstance(wanted, bool) or isinstance(got, bool) or got is None:
            same = wanted == got
        elif isinstance(wanted, (int, float)) and isinstance(got, (int, float)):
            same = abs(float(wanted) - float(got)) <= TOLERANCE
        else:
            same = wanted == got
        if not same:
            failures.append(f"expect.{key}: expected {_show(wanted)}, got {_show(got)}")
    return failures


def _show(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return repr(value) if isinstance(value, str) else str(value)
