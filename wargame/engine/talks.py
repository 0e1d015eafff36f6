"""The rules of negotiation, as pure functions: who may offer what, what an offer is
worth to its answerer, signing, and breach (SCENARIO_FORMAT.md, "Negotiation").

Like ``rules``, nothing here knows about logs or seats; ``replay`` calls these
where a decision is an offer, and after every option that might break a term.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from wargame.engine.rules import apply_effects, with_values
from wargame.engine.state import Cause, Draw, NewsItem, Offer, State, Valuation
from wargame.scenario.model import Option, Package, Policy, Scenario, Term, Turn

if TYPE_CHECKING:
    from wargame.scenario.model import Amount


def amount(value: Amount, state: State) -> float:
    """A number, or a number expression evaluated on ``state``."""
    return float(value) if isinstance(value, (int, float)) else float(value(state))


def term_refusal(sc: Scenario, state: State, turn: Turn, offerer: str, answerer: str,
                 term: Term) -> str | None:
    """Why ``term`` may not be in an offer from ``offerer`` to ``answerer`` now, or None."""
    if term.track not in turn.negotiate:
        return (f"term '{term.id}' is on track '{term.track}', which is not open for offers "
                f"in turn '{turn.id}'")
    parties = sc.track_by_id[term.track].parties
    for who in (offerer, answerer):
        if who not in parties:
            return f"'{who}' is not a party of track '{term.track}' (term '{term.id}')"
    if term.by not in (offerer, answerer):
        return (f"term '{term.id}' is undertaken by '{term.by}', neither the offerer nor the "
                "answerer")
    if term.id in state.breached:
        return f"term '{term.id}' was breached and cannot be offered again"
    if term.id in state.signed:
        return f"term '{term.id}' is already signed"
    if term.when is not None and not term.when(state):
        return f"term '{term.id}' may not be offered now (its `when` is false)"
    return None


def offer_refusal(sc: Scenario, state: State, turn: Turn, offer: Offer) -> str | None:
    """Why ``offer`` may not be made now (terms, answerer, package window), or None."""
    if offer.package:
        refused = _package_refusal(sc, state, turn, offer)
        if refused:
            return refused
    if not offer.answerer:
        return "an offer of terms needs an answerer (`to`)"
    if offer.answerer not in sc.actor_by_id:
        return f"unknown answerer '{offer.answerer}'"
    if offer.answerer == offer.offerer:
        return f"'{offer.offerer}' cannot make an offer to itself"
    if not offer.terms:
        return "an offer needs at least one term"
    for i, term_id in enumerate(offer.terms):
        term = sc.term_by_id.get(term_id)
        if term is None:
            return f"unknown term '{term_id}'"
        if term_id in offer.terms[:i]:
            return f"term '{term_id}' is offered twice"
        refused = term_refusal(sc, state, turn, offer.offerer, offer.answerer, term)
        if refused:
            return refused
    return None


def _package_refusal(sc: Scenario, state: State, turn: Turn, offer: Offer) -> str | None:
    package = sc.package_by_id.get(offer.package)
    if package is None:
        return f"unknown package '{offer.package}'"
    if package.offerer != offer.offerer:
        return f"package '{package.id}' is offered by '{package.offerer}', not '{offer.offerer}'"
    if package.answerer != offer.answerer:
        return f"package '{package.id}' is offered to '{package.answerer}', not '{offer.answerer}'"
    if package.turns is not None and turn.id not in package.turns:
        return f"package '{package.id}' is not offered in turn '{turn.id}'"
    if package.when is not None and not package.when(state):
        return f"package '{package.id}' may not be offered now (its `when` is false)"
    return None


def package_offer(package: Package) -> Offer:
    return Offer(package.offerer, package.answerer, package.terms, package.id)


_Tables = tuple[dict[str, tuple[Term, ...]], dict[str, tuple[Term, ...]],
                dict[str, tuple[Package, ...]]]


def _tables(sc: Scenario) -> _Tables:
    """Terms by track, terms by the options that break them, packages by offerer."""
    def build() -> _Tables:
        by_track: dict[str, tuple[Term, ...]] = {}
        by_breach: dict[str, tuple[Term, ...]] = {}
        by_offerer: dict[str, tuple[Package, ...]] = {}
        for term in sc.terms:
            by_track[term.track] = (*by_track.get(term.track, ()), term)
            for option_id in term.breach:
                by_breach[option_id] = (*by_breach.get(option_id, ()), term)
        for package in sc.packages:
            by_offerer[package.offerer] = (*by_offerer.get(package.offerer, ()), package)
        return by_track, by_breach, by_offerer

    return sc.derived("engine.talks", build)


def answerers(sc: Scenario, turn: Turn, actor: str, term: Term) -> tuple[str, ...]:
    """The actors ``actor`` could offer ``term`` to in ``turn``, before its state is checked."""
    if term.track not in turn.negotiate:
        return ()
    parties = sc.track_by_id[term.track].parties
    if actor not in parties:
        return ()
    return tuple(p for p in parties if p != actor and term.by in (actor, p))


def offerable(sc: Scenario, state: State, turn: Turn, actor: str) -> tuple[Term, ...]:
    """Terms ``actor`` may put on the table now to some answerer, in file order."""
    if not turn.negotiate:
        return ()
    by_track = _tables(sc)[0]
    out = []
    for track in turn.negotiate:
        for term in by_track.get(track, ()):
            if any(term_refusal(sc, state, turn, actor, who, term) is None
                   for who in answerers(sc, turn, actor, term)):
                out.append(term)
    return tuple(sorted(out, key=lambda t: t.index))


def packages(sc: Scenario, state: State, turn: Turn, actor: str) -> tuple[Package, ...]:
    """Packages ``actor`` may offer now, in file order."""
    if not turn.negotiate:
        return ()
    return tuple(p for p in _tables(sc)[2].get(actor, ())
                 if offer_refusal(sc, state, turn, package_offer(p)) is None)


def value(sc: Scenario, state: State, terms: Sequence[str], answerer: str,
          policy: Policy) -> Valuation:
    """What an offer of ``terms`` is worth to ``answerer`` now, against its doctrine."""
    worths = tuple((t, amount(sc.term_by_id[t].worth_to(answerer), state)) for t in terms)
    least = min(worths, key=lambda pair: pair[1])[0] if worths else ""
    return Valuation(policy.id, sum(w for _, w in worths), policy.accept, least, worths)


def mark_offered(state: State, offer: Offer) -> State:
    return State(state.values, state.turn, state.chosen, state.fired, state.ending,
                 state.offered | set(offer.terms), state.signed, state.breached)


def sign(sc: Scenario, state: State, turn: Turn, term: Term) -> tuple[State, NewsItem]:
    """Sign one term: its progress on its track, then its effects, each caused by it."""
    cause = Cause("term", term.id)
    values, moved = apply_effects(sc, state, ((term.track, term.progress),), cause)
    state = with_values(state, values)
    values, more = apply_effects(sc, state, term.effects, cause)
    new = State(values, state.turn, state.chosen, state.fired, state.ending, state.offered,
                state.signed | {term.id}, state.breached)
    news = NewsItem(turn.id, "sign", term.id, term.title, term.text, term.by, moved + more)
    return new, news


def breaks(sc: Scenario, state: State, option: Option) -> tuple[Term, ...]:
    """The signed terms that choosing ``option`` now would break, in file order."""
    return tuple(t for t in _tables(sc)[1].get(option.id, ())
                 if t.id in state.signed and t.by == option.actor)


def breach(sc: Scenario, state: State, turn: Turn, option: Option
           ) -> tuple[State, list[NewsItem]]:
    """After ``option``'s effects: break each signed term it breaches, in file order."""
    news = []
    for term in breaks(sc, state, option):
        values, changes = apply_effects(sc, state, term.breach_effects,
                                        Cause("breach", term.id))
        state = State(values, state.turn, state.chosen, state.fired, state.ending,
                      state.offered, state.signed - {term.id}, state.breached | {term.id})
        news.append(NewsItem(turn.id, "breach", term.id, term.title, term.text, term.by,
                             changes, option=option.id))
    return state, news


# -- news ----------------------------------------------------------------------

def fmt(x: float) -> str:
    """A number as news prints it: ``3``, ``2.5``, ``-0.33``."""
    return f"{x:.0f}" if float(x).is_integer() else f"{x:.2f}".rstrip("0")


def offer_item(sc: Scenario, turn: Turn, offer: Offer, note: str, why: Draw | None,
               by_ai: bool) -> NewsItem:
    """The news of an offer: who offers whom what."""
    package = sc.package_by_id.get(offer.package) if offer.package else None
    what = package.title if package else "; ".join(sc.term_by_id[t].title for t in offer.terms)
    text = "\n".join(f"- {sc.term_by_id[t].title} ({sc.actor_by_id[sc.term_by_id[t].by].name} "
                     "undertakes it)" for t in offer.terms)
    return NewsItem(turn.id, "offer", offer.package, what, text, offer.offerer, (), note,
                    by_ai, terms=offer.terms, to=offer.answerer, why=why)


def reason(sc: Scenario, valuation: Valuation) -> str:
    """An AI's answer in words: its value, its threshold and the term it values least."""
    policy = sc.policy_by_id.get(valuation.doctrine)
    name = policy.name if policy else valuation.doctrine
    verdict = "at least" if valuation.accepted else "below"
    out = (f"worth {fmt(valuation.value)} to it, {verdict} its threshold "
           f"{fmt(valuation.threshold)} ({name})")
    least = sc.term_by_id.get(valuation.least)
    if least is not None:
        out += f"; it values '{least.title}' least ({fmt(valuation.least_worth)})"
    return out


def answer_item(sc: Scenario, turn: Turn, offer: Offer, answer: str,
                valuation: Valuation | None, by_ai: bool) -> NewsItem:
    """The news of an answer; an AI's says why (its valuation)."""
    name = sc.actor_by_id[offer.answerer].name
    verb = "accepts" if answer == "accept" else "rejects"
    text = reason(sc, valuation) if valuation is not None and by_ai else ""
    return NewsItem(turn.id, "answer", offer.package, f"{name} {verb} the offer", text,
                    offer.answerer, (), "", by_ai, terms=offer.terms, to=offer.offerer,
                    answer=answer, why=valuation if by_ai else None)
