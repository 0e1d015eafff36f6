"""Forecasts: what a seat expected the others to do, kept with its decision and scored.

mini.toml: turn one West then East; turn two simultaneous; turn three East then
West. Under `standard` the East always masses troops.
"""

from __future__ import annotations

import pytest

from wargame.analysis.forecasts import by_team, forecast_rows
from wargame.engine.forecast import forecast_targets
from wargame.engine.game import Game, GameError
from wargame.engine.state import OFFER, Forecast
from wargame.errors import SaveError
from wargame.report.transcript import data
from wargame.report.write import render
from wargame.saves.files import load_game, write_save

MASS = Forecast("east", "mass", 0.8)


def test_a_forecast_goes_into_the_log_and_changes_nothing_else(mini):
    plain = Game.new(mini, 5, ["west"]).decide("offer", "talk")
    told = Game.new(mini, 5, ["west"]).decide("offer", "talk", (MASS,))
    assert told.outcome.log[0].forecast == (MASS,)
    assert told.state == plain.state and told.news == plain.news
    assert told.waiting == plain.waiting


def test_who_may_be_forecast(mini):
    one, two, three = mini.turns
    assert forecast_targets(one, "west") == ("east",)     # East decides after the West
    assert forecast_targets(one, "east") == ()            # the West's move is known
    assert forecast_targets(two, "east") == ("west",)     # simultaneous: every other one
    assert forecast_targets(three, "west") == ()


@pytest.mark.parametrize(("forecast", "message"), [
    ((Forecast("west", "warn", 0.5),), "which is the one deciding"),
    ((Forecast("east", "sign", 0.5),), "'sign' is not one of its options"),
    ((Forecast("east", "mass", 1.5),), "confidence must be a number from 0 to 1"),
    ((Forecast("east", "mass"),), "confidence must be a number from 0 to 1"),
    ((Forecast("east", "", 0.5),), "takes no confidence"),
    ((Forecast("east", "mass", 0.5), Forecast("east")), "two forecasts about 'east'"),
    ((Forecast("nobody"),), "unknown actor 'nobody'"),
])
def test_forecasts_that_cannot_be_are_refused(mini, forecast, message):
    with pytest.raises(GameError, match=message):
        Game.new(mini, 5, ["west"]).decide("offer", "", forecast)


def test_a_move_already_made_is_not_forecast(mini):
    game = Game.new(mini, 5, ["west"], "dove").decide("offer").decide("warn")
    assert game.waiting.turn == "three"  # the East decided first
    with pytest.raises(GameError, match="has already decided in this turn"):
        game.decide("warn", "", (Forecast("east"),))


def test_forecasts_save_load_and_a_bad_one_names_its_entry(mini, tmp_path):
    game = Game.new(mini, 5, ["west"]).decide("offer", "talk", (MASS,))
    path = write_save(game, tmp_path / "f.toml")
    text = path.read_text()
    assert 'actor = "east"' in text and "confidence = 0.8" in text
    assert load_game(path).game.outcome.log == game.outcome.log
    path.write_text(text.replace('option = "mass"', 'option = "accept"')
                    .replace("confidence = 0.8", "confidence = 2"))
    with pytest.raises(SaveError, match=r"log\[0\] \(turn 'one'\): forecast about 'east'"):
        load_game(path)
    path.write_text(text.replace("confidence = 0.8", 'confidence = "high"'))
    with pytest.raises(SaveError, match=r"log\[0\]\.forecast\[0\]\.confidence"):
        load_game(path)


def _two_forecasts(mini):
    game = Game.new(mini, 5, ["west"]).decide("offer", "", (MASS,))
    # Turn two is simultaneous: the West may forecast the East, and misses.
    return game.decide("warn", "", (Forecast("east", "accept", 0.6),))


def test_scores_count_hits_and_the_brier_score(mini):
    game = _two_forecasts(mini)
    rows = forecast_rows(game)
    assert [(r.turn, r.expected, r.actual, r.hit) for r in rows] == [
        ("one", "mass", "mass", True), ("two", "accept", "mass", False)]
    (team,) = by_team(game, {"Blue": ("west",)})
    assert team.team == "Blue" and team.hits == 1 and len(team.settled) == 2
    assert team.brier == pytest.approx(((0.8 - 1) ** 2 + 0.6 ** 2) / 2)


def test_no_idea_and_moves_still_to_come_are_not_scored(mini):
    game = Game.new(mini, 5, ["west"], "dove").decide("offer", "", (Forecast("east"),))
    (team,) = by_team(game)
    assert team.team == "The West" and team.no_idea == 1
    assert team.settled == () and team.brier is None
    waiting = Game.new(mini, 5, ["west", "east"])
    waiting = waiting.decide("offer", "", (MASS,))
    assert waiting.waiting.actor == "east"
    assert forecast_rows(waiting)[0].actual is None  # the East has not decided yet


def test_the_report_shows_each_teams_forecasts_beside_the_moves(mini):
    game = _two_forecasts(mini)
    text = render(game, "md", {"Blue": ("west",)}, runs=0)
    assert ("### Blue: 1 of 2 forecasts came true; Brier score 0.20 (0 is perfect; "
            "saying 50% every time scores 0.25)") in text
    assert "| 1 · First round | The East | Mass troops | 80% | Mass troops | yes |" in text
    assert "| 2 · Second round | The East | Accept | 60% | Mass troops | no |" in text
    html = render(game, "html", {"Blue": ("west",)}, runs=0)
    assert "Forecasts against the moves" in html and "1 of 2 forecasts came true" in html
    assert "Forecasts" not in render(Game.new(mini, 5, ["west"]).decide("offer"), "md", runs=0)


# -- an offer: a decision that carries a forecast, and a move a forecast may expect ------
# talks.toml, seed 4: in Geneva, after the West's offer, the East offers back under
# `hawk` and snap-drills under `standard`.
OFFERS = Forecast("east", OFFER, 0.6)


def test_an_offer_carries_a_forecast_and_an_offer_expected_scores_against_the_move(talks):
    offered = Game.new(talks, 4, ["west"], "hawk").offer(package="missile_swap",
                                                         forecast=(OFFERS,))
    assert offered.outcome.log[0].forecast == (OFFERS,)
    assert offered.outcome.log[1].kind == "offer"  # the East offers (any offer)
    drilled = Game.new(talks, 4, ["west"]).offer(package="missile_swap", forecast=(OFFERS,))
    assert drilled.outcome.log[1].option == "drill"
    assert [(r.expected, r.actual, r.hit) for r in forecast_rows(offered)] == [
        (OFFER, OFFER, True)]
    assert [(r.expected, r.actual, r.hit) for r in forecast_rows(drilled)] == [
        (OFFER, "drill", False)]
    assert by_team(drilled)[0].brier == pytest.approx(0.6 ** 2)
    assert data(offered)["log"][0]["forecast"] == [  # the JSON transcript says it as a save
        {"actor": "east", "option": None, "offer": True, "confidence": 0.6}]
    text = render(offered, "md", runs=0)
    assert "| 1 · Geneva round | The East | an offer | 60% | an offer | yes |" in text
    assert "| 1 · Geneva round | The East | an offer | 60% | Snap drill | no |" in render(
        drilled, "md", runs=0)


def test_an_offers_forecast_is_checked_as_a_decisions(talks, mini):
    with pytest.raises(GameError, match="forecast about 'west', which is the one deciding"):
        Game.new(talks, 4, ["west"]).offer(package="missile_swap",
                                           forecast=(Forecast("west", OFFER, 0.5),))
    with pytest.raises(GameError, match="'warn' is not one of its options"):
        Game.new(talks, 4, ["west"]).offer(["west_no_inf"], "east",
                                           forecast=(Forecast("east", "warn", 0.5),))
    with pytest.raises(GameError, match="confidence must be a number from 0 to 1"):
        Game.new(talks, 4, ["west"]).offer(package="missile_swap",
                                           forecast=(Forecast("east", OFFER),))
    with pytest.raises(GameError, match="an offer cannot be expected in turn 'one', which "
                                        "opens no track for offers"):
        Game.new(mini, 5, ["west"]).decide("offer", "", (Forecast("east", OFFER, 0.5),))


def test_an_offers_forecast_saves_and_loads_while_its_answer_waits(talks, tmp_path):
    game = Game.new(talks, 4, ["west", "east"]).offer(package="missile_swap",
                                                      forecast=(OFFERS,))
    assert game.waiting.kind == "answer"  # the East's people have not answered yet
    path = write_save(game, tmp_path / "offer.toml")
    text = path.read_text()
    assert 'offer = "missile_swap"' in text and "answer" not in text
    assert '{ actor = "east", offer = true, confidence = 0.6 }' in text
    assert load_game(path).game.outcome.log == game.outcome.log
    answered = load_game(path).game.answer(False)
    assert answered.outcome.log[0].forecast == (OFFERS,)
