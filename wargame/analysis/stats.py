"""What many simulated games say: ending shares, distributions, rates, coverage.

``summarise`` turns the games' tally (``tally.py``: counts, gathered as the
games finish) or a list of GameSummary into plain data (what ``simulate
--json`` prints); ``render`` writes it as text. Coverage is what a random
playthrough tester reports for interactive fiction, in this game's terms: the
events, options, endings, track statuses and indicator bands that no game
reached.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from wargame.analysis import deals
from wargame.analysis.simulate import GameSummary
from wargame.analysis.tally import Tally, at_rank, ranked, tally_of, total
from wargame.engine.setup import policy_text
from wargame.scenario.model import Scenario

Z95 = 1.959963984540054


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of a share k/n (95% by default); sound near 0 and 1."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    # Exact at the edges, where rounding would leave a share of 1e-18.
    low = 0.0 if k == 0 else max(0.0, centre - half)
    high = 1.0 if k == n else min(1.0, centre + half)
    return low, high


def percentile(ordered: Sequence[float], q: float) -> float:
    """The q-quantile (0..1) of sorted data, interpolating between neighbours."""
    if not ordered:
        return math.nan
    pos = q * (len(ordered) - 1)
    low = math.floor(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def spread(data: Iterable[float]) -> dict[str, float]:
    return spread_of(Counter(data))


def spread_of(counts: Counter[float]) -> dict[str, float]:
    """Mean and percentiles of the values these counts hold, as of their sorted list."""
    runs = ranked(counts)
    n = sum(counts.values())
    if not n:
        return {"mean": math.nan, "p10": math.nan, "p50": math.nan, "p90": math.nan}
    return {"mean": total(runs) / n, **{f"p{round(q * 100)}": _quantile(runs, n, q)
                                         for q in (0.1, 0.5, 0.9)}}


def _quantile(runs: list[tuple[float, int]], n: int, q: float) -> float:
    """``percentile`` of the sorted list the runs code, read at two ranks."""
    pos = q * (n - 1)
    low = math.floor(pos)
    high = min(low + 1, n - 1)
    a, b = at_rank(runs, low), at_rank(runs, high)
    return a + (b - a) * (pos - low)


def _share(k: int, n: int) -> float:
    return k / n if n else 0.0


def _endings(sc: Scenario, t: Tally) -> list[dict[str, Any]]:
    out = []
    for e in sc.endings:
        low, high = wilson(t.endings[e.id], t.n)
        out.append({"id": e.id, "title": e.title, "count": t.endings[e.id],
                    "share": _share(t.endings[e.id], t.n), "low": low, "high": high})
    return out


def _values(sc: Scenario, t: Tally) -> list[dict[str, Any]]:
    items = [(i.id, i.name, "indicator") for i in sc.indicators]
    items += [(tr.id, tr.name, "track") for tr in sc.tracks]
    return [{"id": ident, "name": name, "kind": kind,
             **spread_of(t.values.get(ident, Counter()))} for ident, name, kind in items]


def _statuses(sc: Scenario, t: Tally) -> dict[str, dict[str, float]]:
    out = {}
    for tr in sc.tracks:
        counts = t.statuses.get(tr.id, Counter())
        out[tr.id] = {s.id: _share(counts[s.id], t.n) for s in sc.track_statuses}
    return out


def _options(sc: Scenario, t: Tally) -> list[dict[str, Any]]:
    out = []
    for o in sc.options:
        picked = t.picked.get(o.id, Counter())
        games_with = sum(picked.values())
        mix = {e.id: _share(picked[e.id], games_with) for e in sc.endings}
        out.append({"id": o.id, "actor": o.actor, "kind": o.kind,
                    "rate": _share(games_with, t.n),
                    "per_game": _share(t.picks[o.id], t.n), "endings": mix})
    return out


def _objectives(sc: Scenario, t: Tally) -> list[dict[str, Any]]:
    return [{"id": o.id, "actor": o.actor, "title": o.title, "points": o.points,
             "rate": _share(t.met[o.id], t.n)} for o in sc.objectives]


def _coverage(sc: Scenario, stats: dict[str, Any], t: Tally) -> dict[str, list[str]]:
    visited = t.visited
    return {
        "events": [e["id"] for e in stats["events"] if e["rate"] == 0],
        "options": [o["id"] for o in stats["options"] if o["rate"] == 0],
        "endings": [e["id"] for e in stats["endings"] if e["count"] == 0],
        "statuses": [f"{tr.id}.status == '{s.id}'" for tr in sc.tracks
                     for s in sc.track_statuses if f"{tr.id}:{s.id}" not in visited],
        "bands": [f"{i.id}: {b.label}" for i in sc.indicators for b in i.bands
                  if f"{i.id}:{b.label}" not in visited],
        **({"packages": [p["id"] for p in stats["packages"] if p["offered"] == 0],
            "terms": [x["id"] for x in stats["terms"] if x["signed"] == 0]}
           if "terms" in stats else {}),
    }


def summarise(sc: Scenario, games: Iterable[GameSummary] | Tally, seed: int | None = None,
              policy: Any = None) -> dict[str, Any]:
    """Every statistic ``simulate`` shows, as plain data, from the games or their tally."""
    t = games if isinstance(games, Tally) else tally_of(sc, games)
    n = t.n
    order = [a.id for a in sc.actors]
    actors = sorted(t.scores, key=order.index)
    stats: dict[str, Any] = {
        "scenario": sc.id, "runs": n, "seed": sc.seed if seed is None else seed,
        "policy": policy if policy is not None else sc.default_policy,
        "turns": spread_of(t.turns),
        "endings": _endings(sc, t),
        "values": _values(sc, t),
        "statuses": _statuses(sc, t),
        "events": [{"id": e.id, "rate": _share(t.fired[e.id], n)} for e in sc.events],
        "options": _options(sc, t),
        "scores": {a: spread_of(t.score_counts(a)) for a in actors},
        "objectives": _objectives(sc, t),
        **deals.summarise(sc, t),
    }
    stats["coverage"] = _coverage(sc, stats, t)
    return stats


# -- text --------------------------------------------------------------------

def _pct(x: float) -> str:
    return f"{100 * x:5.1f}%"


def _num(x: float) -> str:
    return f"{x:7.1f}"


def _table(rows: list[list[str]], right: set[int]) -> list[str]:
    if not rows:
        return ["  none"]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  " + "  ".join(c.rjust(w) if i in right else c.ljust(w)
                             for i, (c, w) in enumerate(zip(r, widths, strict=True))).rstrip()
            for r in rows]


def _render_endings(stats: dict[str, Any]) -> list[str]:
    rows = [["ending", "games", "share", "95% interval"]]
    rows += [[e["id"], str(e["count"]), _pct(e["share"]),
              f"{_pct(e['low'])} - {_pct(e['high']).strip()}"] for e in stats["endings"]]
    return ["Endings", *_table(rows, {1, 2})]


def _render_values(stats: dict[str, Any]) -> list[str]:
    rows = [["indicator / track", "mean", "p10", "p50", "p90"]]
    rows += [[v["id"], *(_num(v[k]) for k in ("mean", "p10", "p50", "p90"))]
             for v in stats["values"]]
    lines = ["Final values", *_table(rows, {1, 2, 3, 4}), "", "Final track statuses"]
    for track, shares in stats["statuses"].items():
        parts = [f"{s} {_pct(x).strip()}" for s, x in shares.items() if x > 0]
        lines.append(f"  {track}: " + ", ".join(parts))
    return lines


def _render_options(stats: dict[str, Any], endings: list[str]) -> list[str]:
    rows = [["option", "actor", "kind", "games", "per game", *endings]]
    for o in stats["options"]:
        mix = [_pct(o["endings"][e]) if o["rate"] else "    -" for e in endings]
        rows.append([o["id"], o["actor"], o["kind"], _pct(o["rate"]),
                     f"{o['per_game']:.2f}", *mix])
    right = set(range(3, len(rows[0])))
    return ["Options (share of games that picked it; ending mix in those games)",
            *_table(rows, right)]


def _render_rest(stats: dict[str, Any]) -> list[str]:
    lines = ["Events (share of games in which it fired)"]
    lines += _table([[e["id"], _pct(e["rate"])] for e in stats["events"]], {1})
    rows = [[a, *(_num(s[k]) for k in ("mean", "p10", "p50", "p90"))]
            for a, s in stats["scores"].items()]
    if rows:
        lines += ["", "Objective points per actor",
                  *_table([["actor", "mean", "p10", "p50", "p90"], *rows], {1, 2, 3, 4})]
    rows = [[o["id"], o["actor"], _pct(o["rate"])] for o in stats["objectives"]]
    if rows:
        lines += ["", "Objectives met", *_table(rows, {2})]
    return lines


def _render_coverage(stats: dict[str, Any]) -> list[str]:
    cov = stats["coverage"]
    lines = [f"Coverage: never reached in {stats['runs']} games"]
    for key, label in (("endings", "endings"), ("events", "events"), ("options", "options"),
                       ("statuses", "track statuses"), ("bands", "indicator bands"),
                       ("packages", "packages offered"), ("terms", "terms signed")):
        if key not in cov:
            continue
        lines.append(f"  {label}: " + (", ".join(cov[key]) if cov[key] else "none"))
    return lines


def render(stats: dict[str, Any]) -> str:
    """The statistics as text for a terminal."""
    t = stats["turns"]
    head = [f"{stats['scenario']}: {stats['runs']} games, seeds {stats['seed']}.."
            f"{stats['seed'] + stats['runs'] - 1}, doctrine {policy_text(stats['policy'])}",
            f"Game length: mean {t['mean']:.2f} turns (p10 {t['p10']:g}, p50 {t['p50']:g}, "
            f"p90 {t['p90']:g})"]
    endings = [e["id"] for e in stats["endings"]]
    parts = [head, _render_endings(stats), _render_values(stats),
             _render_options(stats, endings), *deals.render(stats, endings, _table),
             _render_rest(stats), _render_coverage(stats)]
    return "\n\n".join("\n".join(p) for p in parts)
