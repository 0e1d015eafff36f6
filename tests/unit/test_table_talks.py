"""The negotiation table: an offer built term by term, sent, answered, and the
agreements it leaves (wargame.table.talks, and the table's requests for it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame.engine.game import Game
from wargame.scenario.load import load_scenario
from wargame.table import requests as rq
from wargame.table import talks
from wargame.table.apply import apply
from wargame.table.flow import next_screen
from wargame.table.model import Refused, Table
from wargame.table.talks import Draft
from wargame.table.view import SeatView, view

TALKS = Path(__file__).resolve().parents[1] / "data" / "talks.toml"
W, E = "The West", "The East"
MAP = {"a": ("east",), "b": ("east", "ally"), "c": ("ally",)}


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(TALKS)


def solo(scenario, mode="training") -> Table:
    return Table.new(Game.new(scenario, 1, ("west",)), mode=mode)


def hot_seat(scenario) -> Table:
    table = Table.new(Game.new(scenario, 1, ("west", "east")), {W: ("west",), E: ("east",)})
    return apply(table, rq.SeatReady(W))


# -- the pure helper ----------------------------------------------------------
def test_adding_a_term_chooses_the_only_answerer_it_may_go_to():
    draft, why = talks.toggle(Draft(), MAP, "a")
    assert (draft.to, draft.terms, why) == ("east", ("a",), "")
    draft, why = talks.toggle(draft, MAP, "c")
    assert draft.terms == ("a",) and why.startswith("No one could be offered that term")
    draft, why = talks.toggle(Draft("ally", ("b",)), MAP, "a")
    assert draft.terms == ("b",) and "cannot be offered to the answerer" in why


def test_a_term_two_actors_may_take_leaves_the_answerer_to_choose_and_cycle():
    draft, _ = talks.toggle(Draft(), MAP, "b")
    assert draft.to == "" and talks.problem(draft, MAP) == "Choose whom to offer it to."
    draft = talks.next_answerer(draft, MAP)
    assert draft.to == "east"
    assert talks.next_answerer(draft, MAP).to == "ally"
    assert talks.next_answerer(talks.next_answerer(draft, MAP), MAP).to == "east"
    assert talks.problem(draft, MAP) == ""


def test_taking_a_term_out_forgets_the_package_and_an_empty_draft_cannot_be_sent():
    draft = Draft("east", ("a", "b"), "pkg")
    draft, _ = talks.toggle(draft, MAP, "b")
    assert draft == Draft("east", ("a",))
    draft, _ = talks.toggle(draft, MAP, "a")
    assert talks.problem(draft, MAP) == "Put at least one term on the table."
    assert "cannot be put on the table now" in talks.toggle(draft, MAP, "zz")[1]


def test_what_we_give_and_what_we_ask(scenario):
    draft = Draft("east", ("east_inspections", "west_no_inf"))
    give, ask = talks.sides(scenario, draft, "west")
    assert [t.id for t in give] == ["west_no_inf"]
    assert [t.id for t in ask] == ["east_inspections"]


# -- the table ----------------------------------------------------------------
def test_the_deciding_seat_sees_its_terms_packages_and_what_the_ai_would_make_of_it(scenario):
    table = solo(scenario)
    seen = view(table, W).talks
    assert seen.terms == {"west_no_inf": ("east",), "east_inspections": ("east",)}
    assert seen.packages == ("missile_swap",) and seen.problem.startswith("Put at least")
    table = apply(table, rq.EditDraft(W, "east", ("west_no_inf", "east_inspections")))
    seen = view(table, W).talks
    assert seen.problem == ""
    assert (seen.valuation.value, seen.valuation.threshold) == (1.0, 0.0)
    assert seen.valuation.least == "east_inspections"
    assert view(solo(scenario, "exercise"), W).talks.valuation is None
    assert view(table, None).talks is None  # the room sees no seat's table


def test_a_draft_the_rules_forbid_is_refused_and_changes_nothing(scenario):
    table = solo(scenario)
    with pytest.raises(Refused, match="cannot be put on the table"):
        apply(table, rq.EditDraft(W, "east", ("east_pullback",)))  # posture is not open
    with pytest.raises(Refused, match="cannot all be offered to 'ally'"):
        apply(table, rq.EditDraft(W, "ally", ("west_no_inf",)))
    with pytest.raises(Refused, match="Package 'missile_swap'"):
        apply(table, rq.EditDraft(W, "east", ("west_no_inf",), "missile_swap"))


def test_an_offer_to_the_ai_is_answered_at_once_and_signs_its_terms(scenario):
    table = apply(solo(scenario), rq.MakeOffer(W, package="missile_swap", note="a swap"))
    seen = view(table, W)
    assert [(a.term, a.by, a.parties, a.broken) for a in seen.agreements] == [
        ("west_no_inf", "west", ("west", "east"), ""),
        ("east_inspections", "east", ("west", "east"), "")]
    answer = next(i for i in seen.news if i.kind == "answer")
    assert answer.answer == "accept" and answer.why.value == 1.0


def test_a_human_answerer_answers_only_after_the_hand_over(scenario):
    table = apply(hot_seat(scenario), rq.MakeOffer(W, "east", ("west_no_inf",)))
    seen = view(table, E)
    assert seen.offer.terms == ("west_no_inf",) and seen.waiting == "east"
    assert view(table, W).hand_over == E
    with pytest.raises(Refused, match="Hand the keyboard to The East"):
        apply(table, rq.AnswerOffer(E, True))
    table = apply(table, rq.SeatReady(E))
    table = apply(table, rq.BriefingSeen(E, "geneva"))
    assert next_screen(view(table, E)) == "answer"
    table = apply(table, rq.AnswerOffer(E, True))
    assert [a.term for a in view(table, E).agreements] == ["west_no_inf"]
    with pytest.raises(Refused, match="only they can undo it"):
        apply(table, rq.Undo(W))  # the answer came last: it is the East's
    table = apply(table, rq.Undo(E))
    assert view(table, E).offer is not None and view(table, E).agreements == ()


def test_an_option_that_would_break_an_agreement_says_so_and_breaking_it_is_news(scenario):
    table = apply(solo(scenario), rq.MakeOffer(W, package="missile_swap"))
    while table.game.waiting.turn != "vienna":
        if table.game.waiting.kind == "answer":
            table = apply(table, rq.AnswerOffer(W, False))
        else:
            table = apply(table, rq.Decide(W, table.game.waiting.options[0].id))
    seen = view(table, W)
    assert seen.breaks == {"deploy_inf": ("west_no_inf",)}
    table = apply(table, rq.Decide(W, "deploy_inf"))
    seen = view(table, W)
    assert [a.broken for a in seen.agreements if a.term == "west_no_inf"] == ["deploy_inf"]
    assert any(i.kind == "breach" and i.source == "west_no_inf" for i in seen.news)


def test_a_view_with_talks_crosses_the_wire_unchanged(scenario):
    table = apply(solo(scenario), rq.EditDraft(W, "east", ("west_no_inf",)))
    seen = view(table, W)
    assert SeatView.from_dict(seen.to_dict()) == seen
    request = rq.MakeOffer(W, "east", ("west_no_inf",))
    assert rq.request_from_plain(rq.request_to_plain(request)) == request


def test_a_table_that_hides_decisions_hides_an_offer_its_answer_and_what_it_signed(scenario):
    game = Game.new(scenario, 1, ("west", "east"))
    table = Table.new(game, {W: ("west",), E: ("east",)}, shared_screen=False)
    table = apply(table, rq.HideDecisions("white cell", True))
    table = apply(apply(table, rq.Decide(W, "warn")), rq.Decide(E, "wait"))
    before = view(table, W).values["posture"]
    table = apply(table, rq.MakeOffer(E, "ally", ("ally_battlegroups",)))  # the AI signs
    assert table.game.state.values["posture"] == before + 5
    seen = view(table, W)
    assert seen.values["posture"] == before and seen.agreements == ()
    assert not any(i.kind in ("offer", "answer", "sign") for i in seen.news if
                   i.turn == "brussels")
    assert [a.term for a in view(table, E).agreements] == ["ally_battlegroups"]
