"""The pure helpers behind the screens: colours by band, bars, teams, hidden news."""

from __future__ import annotations

import pytest

from tests.tui.conftest import MINI
from wargame.errors import UsageError
from wargame.game import Game
from wargame.loader import load_scenario
from wargame.tui.session import Session, parse_teams
from wargame.tui.view import bar, chart, severity, spark


@pytest.fixture(scope="module")
def mini():
    return load_scenario(MINI)


def test_severity_follows_bands_and_higher_is(mini):
    tension = mini.indicator_by_id["tension"]  # worse when higher; bands Calm, Crisis
    cohesion = mini.indicator_by_id["cohesion"]  # better when higher; no bands
    assert severity(tension, 10) == "good" and severity(tension, 75) == "bad"
    assert severity(cohesion, 9) == "good" and severity(cohesion, 1) == "bad"


def test_bar_spark_and_chart_stay_inside_their_width():
    assert len(bar(0.55, 10)) == 10 and bar(0, 4) == "░░░░" and bar(1, 3) == "███"
    assert spark([0, 50, 100], 0, 100, 2) == "▅█"
    lines = chart([0, 100], 0, 100, height=2)
    assert len(lines) == 2 and lines[0].startswith("   ") and "█" in lines[0]


def test_teams_group_seats_and_name_mistakes(mini):
    assert parse_teams("Washington=west; Moscow=east", mini, ("west", "east")) == {
        "Washington": ("west",), "Moscow": ("east",)}
    assert parse_teams("", mini, ("west",)) == {"The West": ("west",)}
    with pytest.raises(UsageError, match="'east' is not a human seat"):
        parse_teams("Moscow=east", mini, ("west",))
    with pytest.raises(UsageError, match="is not Name=seat"):
        parse_teams("Moscow", mini, ("west",))


def test_other_teams_choices_stay_hidden_until_the_turn_resolves(mini):
    game = Game.new(mini, None, ("west", "east")).decide("warn")
    session = Session(game, teams={"W": ("west",), "E": ("east",)})
    assert session.acting_team == "E"
    assert not any(item.source == "warn" for item in session.visible_news())
    after = Session(game.decide("wait"), teams=session.teams)
    assert any(item.source == "warn" for item in after.visible_news())


async def test_gauges_line_up_whether_or_not_their_number_moved():
    """On a wide board every bar is as long: a moved number must not shorten its neighbours'."""
    from textual.app import App

    from wargame.tui.widgets.gauge import Gauge, Reading

    class Board(App):
        def compose(self):
            yield Gauge(id="moved")
            yield Gauge(id="still")

    app = Board()
    async with app.run_test(size=(100, 4)) as pilot:
        history = (50.0, 60.0, 72.0)
        app.query_one("#moved", Gauge).reading = Reading(
            "Tension", 72, 0, 100, "Strained", "warn", history, moved=12)
        app.query_one("#still", Gauge).reading = Reading(
            "Cohesion", 55, 0, 100, "Holding", "good", history, moved=0)
        await pilot.pause()
        lines = [app.query_one(f"#{i}", Gauge).render().plain for i in ("moved", "still")]
        # The values stand in one column, so the bars before them are as long.
        assert lines[0].index(" 72") == lines[1].index(" 55")
