"""After-action reports: every decision, note and number of the game, and nothing fetched."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from wargame.analysis.simulate import run_games
from wargame.cli.main import main
from wargame.engine.game import Game
from wargame.report import transcript
from wargame.report.format import fmt_number, spark
from wargame.report.write import render, write_report
from wargame.saves.files import load_game, write_save

ROOT = Path(__file__).resolve().parents[2]
REPLAYS = ROOT / "tests" / "replays"


def change_text(game, c):
    name = game.scenario.name_of(c.target)
    delta = c.after - c.before
    return f"{name} {fmt_number(c.before)}→{fmt_number(c.after)} " \
           f"({'+' if delta > 0 else ''}{fmt_number(delta)})"


def section(text: str, title: str) -> str:
    """The body of a level-2 Markdown section."""
    start = text.index(f"## {title}")
    end = text.find("\n## ", start + 3)
    return text[start:end if end >= 0 else None]


def table_rows(text: str) -> list[list[str]]:
    rows = []
    for line in text.splitlines():
        if line.startswith("| ") and not line.startswith("|---"):
            rows.append([c.strip() for c in line.strip("|").split(" | ")])
    return rows[1:] if rows else rows


@pytest.fixture
def white_cell():
    """The hand-worked replay with a facilitator adjustment and an inject."""
    return load_game(REPLAYS / "mini_white_cell.toml")


def test_every_decision_note_and_change_of_a_replay_is_in_the_report(white_cell):
    game = white_cell.game
    text = render(game, "md", runs=0)
    timeline = section(text, "Timeline")
    for item in game.news:
        assert item.title in timeline
        for c in item.changes:
            assert change_text(game, c) in timeline, (item.title, c)
        if item.note:
            assert item.note in timeline
    for entry in game.outcome.log:
        if entry.option:
            assert game.scenario.option_by_id[entry.option].title in timeline
    assert "White cell inject:** *Maybe*" in timeline
    assert "White cell adjusts Tension by -20" in timeline
    assert "The East (AI)" in timeline and "The West** chose" in timeline


def test_why_section_lists_every_change_of_every_number_with_its_cause(white_cell):
    game = white_cell.game
    why = section(render(game, "md", runs=0), "Why the numbers moved")
    sc = game.scenario
    for target in [*sc.indicator_by_id, *sc.track_by_id]:
        name = sc.name_of(target)
        start = why.index(f"### {name}\n")
        end = why.find("\n### ", start + 4)
        rows = table_rows(why[start:end if end >= 0 else None])
        expected = [(str(sc.turn_by_id[i.turn].index), fmt_number(c.before),
                     fmt_number(c.after), c.cause)
                    for i in game.news for c in i.changes if c.target == target]
        assert [(r[0], r[1], r[2]) for r in rows] == [e[:3] for e in expected]
        for row, exp in zip(rows, expected, strict=True):
            kind, ident = exp[3].kind, exp[3].id
            if kind == "option":
                assert sc.option_by_id[ident].title in row[4]
            elif kind in ("event", "inject"):
                assert sc.event_by_id[ident].title in row[4]
            else:
                assert row[4] == "white cell adjustment"
                assert row[5] == "White cell: a calming phone call."


def test_transcript_data_names_each_cause_as_kind_and_id(white_cell):
    """Scripts read ``--json``: a cause is ``option:<id>``, ``event:<id>``,
    ``inject:<id>`` or ``facilitator``, as before causes were records."""
    causes = {c["cause"] for turn in transcript.data(white_cell.game)["turns"]
              for item in turn["news"] for c in item["changes"]}
    assert {"option:offer", "event:leak", "inject:maybe", "facilitator"} <= causes
    assert all(c == "facilitator" or c.split(":")[0] in ("option", "event", "inject")
               for c in causes)


def test_chart_table_holds_the_engine_history_and_a_sparkline(white_cell):
    game = white_cell.game
    rows = {r[0]: r for r in table_rows(section(render(game, "md", runs=0),
                                                "Indicators and tracks"))}
    sc = game.scenario
    for target in [*sc.indicator_by_id, *sc.track_by_id]:
        row = rows[sc.name_of(target)]
        values = [v[target] for _, v in game.outcome.history]
        assert row[1:1 + len(values)] == [fmt_number(v) for v in values]
        assert row[-1] == f"`{spark(values, *sc.bounds[target])}`"
    assert rows["Tension"][-2] == fmt_number(game.state.values["tension"])


def test_header_shows_ending_debrief_objectives_and_secret_ones_revealed(white_cell):
    text = render(white_cell.game, "md", runs=0)
    assert "| Seed | 5 |" in text
    assert "## Ending: Deal (good)" in text and "A deal." in text
    objectives = table_rows(section(text, "Objectives"))
    assert ["The West", "Get a deal", "3", "yes"] in objectives
    assert ["The West", "Keep it calm (secret, revealed)", "1", "yes"] in objectives
    assert ["The East", "Be feared", "2", "no"] in objectives
    assert "Points: The West 4, The East 0" in text


def test_facilitator_actions_round_trip_through_save_and_report(mini, tmp_path):
    game = Game.new(mini, 5, ["west"])
    game = game.adjust("cohesion", 2, "Allies reassured by phone").decide("offer", "Reach out")
    game = game.inject("maybe", "A thaw the white cell decided on").decide("sign", "Lock it in")
    game = game.decide("warn", "Deter")
    assert game.ending is not None and game.ending.id == "deal_done"
    path = write_save(game, tmp_path / "wc.toml", teams={"Blue": ("west",)}, mode="exercise")
    loaded = load_game(path)
    assert loaded.game.news == game.news
    text = render(loaded.game, "md", loaded.file.teams, loaded.file.mode, runs=0)
    assert "White cell adjusts Cohesion by +2" in text
    assert "Reason: “Allies reassured by phone”" in text
    assert "White cell inject:** *Maybe*" in text
    assert "Reason: “A thaw the white cell decided on”" in text
    for note in ("Reach out", "Lock it in", "Deter"):
        assert f"Rationale: “{note}”" in text
    assert "| The West | team Blue |" in text and "| Mode | exercise |" in text
    assert "The West (team Blue)** chose *Sign*" in text


def test_unfinished_game_says_who_it_waits_for(mini):
    game = Game.new(mini, 5, ["west"]).decide("offer")
    text = render(game, "md", runs=100)
    assert "waiting for The West in turn 2" in text
    assert "Available once the game has ended." in text


def test_odds_place_the_game_among_simulated_games(mini):
    game = Game.new(mini, 5, ["west"]).decide("warn")
    assert game.ending is not None
    text = render(game, "md", runs=200)
    games = run_games(mini, 200, None, "standard")
    same = sum(g.ending == game.ending.id for g in games) / 200
    assert f"{round(same * 100)}% of 200 simulated games" in text
    tension = game.state.values["tension"]
    lower = sum(g.values["tension"] < tension for g in games) / 200
    line = next(ln for ln in text.splitlines() if ln.startswith("- Tension ended at"))
    if lower:
        assert f"higher than in {round(lower * 100)}%" in line
    assert "Against the odds" not in render(game, "md", runs=0)


def test_odds_warn_that_the_white_cell_stepped_in(white_cell, mini):
    text = render(white_cell.game, "md", runs=50)
    assert "The white cell stepped in twice" in section(text, "Against the odds")
    alone = Game.new(mini, 5, ["west"]).decide("warn")
    assert "white cell stepped in" not in render(alone, "md", runs=50)


def test_compare_finds_the_turn_where_two_saves_parted(mini, tmp_path, capsys):
    base = Game.new(mini, 5, ["west"]).decide("offer", "hold firm")
    a = base.decide("sign", "reach out")
    b = base.decide("warn", "keep pressing")
    pa, pb = write_save(a, tmp_path / "a.toml"), write_save(b, tmp_path / "b.toml")
    assert main(["report", str(pa), str(pb), "--runs", "0"]) == 0
    out = capsys.readouterr().out
    parted = section(out, "Where the games parted")
    assert "turn 2, Second round; The West" in parted
    assert "Game A: The West chose “Sign”" in parted
    assert "Game B: The West chose “Warn”" in parted
    rows = {r[0]: r for r in table_rows(section(out, "How the numbers differed"))}
    # Compared from the start of turn 2: after turn 1 (equal), then after turn 2.
    t1 = a.outcome.history[1][1]["deal"]
    da, db = a.outcome.history[2][1]["deal"], b.outcome.history[2][1]["deal"]
    assert rows["The deal"][1] == f"{fmt_number(t1)} / {fmt_number(t1)}"
    assert rows["The deal"][2] == f"{fmt_number(da)} / {fmt_number(db)} " \
                                  f"({fmt_number(db - da)})"
    assert "keep pressing" in out and "reach out" in out


def test_compare_refuses_games_of_different_scenarios(mini, bundled, tmp_path, capsys):
    pa = write_save(Game.new(mini, 1, ["west"]), tmp_path / "a.toml")
    pb = write_save(Game.new(bundled, 1, (), auto=True), tmp_path / "b.toml")
    assert main(["report", str(pa), str(pb)]) == 2
    err = capsys.readouterr().err
    assert "'mini'" in err and "'january_2022'" in err and "same scenario" in err
    assert "Traceback" not in err


class Checker(HTMLParser):
    """Checks nesting and collects what a browser would fetch."""

    VOID = {"meta", "link", "br", "img", "input", "hr", "col", "source", "wbr"}
    SVG_EMPTY = {"rect", "line", "polyline", "circle", "path"}

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.fetches: list[str] = []
        self.tags: dict[str, int] = {}

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        for key, value in attrs:
            if key in ("src", "href") and value and re.match(r"(https?:)?//", value):
                self.fetches.append(value)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def check_html(text: str) -> Checker:
    checker = Checker()
    checker.feed(text)
    checker.close()
    assert checker.errors == []
    assert checker.stack == []
    assert checker.fetches == []
    assert "<script" not in text and "@import" not in text
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", text)
    return checker


def test_html_report_is_well_formed_self_contained_and_has_a_chart_per_number(white_cell):
    game = white_cell.game
    text = render(game, "html", runs=100)
    checker = check_html(text)
    assert checker.tags["svg"] == len(game.scenario.indicators) + len(game.scenario.tracks)
    assert "@media print" in text
    for item in game.news:
        if item.note:
            assert item.note in text
    assert "Against the odds" in text


def test_html_compare_is_well_formed(mini, tmp_path, capsys):
    base = Game.new(mini, 5, ["west"]).decide("offer")
    pa = write_save(base.decide("sign"), tmp_path / "a.toml")
    pb = write_save(base.decide("warn"), tmp_path / "b.toml")
    assert main(["report", str(pa), str(pb), "--format", "html"]) == 0
    check_html(capsys.readouterr().out)


def test_bundled_scenario_report_sets_2022_beside_the_game(bundled, tmp_path):
    game = Game.new(bundled, 4, (), auto=True)
    path = write_report(game, tmp_path / "saves", "html", runs=50)
    assert path.parent == tmp_path / "saves" and path.suffix == ".html"
    text = path.read_text("utf-8")
    check_html(text)
    with_history = [t for t in bundled.turns if t.history and t.index <= game.state.turn]
    assert text.count("<b>In 2022</b>") == len(with_history) > 0
    assert "What actually happened in 2022" in text


def test_output_file_is_written_and_nothing_printed(tmp_path, capsys):
    out = tmp_path / "r.md"
    rc = main(["report", str(REPLAYS / "mini_white_cell.toml"), "-o", str(out), "--runs", "0"])
    assert rc == 0
    assert capsys.readouterr().out == ""
    assert out.read_text("utf-8").startswith("# After-action report: Mini crisis")
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]


def test_missing_save_is_bad_input(tmp_path, capsys):
    assert main(["report", str(tmp_path / "nope.toml")]) == 2
    err = capsys.readouterr().err
    assert "nope.toml" in err and "no such file" in err


def test_sparkline_spans_the_full_range():
    assert spark([0, 50, 100], 0, 100) == "▁▅█"
    assert spark([-5, 200], 0, 100) == "▁█"


def test_reports_import_no_textual():
    import subprocess
    import sys

    code = ("import sys, wargame.report.write, wargame.report.html, wargame.report.compare\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_one_point_is_a_point():
    from wargame.report.format import points

    assert (points(1), points(0), points(2), points(2.5)) == ("1 pt", "0 pts", "2 pts",
                                                                 "2.5 pts")
