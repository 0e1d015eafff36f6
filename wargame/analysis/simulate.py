"""Many AI games of one scenario: the summaries, or their counts, run in parallel.

Game ``i`` of a run uses seed ``base + i``, so a run gives the same summaries
whatever the number of worker processes: workers only split the seeds into
chunks, and the chunks are put back in seed order. ``tally_games`` keeps only
the counts (``tally.py``), each worker counting its own chunks.
"""

from __future__ import annotations

import gc
import os
import signal
import threading
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from typing import Any

import attrs

from wargame.analysis.tally import Tally, tally_of
from wargame.engine.game import PolicySpec, check_policy
from wargame.engine.replay import autoplay, offer_of
from wargame.errors import WargameError
from wargame.scenario.model import Scenario


@attrs.frozen
class GameSummary:
    """One simulated game, AI on every seat."""

    seed: int
    ending: str
    """Ending id."""
    turns: int
    """Turns played."""
    values: Mapping[str, float]
    """Final indicator values and track progress."""
    statuses: Mapping[str, str]
    """Final track statuses."""
    fired: frozenset[str]
    chosen: tuple[str, ...]
    """Option ids in the order chosen."""
    scores: Mapping[str, float]
    visited: frozenset[str] = frozenset()
    """``track:status`` and ``indicator:band label`` held at the start or after a turn."""
    offers: tuple[tuple[str, tuple[str, ...], bool], ...] = ()
    """(package id or "", term ids, accepted) of every offer, in the order made."""
    offered: frozenset[str] = frozenset()
    """Term ids offered in the game."""
    signed: frozenset[str] = frozenset()
    """Term ids signed and not broken when the game ended."""
    breached: frozenset[str] = frozenset()
    """Term ids signed and then broken."""


def _ladders(scenario: Scenario) -> list[tuple[str, list[float], list[str], str]]:
    """(id, ascending starts, names, name below the first) for tracks and banded indicators."""
    return scenario.derived("simulate.ladders", lambda: _build_ladders(scenario))


def _build_ladders(scenario: Scenario) -> list[tuple[str, list[float], list[str], str]]:
    statuses = scenario.track_statuses
    out = [(t.id, [s.start for s in statuses], [f"{t.id}:{s.id}" for s in statuses],
            f"{t.id}:{statuses[0].id}") for t in scenario.tracks]
    out += [(i.id, [b.start for b in i.bands], [f"{i.id}:{b.label}" for b in i.bands], "")
            for i in scenario.indicators if i.bands]
    return out


def _visited(scenario: Scenario, history: Iterable[tuple[str, Mapping[str, float]]]
             ) -> frozenset[str]:
    # bisect over the ordered starts: the same answer as status_of and band, faster.
    ladders = _ladders(scenario)
    out = set()
    for _, values in history:
        for ident, starts, names, below in ladders:
            at = bisect_right(starts, values[ident])
            out.add(names[at - 1] if at else below)
    out.discard("")
    return frozenset(out)


def play_one(scenario: Scenario, seed: int, policy: PolicySpec | None = None) -> GameSummary:
    """Play one game with the AI on every seat; news is not recorded (the fast path)."""
    out = autoplay(scenario, seed, policy)
    state = out.state
    return GameSummary(
        seed=seed,
        ending=out.ending.id if out.ending is not None else "",
        turns=state.turn,
        values=state.values,
        statuses={t.id: scenario.status_of(state.values[t.id]) for t in scenario.tracks},
        fired=state.fired,
        chosen=tuple(e.option for e in out.log if e.option and not e.is_facilitator),
        scores=out.scores,
        visited=_visited(scenario, out.history),
        offers=tuple((o.package, o.terms, e.answer == "accept")
                     for e, o in ((e, offer_of(scenario, e)) for e in out.log
                                  if e.kind == "offer")) if scenario.packages else (),
        offered=state.offered, signed=state.signed, breached=state.breached,
    )


# -- parallel runs -----------------------------------------------------------

_WORKER: dict[str, Any] = {}
"""The scenario a worker process plays, set before (fork) or as (spawn) it starts."""

CHUNK = 250
"""Games per task: large enough that pickling summaries back is cheap."""


def _init_worker(source: str | None, sha256: str) -> None:
    # Ctrl-C is the parent's to handle: it stops handing out chunks and exits.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.freeze()  # what came from the parent stays put: no copy-on-write by the collector
    if source is None:  # forked: the parent's scenario is already here
        return
    from wargame.scenario.load import load_scenario

    scenario = load_scenario(source)
    if sha256 and scenario.sha256 != sha256:
        raise RuntimeError(f"{source} changed while the simulation ran")
    _WORKER["scenario"] = scenario


def _play_chunk(seeds: range, policy: PolicySpec | None, tally: bool = False
                ) -> list[GameSummary] | Tally:
    """A chunk's summaries, or (``tally``) only their counts: a few KB to hand back
    instead of every game's summary, and the counting done here, in parallel."""
    scenario = _WORKER["scenario"]
    if tally:
        return tally_of(scenario, (play_one(scenario, s, policy) for s in seeds))
    return [play_one(scenario, s, policy) for s in seeds]


def _chunks(base: int, runs: int, size: int) -> Iterator[range]:
    for start in range(0, runs, size):
        yield range(base + start, base + min(start + size, runs))


def _executor(scenario: Scenario, jobs: int) -> ProcessPoolExecutor | None:
    """A pool that can see the scenario, or None when only this process can."""
    # Forking copies the compiled scenario for free; it is only safe while this
    # process runs a single thread (a Textual app has several).
    if threading.active_count() == 1 and "fork" in _methods():
        _WORKER["scenario"] = scenario
        return ProcessPoolExecutor(jobs, mp_context=get_context("fork"),
                                   initializer=_init_worker, initargs=(None, ""))
    if scenario.source and os.path.isfile(scenario.source) and scenario.sha256:
        return ProcessPoolExecutor(jobs, mp_context=get_context("spawn"),
                                   initializer=_init_worker,
                                   initargs=(scenario.source, scenario.sha256))
    return None  # compiled closures don't pickle and there is no file to reload


def _methods() -> list[str]:
    from multiprocessing import get_all_start_methods

    return get_all_start_methods()


def run_games(scenario: Scenario, runs: int, seed: int | None = None,
              policy: PolicySpec | None = None, jobs: int = 1,
              progress: Callable[[int, int], None] | None = None) -> list[GameSummary]:
    """``runs`` games with seeds ``base, base+1, ...``; the same list for any ``jobs``.

    ``progress(done, runs)`` is called as games finish. Raises GameError for an
    unknown doctrine or actor in ``policy``.
    """
    out: list[GameSummary] = []
    for part in _parts(scenario, runs, seed, policy, jobs, progress, tally=False):
        assert isinstance(part, list)
        out.extend(part)
    return out


def tally_games(scenario: Scenario, runs: int, seed: int | None = None,
                policy: PolicySpec | None = None, jobs: int = 1,
                progress: Callable[[int, int], None] | None = None) -> Tally:
    """The counts of the games ``run_games`` plays, gathered as they finish.

    Memory stays flat however many games: no summary outlives its count.
    The counts are the same for any ``jobs`` (see tally.py).
    """
    total = Tally()
    for part in _parts(scenario, runs, seed, policy, jobs, progress, tally=True):
        assert isinstance(part, Tally)
        total.merge(part)
    return total


def _parts(scenario: Scenario, runs: int, seed: int | None, policy: PolicySpec | None,
           jobs: int, progress: Callable[[int, int], None] | None,
           tally: bool) -> Iterator[list[GameSummary] | Tally]:
    """The games in chunks of seeds, in seed order: played here, or by a pool."""
    check_policy(scenario, policy)
    base = scenario.seed if seed is None else seed
    jobs = max(1, min(jobs, os.cpu_count() or 1, -(-runs // CHUNK) if runs else 1))
    pool = _executor(scenario, jobs) if jobs > 1 else None
    done = 0
    if pool is None:
        step = max(1, min(CHUNK, runs // 100 or 1))
        for seeds in _chunks(base, runs, step):
            games = (play_one(scenario, s, policy) for s in seeds)
            yield tally_of(scenario, games) if tally else list(games)
            done += len(seeds)
            if progress is not None:
                progress(done, runs)
        return
    size = min(CHUNK, max(1, -(-runs // (jobs * 4))))
    count = -(-runs // size)
    try:
        for part, seeds in zip(pool.map(_play_chunk, _chunks(base, runs, size),
                                        [policy] * count, [tally] * count),
                               _chunks(base, runs, size), strict=True):
            yield part
            done += len(seeds)
            if progress is not None:
                progress(done, runs)
    except BrokenProcessPool as exc:
        raise WargameError(f"{scenario.source}: a simulation worker failed ({exc}); "
                           "did the file change during the run?") from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)  # on Ctrl-C, don't play the rest
        _WORKER.pop("scenario", None)
