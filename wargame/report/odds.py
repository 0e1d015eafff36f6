"""Against the odds: where one game stands among simulated games of its scenario.

The simulated games play every seat with the game's own AI doctrine, from
the scenario's seed on, so two reports of the same scenario and doctrine are
measured against the same games: a team sees whether its result was skill
or luck.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs

from wargame.analysis.simulate import GameSummary, run_games
from wargame.engine.game import Game
from wargame.report.format import fmt_number
from wargame.scenario.model import Tone


@attrs.frozen
class Standing:
    """One final number of this game against the same number in the simulated games."""

    id: str
    name: str
    value: float
    lower: float
    """Share of simulated games that ended lower."""
    higher: float
    """Share of simulated games that ended higher."""
    higher_is: str
    """``worse``, ``better`` or ``neutral``."""


@attrs.frozen
class Odds:
    runs: int
    doctrine: str
    ending: str
    """This game's ending title."""
    same_ending: float
    """Share of simulated games that reached the same ending."""
    endings: tuple[tuple[str, float], ...]
    """(ending title, share) of the simulated games, most common first."""
    standings: tuple[Standing, ...]
    """Indicators and tracks, then each actor's objective points."""


def _standing(ident: str, name: str, value: float, others: Sequence[float],
              higher_is: str) -> Standing:
    n = len(others) or 1
    lower = sum(1 for v in others if v < value) / n
    higher = sum(1 for v in others if v > value) / n
    return Standing(ident, name, value, lower, higher, higher_is)


def measure(game: Game, games: Sequence[GameSummary], doctrine: str) -> Odds:
    """Place a finished game among simulated ones."""
    sc = game.scenario
    assert game.ending is not None
    n = len(games) or 1
    counts: dict[str, int] = {}
    for g in games:
        counts[g.ending] = counts.get(g.ending, 0) + 1
    endings = tuple(sorted(((sc.ending_by_id[e].title if e in sc.ending_by_id else e or "none",
                             c / n) for e, c in counts.items()), key=lambda p: -p[1]))
    values = game.state.values
    standings = [_standing(i.id, i.name, values[i.id], [g.values[i.id] for g in games],
                           i.higher_is) for i in sc.indicators]
    standings += [_standing(t.id, t.name, values[t.id], [g.values[t.id] for g in games],
                            "better") for t in sc.tracks]
    standings += [_standing(f"score.{a}", f"Objective points of {sc.actor_by_id[a].name}",
                            p, [g.scores.get(a, 0.0) for g in games], "better")
                  for a, p in game.scores.items()]
    return Odds(len(games), doctrine, game.ending.title,
                counts.get(game.ending.id, 0) / n, endings, tuple(standings))


def simulate(game: Game, runs: int, doctrine: str, jobs: int = 1,
             progress: Callable[[int, int], None] | None = None) -> Odds | None:
    """Odds of a finished game against ``runs`` AI games; None if unfinished or runs is 0."""
    if runs <= 0 or game.ending is None:
        return None
    games = run_games(game.scenario, runs, None, game.policy, jobs, progress)
    return measure(game, games, doctrine)


def pct(share: float) -> str:
    """A share as a whole percentage; never rounds a nonzero share to 0% or 100%."""
    value = round(share * 100)
    if value == 0 and share > 0:
        return "<1%"
    if value == 100 and share < 1:
        return ">99%"
    return f"{value}%"


def sentence(s: Standing, runs: int) -> str:
    """"Tension ended at 95: higher than in 83% of 1,000 simulated games, lower than in 4%"."""
    games = f"{runs:,} simulated games"
    head = f"{s.name} ended at {fmt_number(s.value)}"
    if s.lower == 0 and s.higher == 0:
        return f"{head}: the same as in every one of {games}"
    parts = []
    if s.lower:
        parts.append(f"higher than in {pct(s.lower)}")
    if s.higher:
        parts.append(f"lower than in {pct(s.higher)}")
    return f"{head}: " + ", ".join(parts) + f" of {games}"


def ending_tail(odds: Odds) -> str:
    return (f"of {odds.runs:,} simulated games (doctrine {odds.doctrine}, AI on every seat) "
            f"also ended in “{odds.ending}”.")


def ending_sentence(odds: Odds) -> str:
    return f"{pct(odds.same_ending)} {ending_tail(odds)}"


def verdict(odds: Odds, tone: Tone | None, people: bool = True, interventions: int = 0) -> str:
    """Skill or luck, in plain sentences a team can argue with."""
    text = _verdict(odds.same_ending, tone, people)
    if interventions:
        times = {1: "once", 2: "twice"}.get(interventions, f"{interventions} times")
        text += (f" The white cell stepped in {times}; the simulated games had no white "
                 "cell, so part of the difference is its doing.")
    return text


def _verdict(share: float, tone: Tone | None, people: bool) -> str:
    if not people:
        return ("The AI played every seat, so this game is one draw from the same "
                "distribution as the simulated games.")
    if share >= 0.5:
        return ("Most simulated games end this way too: the scenario's momentum explains "
                "this result more than the teams' choices did.")
    if share < 0.1:
        if tone == "good":
            return "Few simulated games get here: this result was hard-won, not luck."
        if tone == "bad":
            return ("Few simulated games end this badly: the choices made here, or bad luck "
                    "in the events, cost more than usual. The timeline shows which.")
        return "An unusual result: few simulated games end this way."
    return ("A common enough result: the teams' choices shifted the odds, but chance "
            "in the events played its part.")
