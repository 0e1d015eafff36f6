"""What many simulated games say about negotiation: how often each package and term
was offered, accepted or signed, and breached, and the ending mix when it was signed.

``summarise`` gives plain data (part of ``simulate --json``); ``render`` the
text tables; a scenario without terms adds nothing to either.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from wargame.analysis.tally import Tally
from wargame.scenario.model import Scenario


def _share(k: int, n: int) -> float:
    return k / n if n else 0.0


def _mix(sc: Scenario, endings: Counter[str]) -> dict[str, float]:
    n = sum(endings.values())
    return {e.id: _share(endings[e.id], n) for e in sc.endings}


def _packages(sc: Scenario, t: Tally) -> list[dict[str, Any]]:
    n = t.n
    return [{"id": p.id, "from": p.offerer, "to": p.answerer, "terms": list(p.terms),
             "offered": _share(t.offered[p.id], n), "per_game": _share(t.times[p.id], n),
             "accepted": _share(t.accepted[p.id], n), "breached": _share(t.broken[p.id], n),
             "endings": _mix(sc, t.package_mix.get(p.id, Counter()))} for p in sc.packages]


def _terms(sc: Scenario, t: Tally) -> list[dict[str, Any]]:
    n = t.n
    return [{"id": x.id, "track": x.track, "by": x.by,
             "offered": _share(t.term_offered[x.id], n),
             "signed": _share(t.term_signed[x.id], n),
             "breached": _share(t.term_breached[x.id], n),
             "endings": _mix(sc, t.term_mix.get(x.id, Counter()))} for x in sc.terms]


def summarise(sc: Scenario, tally: Tally) -> dict[str, Any]:
    """``packages`` and ``terms`` statistics; nothing for a scenario without terms."""
    if not sc.terms:
        return {}
    return {"packages": _packages(sc, tally), "terms": _terms(sc, tally)}


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
