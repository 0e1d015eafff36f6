"""The AI standing in for a team at a hosted table decides as an AI seat of its doctrine.

Each game is played on the host's table object itself (a journal in a
temporary folder, no network): one team is human but handed to the AI from
the first turn, every other seat is AI, and the game must be the one in
which that team's seats are AI from the start.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

from wargame.engine.game import Game
from wargame.engine.state import Draw, LogEntry, NewsItem, Valuation
from wargame.errors import WargameError
from wargame.host.codes import CodeBook
from wargame.host.hosted import Closed, HostedTable
from wargame.host.journal import Journal
from wargame.host.start import start_from_table
from wargame.report.write import render
from wargame.saves.files import load_game, parse_save, to_toml
from wargame.scenario.load import find_scenario, load_scenario
from wargame.scenario.model import Scenario
from wargame.table.model import WHITE_CELL, Table

SEEDS = (1, 2, 3, 5, 8)
TEAMS = {"Washington": ("us", "nato"), "Moscow": ("russia",)}


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return find_scenario("january_2022")


def host(folder: Path, game: Game, team: str) -> HostedTable:
    table = Table.new(game, {team: list(TEAMS[team])}, shared_screen=False)
    journal = Journal.open(folder / "table.journal")
    hosted = HostedTable.create(journal, start_from_table(table, folder / "game.toml"))
    assert isinstance(hosted.codes, CodeBook)
    return hosted


def hand_over(hosted: HostedTable, team: str, doctrine: str) -> None:
    assert hosted.submit(WHITE_CELL, "cell", hosted.version,
                         {"request": "HandToAI", "team": team, "doctrine": doctrine}) is None


def play(hosted: HostedTable, limit: int = 200) -> int:
    """The stand-ins' moves until the game ends or waits for a person; how many."""
    moves = 0
    while moves < limit and hosted.play_stand_ins():
        moves += 1
    return moves


def plain_log(log: tuple[LogEntry, ...]) -> list[LogEntry]:
    """The log without what only says who decided (notes, the stand-in's doctrine)."""
    return [attrs.evolve(e, note="", stand_in="", answer_stand_in="") for e in log]


def plain_news(news: tuple[NewsItem, ...]) -> list[NewsItem]:
    return [attrs.evolve(n, note="") for n in news]


def stand_in_game(tmp_path: Path, scenario: Scenario, seed: int, team: str, doctrine: str,
                  others: str) -> HostedTable:
    game = Game.new(scenario, seed, list(TEAMS[team]), others)
    hosted = host(tmp_path, game, team)
    hand_over(hosted, team, doctrine)
    play(hosted)
    return hosted


@pytest.mark.parametrize("team", sorted(TEAMS))
@pytest.mark.parametrize(("doctrine", "others"), [("standard", "standard"), ("dove", "dove"),
                                                  ("dove", "standard")])
def test_a_team_handed_to_the_ai_from_the_start_plays_the_ai_seats_game(
        tmp_path, scenario, team, doctrine, others):
    offers = 0
    for seed in SEEDS:
        folder = tmp_path / str(seed)
        folder.mkdir()
        hosted = stand_in_game(folder, scenario, seed, team, doctrine, others)
        game = hosted.table.game
        ai = Game.new(scenario, seed, [], {**{a.id: others for a in scenario.actors},
                                           **dict.fromkeys(TEAMS[team], doctrine)})
        assert game.over and ai.over
        assert plain_log(game.outcome.log) == plain_log(ai.outcome.log), seed
        # The same news, numbers and reasons: each stand-in's move is the AI's, with
        # its draw or its valuation, as an AI seat's is recorded.
        assert plain_news(game.news) == plain_news(ai.news), seed
        assert game.state == ai.state and game.scores == ai.scores
        mine = [e for e in game.outcome.log if e.actor in TEAMS[team]]
        assert mine and all(e.stand_in == doctrine for e in mine)
        offers += sum(e.kind == "offer" for e in mine)
        hosted.journal.close()
    if team == "Washington":  # the offerer of most packages: never a stand-in that cannot
        assert offers > 0


def test_a_stand_in_offers_and_answers_and_the_record_says_why(tmp_path, scenario):
    hosted = stand_in_game(tmp_path, scenario, 3, "Washington", "dove", "dove")
    game = hosted.table.game
    mine = [n for n in game.news if n.actor in ("us", "nato")]
    offers = [n for n in mine if n.kind == "offer"]
    assert offers and all(n.by_ai and isinstance(n.why, Draw) and n.why.doctrine == "dove"
                          for n in offers)
    decisions = [n for n in mine if n.kind == "decision"]
    assert decisions and all(n.by_ai and isinstance(n.why, Draw) and 0 < n.why.weight
                             <= n.why.total for n in decisions)
    assert all("played by the AI (dove) for Washington" in n.note for n in offers + decisions)
    report = render(game, "md", hosted.table.teams)
    assert "United States (AI, for team Washington)" in report
    assert "under Dove" in report  # the draw's reason, in words, as for an AI actor
    moves = sum(1 for e in game.outcome.log if e.actor == "us")
    assert (f"team Washington; the AI stood in for {moves} of its {moves} moves, from turn 1, "
            "under Dove (concession first, easy to satisfy)") in report  # the seats table
    # The saved game keeps who stood in: loaded again, it tells the same story.
    saved = parse_save(to_toml(game, tmp_path / "s.toml", teams=hosted.table.teams),
                       tmp_path / "s.toml")
    again = Game.new(scenario, saved.seed, saved.seats, saved.policy, saved.log)
    assert again.news == game.news and again.outcome.log == game.outcome.log
    hosted.journal.close()


def test_a_stand_in_answers_as_the_doctrine_values_the_offer(tmp_path, scenario):
    hosted = stand_in_game(tmp_path, scenario, 2, "Moscow", "dove", "standard")
    answers = [n for n in hosted.table.game.news if n.kind == "answer" and n.actor == "russia"]
    assert answers
    for item in answers:
        assert item.by_ai and isinstance(item.why, Valuation) and item.why.doctrine == "dove"
        assert (item.answer == "accept") == (item.why.value >= item.why.threshold)
    hosted.journal.close()


def test_a_journal_resumes_the_stand_ins_game(tmp_path, scenario):
    hosted = stand_in_game(tmp_path, scenario, 5, "Washington", "dove", "standard")
    game = hosted.table.game
    hosted.journal.close()
    again = HostedTable.resume(Journal.open(tmp_path / "table.journal"))
    assert again.stand_ins == {"Washington": "dove"}
    assert again.table.game.outcome.log == game.outcome.log
    assert again.table.game.news == game.news
    again.journal.close()


def test_taking_the_team_back_mid_turn_leaves_the_seat_waiting_for_its_people(
        tmp_path, scenario):
    hosted = host(tmp_path, Game.new(scenario, 4, ["us", "nato"], "standard"), "Washington")
    hand_over(hosted, "Washington", "standard")
    # Brussels: NATO, then the US decide. The AI plays up to NATO's decision there.
    while not (hosted.table.game.waiting.turn == "brussels"
               and hosted.table.game.waiting.actor == "nato"):
        assert hosted.play_stand_ins()
    assert hosted.play_stand_ins()  # NATO's decision, by the AI
    waiting = hosted.table.game.waiting
    assert waiting is not None and waiting.turn == "brussels" and waiting.actor == "us"
    assert hosted.submit(WHITE_CELL, "cell", hosted.version,
                         {"request": "TakeBack", "team": "Washington"}) is None
    before = hosted.table.game.outcome.log
    assert not hosted.play_stand_ins()
    assert hosted.table.game.outcome.log == before
    assert hosted.table.acting == "Washington" and hosted.table.game.waiting == waiting
    assert hosted.view_of("Washington")["options"]  # the team's screen may decide
    hosted.journal.close()


def test_a_screen_cannot_claim_the_ai_stood_in(tmp_path, scenario):
    hosted = host(tmp_path, Game.new(scenario, 1, ["us", "nato"], "standard"), "Washington")
    option = hosted.table.game.waiting.options[0].id
    with pytest.raises(Closed, match="stands in"):
        hosted.submit("Washington", "laptop", hosted.version,
                      {"request": "Decide", "option": option, "stand_in": "dove"})
    hosted.journal.close()


STILL = '''
[[policies]]
id = "still"
name = "Still (weighs nothing)"
concession = 0
escalation = 0
neutral = 0
'''


@pytest.fixture
def talks(tmp_path) -> Scenario:
    """The small negotiation scenario, with a doctrine under which nothing weighs anything,
    and the East's drill weighed by the tension (so a weight depends on the state)."""
    text = (Path(__file__).parents[1] / "data" / "talks.toml").read_text(encoding="utf-8")
    drill = 'weight = 2\neffects = { tension = "5 + cohesion" }'
    assert drill in text
    path = tmp_path / "talks.toml"
    path.write_text(text.replace(drill, drill.replace("2", '"tension / 10"', 1)) + STILL,
                    encoding="utf-8")
    return load_scenario(path)


@pytest.mark.parametrize("seed", (1, 2, 3))
def test_a_stand_in_passes_where_an_ai_seat_weighs_nothing(tmp_path, talks, seed):
    hosted = host_of(tmp_path, talks, seed, {"East": ("east",)}, "standard")
    hand_over(hosted, "East", "still")
    play(hosted)
    game = hosted.table.game
    ai = Game.new(talks, seed, [], {"west": "standard", "east": "still"})
    assert game.over and plain_log(game.outcome.log) == plain_log(ai.outcome.log)
    assert plain_news(game.news) == plain_news(ai.news)
    passes = [e for e in game.outcome.log if e.actor == "east"]
    assert passes and all(e.passed and e.stand_in == "still" for e in passes)
    hosted.journal.close()


@pytest.mark.parametrize("seed", (1, 2, 3, 8))
def test_in_a_simultaneous_turn_a_stand_in_weighs_the_turn_as_it_opened(tmp_path, talks,
                                                                         seed):
    """The white cell moves a number while the East waits in a simultaneous turn: the
    stand-in, like an AI seat, still decides on the turn as it opened."""
    hosted = host_of(tmp_path, talks, seed, {"East": ("east",)}, "standard")
    hand_over(hosted, "East", "standard")
    while hosted.table.game.waiting.turn != "vienna":
        assert hosted.play_stand_ins()
    assert hosted.submit(WHITE_CELL, "cell", hosted.version, {
        "request": "Adjust", "target": "tension", "amount": -40, "note": "a calm"}) is None
    kept = len(hosted.table.game.outcome.log)
    play(hosted)
    game = hosted.table.game
    before = tuple(attrs.evolve(e, stand_in="") for e in game.outcome.log[:kept])
    ai = Game.new(talks, seed, [], "standard", log=before)
    assert plain_log(game.outcome.log) == plain_log(ai.outcome.log)
    assert plain_news(game.news) == plain_news(ai.news)
    hosted.journal.close()


def host_of(folder: Path, scenario: Scenario, seed: int, teams: dict[str, tuple[str, ...]],
            policy: str) -> HostedTable:
    seats = [s for members in teams.values() for s in members]
    table = Table.new(Game.new(scenario, seed, seats, policy),
                      {t: list(m) for t, m in teams.items()}, shared_screen=False)
    return HostedTable.create(Journal.open(folder / "table.journal"),
                              start_from_table(table, folder / "game.toml"))


@pytest.mark.parametrize(("old", "new", "reason"), [
    ('stand_in = "dove"', 'stand_in = "nobody"', "unknown AI doctrine 'nobody'"),
    ('option = "us_restate_principles"\nnote = "played by the AI (dove) for Washington"\n'
     'stand_in', 'option = "us_restate_principles"\nanswer_stand_in',
     "belongs to an offer's answer"),
    ('option = "ru_separate_tracks"', 'option = "ru_separate_tracks"\nstand_in = 3',
     "must be text"),
])
def test_a_save_with_a_broken_stand_in_is_refused_naming_the_entry(
        tmp_path, scenario, old, new, reason):
    hosted = stand_in_game(tmp_path, scenario, 3, "Washington", "dove", "dove")
    text = to_toml(hosted.table.game, tmp_path / "s.toml", teams=hosted.table.teams)
    hosted.journal.close()
    assert old in text
    path = tmp_path / "s.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(WargameError, match=re.escape(reason)) as caught:
        load_game(path)
    assert "log[" in str(caught.value) or "entry" in str(caught.value)
