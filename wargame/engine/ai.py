"""An AI seat's moves: its draw among options and packages, its answer to an offer.

The replay calls these for an AI actor, and a hosted table's stand-in (the
AI the white cell hands a team to) calls the same ones through ``Game``, so
a seat played by a stand-in decides exactly as an AI seat of that doctrine.
"""

from __future__ import annotations

from wargame.engine import rules, talks
from wargame.engine.state import Draw, Offer, State, Valuation
from wargame.scenario.model import Option, Package, Policy, Scenario, Turn


def choose(sc: Scenario, state: State, turn: Turn, actor: str, options: tuple[Option, ...],
           policy: Policy, seed: int) -> tuple[Option | Package | None, Draw]:
    """The AI's keyed draw among ``options`` and the packages it may offer now (options
    first, then packages, each in file order); None (a pass) when all weigh nothing."""
    offers = talks.packages(sc, state, turn, actor)
    return rules.ai_choose((*options, *offers), state, policy, seed, turn, actor)


def reweigh(sc: Scenario, state: State, turn: Turn, actor: str, options: tuple[Option, ...],
            policy: Policy, chosen: str) -> Draw:
    """The draw the AI would have made, with the weight of ``chosen`` (an option or
    package id; empty for a pass): the reason of an AI's decision read from a log."""
    offers = talks.packages(sc, state, turn, actor)
    items: tuple[Option | Package, ...] = (*options, *offers)
    weights = [rules.weigh(o, state, policy) for o in items]
    weight = next((w for o, w in zip(items, weights, strict=True) if o.id == chosen), 0.0)
    return Draw(policy.id, weight, sum(weights), len(items))


def answer(sc: Scenario, state: State, offer: Offer, policy: Policy) -> Valuation:
    """The AI answerer's valuation of ``offer``: it accepts when the value reaches the
    doctrine's threshold (``Valuation.accepted``)."""
    return talks.value(sc, state, offer.terms, offer.answerer, policy)
