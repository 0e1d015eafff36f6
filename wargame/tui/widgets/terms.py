"""A term as the negotiation screens show it: its track, who undertakes it, what it does.

Text from the scenario goes into ``Content`` as text, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from textual.content import Content

from wargame.engine.state import Valuation
from wargame.engine.talks import fmt, reason
from wargame.report.transcript import fmt_number
from wargame.tui.widgets.hanging import Row, hang

if TYPE_CHECKING:
    from wargame.scenario.model import Amount, Effects, Scenario, Term
    from wargame.table.talks import Agreement
    from wargame.table.view import SeatView


class Drawn(Protocol):
    """What a game screen draws from: the scenario's text and one seat's view."""

    @property
    def scenario(self) -> Scenario: ...

    @property
    def view(self) -> SeatView: ...


def amount_text(amount: Amount) -> str:
    """A number with its sign, or an expression's source (worked out when it applies)."""
    if isinstance(amount, (int, float)):
        return ("+" if amount > 0 else "") + fmt_number(float(amount))
    source = amount.source.strip()
    sign = "" if source.startswith(("-", "+")) else "+"
    return f"{sign}({source})" if " " in source else f"{sign}{source}"


def effects_line(sc: Scenario, effects: Effects) -> str:
    return ", ".join(f"{sc.name_of(target)} {amount_text(a)}" for target, a in effects)


def term_where(sc: Scenario, term: Term) -> str:
    """'Track · who undertakes it'."""
    return f"{sc.track_by_id[term.track].name} · {sc.actor_by_id[term.by].name} undertakes it"


def term_head(sc: Scenario, term: Term) -> Content:
    """'Title' and, dim, where it stands and who undertakes it."""
    return Content.assemble(term.title, (f"  {term_where(sc, term)}", "dim"))


def term_does(sc: Scenario, term: Term, indent: str = "") -> list[Row]:
    """What signing the term does, and what breaking it would cost: one paragraph each,
    its words wrapping under themselves."""
    signed = ((term.track, term.progress),) if term.progress else ()
    rows = [(Content.assemble(indent, ("If signed: ", "bold")),
             Content(effects_line(sc, signed + term.effects) or "no direct effect"))]
    if term.breach:
        options = ", ".join(sc.option_by_id[o].title for o in term.breach
                            if o in sc.option_by_id)
        cost = effects_line(sc, term.breach_effects) or "no direct effect"
        rows.append((Content.assemble(indent, ("Broken by: ", "bold")),
                     Content(f"{options} ({cost})")))
    return rows


def term_detail(sc: Scenario, term: Term) -> list[Row]:
    """A term in full: heading, what it does, its text."""
    rows = [(Content(""), Content.styled(term.title, "bold")),
            (Content(""), Content.styled(term_where(sc, term), "dim")),
            *term_does(sc, term)]  # what it does before the prose: the room is small
    if term.text:
        rows.append((Content(""), Content(term.text)))
    return rows


def worth_note(worth: float) -> str:
    """What one term is worth to the answerer, beside it in a draft: ``  (+3 to them)``."""
    return f"  ({'+' if worth > 0 else ''}{fmt(worth)} to them)"


def verdict(sc: Scenario, answerer: str, valuation: Valuation) -> Content:
    """What an AI answerer would make of an offer: value against its doctrine's threshold."""
    name = sc.actor_by_id[answerer].name
    would = "would accept" if valuation.accepted else "would reject"
    style = "bold $success" if valuation.accepted else "bold $error"
    return Content.assemble((f"{name} {would}", style), f": {reason(sc, valuation)}.")


def agreement_lines(sc: Scenario, agreements: Sequence[Agreement], track: str,
                    width: int = 80) -> list[Content]:
    """The agreements signed on ``track``, wrapped to ``width`` under their words: the
    term, in force or broken; who undertook it and with whom it was signed, or what
    broke it."""
    rows: list[Row] = []
    for deal in agreements:
        term = sc.term_by_id.get(deal.term)
        if term is None or term.track != track:
            continue
        who = sc.actor_by_id[deal.by].name
        others = [sc.actor_by_id[p].name for p in deal.parties
                  if p != deal.by and p in sc.actor_by_id]
        if deal.broken:
            option = sc.option_by_id.get(deal.broken)
            rows += [(Content.styled("  ✗ ", "bold $error"), Content.styled(term.title, "strike")),
                     (Content("    "), Content.styled(
                         f"broken by {option.title if option else who}", "$error"))]
        else:
            rows += [(Content.styled("  ✓ ", "bold $success"), Content(term.title)),
                     (Content("    "), Content.styled(
                         f"by {who}, agreed with {' & '.join(others)}", "dim"))]
    return hang(rows, width)


def breach_warning(sc: Scenario, terms: Sequence[str]) -> Content:
    """What an option would break: each agreement and what breaking it costs."""
    lines = [Content.styled("Breaks an agreement:", "bold $error")]
    for term_id in terms:
        term = sc.term_by_id[term_id]
        cost = effects_line(sc, term.breach_effects)
        lines.append(Content.assemble(("✗ ", "bold $error"), term.title,
                                      (f" ({cost})" if cost else "", "$error")))
    return Content("\n").join(lines)
