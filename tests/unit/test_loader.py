"""Loading scenarios: every bad file gets its own precise message, all at once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wargame.errors import ScenarioError
from wargame.scenario.load import load_scenario, parse_scenario, resolve_scenario

DATA = Path(__file__).resolve().parent.parent / "data"
BAD = sorted((DATA / "bad").glob("*.toml"))


def expected(path: Path) -> list[str]:
    return re.findall(r"^# expect: (.*)$", path.read_text("utf-8", "replace"), re.M)


def test_there_are_many_bad_scenarios():
    assert len(BAD) >= 25


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_scenario_gives_its_message(path):
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    lines = [str(p) for p in info.value.problems]
    for want in expected(path):
        assert any(want in line for line in lines), (want, lines)
    # Every line names the file.
    assert all(line.startswith(str(path)) for line in lines)


def test_all_problems_are_reported_together():
    with pytest.raises(ScenarioError) as info:
        load_scenario(DATA / "bad" / "many_problems.toml")
    assert len(info.value.problems) == 2


def test_good_scenarios_load(mini, bundled):
    assert mini.id == "mini" and len(mini.turns) == 3
    assert mini.turn_by_id["two"].simultaneous
    assert [t.index for t in mini.turns] == [1, 2, 3]
    assert bundled.id == "january_2022"
    assert len(bundled.sha256) == 64


def test_parse_from_a_dict_with_defaults():
    sc = parse_scenario({
        "format": 1,
        "scenario": {"id": "tiny", "title": "Tiny"},
        "actors": [{"id": "a", "name": "A", "side": "x"}],
        "indicators": [{"id": "t", "name": "T", "start": 5}],
        "turns": [{"id": "t1", "date": __import__("datetime").date(2022, 1, 1),
                   "title": "One", "venue": "V", "actors": ["a"]}],
        "endings": [{"id": "e", "title": "E", "tone": "mixed", "final": True, "text": ""}],
    }, "tiny")
    ind = sc.indicator_by_id["t"]
    assert (ind.min, ind.max, ind.higher_is) == (0, 100, "neutral")
    assert [p.id for p in sc.doctrines] == ["standard"]


def test_status_is_the_last_whose_from_is_reached(mini):
    assert [mini.status_of(v) for v in (0, 0.5, 1, 19.9, 20, 79, 80, 100)] == [
        "collapsed", "collapsed", "stalled", "stalled", "talks", "talks", "agreement",
        "agreement"]


def test_missing_file_and_folder_are_clean_errors(tmp_path):
    with pytest.raises(ScenarioError, match="no such file"):
        load_scenario(tmp_path / "nope.toml")
    with pytest.raises(ScenarioError, match="is a folder"):
        load_scenario(tmp_path)


def test_huge_file_is_refused(tmp_path):
    big = tmp_path / "big.toml"
    big.write_text("format = 1\n" + "# padding\n" * 500_000)
    with pytest.raises(ScenarioError, match="too large"):
        load_scenario(big)


def test_a_bundled_id_or_a_path_resolves(tmp_path):
    assert resolve_scenario("january_2022").name == "january_2022.toml"
    with pytest.raises(ScenarioError, match="no bundled scenario"):
        resolve_scenario("nonesuch")


def test_short_names_are_read_and_stand_in_for_long_names():
    text = (DATA / "mini.toml").read_text()
    text = text.replace('name = "Cohesion"\n', 'name = "Cohesion of the alliance"\n'
                        'short = "Cohesion"\n')
    text = text.replace('name = "The East"\n', 'name = "The East"\nshort = "East"\n')
    sc = parse_scenario(text)
    assert sc.indicator_by_id["cohesion"].label == "Cohesion"
    assert sc.label_of("cohesion") == "Cohesion"
    assert sc.name_of("cohesion") == "Cohesion of the alliance"
    assert sc.label_of("tension") == "Tension"  # no short name: the name
    assert sc.actor_by_id["east"].label == "East"
    assert sc.track_by_id["deal"].label == "The deal"
