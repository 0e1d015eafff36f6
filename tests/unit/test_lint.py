"""Lint finds dead content, one line per finding naming the key; a clean file passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame.analysis.interval import possible
from wargame.cli.main import main
from wargame.scenario.load import parse_scenario

MINI = (Path(__file__).resolve().parent.parent / "data" / "mini.toml").read_text()
# mini.toml with the West out of turn three (Vienna): the East decides alone.
WEST_SITS_OUT_THREE = MINI.replace('venue = "Vienna"\nactors = ["east", "west"]',
                                   'venue = "Vienna"\nactors = ["east"]')

CLEAN = """
format = 1
[scenario]
id = "clean"
title = "Clean"
seed = 3
default_seats = ["a"]
track_statuses = [ { id = "off", from = 0 }, { id = "on", from = 50 } ]
[[actors]]
id = "a"
name = "A"
side = "x"
[[indicators]]
id = "heat"
name = "Heat"
start = 50
higher_is = "worse"
bands = [ { from = 0, label = "Cool" }, { from = 60, label = "Hot" } ]
[[tracks]]
id = "talks"
name = "Talks"
venue = "Here"
parties = ["a"]
start = 40
[[turns]]
id = "t1"
date = 2022-01-01
title = "One"
venue = "Here"
actors = ["a"]
[[turns]]
id = "t2"
date = 2022-01-02
title = "Two"
venue = "Here"
actors = ["a"]
[[options]]
id = "up"
actor = "a"
kind = "escalation"
title = "Up"
effects = { heat = 10, talks = -20 }
[[options]]
id = "down"
actor = "a"
kind = "concession"
title = "Down"
effects = { heat = -10, talks = 20 }
[[events]]
id = "spark"
title = "Spark"
chance = 0.5
when = "heat >= 50"
effects = { heat = 5 }
[[endings]]
id = "boil"
title = "Boil"
tone = "bad"
when = "heat >= 70"
text = "."
[[endings]]
id = "calm"
title = "Calm"
tone = "good"
final = true
text = "."
"""


def _lint(tmp_path: Path, capsys, text: str, *extra: str) -> tuple[int, list[str], str]:
    path = tmp_path / "s.toml"
    path.write_text(text, encoding="utf-8")
    code = main(["lint", str(path), "--runs", "200", *extra])
    out, err = capsys.readouterr()
    return code, [line.removeprefix(f"{path}: ") for line in out.splitlines()], err


def test_a_clean_scenario_passes(tmp_path, capsys):
    code, lines, err = _lint(tmp_path, capsys, CLEAN)
    assert code == 0, lines
    assert len(lines) == 1 and "clean" in lines[0] and err == ""


def test_a_broken_file_exits_2_naming_the_key(tmp_path, capsys):
    code, lines, err = _lint(tmp_path, capsys, CLEAN.replace('kind = "escalation"',
                                                              'kind = "loud"'))
    assert code == 2 and lines == []
    assert "options[0] (id 'up'): kind" in err


def test_options_offered_in_turns_their_actor_never_decides(tmp_path, capsys):
    text = WEST_SITS_OUT_THREE + """
[[options]]
id = "late"
actor = "west"
kind = "neutral"
title = "Late"
turns = ["three"]
effects = {}

[[options]]
id = "partly"
actor = "west"
kind = "neutral"
title = "Partly"
turns = ["two", "three"]
effects = {}
"""
    code, lines, _ = _lint(tmp_path, capsys, text)
    assert code == 1
    assert ("options[6] (id 'late'): turns: 'west' decides in none of these turns, "
            "so it is never offered") in lines
    assert "options[7] (id 'partly'): turns: 'west' does not decide in 'three'" in lines


def test_dead_content_makes_what_depends_on_it_dead(tmp_path, capsys):
    # 'never' can't be offered (the West does not decide in turn three) and
    # 'gone' has chance 0, so 'boost', which needs one of them, can't fire, and
    # the war ending, now needing 'never', can't happen.
    text = WEST_SITS_OUT_THREE + """
[[options]]
id = "never"
actor = "west"
kind = "neutral"
title = "Never"
turns = ["three"]
effects = {}

[[events]]
id = "gone"
title = "Gone"
chance = 0.0
effects = { tension = -50 }

[[events]]
id = "boost"
title = "Boost"
when = "fired('gone') or chose('never')"
effects = {}
"""
    text = text.replace('when = "tension >= 100"\ntext = "It came to war."',
                        'when = "tension >= 100 and chose(\'never\')"\ntext = "It came to war."')
    code, lines, _ = _lint(tmp_path, capsys, text)
    assert code == 1
    assert any(line.startswith("events[4] (id 'boost'): when: can never be true") for line in lines)
    assert any(line.startswith("endings[0] (id 'war'): when: can never be true") for line in lines)


def test_conditions_beyond_the_reachable_range(tmp_path, capsys):
    text = MINI + """
[[events]]
id = "overflow"
title = "Overflow"
when = "cohesion > 10"
effects = {}

[[events]]
id = "ceiling"
title = "Ceiling"
when = "cohesion >= 10"
effects = {}

[[objectives]]
id = "impossible"
actor = "east"
title = "Too much"
when = "tension > 100 or deal.status == 'collapsed'"
points = 1
"""
    code, lines, _ = _lint(tmp_path, capsys, text)
    assert code == 1
    assert 'events[3] (id \'overflow\'): when: can never be true in its turns ("cohesion > 10")' \
        in lines
    assert not any("'ceiling'): when" in line for line in lines)  # 5 + 2 * 3 reaches 10
    assert any(line.startswith("objectives[3] (id 'impossible'): when: can never be met")
               for line in lines)


def test_shadowed_endings(tmp_path, capsys):
    text = MINI + """
[[endings]]
id = "war_again"
title = "War again"
tone = "bad"
when = "tension  >=  100"
text = "."

[[endings]]
id = "after_all"
title = "After all"
tone = "mixed"
final = true
text = "."
"""
    code, lines, _ = _lint(tmp_path, capsys, text)
    assert ("endings[3] (id 'war_again'): when: same condition as the ending 'war' before "
            "it, which is always checked first") in lines
    assert ("endings[4] (id 'after_all'): never reached: the final ending 'stalemate' "
            "before it has no `when`") in lines


def test_a_final_ending_shadowed_by_one_checked_every_turn(tmp_path, capsys):
    late = '[[endings]]\nid = "boil_late"\ntitle = "Late"\ntone = "bad"\nfinal = true\n' \
        'when = "heat>=70"\ntext = "."\n\n'
    text = CLEAN.replace('[[endings]]\nid = "calm"', late + '[[endings]]\nid = "calm"')
    code, lines, _ = _lint(tmp_path, capsys, text)
    assert code == 1
    assert ("endings[1] (id 'boil_late'): when: same condition as the ending 'boil' before "
            "it, which is always checked first") in lines


def test_unreachable_statuses_unmoved_indicators_and_idle_doctrines(tmp_path, capsys):
    text = MINI + """
[[indicators]]
id = "mood"
name = "Mood"
start = 5
higher_is = "neutral"

[[tracks]]
id = "side"
name = "Side deal"
venue = "Bern"
parties = ["west"]
start = 30

[[options]]
id = "nudge"
actor = "west"
kind = "neutral"
title = "Nudge"
repeatable = false
effects = { side = 20, mood = 0 }

[[policies]]
id = "clone"
name = "Clone"

[[policies]]
id = "asleep"
name = "Asleep"
concession = 0
escalation = 0
neutral = 0
"""
    code, lines, _ = _lint(tmp_path, capsys, text)
    assert code == 1
    assert ("tracks[1] (id 'side'): can never reach status 'agreement' (from 80): start 30 "
            "plus every increase (+20) tops out at 50") in lines
    assert "indicators[2] (id 'mood'): no option or event changes it" in lines
    assert ("policies[2] (id 'clone'): same multipliers as policies[0] (id 'standard'): "
            "it plays the same") in lines
    assert "policies[3] (id 'asleep'): every multiplier is 0, so an AI under it always passes" \
        in lines


def test_simulation_finds_what_no_game_reached(tmp_path, capsys):
    code, lines, err = _lint(tmp_path, capsys, MINI)
    assert code == 1 and err.strip().endswith("findings")
    # 'accept' and 'wait' weigh 0; 'maybe' has chance 0 (a static finding, listed once).
    assert ("options[3] (id 'accept'): never chosen in 200 simulated games "
            "(AI on every seat, every doctrine)") in lines
    assert sum("'maybe'" in line for line in lines) == 1
    assert not any("'offer'" in line or "'war'" in line for line in lines)


SC = parse_scenario(MINI, "mini")


def _possible(source: str, bounds=None, turns=(1.0, 3.0)):
    from wargame.expr.face import Symbols, compile_expr

    sym = Symbols(frozenset({"tension", "cohesion"}), frozenset({"deal"}),
                  tuple((s.id, s.start) for s in SC.track_statuses),
                  frozenset({"offer"}), frozenset({"leak"}), 3)
    tree = compile_expr(source, sym, "bool").tree
    return possible(tree, bounds or dict(SC.bounds), turns, SC.track_statuses)


@pytest.mark.parametrize("source, expected", [
    ("tension > 100", {False}),
    ("tension >= 100", {True, False}),
    ("not (tension <= 100)", {False}),
    ("abs(tension - 50) > 50", {False}),
    ("abs(tension - 50) >= 50", {True, False}),
    ("min(tension, 20) > 30", {False}),
    ("max(tension, 20) >= 20", {True}),
    ("tension * 2 > 200 or cohesion < 0", {False}),
    ("tension / cohesion > 1000", {True, False}),
    ("turn > 3", {False}),
    ("turn >= 1", {True}),
    ("chose('offer') and tension > 100", {False}),
    ("chose('offer') or tension <= 100", {True}),
])
def test_interval_analysis(source, expected):
    assert _possible(source) == expected


def test_status_analysis_follows_track_bounds():
    bounds = dict(SC.bounds) | {"deal": (10.0, 50.0)}
    assert _possible("deal.status == 'agreement'", bounds) == {False}
    assert _possible("deal.status == 'talks'", bounds) == {True, False}
    assert _possible("deal.status != 'collapsed'", bounds) == {True}


def test_the_bundled_scenario_has_no_dead_content(bundled):
    from wargame.analysis.lint import static_findings

    assert static_findings(bundled) == []


TALKS = (Path(__file__).resolve().parent.parent / "data" / "talks.toml").read_text()


def _talk_findings(text: str) -> list[str]:
    from wargame.analysis.lint import static_findings

    return [f"{where}: {message}" for where, message in
            static_findings(parse_scenario(text, "talks.toml"))]


def test_a_package_no_ai_answerer_would_accept():
    # demand: west_no_inf is worth "-1 - cohesion / 10" to the West; cohesion never
    # falls below 6 - 4 (reassure in each of four turns) = 2, so at most -1.2 < -1 (dove).
    found = _talk_findings(TALKS)
    assert ("packages[2] (id 'demand'): no AI doctrine of 'west' would ever accept it: its "
            "value to 'west' is at most -1.2, below every threshold (the lowest is -1)") in found
    # A doctrine that takes a value of -2 would accept it: no finding.
    assert not any("'demand'" in f for f in _talk_findings(
        TALKS.replace("accept = -1", "accept = -2")))


def test_terms_never_offered_and_breaches_never_chosen():
    # The posture track opened in no turn; deploy_inf offered only in geneva, before
    # west_no_inf can be signed... in geneva itself: so offered only in an earlier turn.
    text = (TALKS.replace('negotiate = ["missiles", "posture"]', 'negotiate = ["missiles"]')
            .replace('negotiate = ["posture"]', "")
            .replace('turns = ["vienna", "final"]\nrepeatable = false',
                     'turns = ["geneva"]\nrepeatable = false')
            .replace('id = "geneva"\ndate = 2022-01-10\ntitle = "Geneva round"\n'
                     'venue = "Geneva"\nactors = ["west", "east"]\nnegotiate = ["missiles"]',
                     'id = "geneva"\ndate = 2022-01-10\ntitle = "Geneva round"\n'
                     'venue = "Geneva"\nactors = ["west", "east"]'))
    found = _talk_findings(text)
    assert ("terms[2] (id 'east_pullback'): track: can never be offered: track 'posture' is "
            "open in no turn in which one of its parties decides with another party to answer"
            in found)
    assert ("terms[0] (id 'west_no_inf'): breach: 'deploy_inf' can never be chosen by 'west' "
            "once the term could be signed" in found)
    assert ("packages[1] (id 'posture_deal'): can never be offered: no turn in which its "
            "offerer decides opens the tracks of all its terms (posture)" in found)
    # A term never offered is never signed: the treaty's signed('east_pullback') never
    # holds, nor does missiles.status == 'framework' (10 + 12 + 8 tops out at 30).
    assert any(f.startswith("endings[1] (id 'treaty'): when: can never be true") for f in found)


def test_a_package_whose_term_no_side_undertakes():
    text = TALKS.replace('terms = ["east_pullback", "west_exercise_limits"]',
                         'terms = ["east_pullback", "ally_battlegroups"]')
    assert ("packages[1] (id 'posture_deal'): can never be offered: term 'ally_battlegroups' "
            "is undertaken by 'ally', neither `from` nor `to`, so it is never offered"
            in _talk_findings(text))


@pytest.mark.parametrize(("source", "expected"), [
    ("if(heat > 200, heat, 0) > 1", {False}),
    ("if(heat > 20, 1, 2) == 1", {True, False}),
])
def test_interval_analysis_of_if(source, expected):
    from wargame.expr.face import Symbols, compile_expr

    sym = Symbols(frozenset({"heat"}), frozenset(), (), frozenset(), frozenset(), 1)
    tree = compile_expr(source, sym, "bool").tree
    assert possible(tree, {"heat": (0.0, 100.0)}, (1, 1), ()) == expected


def test_simulation_finds_terms_never_signed():
    from wargame.analysis.lint import simulated_findings

    found = simulated_findings(parse_scenario(TALKS, "talks.toml"), 60, set())
    # The ally decides in no turn and no package offers its term: never signed.
    assert ("terms[4] (id 'ally_battlegroups')",
            "never signed in 60 simulated games (AI on every seat, every doctrine)") in found
    assert not any(where.startswith("packages[0]") for where, _ in found)
