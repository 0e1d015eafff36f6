"""Simulations: the fast path plays the same games, and the statistics add up."""

from __future__ import annotations

import json

import pytest

from wargame.analysis import stats as coverage
from wargame.analysis.simulate import play_one, run_games
from wargame.cli.main import main
from wargame.cli.progress import GameProgress
from wargame.engine.game import GameError, replay
from wargame.engine.replay import autoplay

MINI = "tests/data/mini.toml"


def _policies(sc):
    first, last = sc.actors[0].id, sc.doctrines[-1].id
    return [None, *(p.id for p in sc.doctrines), {first: last}]


@pytest.mark.parametrize("which", ["mini", "bundled", "talks"])
def test_fast_path_plays_the_same_game_as_the_step_by_step_path(which, request):
    sc = request.getfixturevalue(which)
    for policy in _policies(sc):
        for seed in range(60):
            slow = replay(sc, seed, (), policy, (), auto=True, record=True)
            fast = autoplay(sc, seed, policy)
            assert fast.news == ()
            assert (fast.state, fast.log, fast.history, fast.ending, fast.scores) == (
                slow.state, slow.log, slow.history, slow.ending, slow.scores), (seed, policy)


def test_game_i_uses_seed_base_plus_i(mini):
    games = run_games(mini, 5, seed=100)
    assert [g.seed for g in games] == [100, 101, 102, 103, 104]
    assert games[3] == play_one(mini, 103)
    assert run_games(mini, 2)[1] == play_one(mini, mini.seed + 1)


def test_results_do_not_depend_on_the_number_of_workers(bundled):
    one = run_games(bundled, 700, seed=5, policy="standard", jobs=1)
    two = run_games(bundled, 700, seed=5, policy="standard", jobs=2)
    assert one == two


def test_progress_reaches_the_total(mini):
    seen = []
    run_games(mini, 300, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (300, 300)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_unknown_doctrine_is_refused(mini):
    with pytest.raises(GameError, match="unknown AI doctrine 'nope'"):
        run_games(mini, 3, policy="nope")


def test_summary_records_the_order_of_choices(mini):
    game = play_one(mini, 4)
    out = replay(mini, 4, (), None, auto=True)
    assert game.chosen == tuple(e.option for e in out.log if e.option)
    assert game.statuses == {"deal": mini.status_of(out.state.values["deal"])}
    assert game.ending == out.ending.id and game.turns == out.state.turn


def test_wilson_interval():
    low, high = coverage.wilson(50, 100)
    assert (round(low, 4), round(high, 4)) == (0.4038, 0.5962)
    assert coverage.wilson(0, 20)[0] == 0.0 and coverage.wilson(20, 20)[1] == 1.0
    low, high = coverage.wilson(1, 1000)
    assert 0 < low < 0.001 < high < 0.01


def test_percentiles_interpolate():
    data = [float(x) for x in range(11)]
    assert coverage.percentile(data, 0.1) == 1.0
    assert coverage.percentile(data, 0.5) == 5.0
    assert coverage.percentile([1.0, 2.0], 0.5) == 1.5
    assert coverage.percentile([7.0], 0.9) == 7.0


def _simulate(capsys, *args):
    code = main(["simulate", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_simulate_json_adds_up(capsys, mini):
    code, out, err = _simulate(capsys, MINI, "--runs", "300", "--seed", "9", "--json")
    assert code == 0 and err == ""
    stats = json.loads(out)
    assert sum(e["count"] for e in stats["endings"]) == 300
    assert abs(sum(e["share"] for e in stats["endings"]) - 1) < 1e-9
    for e in stats["endings"]:
        assert e["low"] <= e["share"] <= e["high"]
    for v in stats["values"]:
        low, high = mini.bounds[v["id"]]
        assert low <= v["p10"] <= v["p50"] <= v["p90"] <= high
    for o in stats["options"]:
        if o["rate"]:
            assert abs(sum(o["endings"].values()) - 1) < 1e-9


def test_simulate_lists_what_no_game_reached(capsys):
    code, out, _ = _simulate(capsys, MINI, "--runs", "200", "--json")
    cov = json.loads(out)["coverage"]
    # mini.toml: 'accept' and 'wait' weigh 0, so the AI never picks them;
    # 'maybe' has chance 0.
    assert {"accept", "wait"} <= set(cov["options"]) and "offer" not in cov["options"]
    assert "maybe" in cov["events"] and "spiral" not in cov["events"]
    assert "war" not in cov["endings"]


def test_simulate_text_is_the_same_with_two_jobs(capsys):
    _, one, _ = _simulate(capsys, MINI, "--runs", "600", "--jobs", "1")
    _, two, err = _simulate(capsys, MINI, "--runs", "600", "--jobs", "2")
    assert one == two and err == ""
    assert "Endings" in one and "Coverage: never reached in 600 games" in one
    assert "options: accept, wait" in one


def test_simulate_refuses_an_unknown_doctrine(capsys):
    code, out, err = _simulate(capsys, MINI, "--runs", "5", "--policy", "west=nope")
    assert code == 2 and out == ""
    assert "unknown AI doctrine 'nope'" in err


class _Tty:
    def __init__(self, tty: bool):
        self.tty, self.text = tty, ""

    def isatty(self) -> bool:
        return self.tty

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


def test_progress_bar_only_in_a_terminal_and_for_long_runs(mini):
    for tty, runs, shown in ((True, 1000, True), (False, 1000, False), (True, 20, False)):
        stream = _Tty(tty)
        with GameProgress(runs, stream) as bar:
            run_games(mini, runs, progress=bar.update if bar.enabled else None)
        assert (f"{runs}/{runs}" in stream.text) is shown
        assert bool(stream.text) is shown, "nothing at all on a pipe or for a short run"
        # The bar is transient: its last line is erased when the run ends.
        assert stream.text.rstrip("\n").endswith("\x1b[2K") or not shown


def test_workers_reload_the_file_when_this_process_runs_threads(mini):
    # Forking a process that runs threads (a Textual app does) is unsafe, so
    # the workers then start afresh and load the scenario from its file.
    import threading

    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        two = run_games(mini, 600, seed=3, jobs=2)
    finally:
        stop.set()
        other.join()
    assert two == run_games(mini, 600, seed=3, jobs=1)


BARE = """
format = 1
[scenario]
id = "bare"
title = "Bare"
seed = 1
default_seats = ["a"]
[[actors]]
id = "a"
name = "A"
side = "x"
[[indicators]]
id = "heat"
name = "Heat"
start = 50
higher_is = "worse"
[[turns]]
id = "t1"
date = 2022-01-01
title = "One"
venue = "Here"
actors = ["a"]
[[options]]
id = "up"
actor = "a"
kind = "escalation"
title = "Up"
effects = { heat = 10 }
[[endings]]
id = "calm"
title = "Calm"
tone = "good"
final = true
text = "."
"""


def test_simulate_a_scenario_without_events_tracks_or_objectives(tmp_path, capsys):
    path = tmp_path / "bare.toml"
    path.write_text(BARE, encoding="utf-8")
    code, out, err = _simulate(capsys, str(path), "--runs", "10")
    assert code == 0 and err == ""
    assert "Events (share of games in which it fired)\n  none" in out
    assert "Objective" not in out
    stats = json.loads(_simulate(capsys, str(path), "--runs", "10", "--json")[1])
    assert stats["endings"][0]["count"] == 10
    assert stats["values"][0]["p50"] == 60.0  # one turn, one option: +10


def test_simulate_counts_offers_signatures_and_breaches(talks):
    runs = 300
    games = run_games(talks, runs, seed=1)
    stats = coverage.summarise(talks, games)
    swap = next(p for p in stats["packages"] if p["id"] == "missile_swap")
    # Counted again from the games the step-by-step path plays.
    offered = accepted = broken = 0
    for seed in range(1, 1 + runs):
        out = replay(talks, seed, (), None, auto=True)
        answers = [e.answer for e in out.log if e.package == "missile_swap"]
        offered += bool(answers)
        accepted += "accept" in answers
        broken += "west_no_inf" in out.state.breached
    assert (swap["offered"], swap["accepted"], swap["breached"]) == (
        offered / runs, accepted / runs, broken / runs)
    assert 0 < broken < accepted
    term = next(t for t in stats["terms"] if t["id"] == "west_no_inf")
    assert term["breached"] == broken / runs and term["signed"] >= accepted / runs
    assert abs(sum(term["endings"].values()) - 1) < 1e-9
    assert "ally_battlegroups" in stats["coverage"]["terms"]
    text = coverage.render(stats)
    assert "missile_swap" in text and "Terms (share of games" in text


def test_a_scenario_without_terms_reports_no_negotiation(mini):
    stats = coverage.summarise(mini, run_games(mini, 20))
    assert "packages" not in stats and "terms" not in stats
    assert "Packages" not in coverage.render(stats)


@pytest.mark.parametrize("scenario", ["bundled", "mini"])
def test_counting_as_games_finish_gives_the_statistics_of_the_whole_list(scenario, request):
    """simulate keeps counts, not games: the numbers are those of the list, for any --jobs."""
    from wargame.analysis import stats
    from wargame.analysis.simulate import tally_games

    sc = request.getfixturevalue(scenario)
    want = stats.summarise(sc, run_games(sc, 600, seed=3), 3)
    for jobs in (1, 2):
        got = stats.summarise(sc, tally_games(sc, 600, seed=3, jobs=jobs), 3)
        assert json.dumps(got, sort_keys=True) == json.dumps(want, sort_keys=True)
        assert stats.render(got) == stats.render(want)
