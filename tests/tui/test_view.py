"""The pure helpers behind the screens: colours by band, bars, teams, hidden news."""

from __future__ import annotations

import pytest

from tests.tui.conftest import MINI
from wargame.engine.game import Game
from wargame.errors import UsageError
from wargame.scenario.load import load_scenario
from wargame.table.model import Table
from wargame.table.view import view
from wargame.tui.entry import parse_seed, parse_teams
from wargame.tui.picture import Picture
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


@pytest.mark.parametrize("text", ["-", "-5", "4.5", "seven", "²", "9" * 31])
def test_a_seed_that_is_not_a_whole_number_is_named_as_the_seed(text):
    with pytest.raises(UsageError, match="^seed: '.*' is not a whole number of 0 or more$"):
        parse_seed(text)


def test_a_seed_field_left_empty_is_the_scenarios_own():
    assert parse_seed("  ") is None
    assert parse_seed(" 2022 ") == 2022


async def test_the_title_refuses_a_bad_seed_with_a_message_naming_it(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#seed").value = "-"
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "TitleScreen" and app.table is None
        assert any(n.message.startswith("seed: '-'") for n in app._notifications)


def picture_of(game: Game) -> Picture:
    """What the only team at the table sees of ``game``."""
    table = Table.new(game)
    return Picture(game.scenario, view(table, next(iter(table.teams))))


def test_gauges_line_up_whether_or_not_their_number_moved():
    """On a wide board every bar is as long: a moved number must not shorten its neighbours'."""
    from wargame.tui.widgets.world import Reading, gauge_line

    history = (50.0, 60.0, 72.0)
    moved = Reading("Tension", 72, 0, 100, "Strained", "warn", history, moved=12)
    still = Reading("Cohesion", 55, 0, 100, "Holding", "good", history, moved=0)
    lines = [gauge_line(r, 100, flash=True).plain for r in (moved, still)]
    # The values stand in one column, so the bars before them are as long.
    assert lines[0].index(" 72") == lines[1].index(" 55")
    assert "+12" in lines[0] and "+" not in lines[1]


async def test_a_number_that_moved_stays_highlighted_a_while_then_not(mini, monkeypatch):
    """After a decision the moved gauges light up, the others do not; the light fades."""
    from textual.app import App

    from wargame.tui.widgets import world
    from wargame.tui.widgets.world import MOVED_STYLE, WorldPanel

    monkeypatch.setattr(world, "FLASH_SECONDS", 0.05)
    game = Game.new(mini, None, ("west",))
    after = game.decide(game.waiting.options[0].id)

    class Board(App):
        def compose(self):
            yield WorldPanel()

    def lit(panel: WorldPanel) -> set[str]:
        """Names of the gauge lines drawn with the highlight."""
        content = panel.content(60)
        lines = content.plain.split("\n")
        names = set()
        for span in content.spans:
            if str(span.style) == MOVED_STYLE:
                line = content.plain[:span.start].count("\n")
                names.add(lines[line].split()[0])
        return names

    app = Board()
    async with app.run_test(size=(60, 20)) as pilot:
        panel = app.query_one(WorldPanel)
        panel.show(picture_of(game), None)
        await pilot.pause()
        assert lit(panel) == set()
        panel.show(picture_of(after), picture_of(game).view)
        await pilot.pause()
        moved = {r.name.split()[0] for r in panel.readings if r.moved}
        assert moved and lit(panel) == moved
        await pilot.pause(0.3)  # past FLASH_SECONDS: the timer put the light out
        assert lit(panel) == set()


async def test_page_keys_on_a_list_with_no_room_do_nothing():
    """Every list in the game (options, scenarios, saves) takes Page Up/Down with no
    line laid out: Textual's own OptionList raises KeyError there and stops the app."""
    from textual.app import App

    from wargame.tui.widgets.lists import SteadyOptionList

    class Squeezed(App):
        CSS = "SteadyOptionList { height: 0; }"

        def compose(self):
            yield SteadyOptionList("Red Lines", "Mini crisis", "Another")

    app = Squeezed()
    async with app.run_test(size=(30, 5)) as pilot:
        listing = app.query_one(SteadyOptionList)
        listing.focus()
        listing.highlighted = 1
        await pilot.press("pagedown", "pageup", "pagedown")
        await pilot.pause()
        assert app.is_running and listing.highlighted == 1


BARE_WORLD = """
format = 1

[scenario]
id = "bare"
title = "No tracks"
summary = "One indicator, no tracks, no objectives."

[[actors]]
id = "west"
name = "The West"
side = "west"

[[actors]]
id = "east"
name = "The East"
side = "east"

[[indicators]]
id = "tension"
name = "Tension"
start = 50

[[turns]]
id = "one"
date = 2022-01-10
title = "First round"
venue = "Geneva"
actors = ["west", "east"]

[[options]]
id = "wait"
actor = "west"
title = "Wait"
kind = "neutral"

[[endings]]
id = "over"
title = "Over"
tone = "mixed"
final = true
text = "Done."
"""


def test_a_world_without_tracks_or_objectives_shows_no_empty_table():
    """The format makes tracks and objectives optional: no bare table header, no gap."""
    from wargame.scenario.load import parse_scenario
    from wargame.tui.widgets.world import WorldPanel

    game = Game.new(parse_scenario(BARE_WORLD), None, ("west",))
    panel = WorldPanel()
    panel.show(picture_of(game), None)
    lines = panel.content(60).plain.split("\n")
    assert lines[0] == "World" and lines[1].startswith("Tension")
    assert len(lines) == 2  # no "Venue Status Progress" header, no trailing blank


def test_ending_screen_and_report_give_each_side_the_same_points():
    """Both read one debrief: the points at the table are the points in the report."""
    from tests.unit.test_report import REPLAYS, section
    from wargame.report import debrief
    from wargame.report.format import fmt_number
    from wargame.report.write import render
    from wargame.saves.files import load_game
    from wargame.tui.screens.ending import debrief_of, objectives_section

    game = load_game(REPLAYS / "mini_white_cell.toml").game
    d = debrief.build(game)
    picture = picture_of(game)
    assert debrief_of(picture) == d  # the screen's, from the seat's view, is the report's
    shown = objectives_section(picture, d).plain
    printed = section(render(game, "md", runs=0), "Objectives")
    assert d.ending is not None and d.sides
    for side in d.sides:
        assert f"{side.actor} ({'you' if side.human else 'AI'}): " \
               f"{fmt_number(side.points)} pts" in shown
        assert f"{side.actor} {fmt_number(side.points)}" in printed
    assert d.scores == {s.actor: s.points for s in d.sides}
