"""A hosted table played from separate connections: a whole game, a kill, drops, hostile screens."""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import sys

import pytest

from tests.functional.hosting import ROOT, HostProcess, Wire, join, requests_in, until
from wargame.engine.state import OFFER, Forecast
from wargame.host.client import JoinError, RemoteTable
from wargame.table.requests import Adjust, AnswerOffer, Decide, Inject, MakeOffer, Pause, Rewind

TEAMS = ("--seats", "us,russia", "--teams", "Washington=us; Moscow=russia")


@pytest.fixture
def host(tmp_path):
    running = HostProcess(tmp_path, *TEAMS)
    yield running
    running.stop()


async def decide(client: RemoteTable, option: str | None = None) -> None:
    """The client's team commits an option (its first, unless named), or turns down the
    offer it must answer, and sees it land."""
    before = client.version
    if option is None and client.view.offer is not None and not client.view.options:
        client.send(AnswerOffer(client.role, False))
    else:
        client.send(Decide(client.role, option or client.view.options[0]))
    await until(lambda: client.version > before)


async def play_to_the_end(teams: dict[str, RemoteTable], limit: int = 40) -> int:
    """Each team decides when its turn comes, until the game ends; the number of decisions."""
    some = next(iter(teams.values()))
    moves = 0
    while not some.view.over and moves < limit:
        acting = some.view.acting
        assert acting is not None and (teams[acting].view.options or teams[acting].view.offer)
        await decide(teams[acting])
        await until(lambda v=teams[acting].version: all(t.version >= v for t in teams.values()))
        moves += 1
    return moves


async def test_a_whole_game_with_two_teams_and_a_facilitator(host, tmp_path):
    wash, moscow, cell = [await join(host, role) for role in ("Washington", "Moscow",
                                                                 "white cell")]
    try:
        assert (wash.role, moscow.role, cell.role) == ("Washington", "Moscow", "white cell")
        # "Waiting for Washington": Moscow sees whose turn it is and no options of its own.
        assert moscow.view.acting == "Washington" and moscow.view.options == ()
        assert wash.view.options
        # The facilitator steps in: an event, a number moved with its reason, a pause.
        event = cell.scenario.events[0].id
        tension = cell.scenario.indicators[0].id
        before = wash.view.values[tension]
        cell.send(Inject(cell.role, event, "a leak to the press"))
        await until(lambda: wash.version == 1 and moscow.version == 1)
        await until(lambda: cell.version == 1)  # a request quotes the version it saw
        cell.send(Adjust(cell.role, tension, 5, "the talks stall"))
        await until(lambda: moscow.version == 2 and cell.version == 2 and wash.version == 2)
        assert [n.note for n in moscow.view.news if n.kind in ("inject", "adjust")] == [
            "a leak to the press", "the talks stall"]
        assert wash.view.values[tension] != before
        cell.send(Pause(cell.role, True))
        await until(lambda: wash.view.paused and cell.view.paused)
        refused: list[str] = []
        wash.listen(lambda view: None, refused.append)
        wash.send(Decide(wash.role, wash.view.options[0]))
        await until(lambda: refused)
        assert "paused" in refused[0]
        cell.send(Pause(cell.role, False))
        await until(lambda: not wash.view.paused and not moscow.view.paused)
        # Two decisions, then back to the start of the turn: the old branch is kept.
        await decide(wash)
        await until(lambda: moscow.view.acting == "Moscow" and cell.version == moscow.version)
        cell.send(Rewind(cell.role, wash.view.turn, "what if you had offered more?"))
        await until(lambda: wash.view.acting == "Washington" and moscow.view.acting != "Moscow")
        assert list((tmp_path / "saves").glob("branch-*.toml"))
        moves = await play_to_the_end({"Washington": wash, "Moscow": moscow})
        assert moves >= 8 and wash.view.over
        await until(lambda: moscow.view.over and cell.view.over)
        assert wash.view.ending == moscow.view.ending == cell.view.ending
        # The table written as an ordinary save, and its report.
        notices: list[str] = []
        cell.on_notice.append(notices.append)
        cell.send_host({"request": "Save", "name": "seminar"})
        await until(lambda: notices)
        save = tmp_path / "saves" / "seminar.toml"
        assert save.is_file()
        report = subprocess.run(
            [sys.executable, "-m", "wargame", "report", str(save), "--runs", "0"],
            cwd=ROOT, capture_output=True, text=True, timeout=60)
        ending = cell.scenario.ending_by_id[cell.view.ending or ""].title
        assert report.returncode == 0 and ending in report.stdout
    finally:
        for client in (wash, moscow, cell):
            await client.aclose()


async def test_a_host_killed_mid_game_resumes_the_same_table(host):
    wash, moscow = await join(host, "Washington"), await join(host, "Moscow")
    try:
        await decide(wash)
        await until(lambda: moscow.view.acting == "Moscow")
        await decide(moscow)
        await until(lambda: wash.version == 2)
        before = wash.view
        host.stop(signal.SIGKILL)
        await until(lambda: not wash.connected and not moscow.connected)
        host.start("--journal", str(host.journal))  # the same journal, nothing else
        assert any(line.startswith("Resumed") for line in host.out)
        # The screens come back by themselves, with the codes they had.
        await until(lambda: wash.connected and moscow.connected, timeout=15)
        assert wash.version == 2
        assert wash.view == before
        moves = await play_to_the_end({"Washington": wash, "Moscow": moscow})
        assert moves >= 6 and wash.view.over
    finally:
        await wash.aclose()
        await moscow.aclose()


async def test_a_dropped_screen_lands_on_the_current_state_and_a_team_shares_a_code(host):
    first, second = await join(host, "Washington", "laptop 1"), await join(host, "Washington",
                                                                            "laptop 2")
    moscow = await join(host, "Moscow")
    try:
        # Both of Washington's screens commit; the first counts, the second is told who.
        refused: list[str] = []
        second.listen(lambda view: None, refused.append)
        option = first.view.options[0]
        first.send(Decide("Washington", option))
        second.send(Decide("Washington", second.view.options[-1]))
        await until(lambda: refused and second.version == 1)
        assert "laptop 1" in refused[0]
        assert second.by == {"role": "Washington", "screen": "laptop 1"}
        # Moscow's screen drops; the game goes on; it comes back on the current view.
        assert moscow._ws is not None
        await moscow._ws.close()
        await until(lambda: not moscow.connected)
        await until(lambda: moscow.connected, timeout=15)
        await decide(moscow)
        await until(lambda: first.version == 2 and second.version == 2)
        assert first.view == second.view
        # The facilitator sees which teams have screens.
        cell = await join(host, "white cell")
        await until(lambda: cell.presence)
        assert sorted(cell.presence["Washington"]["screens"]) == ["laptop 1", "laptop 2"]
        await cell.aclose()
    finally:
        for client in (first, second, moscow):
            await client.aclose()


async def test_a_seat_without_a_screen_can_be_handed_to_the_ai_and_taken_back(host):
    cell, wash = await join(host, "white cell"), await join(host, "Washington")
    try:
        await until(lambda: cell.presence)
        assert cell.presence["Moscow"]["screens"] == []
        assert cell.presence["Moscow"]["absent"] is not None
        cell.send_host({"request": "HandToAI", "team": "Moscow", "doctrine": "standard"})
        await until(lambda: cell.stand_ins.get("Moscow") == "standard" and wash.version == 1)
        await decide(wash)  # Moscow's turn comes, and the AI takes it at once
        await until(lambda: wash.view.acting == "Washington" and wash.version >= 3)
        assert wash.by is not None and wash.by["screen"] == "AI (standard)"
        await until(lambda: cell.version == wash.version)
        cell.send_host({"request": "TakeBack", "team": "Moscow"})
        await until(lambda: not cell.stand_ins and wash.version == cell.version)
        await decide(wash)
        await until(lambda: wash.view.acting == "Moscow")
        await asyncio.sleep(0.3)
        assert wash.view.acting == "Moscow"  # the team plays again: nobody decides for it
    finally:
        await cell.aclose()
        await wash.aclose()


async def test_wrong_codes_are_refused_and_repeated_ones_slowed(host):
    for attempt in range(5):
        client = RemoteTable(host.url, "AAAAA-BBBBB-CCCCC-DDDDD", "guesser")
        with pytest.raises(JoinError) as exc:
            await client.connect()
        await client.aclose()
        if attempt < 3:
            assert "wrong code" in str(exc.value)
        else:
            assert "too many wrong codes" in str(exc.value)
    # A right code from the same address is slowed too: the wait is per address.
    right = RemoteTable(host.url, host.codes["Moscow"], "late")
    with pytest.raises(JoinError, match="too many"):
        await right.connect()
    await right.aclose()
    assert host.alive


BAD = {
    "not json": "{'type': 'hello'",
    "oversized": json.dumps({"type": "request", "version": 0, "request": {
        "request": "Decide", "option": "x" * 70_000}}),
    "deep": json.dumps({"type": "request", "version": 0, "request": {"a": [[[[[[[[[1]]]]]]]]]}}),
    "very deep": "[" * 100_000,
    "unknown type": json.dumps({"type": "shell", "cmd": "ls"}),
    "not a request": json.dumps({"type": "request", "version": 0, "request": {
        "request": "Exec"}}),
    "bad field": json.dumps({"type": "request", "version": 0, "request": {
        "request": "Decide", "option": 3}}),
    "out of turn": json.dumps({"type": "request", "version": 0, "request": {
        "request": "Decide", "option": "x"}}),
    "a seat injecting": json.dumps({"type": "request", "version": 0, "request": {
        "request": "Inject", "event": "x"}}),
    "a seat handing over": json.dumps({"type": "request", "version": 0, "request": {
        "request": "HandToAI", "team": "Moscow", "doctrine": "standard"}}),
    "a seat looking": json.dumps({"type": "look", "seat": "Washington"}),
    "a second hello": json.dumps({"type": "hello", "code": "x"}),
}


@pytest.mark.parametrize("case", sorted(BAD))
async def test_a_bad_message_closes_that_connection_only(host, case):
    wash = await join(host, "Washington")
    wire = await Wire.open(host.url)
    try:
        await wire.send(json.dumps({"type": "hello", "code": host.codes["Moscow"],
                                    "screen": "hostile"}))
        await wire.drain()
        await wire.send(BAD[case])
        frames = await wire.drain()
        errors = [json.loads(f) for f in frames if '"error"' in f]
        assert errors and errors[-1]["type"] == "error" and errors[-1]["reason"]
        assert wire.ws.closed or await wire.read(timeout=2) is None
        # The host and the other screens go on.
        await decide(wash)
        assert host.alive and wash.version == 1
    finally:
        await wire.aclose()
        await wash.aclose()


async def test_the_first_message_must_be_a_hello_with_a_code(host):
    for first in ("garbage", json.dumps({"type": "request", "version": 0, "request": {}}),
                  json.dumps({"type": "hello", "code": "x", "screen": "a\x1b[2Jb"})):
        wire = await Wire.open(host.url)
        await wire.send(first)
        frames = await wire.drain()
        await wire.aclose()
        assert json.loads(frames[-1])["type"] == "error"
    assert host.alive


async def test_the_ai_standing_in_for_a_team_answers_an_offer_made_to_it(tmp_path):
    talks = ROOT / "tests" / "data" / "talks.toml"
    host = HostProcess(tmp_path, str(talks), "--seats", "west,east", "--teams",
                       "West=west; East=east")
    cell, west = await join(host, "white cell"), await join(host, "West")
    try:
        cell.send_host({"request": "HandToAI", "team": "East", "doctrine": "dove"})
        await until(lambda: west.version == 1 and cell.version == 1)
        west.send(MakeOffer("West", package="missile_swap"))
        await until(lambda: west.version >= 3)  # the offer, then the AI's answer for East
        answers = [n for n in west.view.news if n.actor == "east" and "accept" in n.title.lower()]
        assert answers, [n.title for n in west.view.news]
        assert west.by == {"role": "East", "screen": "AI (dove)"}
    finally:
        await cell.aclose()
        await west.aclose()
        host.stop()


async def test_a_seats_offer_is_journaled_with_its_forecast_and_a_bad_one_refused(tmp_path):
    talks = ROOT / "tests" / "data" / "talks.toml"
    host = HostProcess(tmp_path, str(talks), "--seats", "west,east", "--teams",
                       "West=west; East=east")
    west = await join(host, "West")
    refused: list[str] = []
    west.listen(lambda view: None, refused.append)
    try:
        west.send(MakeOffer("West", package="missile_swap",
                            forecast=(Forecast("west", OFFER, 0.5),)))
        await until(lambda: refused)
        assert refused == ["forecast about 'west', which is the one deciding"]
        west.send(MakeOffer("West", package="missile_swap",
                            forecast=(Forecast("east", OFFER, 0.6),)))
        await until(lambda: west.version == 1)
        assert west.view.acting == "East"  # the offer waits for the East's answer
    finally:
        await west.aclose()
        host.stop()
    (offer,) = [json.loads(body) for body in requests_in(host.journal)]
    assert (offer["request"], offer["package"]) == ("MakeOffer", "missile_swap")
    assert offer["forecast"] == [{"actor": "east", "option": OFFER, "confidence": 0.6}]
