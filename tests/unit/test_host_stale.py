"""Which requests a hosted table takes as stale: those built on a table that someone
else has changed since, never those after a screen's own draft edits.

Played on the host's table object itself (a journal in a temporary folder, no
network), as the server calls it: each request quotes the version its screen
last saw, and ``source`` is the connection it came by.
"""

from __future__ import annotations

from pathlib import Path

from wargame.engine.game import Game
from wargame.host.hosted import HostedTable, Stale
from wargame.host.journal import Journal
from wargame.host.start import start_from_table
from wargame.scenario.load import load_scenario
from wargame.table.model import WHITE_CELL, Table

TALKS = Path(__file__).resolve().parents[1] / "data" / "talks.toml"
WEST, EAST = object(), object()  # two connections


def hosted(folder: Path) -> HostedTable:
    game = Game.new(load_scenario(TALKS), seed=1, seats=("west", "east"))
    table = Table.new(game, {"West": ["west"], "East": ["east"]}, shared_screen=False)
    journal = Journal.open(folder / "table.journal")
    return HostedTable.create(journal, start_from_table(table, folder / "game.toml"))


def edit(terms: list[str]) -> dict[str, object]:
    return {"request": "EditDraft", "to": "east", "terms": terms}


def test_edits_and_an_offer_typed_before_any_view_came_back_all_count(tmp_path):
    table = hosted(tmp_path)
    seen = table.version  # the screen has seen nothing newer while it types
    assert table.submit("West", "laptop", seen, edit(["east_inspections"]), WEST) is None
    assert table.submit("West", "laptop", seen,
                        edit(["east_inspections", "west_no_inf"]), WEST) is None
    offer = {"request": "MakeOffer", "to": "east", "terms": ["east_inspections", "west_no_inf"]}
    assert table.submit("West", "laptop", seen, offer, WEST) is None
    entry = table.table.game.outcome.log[-1]
    assert (entry.offer, entry.to) == (("east_inspections", "west_no_inf"), "east")


def test_a_change_by_anyone_else_still_makes_a_request_stale(tmp_path):
    table = hosted(tmp_path)
    seen = table.version
    assert table.submit("West", "laptop", seen, edit(["east_inspections"]), WEST) is None
    adjust = {"request": "Adjust", "target": "tension", "amount": 5, "note": "a test"}
    assert table.submit(WHITE_CELL, "cell", table.version, adjust, object()) is None
    stale = table.submit("West", "laptop", seen, edit(["west_no_inf"]), WEST)
    assert isinstance(stale, Stale) and "white cell" in stale.reason


def test_another_screen_of_the_same_team_is_not_the_same_connection(tmp_path):
    table = hosted(tmp_path)
    seen = table.version
    assert table.submit("West", "laptop", seen, edit(["east_inspections"]), WEST) is None
    other = table.submit("West", "tablet", seen, edit(["west_no_inf"]), object())
    assert isinstance(other, Stale) and "laptop" in other.reason
