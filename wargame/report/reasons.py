"""Negotiation and the AI's reasons in words: one wording for the transcript, the
report, compare and the screens.

``headline`` says what an offer, an answer, a signature or a breach was;
``reason`` why an AI chose, offered, passed or answered as it did (its draw
or its valuation, on the news item as ``why``).
"""

from __future__ import annotations

from wargame.engine.state import Draw, NewsItem, Valuation
from wargame.engine.talks import reason as valuation_text
from wargame.report.format import fmt_number
from wargame.scenario.model import Scenario

NEGOTIATION = ("offer", "answer", "sign", "breach")
"""The news kinds of negotiation."""


def _name(sc: Scenario, actor: str) -> str:
    found = sc.actor_by_id.get(actor)
    return found.name if found else actor


def _doctrine(sc: Scenario, ident: str) -> str:
    policy = sc.policy_by_id.get(ident)
    return policy.name if policy else ident


def draw_text(sc: Scenario, why: Draw) -> str:
    """``drawn at weight 2 of 5 (40%) under Standard``."""
    doctrine = _doctrine(sc, why.doctrine)
    if why.total <= 0:
        return f"nothing available weighed anything under {doctrine}"
    if why.count <= 1:
        return f"its only choice (weight {fmt_number(why.weight)}) under {doctrine}"
    return (f"drawn at weight {fmt_number(why.weight)} of {fmt_number(why.total)} "
            f"({100 * why.share:.0f}%) under {doctrine}")


def reason(sc: Scenario, item: NewsItem) -> str:
    """Why an AI did what a news item reports; empty when no AI decided it."""
    if isinstance(item.why, Draw):
        return draw_text(sc, item.why)
    if isinstance(item.why, Valuation):
        return valuation_text(sc, item.why)
    return ""


def headline(sc: Scenario, item: NewsItem) -> str:
    """An offer, answer, signature or breach in one line (without the numbers it moved)."""
    if item.kind == "offer":
        return f"{_name(sc, item.actor)} offers {_name(sc, item.to)}: {item.title}"
    if item.kind == "answer":
        return item.title
    term = sc.term_by_id.get(item.source)
    by = _name(sc, item.actor)
    if item.kind == "sign":
        return f"Signed: {item.title} ({by} undertakes it)"
    option = sc.option_by_id.get(item.option)
    how = f" by choosing '{option.title}'" if option else ""
    return f"BREACH: {by} breaks '{term.title if term else item.title}'{how}"


def terms_text(sc: Scenario, item: NewsItem) -> str:
    """The terms on the table, each with who undertakes it."""
    parts = []
    for ident in item.terms:
        term = sc.term_by_id.get(ident)
        if term is not None:
            parts.append(f"{term.title} ({_name(sc, term.by)})")
    return "; ".join(parts)
