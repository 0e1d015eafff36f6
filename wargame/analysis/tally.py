"""Many games' statistics counted as the games finish, in memory that does not grow with them.

A ``Tally`` holds counts only: how many games ended each way, how often each
value of each indicator was final, each event fired, each option was
chosen... Every statistic ``simulate`` prints (shares, means, percentiles,
rates, coverage) is computed from these counts exactly as from the list of
games: a percentile reads the value at its rank in the sorted counts, a mean
adds the values in sorted order as ``sum(sorted(...))`` does. So 200,000
games cost the memory of 20,000, and tallies of chunks played in separate
processes merge into the very same numbers whatever the chunks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from wargame.engine.state import State
from wargame.scenario.model import Scenario

if TYPE_CHECKING:
    from wargame.analysis.simulate import GameSummary


class Tally:
    """The counts of many games of one scenario; ``add`` one game, ``merge`` another tally."""

    def __init__(self) -> None:
        self.n = 0
        """Games counted."""
        self.endings: Counter[str] = Counter()
        self.turns: Counter[float] = Counter()
        self.values: dict[str, Counter[float]] = {}
        """Indicator or track id -> final value -> games."""
        self.statuses: dict[str, Counter[str]] = {}
        self.fired: Counter[str] = Counter()
        self.picks: Counter[str] = Counter()
        """Option id -> times chosen, over every game."""
        self.picked: dict[str, Counter[str]] = {}
        """Option id -> ending -> games in which it was chosen at least once."""
        self.scores: dict[str, Counter[float]] = {}
        """Actor -> points -> games (games without a score for the actor: see ``scored``)."""
        self.scored: Counter[str] = Counter()
        self.met: Counter[str] = Counter()
        """Objective id -> games in which it held at the end."""
        self.visited: set[str] = set()
        self.offered: Counter[str] = Counter()
        """Package id -> games in which it was offered (and the same for the rest)."""
        self.accepted: Counter[str] = Counter()
        self.broken: Counter[str] = Counter()
        self.times: Counter[str] = Counter()
        self.package_mix: dict[str, Counter[str]] = {}
        self.term_offered: Counter[str] = Counter()
        self.term_signed: Counter[str] = Counter()
        self.term_breached: Counter[str] = Counter()
        self.term_mix: dict[str, Counter[str]] = {}

    def add(self, sc: Scenario, g: GameSummary) -> None:
        """Count one game."""
        self.n += 1
        self.endings[g.ending] += 1
        self.turns[g.turns] += 1
        for ident, value in g.values.items():
            self.values.setdefault(ident, Counter())[value] += 1
        for ident, status in g.statuses.items():
            self.statuses.setdefault(ident, Counter())[status] += 1
        self.fired.update(g.fired)
        self.picks.update(g.chosen)
        for oid in set(g.chosen):
            self.picked.setdefault(oid, Counter())[g.ending] += 1
        for actor, points in g.scores.items():
            self.scores.setdefault(actor, Counter())[points] += 1
            self.scored[actor] += 1
        # Objectives read only values, turn, choices and events: rebuilt from the summary.
        state = State(g.values, g.turns, frozenset(g.chosen), g.fired, g.ending, g.offered,
                      g.signed, g.breached)
        self.met.update(o.id for o in sc.objectives if o.when(state))
        self.visited |= g.visited
        if sc.terms:
            self._add_deals(sc, g)

    def _add_deals(self, sc: Scenario, g: GameSummary) -> None:
        took = {pid for pid, _, ok in g.offers if pid and ok}
        self.times.update(pid for pid, _, _ in g.offers if pid)
        self.offered.update({pid for pid, _, _ in g.offers if pid})
        self.accepted.update(took)
        for pid in took:
            self.package_mix.setdefault(pid, Counter())[g.ending] += 1
            if set(sc.package_by_id[pid].terms) & g.breached:
                self.broken[pid] += 1
        self.term_offered.update(g.offered)
        self.term_breached.update(g.breached)
        ever = g.signed | g.breached  # a breached term was signed first
        self.term_signed.update(ever)
        for tid in ever:
            self.term_mix.setdefault(tid, Counter())[g.ending] += 1

    def merge(self, other: Tally) -> Tally:
        """Add another tally's counts to this one (any order gives the same counts)."""
        self.n += other.n
        self.visited |= other.visited
        for name, mine in vars(self).items():
            theirs = getattr(other, name)
            if isinstance(mine, Counter):
                mine.update(theirs)
            elif isinstance(mine, dict):
                for key, counts in theirs.items():
                    mine.setdefault(key, Counter()).update(counts)
        return self

    def score_counts(self, actor: str) -> Counter[float]:
        """Points of ``actor`` per game, 0 for the games that scored it nothing."""
        counts = Counter(self.scores.get(actor, {}))
        missing = self.n - self.scored[actor]
        if missing:
            counts[0.0] += missing
        return counts


def tally_of(sc: Scenario, games: Iterable[GameSummary]) -> Tally:
    tally = Tally()
    for g in games:
        tally.add(sc, g)
    return tally


def ranked(counts: Counter[float]) -> list[tuple[float, int]]:
    """(value, games) in ascending order of value: the sorted list, run-length coded."""
    return sorted(counts.items())


def at_rank(runs: list[tuple[float, int]], index: int) -> float:
    """The value at ``index`` of the sorted list these runs code."""
    seen = 0
    for value, count in runs:
        seen += count
        if index < seen:
            return value
    raise IndexError(index)


def total(runs: list[tuple[float, int]]) -> float:
    """``sum`` of the sorted list these runs code: the same additions in the same order."""
    return sum(value for value, count in runs for _ in range(count))
