"""Negotiation (SCENARIO_FORMAT.md): who may offer what, answers, signing, breach, the
Game's offers and answers, saves of them, and the reasons an AI gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wargame.engine import talks as rules
from wargame.engine.game import Game, GameError, replay
from wargame.engine.state import Cause, Draw, LogEntry, Valuation
from wargame.errors import LogError
from wargame.saves.files import load_game, read_save, write_save
from wargame.scenario.load import parse_scenario

ROOT = Path(__file__).resolve().parent.parent
TALKS = (ROOT / "data" / "talks.toml").read_text()


def _with(old: str, new: str):
    assert old in TALKS
    return parse_scenario(TALKS.replace(old, new, 1), "talks.toml")


def _news(game, kind):
    return [n for n in game.news if n.kind == kind]


def test_a_human_seat_may_offer_terms_on_an_open_track(talks):
    game = Game.new(talks, 1, ["west"])
    waiting = game.waiting
    assert waiting.kind == "decision" and waiting.turn == "geneva"
    # Only the missiles track is open in geneva; the ally is no party of it.
    assert [t.id for t in waiting.terms] == ["west_no_inf", "east_inspections"]
    assert [p.id for p in waiting.packages] == ["missile_swap"]
    assert game.answerers("west_no_inf") == ("east",)
    assert game.answerers("east_pullback") == ()


@pytest.mark.parametrize(("terms", "to", "package", "reason"), [
    (["east_pullback"], "east", "", "not open for offers in turn 'geneva'"),
    (["west_no_inf"], "west", "", "cannot make an offer to itself"),
    (["west_no_inf"], "ally", "", "'ally' is not a party of track 'missiles'"),
    (["west_no_inf", "west_no_inf"], "east", "", "offered twice"),
    ([], "east", "", "needs at least one term"),
    (["nope"], "east", "", "unknown term 'nope'"),
    ((), "", "demand", "package 'demand' is offered by 'east', not 'west'"),
    ((), "", "nope", "unknown package 'nope'"),
    (["west_no_inf"], "", "", "needs an answerer (`to`)"),
])
def test_offers_that_may_not_be_made_say_why(talks, terms, to, package, reason):
    game = Game.new(talks, 1, ["west"])
    assert reason in game.offer_problem(terms, to, package)
    with pytest.raises(GameError, match=re.escape(reason)):
        game.offer(terms, to, package)


def test_a_package_outside_its_window_or_when_is_refused(talks):
    sc = _with('turns = ["geneva", "brussels"]\n\n[[packages]]',
               'turns = ["brussels"]\n\n[[packages]]')
    game = Game.new(sc, 1, ["west"])
    assert "not offered in turn 'geneva'" in game.offer_problem(package="missile_swap")
    sc = _with('id = "missile_swap"', 'id = "missile_swap"\nwhen = "tension > 50"')
    assert "its `when` is false" in Game.new(sc, 1, ["west"]).offer_problem(
        package="missile_swap")


def test_a_term_by_a_third_party_needs_it_as_the_answerer(talks):
    log = (LogEntry("geneva", "west", "warn"), LogEntry("geneva", "east", "wait"),
           LogEntry("brussels", "east", "wait"))
    game = Game.new(talks, 1, ["west"], log=log)
    assert (game.waiting.turn, game.waiting.kind) == ("brussels", "decision")
    # The ally undertakes ally_battlegroups: the West may offer it to the ally only.
    assert game.answerers("ally_battlegroups") == ("ally",)
    assert "neither the offerer nor the answerer" in game.offer_problem(
        ["ally_battlegroups"], "east")


def test_an_ai_answer_is_exactly_value_against_threshold(talks):
    # west_no_inf alone is worth 3 to the East: accepted at accept = 3, not at 3.01.
    for accept, answer in ((3, "accept"), (3.01, "reject")):
        sc = _with("accept = 2", f"accept = {accept}")
        game = Game.new(sc, 1, ["west"], {"east": "hawk"}).offer(["west_no_inf"], "east")
        assert game.outcome.log[0].answer == answer
        item = _news(game, "answer")[0]
        assert item.why == Valuation("hawk", 3.0, float(accept), "west_no_inf",
                                     (("west_no_inf", 3.0),))
        assert item.by_ai and item.answer == answer


def test_signing_applies_each_term_in_offer_order_with_the_term_as_cause(talks):
    game = Game.new(talks, 1, ["west"]).offer(["east_inspections", "west_no_inf"], "east")
    signs = _news(game, "sign")
    assert [s.source for s in signs] == ["east_inspections", "west_no_inf"]
    assert [(c.target, c.before, c.after, c.cause) for s in signs for c in s.changes] == [
        ("missiles", 10, 18, Cause("term", "east_inspections")),
        ("cohesion", 6, 7, Cause("term", "east_inspections")),
        ("missiles", 18, 30, Cause("term", "west_no_inf")),
        ("tension", 50, 46, Cause("term", "west_no_inf")),
    ]
    assert game.state.signed >= {"east_inspections", "west_no_inf"}


def test_an_expression_amount_is_evaluated_just_before_its_table(talks):
    # west_exercise_limits: tension "-tension / 10", after the progress is added.
    sc = _with('negotiate = ["missiles"]', 'negotiate = ["missiles", "posture"]')
    game = Game.new(sc, 1, ["west"]).adjust("tension", 13, "warm up").offer(
        ["west_exercise_limits"], "east")
    change = next(c for c in _news(game, "sign")[0].changes if c.target == "tension")
    assert (change.before, change.after) == (63, 63 - 6.3)  # not rounded


def test_a_rejection_names_value_threshold_and_least_valued_term(talks):
    game = Game.new(talks, 1, ["west"], {"east": "hawk"}).offer(package="missile_swap")
    item = _news(game, "answer")[0]
    assert item.answer == "reject" and item.why.least == "east_inspections"
    assert item.text == ("worth 1 to it, below its threshold 2 (Hawk); it values "
                         "'Inspections at two missile bases' least (-2)")
    assert game.state.offered >= {"west_no_inf", "east_inspections"}
    assert not game.state.signed and game.state.values["missiles"] == 10


def test_an_ai_decision_says_its_weight_total_and_doctrine(talks):
    game = Game.new(talks, 1, ["west"]).decide("warn")
    east = next(n for n in game.news if n.actor == "east" and n.kind in ("decision", "offer"))
    assert isinstance(east.why, Draw) and east.why.doctrine == "standard"
    assert 0 < east.why.weight <= east.why.total and east.why.count >= 2
    # The same reasons when the game is replayed from its full log (a loaded save).
    again = Game.new(talks, 1, ["west"], log=game.outcome.log)
    assert again.news == game.news


def test_a_breach_applies_its_price_and_the_term_is_never_offered_again(talks):
    path = ROOT / "replays" / "talks_breach.toml"
    game = load_game(path).game
    breach = _news(game, "breach")
    assert [(b.source, b.actor, b.option) for b in breach] == [
        ("west_no_inf", "west", "deploy_inf")]
    assert [(c.target, c.cause) for c in breach[0].changes] == [
        ("tension", Cause("breach", "west_no_inf")), ("missiles", Cause("breach", "west_no_inf"))]
    sc = game.scenario
    turn = sc.turn_by_id["geneva"]
    assert "was breached and cannot be offered again" in rules.term_refusal(
        sc, game.state, turn, "west", "east", sc.term_by_id["west_no_inf"])


def test_one_option_breaks_several_terms_in_file_order(talks):
    # drill now breaks east_inspections, at the price of all cohesion left.
    sc = _with('effects = { cohesion = 1 }\n\n[[terms]]',
               'effects = { cohesion = 1 }\nbreach = ["drill"]\n'
               'breach_effects = { cohesion = "-cohesion" }\n\n[[terms]]')
    game = Game.new(sc, 1, ["west", "east"]).offer(package="missile_swap").answer(True)
    assert [t.id for t in game.breaks("drill")] == ["east_inspections"]
    game = game.decide("drill")
    assert game.state.breached == {"east_inspections"}
    assert game.state.signed == {"west_no_inf"}
    assert game.state.values["cohesion"] == 0  # "-cohesion" on the state after drill


def test_an_offer_to_a_human_answerer_waits_for_the_answer(talks):
    game = Game.new(talks, 1, ["west", "east"]).offer(["west_no_inf"], "east", note="why")
    waiting = game.waiting
    assert waiting.kind == "answer" and waiting.actor == "east"
    assert waiting.offer.terms == ("west_no_inf",) and waiting.options == ()
    assert "west_no_inf" in game.state.offered
    with pytest.raises(GameError, match="must answer an offer first"):
        game.decide("mass")
    with pytest.raises(GameError, match="waits for its answer"):
        game.adjust("tension", 1, "why")
    accepted = game.answer(True)
    assert accepted.outcome.log[0].answer == "accept"
    assert accepted.state.signed == {"west_no_inf"}
    assert accepted.waiting.actor == "east" and accepted.waiting.kind == "decision"
    answer = _news(accepted, "answer")[0]
    assert answer.why is None and not answer.by_ai and answer.text == ""
    # Undo takes back the answer, not the offer; a second undo takes the offer.
    assert accepted.undo().waiting == waiting
    assert accepted.undo().undo().waiting.actor == "west"
    rejected = game.answer(False)
    assert not rejected.state.signed and rejected.outcome.log[0].note == "why"


def test_a_seat_with_only_offers_may_pass(talks):
    # The West's options warn and reassure handed to the ally: in geneva it may only offer.
    sc = parse_scenario(TALKS.replace('id = "warn"\nactor = "west"', 'id = "warn"\nactor = "ally"')
                        .replace('id = "reassure"\nactor = "west"',
                                 'id = "reassure"\nactor = "ally"'), "talks.toml")
    game = Game.new(sc, 1, ["west"])
    assert game.waiting.options == () and game.waiting.terms
    passed = game.pass_turn()
    assert passed.outcome.log[0].passed
    # A pass the seat chose is a person's action: undo takes it back.
    assert passed.can_undo and passed.undo().waiting == game.waiting
    with pytest.raises(GameError, match="may not pass while options"):
        Game.new(talks, 1, ["west"]).pass_turn()


def test_log_entries_that_cannot_apply_name_the_reason(talks):
    bad = (LogEntry("geneva", "west", offer=("east_pullback",), to="east"),)
    with pytest.raises(LogError, match="not open for offers"):
        replay(talks, 1, ("west",), None, bad)
    with pytest.raises(LogError, match="needs `to`"):
        replay(talks, 1, ("west",), None, (LogEntry("geneva", "west", offer=("west_no_inf",)),))
    with pytest.raises(LogError, match="unknown package"):
        replay(talks, 1, ("west",), None, (LogEntry("geneva", "west", package="x"),))


def test_an_answer_written_for_an_ai_is_applied_as_written(talks):
    entry = LogEntry("geneva", "west", package="missile_swap", answer="reject")
    game = Game.new(talks, 1, ["west"], log=(entry,))
    assert not game.state.signed
    # Its reasons are still the AI's own valuation (which would have accepted).
    assert _news(game, "answer")[0].why.accepted


def test_a_save_records_offers_and_what_the_ai_answered(talks, tmp_path):
    game = Game.new(talks, 1, ["west"]).offer(package="missile_swap", note="a trade")
    path = write_save(game, tmp_path / "s.toml")
    text = path.read_text()
    assert 'offer = "missile_swap"' in text and 'answer = "accept"' in text
    saved = read_save(path).log[0]
    assert (saved.package, saved.to, saved.answer, saved.note) == (
        "missile_swap", "east", "accept", "a trade")
    again = load_game(path).game
    assert again.state == game.state and again.news == game.news
    game = Game.new(talks, 1, ["west", "east"]).offer(["west_no_inf"], "east")
    path = write_save(game, tmp_path / "w.toml")
    saved = read_save(path).log[0]
    assert (saved.offer, saved.to, saved.answer) == (("west_no_inf",), "east", "")
    assert load_game(path).game.waiting.kind == "answer"


@pytest.mark.parametrize(("entry", "message"), [
    ('offer = ["a"]\nanswer = "maybe"', "`answer` must be 'accept' or 'reject'"),
    ('offer = ["a"]', "needs `to`"),
    ('offer = 3', "a package id or a list of term ids"),
    ('option = "warn"\nto = "east"', "`to` belongs to an offer"),
    ('offer = "x"\noption = "warn"', "exactly one of"),
])
def test_bad_offer_entries_in_a_save_are_refused(tmp_path, entry, message):
    from wargame.errors import SaveError

    path = tmp_path / "bad.toml"
    path.write_text('format = 1\nscenario = "talks"\n[[log]]\nturn = "geneva"\n'
                    f'actor = "west"\n{entry}\n')
    with pytest.raises(SaveError, match=message):
        read_save(path)


def test_the_value_of_an_offer_before_it_is_made(talks):
    game = Game.new(talks, 1, ["west"])
    assert game.value_of(["west_no_inf", "east_inspections"], "east") == Valuation(
        "standard", 1.0, 0.0, "east_inspections",
        (("west_no_inf", 3.0), ("east_inspections", -2.0)))
    # The West's own worth is an expression: -1 - cohesion / 10 at cohesion 6.
    assert game.value_of(["west_no_inf"], "west").value == pytest.approx(-1.6)


@pytest.mark.parametrize(("source", "want", "value"), [
    ("if(tension > 40, 2, 3)", "number", 2.0),
    ("if(signed('west_no_inf'), 1, -1) + if(offered('west_no_inf'), 10, 0)", "number", -1.0),
    ("if(breached('west_no_inf'), missiles.status, 'none') == 'none'", "bool", True),
    ("if(true, tension, 0)", "number", 50.0),
])
def test_if_and_the_term_functions(talks, source, want, value):
    from wargame.engine.rules import initial_state
    from wargame.expr.face import Symbols, compile_expr

    sym = Symbols(frozenset({"tension"}), frozenset({"missiles"}),
                  tuple((s.id, s.start) for s in talks.track_statuses), frozenset(),
                  frozenset(), 4, frozenset({"west_no_inf"}))
    assert compile_expr(source, sym, want)(initial_state(talks)) == value


@pytest.mark.parametrize(("source", "message"), [
    ("if(tension, 1, 2)", "if()'s first argument needs conditions"),
    ("if(tension > 1, 1)", "if() takes a condition and two values, got 2 arguments"),
    ("if(tension > 1, 1, 'x')", "if() needs two values of one type"),
    ("if", "'if' needs its arguments"),
    ("signed(west_no_inf)", "signed() takes one term id in quotes"),
    ("offered('nope')", "unknown term 'nope' in offered()"),
])
def test_if_and_term_function_mistakes(source, message):
    from wargame.expr.face import ExprError, Symbols, compile_expr

    sym = Symbols(frozenset({"tension"}), frozenset(), (), frozenset(), frozenset(), 1,
                  frozenset({"west_no_inf"}))
    with pytest.raises(ExprError, match=message.replace("(", r"\(").replace(")", r"\)")):
        compile_expr(source, sym, "bool" if "==" in source else "number")


def test_the_transcript_shows_offers_answers_reasons_and_breaches():
    from wargame.report import transcript

    game = load_game(ROOT / "replays" / "talks_rejection.toml").game
    text = transcript.text(game)
    assert ("The West offers The East: No missiles in Europe for inspections at two bases"
            in text)
    assert ("why: worth 1 to it, below its threshold 2 (Hawk); it values 'Inspections at "
            "two missile bases' least (-2)") in text
    assert "why: worth -0.8 to it, below its threshold 2 (Hawk); it values 'Forces back " \
           "from the border' least (-2.8)" in text
    data = transcript.data(game)
    answers = [n for t in data["turns"] for n in t["news"] if n["kind"] == "answer"]
    assert answers[0]["why"]["kind"] == "valuation" and answers[0]["answer"] == "reject"
    assert data["log"][0]["offer"] == "missile_swap" and data["log"][0]["answer"] == "reject"
    waiting = load_game(ROOT / "replays" / "talks_waiting_answer.toml").game
    assert "Waiting for The East to answer an offer in turn 'geneva'." in transcript.text(waiting)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_report_names_the_term_behind_each_change(fmt):
    from wargame.report import write

    game = load_game(ROOT / "replays" / "talks_breach.toml").game
    out = write.render(game, fmt=fmt)
    assert "agreement signed: No intermediate-range missiles in Europe" in out
    assert "agreement broken: No intermediate-range missiles in Europe" in out
    assert "BREACH: The West breaks" in out
    assert "Why: worth 1 to it, at least its threshold 0 (Standard)" in out


def test_offers_answers_and_a_hot_seat_replay_from_where_they_waited(talks):
    """Offers, answers, passes and the white cell go on from the waiting point: the
    same outcome as a replay of the whole log from the start, at every step."""
    game = Game.new(talks, 1, ["west", "east"])
    steps = [lambda g: g.adjust("tension", 3, "white cell"),
             lambda g: g.offer(["west_no_inf"], "east", note="why"),
             lambda g: g.answer(True),
             lambda g: g.decide(g.waiting.options[0].id),
             lambda g: g.inject(talks.events[0].id, "white cell")]
    for _ in range(200):
        if game.over:
            break
        step = steps.pop(0) if steps else (
            lambda g: g.decide(g.waiting.options[0].id) if g.waiting.options
            else g.pass_turn())
        try:
            game = step(game)
        except GameError:
            continue
        whole = Game.start(game.setup, game.log)
        assert whole.outcome == game.outcome
        assert whole.outcome.history == game.outcome.history
    assert game.over and steps == []
    assert any(e.answer == "accept" for e in game.outcome.log)
