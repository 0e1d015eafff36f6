"""One default doctrine everywhere: ``scenario.default_policy``, else ``standard``.

A seminar's AI must not play under one doctrine in the game and another in
``simulate`` or the report's odds (issue 14: 75% war in the TUI, 9% in
``simulate``, on one author's scenario).
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import DATA
from wargame.analysis import stats
from wargame.analysis.simulate import run_games
from wargame.cli.main import main
from wargame.engine.game import Game, resolve_policy
from wargame.errors import ScenarioError
from wargame.report.model import build
from wargame.saves.files import load_game, write_save
from wargame.scenario.load import parse_scenario

MINI = (DATA / "mini.toml").read_text()
# mini.toml defines `standard` and `dove`; these variants drop its `standard`
# and name a default, or name none.
OWN_ONLY = MINI.replace('[[policies]]\nid = "standard"\nname = "Standard"\n\n', "")
HAWKISH = OWN_ONLY.replace('[[policies]]\nid = "dove"', '[[policies]]\nid = "hawk"\n'
                           'name = "Hawk"\nconcession = 0.1\nescalation = 5\n\n'
                           '[[policies]]\nid = "dove"')
WITH_DEFAULT = HAWKISH.replace('default_seats = ["west"]',
                               'default_seats = ["west"]\ndefault_policy = "hawk"')


def test_standard_exists_when_the_file_defines_only_its_own():
    sc = parse_scenario(OWN_ONLY)
    assert [p.id for p in sc.doctrines] == ["dove", "standard"]
    assert sc.default_policy == "standard"
    assert Game.new(sc).policy == "standard"


def test_default_policy_is_what_every_ai_actor_plays_unless_told():
    sc = parse_scenario(WITH_DEFAULT)
    assert sc.default_doctrine.id == "hawk"
    assert Game.new(sc).policy == "hawk"
    assert Game.new(sc, policy=None).policy_for("east").id == "hawk"
    # A table that leaves an actor out gives it the default, not `standard`.
    assert resolve_policy(sc, {"west": "dove"}, "east").id == "hawk"
    assert resolve_policy(sc, {"west": "dove"}, "west").id == "dove"
    # `standard` is still there to choose.
    assert Game.new(sc, policy="standard").policy_for("east").id == "standard"


def test_an_unknown_default_policy_is_an_error_naming_the_key():
    with pytest.raises(ScenarioError) as info:
        parse_scenario(WITH_DEFAULT.replace('default_policy = "hawk"',
                                            'default_policy = "owl"'), "x.toml")
    message = str(info.value)
    assert "scenario: default_policy" in message and "'owl'" in message
    assert "hawk" in message and "standard" in message


def test_a_save_without_a_policy_plays_the_default(tmp_path):
    sc = parse_scenario(WITH_DEFAULT)
    path = tmp_path / "s.toml"
    path.write_text('format = 1\nscenario = "mini"\nseed = 3\nseats = ["west"]\n')
    loaded = load_game(path, scenario=sc)
    assert loaded.game.policy == "hawk"
    written = write_save(loaded.game, tmp_path / "again.toml").read_text()
    assert 'policy = "hawk"' in written


def test_simulate_and_the_report_name_the_default(tmp_path):
    sc = parse_scenario(WITH_DEFAULT)
    games = run_games(sc, 20, 1, None)
    assert stats.summarise(sc, games, 1, None)["policy"] == "hawk"
    # The simulated games under no --policy are the default doctrine's games.
    assert [g.ending for g in games] == [g.ending for g in run_games(sc, 20, 1, "hawk")]
    assert build(Game.new(sc)).doctrine == "Hawk"


def test_every_command_starts_with_the_default(tmp_path, capsys):
    scenario = tmp_path / "mini.toml"
    scenario.write_text(WITH_DEFAULT)
    assert main(["run", str(scenario), "--seed", "2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["policy"] == "hawk"
    assert main(["simulate", str(scenario), "--runs", "5", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["policy"] == "hawk"
    save = tmp_path / "ai.toml"
    save.write_text(f'format = 1\nscenario = "mini"\nscenario_file = "{scenario}"\n'
                    'seed = 2\nseats = []\n')
    assert main(["replay", str(save), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["policy"] == "hawk"
    assert main(["report", str(save), "--runs", "0"]) == 0
    assert "Hawk" in capsys.readouterr().out

