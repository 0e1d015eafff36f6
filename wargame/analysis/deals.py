"""What many simulated games say about negotiation: how often each package and term
was offered, accepted or signed, and breached, and the ending mix when it was signed.

``summarise`` gives plain data (part of ``simulate --json``); ``render`` the
text tables; a scenario without terms adds nothing to either.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from wargame.analysis.simulate import GameSummary
from wargame.scenario.model import Scenario


def _share(k: int, n: int) -> float:
    return k / n if n else 0.0


def _mix(sc: Scenario, endings: Counter[str]) -> dict[str, float]:
    n = sum(endings.values())
    return {e.id: _share(endings[e.id], n) for e in sc.endings}


def _packages(sc: Scenario, games: Sequence[GameSummary]) -> list[dict[str, Any]]:
    n = len(games)
    offered: Counter[str] = Counter()
    accepted: Counter[str] = Counter()
    breached: Counter[str] = Counter()
    times: Counter[str] = Counter()
    mix: dict[str, Counter[str]] = {p.id: Counter() for p in sc.packages}
    for g in games:
        made = {pid for pid, _, _ in g.offers if pid}
        took = {pid for pid, _, ok in g.offers if pid and ok}
        times.update(pid for pid, _, _ in g.offers if pid)
        offered.update(made)
        accepted.update(took)
        for pid in took:
            mix[pid][g.ending] += 1
            if set(sc.package_by_id[pid].terms) & g.breached:
                breached[pid] += 1
    return [{"id": p.id, "from": p.offerer, "to": p.answerer, "terms": list(p.terms),
             "offered": _share(offered[p.id], n), "per_game": _share(times[p.id], n),
             "accepted": _share(accepted[p.id], n), "breached": _share(breached[p.id], n),
             "endings": _mix(sc, mix[p.id])} for p in sc.packages]


def _terms(sc: Scenario, games: Sequence[GameSummary]) -> list[dict[str, Any]]:
    n = len(games)
    offered: Counter[str] = Counter()
    signed: Counter[str] = Counter()
    breached: Counter[str] = Counter()
    mix: dict[str, Counter[str]] = {t.id: Counter() for t in sc.terms}
    for g in games:
        offered.update(g.offered)
        breached.update(g.breached)
        ever = g.signed | g.breached  # a breached term was signed first
        signed.update(ever)
        for tid in ever:
            mix[tid][g.ending] += 1
    return [{"id": t.id, "track": t.track, "by": t.by, "offered": _share(offered[t.id], n),
             "signed": _share(signed[t.id], n), "breached": _share(breached[t.id], n),
             "endings": _mix(sc, mix[t.id])} for t in sc.terms]


def summarise(sc: Scenario, games: Sequence[GameSummary]) -> dict[str, Any]:
    """``packages`` and ``terms`` statistics; nothing for a scenario without terms."""
    if not sc.terms:
        return {}
    return {"packages": _packages(sc, games), "terms": _terms(sc, games)}


def _pct(x: float) -> str:
    return f"{100 * x:5.1f}%"


Table = Callable[[list[list[str]], set[int]], list[str]]


def render(stats: dict[str, Any], endings: list[str], table: Table) -> list[list[str]]:
    """The text sections: packages, then terms (none without terms)."""
    if "terms" not in stats:
        return []
    rows = [["package", "from", "to", "offered", "per game", "accepted", "breached", *endings]]
    for p in stats["packages"]:
        mix = [_pct(p["endings"][e]) if p["accepted"] else "    -" for e in endings]
        rows.append([p["id"], p["from"], p["to"], _pct(p["offered"]), f"{p['per_game']:.2f}",
                     _pct(p["accepted"]), _pct(p["breached"]), *mix])
    out = [["Packages (share of games it was offered, accepted, then breached; ending mix "
            "when accepted)", *table(rows, set(range(3, len(rows[0]))))]]
    rows = [["term", "track", "by", "offered", "signed", "breached", *endings]]
    for t in stats["terms"]:
        mix = [_pct(t["endings"][e]) if t["signed"] else "    -" for e in endings]
        rows.append([t["id"], t["track"], t["by"], _pct(t["offered"]), _pct(t["signed"]),
                     _pct(t["breached"]), *mix])
    out.append(["Terms (share of games it was offered, signed, breached; ending mix when "
                "signed)", *table(rows, set(range(3, len(rows[0]))))])
    return out
