"""Where offers can happen, from the calendar alone: the turns in which a term or a
package can be put on the table (``wargame lint``'s view of negotiation).

A term can be offered in a turn that opens its track and in which one of the
track's parties decides, to another party, so that its ``by`` is one of the two;
a package in its window, in a turn in which its offerer decides and every one
of its terms can be offered by that offerer to that answerer.
"""

from __future__ import annotations

from wargame.scenario.model import Package, Scenario, Term, Turn


def _term_in(sc: Scenario, turn: Turn, term: Term, offerer: str, answerer: str) -> bool:
    parties = sc.track_by_id[term.track].parties
    return (term.track in turn.negotiate and offerer in turn.actors and offerer in parties
            and answerer in parties and offerer != answerer
            and term.by in (offerer, answerer))


def term_turns(sc: Scenario, term: Term) -> list[int]:
    """Indexes of the turns in which someone may offer ``term`` (before its ``when``)."""
    parties = sc.track_by_id[term.track].parties
    return [t.index for t in sc.turns
            if any(_term_in(sc, t, term, a, b) for a in parties for b in parties)]


def package_turns(sc: Scenario, package: Package) -> list[int]:
    """Indexes of the turns in which ``package``'s offerer may offer it (before ``when``s)."""
    terms = [sc.term_by_id[t] for t in package.terms]
    return [t.index for t in sc.turns
            if (package.turns is None or t.id in package.turns)
            and all(_term_in(sc, t, term, package.offerer, package.answerer) for term in terms)]


def package_blocker(sc: Scenario, package: Package) -> str:
    """Why ``package`` can never be offered, judged by the calendar; "" when it can."""
    if package_turns(sc, package):
        return ""
    for ident in package.terms:
        term = sc.term_by_id[ident]
        if term.by not in (package.offerer, package.answerer):
            return (f"term '{ident}' is undertaken by '{term.by}', neither `from` nor `to`, "
                    "so it is never offered")
    window = [t for t in sc.turns if package.turns is None or t.id in package.turns]
    if not any(package.offerer in t.actors for t in window):
        return f"'{package.offerer}' decides in none of the turns it may be offered in"
    return ("no turn in which its offerer decides opens the tracks of all its terms "
            f"({', '.join(sorted({sc.term_by_id[t].track for t in package.terms}))})")
