"""An offer built term by term at the negotiation table: pure, no engine, no terminal.

The deciding seat's view lists the terms it may put on the table now and,
for each, the actors it may offer that term to (``Talks.terms``): the engine
has already checked everything that depends on a single term (its track is
open this turn, both sides are parties of it, its ``by`` is one of them, its
``when``, neither signed nor breached; SCENARIO_FORMAT.md "Who may offer
what"). What is left depends on the set, and is checked here: at least one
term, no term twice, and one answerer whom every term may go to. The table
checks the offer again with the engine before it is made.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from wargame.engine.state import NewsItem, Valuation
from wargame.records import fields_eq, fields_hash, fields_repr

if TYPE_CHECKING:
    from wargame.engine.game import Game
    from wargame.engine.state import Waiting
    from wargame.scenario.model import Scenario, Term


@attrs.frozen
class Draft:
    """An offer being built by the seat that decides."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    to: str = ""
    """The answerer (an actor id); empty until one is chosen."""
    terms: tuple[str, ...] = ()
    """Term ids in the order they were added: the order they would be signed in."""
    package: str = ""
    """The package it was taken from, while its terms are still exactly the package's."""
    step: int = -1
    """The log length it was built at: a draft of an earlier decision point is stale."""


@attrs.frozen
class Talks:
    """What the deciding seat may put on the table now (its own team's view only)."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    terms: Mapping[str, tuple[str, ...]]
    """Term id -> the actors it may be offered to now, in file order."""
    packages: tuple[str, ...]
    """Package ids this seat may offer now, in file order."""
    draft: Draft = Draft()
    """The offer being built."""
    problem: str = ""
    """Why the draft cannot be sent as it stands; empty when it can."""
    valuation: Valuation | None = None
    """Training mode, an AI answerer: what it would make of the draft (value, threshold)."""


def answerers(terms: Mapping[str, tuple[str, ...]], chosen: Sequence[str]) -> tuple[str, ...]:
    """The actors every one of ``chosen`` may go to (every possible one when none is chosen)."""
    if not chosen:
        out: list[str] = []
        for whom in terms.values():
            out.extend(a for a in whom if a not in out)
        return tuple(out)
    first, *rest = (terms.get(t, ()) for t in chosen)
    return tuple(a for a in first if all(a in whom for whom in rest))


def toggle(draft: Draft, terms: Mapping[str, tuple[str, ...]], term: str) -> tuple[Draft, str]:
    """The draft with ``term`` added (or taken out, if in it), and why not, if not.

    Adding a term chooses its answerer when there is only one it may go to
    with the rest; a term that cannot go to the chosen answerer is not added.
    """
    if term in draft.terms:
        rest = tuple(t for t in draft.terms if t != term)
        return attrs.evolve(draft, terms=rest, package=""), ""
    if term not in terms:
        return draft, "That term cannot be put on the table now."
    chosen = (*draft.terms, term)
    whom = answerers(terms, chosen)
    if not whom:
        return draft, "No one could be offered that term together with the others."
    if draft.to and draft.to not in whom:
        return draft, "That term cannot be offered to the answerer chosen."
    to = draft.to or (whom[0] if len(whom) == 1 else "")
    return attrs.evolve(draft, to=to, terms=chosen, package=""), ""


def next_answerer(draft: Draft, terms: Mapping[str, tuple[str, ...]]) -> Draft:
    """The draft offered to the next actor its terms may go to (cycling)."""
    whom = answerers(terms, draft.terms)
    if not whom:
        return draft
    at = whom.index(draft.to) + 1 if draft.to in whom else 0
    return attrs.evolve(draft, to=whom[at % len(whom)], package="")


def problem(draft: Draft, terms: Mapping[str, tuple[str, ...]],
            names: Mapping[str, str] | None = None) -> str:
    """Why ``draft`` cannot be sent as it stands; empty when it can (see the module)."""
    names = names or {}
    if not draft.terms:
        return "Put at least one term on the table."
    if len(set(draft.terms)) != len(draft.terms):
        return "A term is on the table twice."
    if not draft.to:
        return "Choose whom to offer it to."
    for term in draft.terms:
        if term not in terms:
            return f"'{names.get(term, term)}' cannot be put on the table now."
        if draft.to not in terms[term]:
            return (f"'{names.get(term, term)}' cannot be offered to "
                    f"{names.get(draft.to, draft.to)}.")
    return ""


def sides(scenario: Scenario, draft: Draft, offerer: str) -> tuple[list[Term], list[Term]]:
    """(what we give, what we ask): the draft's terms the offerer undertakes, and the rest."""
    chosen = [scenario.term_by_id[t] for t in draft.terms if t in scenario.term_by_id]
    return ([t for t in chosen if t.by == offerer], [t for t in chosen if t.by != offerer])


def from_package(scenario: Scenario, package_id: str, step: int) -> Draft:
    """The draft of a package from the scenario: its terms, to its answerer."""
    package = scenario.package_by_id[package_id]
    return Draft(package.answerer, package.terms, package.id, step)


def offer_map(game: Game) -> dict[str, tuple[str, ...]]:
    """Term id -> whom the waiting seat may offer it to now (empty while none decides)."""
    waiting = game.waiting
    if waiting is None or waiting.kind != "decision":
        return {}
    return {t.id: game.answerers(t.id) for t in waiting.terms}


def draft_refusal(draft: Draft, terms: Mapping[str, tuple[str, ...]],
                  waiting: Waiting) -> str:
    """Why a draft may not even be kept: a term or answerer no offer could have now.

    Unlike ``problem``, an unfinished draft (no term yet, no answerer yet) is kept.
    """
    if len(set(draft.terms)) != len(draft.terms):
        return "A term is on the table twice."
    for term in draft.terms:
        if term not in terms:
            return f"Term '{term}' cannot be put on the table now."
    if draft.to and draft.to not in answerers(terms, draft.terms):
        return f"These terms cannot all be offered to '{draft.to}'."
    if draft.package:
        package = next((p for p in waiting.packages if p.id == draft.package), None)
        if package is None or (package.terms, package.answerer) != (draft.terms, draft.to):
            return f"Package '{draft.package}' cannot be offered as it stands."
    return ""


@attrs.frozen
class Agreement:
    """A term signed at the table: who undertook it, who signed it, and whether it holds."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    term: str
    by: str
    """The actor that undertook it."""
    parties: tuple[str, ...]
    """Who signed it: the offerer and the answerer of the accepted offer."""
    turn: str
    """The turn it was signed in."""
    broken: str = ""
    """The option that broke it (empty while it is in force)."""


def agreements(news: Sequence[NewsItem]) -> tuple[Agreement, ...]:
    """Every term signed so far, in the order signed, as the news tells it."""
    signed: dict[str, Agreement] = {}
    parties: tuple[str, ...] = ()
    for item in news:
        if item.kind == "answer" and item.answer == "accept":
            parties = (item.to, item.actor)
        elif item.kind == "sign":
            signed[item.source] = Agreement(item.source, item.actor, parties, item.turn)
        elif item.kind == "breach" and item.source in signed:
            signed[item.source] = attrs.evolve(signed[item.source], broken=item.option or "?")
    return tuple(signed.values())
