"""Balance of the bundled scenario, on a few thousand AI games with fixed seeds.

The aims (issue 12; ``bench/balance.py`` measures them on 10,000 games per
doctrine): under the standard doctrine every ending is reached in 1%-60% of
games, each playable actor scores 30%-80% of the points its objectives offer,
and every track has a package signed in 10%-60% of games; a hawkish Russia
signs less and fights more, a conciliatory one signs more. And (issue 5) an
escalation doctrine on every seat brings more war and a more cohesive
alliance than a concession doctrine, as in January 2022, when Russia's
build-up drew the alliance together.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from wargame.analysis.simulate import run_games
from wargame.analysis.stats import wilson

RUNS = 3000
SIDE = 1000
"""Games per doctrine on every seat (the issue 5 comparison)."""
ROOT = Path(__file__).resolve().parents[2]


def _bench() -> ModuleType:
    """bench/balance.py, whose figures and aims this test checks on fewer games."""
    spec = importlib.util.spec_from_file_location("bench_balance", ROOT / "bench" / "balance.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


balance = _bench()


def _doctrine(sc, kind: str) -> str:
    """The doctrine that favours ``kind`` most over its opposite, read from [[policies]]."""
    other = "concession" if kind == "escalation" else "escalation"
    best = max(sc.doctrines, key=lambda p: p.multiplier(kind) / max(p.multiplier(other), 1e-9))
    assert best.multiplier(kind) > best.multiplier(other), f"no {kind} doctrine in [[policies]]"
    return best.id


@pytest.fixture(scope="module")
def games(bundled):
    runs = {"standard": RUNS, "russia=hawk": RUNS // 2, "russia=dove": RUNS // 2}
    out = {d: run_games(bundled, n, bundled.seed, balance.policy_of(d), jobs=2)
           for d, n in runs.items()}
    out["all_hawk"] = run_games(bundled, SIDE, bundled.seed,
                                _doctrine(bundled, "escalation"), jobs=2)
    out["all_dove"] = run_games(bundled, SIDE, bundled.seed,
                                _doctrine(bundled, "concession"), jobs=2)
    return out


@pytest.fixture(scope="module")
def figs(bundled, games):
    return {d: balance.figures(bundled, games[d]) for d in balance.DOCTRINES}


def test_every_ending_is_reached_and_none_dominates(figs):
    shares = figs["standard"]["endings"]
    low, high = balance.ENDING_SHARE
    assert all(low <= v <= high for v in shares.values()), shares


def test_every_actor_scores_a_fair_share_of_its_points(bundled, figs):
    shares = figs["standard"]["scores"]
    assert set(shares) == {a.id for a in bundled.actors if a.playable}
    low, high = balance.SCORE_SHARE
    assert all(low <= v <= high for v in shares.values()), shares


def test_every_track_has_a_deal_that_is_sometimes_made(bundled, figs):
    rates = figs["standard"]["packages"]
    low, high = balance.SIGN_RATE
    for track, pids in balance.tracks_of(bundled).items():
        assert any(low <= rates[p] <= high for p in pids), (track, {p: rates[p] for p in pids})


def test_a_hawkish_russia_signs_less_and_fights_more(games, figs):
    std, hawk = figs["standard"], figs["russia=hawk"]
    assert hawk["signs"] < std["signs"] / 2, (hawk["signs"], std["signs"])
    n, m = len(games["russia=hawk"]), len(games["standard"])
    # Not just more: more beyond the play of chance (95% intervals apart).
    assert wilson(round(hawk["fights"] * n), n)[0] > wilson(round(std["fights"] * m), m)[1]


def test_a_conciliatory_russia_signs_more(figs):
    std, dove = figs["standard"], figs["russia=dove"]
    assert dove["signs"] > 1.5 * std["signs"], (dove["signs"], std["signs"])


def test_escalation_everywhere_brings_more_war_than_concession(games):
    n = SIDE
    hawk = sum(g.ending == "invasion" for g in games["all_hawk"])
    dove = sum(g.ending == "invasion" for g in games["all_dove"])
    assert wilson(hawk, n)[0] > wilson(dove, n)[1], (hawk / n, dove / n)


def test_escalation_everywhere_leaves_a_more_cohesive_alliance(games):
    def mean(summaries) -> float:
        return sum(g.values["cohesion"] for g in summaries) / len(summaries)

    hawk, dove = mean(games["all_hawk"]), mean(games["all_dove"])
    assert hawk > dove + 5, (hawk, dove)
