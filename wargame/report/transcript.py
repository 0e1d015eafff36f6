"""A finished or waiting game as a readable transcript, or as data."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from wargame.engine.game import Game
from wargame.engine.setup import policy_data, policy_text
from wargame.engine.state import OFFER, Change, Forecast, NewsItem
from wargame.report.format import fmt_number, signed
from wargame.report.reasons import NEGOTIATION, headline, reason, terms_text
from wargame.scenario.model import Scenario


def fmt_change(sc: Scenario, change: Change) -> str:
    name = sc.name_of(change.target)
    before, after = fmt_number(change.before), fmt_number(change.after)
    return f"{name} {before}→{after} ({signed(change.delta)})"


def news_line(sc: Scenario, item: NewsItem) -> str:
    """One news item on one line, as the transcript and the UI's feed show it."""
    if item.kind == "decision":
        who = sc.actor_by_id[item.actor].name
        tag = " (AI)" if item.by_ai else ""
        head = f"{who}{tag}: {item.title}"
    elif item.kind == "pass":
        head = item.title
    elif item.kind == "inject":
        head = f"White cell inject: {item.title}"
    elif item.kind in ("adjust", "rewind"):
        head = item.title
    elif item.kind == "ending":
        head = f"Ending: {item.title}"
    elif item.kind in NEGOTIATION:
        tag = " (AI)" if item.by_ai and item.kind in ("offer", "answer") else ""
        head = headline(sc, item) + tag
    else:
        head = f"Event: {item.title}"
    if item.changes:
        head += "  [" + "; ".join(fmt_change(sc, c) for c in item.changes) + "]"
    return head


def by_turn(news: Iterable[NewsItem]) -> list[tuple[str, list[NewsItem]]]:
    groups: list[tuple[str, list[NewsItem]]] = []
    for item in news:
        if not groups or groups[-1][0] != item.turn:
            groups.append((item.turn, []))
        groups[-1][1].append(item)
    return groups


def text(game: Game) -> str:
    sc = game.scenario
    lines = [f"{sc.title} — seed {game.seed}",
             f"Seats: {', '.join(game.seats) or 'none (AI on every seat)'}"
             f" · doctrine: {policy_text(game.policy)}", ""]
    for turn_id, items in by_turn(game.news):
        turn = sc.turn_by_id[turn_id]
        lines.append(f"Turn {turn.index} · {turn.date:%d %b %Y} · {turn.venue} — {turn.title}")
        for item in items:
            if item.kind != "ending":
                lines.append(f"  - {news_line(sc, item)}")
                if item.kind == "offer":
                    lines.append(f"      terms: {terms_text(sc, item)}")
                if reason(sc, item):
                    lines.append(f"      why: {reason(sc, item)}")
                if item.note:
                    lines.append(f"      note: {item.note}")
        lines.append("")
    lines.append(state_text(game))
    if game.ending:
        lines += ["", f"ENDING: {game.ending.title} ({game.ending.tone})", game.ending.text]
        if game.scores:
            lines.append("Objectives: " + ", ".join(
                f"{sc.actor_by_id[a].name} {fmt_number(p)}" for a, p in game.scores.items()))
    elif game.waiting:
        name = sc.actor_by_id[game.waiting.actor].name
        what = "answer an offer" if game.waiting.kind == "answer" else "decide"
        lines += ["", f"Waiting for {name} to {what} in turn '{game.waiting.turn}'."]
    return "\n".join(lines)


def state_text(game: Game) -> str:
    sc = game.scenario
    values = game.state.values
    parts = []
    for ind in sc.indicators:
        band = ind.band(values[ind.id])
        label = f" ({band.label})" if band else ""
        parts.append(f"{ind.name} {fmt_number(values[ind.id])}{label}")
    for track in sc.tracks:
        parts.append(f"{track.name}: {sc.status_of(values[track.id])} "
                     f"{fmt_number(values[track.id])}")
    return "State: " + " · ".join(parts)


def item_data(item: NewsItem) -> dict[str, Any]:
    out: dict[str, Any] = {
        "turn": item.turn, "kind": item.kind, "id": item.source, "title": item.title,
        "actor": item.actor or None, "by_ai": item.by_ai, "note": item.note,
        "changes": [{"target": c.target, "before": c.before, "after": c.after,
                     "cause": str(c.cause)} for c in item.changes],
    }
    if item.kind in NEGOTIATION:
        out.update(terms=list(item.terms), to=item.to or None, answer=item.answer or None,
                   option=item.option or None)
    if item.why is not None:
        out["why"] = attrs.asdict(item.why) | {"kind": type(item.why).__name__.lower()}
    return out


def forecast_data(f: Forecast) -> dict[str, Any]:
    """A forecast as the JSON transcript gives it, as a save does: an option, or
    ``"offer": true`` for an offer expected."""
    if f.option == OFFER:
        return {"actor": f.actor, "option": None, "offer": True, "confidence": f.confidence}
    return {"actor": f.actor, "option": f.option or None, "confidence": f.confidence}


def data(game: Game) -> dict[str, Any]:
    sc = game.scenario
    values = game.state.values
    return {
        "scenario": sc.id, "seed": game.seed, "seats": list(game.seats),
        "policy": policy_data(game.policy),
        "turns": [{"turn": t, "news": [item_data(i) for i in items]}
                  for t, items in by_turn(game.news)],
        "final": {
            "turn": game.waiting.turn if game.waiting else game.turn.id,
            "values": dict(values),
            "statuses": {t.id: sc.status_of(values[t.id]) for t in sc.tracks},
            "ending": game.ending.id if game.ending else None,
            "scores": dict(game.scores),
            "waiting": {"turn": game.waiting.turn, "actor": game.waiting.actor,
                        "kind": game.waiting.kind} if game.waiting else None,
        },
        "log": [{"turn": e.turn, "kind": e.kind, "actor": e.actor or None,
                 "option": e.option or None, "inject": e.inject or None,
                 "adjust": e.adjust or None, "by": e.by if e.adjust else None,
                 "rewound_from": e.rewound_from or None, "note": e.note,
                 "forecast": [forecast_data(f) for f in e.forecast],
                 **({"offer": e.package or list(e.offer), "to": e.to or None,
                     "answer": e.answer or None} if e.kind == "offer" else {}),
                 **({"stand_in": e.stand_in} if e.stand_in else {}),
                 **({"answer_stand_in": e.answer_stand_in} if e.answer_stand_in else {})}
                for e in game.outcome.log],
    }
