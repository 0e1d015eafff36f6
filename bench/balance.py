"""Balance of the bundled scenario: endings, score shares and agreements per doctrine.

The aims (issue 12), on 10,000 AI games per doctrine:
- under the standard doctrine every ending is reached in 1%-60% of games;
- under it each playable actor scores, on average, 30%-80% of the points its
  objectives offer;
- on every track with packages, at least one package is signed (its offer
  accepted) in 10%-60% of standard games;
- a hawkish Russia (``russia=hawk``, the others standard) signs less and fights
  more than a standard one, a conciliatory Russia (``russia=dove``) signs more.

"Signs" is the mean number of accepted offers per game; "fights" is the share
of games that end in the invasion or the recognition crisis.

Run: ``python bench/balance.py [--runs N] [--jobs J]`` (``make bench``).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

from wargame.analysis.simulate import GameSummary, run_games  # noqa: E402
from wargame.scenario.load import load_scenario  # noqa: E402
from wargame.scenario.model import Scenario  # noqa: E402

BUNDLED = ROOT / "scenarios" / "january_2022.toml"
DOCTRINES = ("standard", "russia=hawk", "russia=dove")
FIGHTS = ("invasion", "recognition_crisis")
"""The endings in which Russia used force."""
ENDING_SHARE = (0.01, 0.60)
SCORE_SHARE = (0.30, 0.80)
SIGN_RATE = (0.10, 0.60)


def policy_of(doctrine: str) -> str | dict[str, str]:
    """``russia=hawk`` as the per-actor table ``simulate`` takes; a plain name as is."""
    if "=" not in doctrine:
        return doctrine
    return dict(part.split("=", 1) for part in doctrine.split(","))  # type: ignore[misc]


def figures(sc: Scenario, games: Sequence[GameSummary]) -> dict[str, Any]:
    """Ending shares, mean score share per actor, sign rate per package, signs and fights."""
    n = len(games)
    endings = Counter(g.ending for g in games)
    offered: dict[str, float] = {}
    for o in sc.objectives:
        offered[o.actor] = offered.get(o.actor, 0.0) + o.points
    scores = {a.id: sum(g.scores.get(a.id, 0.0) for g in games) / n / offered[a.id]
              for a in sc.actors if a.playable and offered.get(a.id)}
    signed: Counter[str] = Counter()
    for g in games:
        signed.update({pid for pid, _, ok in g.offers if pid and ok})
    return {
        "endings": {e.id: endings[e.id] / n for e in sc.endings},
        "scores": scores,
        "packages": {p.id: signed[p.id] / n for p in sc.packages},
        "signs": sum(ok for g in games for _, _, ok in g.offers) / n,
        "fights": sum(endings[e] for e in FIGHTS) / n,
    }


def tracks_of(sc: Scenario) -> dict[str, list[str]]:
    """Package ids per track (a package's track is its first term's), in file order."""
    out: dict[str, list[str]] = {}
    for p in sc.packages:
        out.setdefault(sc.term_by_id[p.terms[0]].track, []).append(p.id)
    return out


def aims(sc: Scenario, figs: dict[str, dict[str, Any]]) -> list[tuple[bool, str]]:
    """Each aim: whether it is met, and the figures that say so."""
    std, hawk, dove = (figs[d] for d in DOCTRINES)
    lo, hi = ENDING_SHARE
    ends = std["endings"]
    out = [(all(lo <= v <= hi for v in ends.values()),
            "every ending in 1%-60% (standard): "
            + ", ".join(f"{k} {_pct(v)}" for k, v in ends.items()))]
    lo, hi = SCORE_SHARE
    out.append((all(lo <= v <= hi for v in std["scores"].values()),
                "each actor's mean score share in 30%-80% (standard): "
                + ", ".join(f"{k} {_pct(v)}" for k, v in std["scores"].items())))
    lo, hi = SIGN_RATE
    for track, pids in tracks_of(sc).items():
        best = [p for p in pids if lo <= std["packages"][p] <= hi]
        out.append((bool(best), f"a package on '{track}' signed in 10%-60% of standard games: "
                    + (", ".join(f"{p} {_pct(std['packages'][p])}" for p in best) or "none")))
    out.append((hawk["signs"] < std["signs"] and hawk["fights"] > std["fights"],
                f"russia=hawk signs less ({hawk['signs']:.2f} vs {std['signs']:.2f} a game) "
                f"and fights more ({_pct(hawk['fights'])} vs {_pct(std['fights'])})"))
    out.append((dove["signs"] > std["signs"],
                f"russia=dove signs more ({dove['signs']:.2f} vs {std['signs']:.2f} a game)"))
    return out


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _rows(title: str, names: Sequence[str], key: str, figs: dict[str, dict[str, Any]]) -> None:
    print(f"{title:34s}" + "".join(f"{d:>14s}" for d in DOCTRINES))
    for name in names:
        print(f"  {name:32s}" + "".join(f"{_pct(figs[d][key][name]):>14s}" for d in DOCTRINES))


def report(sc: Scenario, figs: dict[str, dict[str, Any]], runs: int) -> bool:
    print(f"{sc.id}: {runs:,} games per doctrine, seeds {sc.seed}-{sc.seed + runs - 1}")
    _rows("Endings", [e.id for e in sc.endings], "endings", figs)
    _rows("Mean score share", list(figs["standard"]["scores"]), "scores", figs)
    for track, pids in tracks_of(sc).items():
        _rows(f"Signed in (track {track})", pids, "packages", figs)
    print(f"{'Accepted offers a game':34s}"
          + "".join(f"{figs[d]['signs']:>14.2f}" for d in DOCTRINES))
    print(f"{'Invasion or recognition':34s}"
          + "".join(f"{_pct(figs[d]['fights']):>14s}" for d in DOCTRINES))
    checked = aims(sc, figs)
    for ok, text in checked:
        print(f"   {'ok' if ok else 'MISSED'}  {text}")
    return all(ok for ok, _ in checked)


def measure(runs: int, jobs: int, path: Path = BUNDLED) -> tuple[Scenario, dict[str, Any]]:
    sc = load_scenario(path)
    return sc, {d: figures(sc, run_games(sc, runs, sc.seed, policy_of(d), jobs=jobs))
                for d in DOCTRINES}


def main(argv: Sequence[str] = ()) -> bool:
    parser = argparse.ArgumentParser(prog="bench/balance.py")
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(list(argv))
    sc, figs = measure(args.runs, args.jobs)
    return report(sc, figs, args.runs)


if __name__ == "__main__":
    raise SystemExit(0 if main(sys.argv[1:]) else 1)
