"""An AI seat's moves: its draw among options and packages, its answer to an offer.

The replay calls these for an AI actor, and a hosted table's stand-in (the
AI the white cell hands a team to) calls the same ones through ``Game``, so
a seat played by a stand-in decides exactly as an AI seat of that doctrine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wargame.engine import rules, talks
from wargame.engine.state import Draw, Offer, State, Valuation
from wargame.errors import GameError
from wargame.scenario.model import Option, Package, Policy, Scenario, Turn

if TYPE_CHECKING:
    from wargame.engine.game import Game


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


def waiting_choice(game: Game, doctrine: str) -> tuple[Option | Package | None, Draw]:
    """What an AI seat of ``doctrine`` would decide for the seat ``game`` waits for: the
    same keyed draw over the same options and packages, on the state it decides on."""
    from wargame.engine.replay import resolve_policy  # the replay imports this module

    waiting = game.waiting
    if waiting is None or waiting.kind != "decision":
        raise GameError("no seat is waiting for a decision")
    sc = game.scenario
    return choose(sc, game.outcome.basis or game.state, sc.turn_by_id[waiting.turn],
                  waiting.actor, waiting.options, resolve_policy(sc, doctrine, waiting.actor),
                  game.seed)


def waiting_answer(game: Game, doctrine: str) -> Valuation:
    """How an AI seat of ``doctrine`` would value the offer the seat ``game`` waits for
    must answer: it accepts when the value reaches the doctrine's threshold."""
    from wargame.engine.replay import resolve_policy

    waiting = game.waiting
    if waiting is None or waiting.offer is None:
        raise GameError("no offer is waiting for an answer")
    sc = game.scenario
    return answer(sc, game.state, waiting.offer, resolve_policy(sc, doctrine, waiting.actor))
