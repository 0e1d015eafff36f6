"""A glance at a scenario file: what the title lists before the full load."""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame.paths import bundled_path
from wargame.scenario.catalog import card_of, peek
from wargame.scenario.load import load_scenario

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.mark.parametrize("path", [bundled_path("january_2022"), DATA / "mini.toml"])
def test_the_glance_agrees_with_the_full_load(path):
    card, scenario = peek(path), load_scenario(path)
    assert card is not None
    assert (card.id, card.title, card.summary, card.source) == (
        scenario.id, scenario.title, scenario.summary, scenario.source)
    full = card_of(scenario)
    assert (full.turns, full.first_date) == (len(scenario.turns), scenario.turns[0].date)


def test_a_glance_reads_only_the_scenario_table(tmp_path):
    # The rest of the file is broken: the glance does not see it; the full load will.
    text = (DATA / "bad" / "bad_id.toml").read_text(encoding="utf-8")
    path = tmp_path / "broken_later.toml"
    path.write_text(text, encoding="utf-8")
    card = peek(path)
    assert card is not None and card.title == "Mini crisis"


@pytest.mark.parametrize("text", [
    "",                                                   # empty
    "[[actors]]\nid = 'a'\n[scenario]\nid = 'x'\n",       # no table after [scenario]
    "[scenario]\nid = 'x'\ntitle = 'T'\n[[actors]]\n",    # no summary
    "[scenario]\nid = 'x'\ntitle = 'T'\nsummary = '''\n[not a table]\n'''\n[[actors]]\n",
    "[scenario]\nid = 3\ntitle = 'T'\nsummary = 'S'\n[[actors]]\n",  # wrong type
    "[scenario\n",                                       # broken TOML
])
def test_anything_a_glance_cannot_tell_is_left_to_the_full_load(tmp_path, text):
    path = tmp_path / "odd.toml"
    path.write_text(text, encoding="utf-8")
    assert peek(path) is None


def test_unreadable_files_are_left_to_the_full_load(tmp_path):
    (tmp_path / "binary.toml").write_bytes(b"\xff\xfe[scenario]\n")
    assert peek(tmp_path / "binary.toml") is None
    assert peek(tmp_path / "missing.toml") is None
    assert peek(tmp_path) is None  # a folder
