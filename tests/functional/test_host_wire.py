"""What reaches each screen, read off the wire: its own view and nothing more."""

from __future__ import annotations

import json

import pytest

from tests.functional.hosting import MINI, HostProcess, Wire, join, until
from tests.functional.test_host import TEAMS, decide, play_to_the_end
from wargame.scenario.load import find_scenario

SECRET_RUSSIAN = [o for o in find_scenario("january_2022").objectives
                  if o.secret and o.actor == "russia"]


async def listen_as(host: HostProcess, role: str) -> Wire:
    wire = await Wire.open(host.url)
    await wire.send(json.dumps({"type": "hello", "code": host.codes[role], "screen": "spy"}))
    await wire.drain()
    return wire


def views(frames: list[str]) -> list[dict]:
    return [json.loads(f)["view"] for f in frames if json.loads(f)["type"] == "view"]


async def test_a_team_never_receives_another_teams_secrets_or_the_console(tmp_path):
    assert SECRET_RUSSIAN  # the bundled scenario has Russian hidden agendas to keep
    host = HostProcess(tmp_path, *TEAMS)
    wire = await listen_as(host, "Washington")
    wash, moscow = await join(host, "Washington"), await join(host, "Moscow")
    try:
        # Until the ending, over the whole game, not one byte of Moscow's agenda.
        await decide(wash)
        await until(lambda: moscow.view.acting == "Moscow")
        await decide(moscow)
        seen_so_far = "".join(wire.frames + await wire.drain())
        for objective in SECRET_RUSSIAN:
            assert objective.id not in seen_so_far and objective.title not in seen_so_far
        assert all(view["console"] is None for view in views(wire.frames))
        assert all(not view["options"] or view["acting"] == "Washington"
                   for view in views(wire.frames))
        await play_to_the_end({"Washington": wash, "Moscow": moscow})
        frames = wire.frames + await wire.drain()
        ended = [i for i, f in enumerate(frames) if '"ending":"' in f]
        assert ended
        before_end = "".join(frames[:ended[0] - 1])
        for objective in SECRET_RUSSIAN:
            assert objective.id not in before_end
        # Once over, the hidden agendas are revealed to everyone, as at the debrief.
        assert SECRET_RUSSIAN[0].id in "".join(frames[ended[0] - 1:])
    finally:
        await wire.aclose()
        await wash.aclose()
        await moscow.aclose()
        host.stop()


@pytest.mark.parametrize("turn_kind", ["sequential, hidden", "simultaneous"])
async def test_a_choice_is_not_seen_before_its_turn_resolves(tmp_path, turn_kind):
    hidden = ("--hidden",) if turn_kind == "sequential, hidden" else ()
    host = HostProcess(tmp_path, str(MINI), "--seats", "west,east",
                        "--teams", "West=west; East=east", *hidden)
    west, east = await join(host, "West"), await join(host, "East")
    try:
        if turn_kind == "simultaneous":  # turn two decides all at once
            await decide(west, "warn")
            await until(lambda: east.view.acting == "East")
            await decide(east, "wait")
            await until(lambda: west.view.turn == "two" and west.view.acting == "West")
        spy = await listen_as(host, "East")
        values_before = dict(east.view.values)
        await decide(west, "offer")
        await until(lambda: east.view.acting == "East")
        frames = spy.frames + await spy.drain()
        seen = views(frames)[-1]
        assert seen["acting"] == "East"
        turn = seen["turn"]
        west_news = [n for n in seen["news"] if n["turn"] == turn and n["actor"] == "west"]
        assert west_news == []
        assert seen["values"] == values_before  # no number moved by the unseen choice
        assert ':"offer"' not in "".join(frames)  # the option's id as a value anywhere
        # The white cell alone sees it at once, in its console.
        cell = await join(host, "white cell")
        assert cell.view.console is not None and cell.view.console.decided == {"west": "offer"}
        await cell.aclose()
        await decide(east, "wait")
        await until(lambda: east.view.turn != turn or east.view.over)
        assert any(n.actor == "west" and n.source == "offer" for n in east.view.news)
        await spy.aclose()
    finally:
        await west.aclose()
        await east.aclose()
        host.stop()


async def test_the_projector_sees_the_public_board_only(tmp_path):
    host = HostProcess(tmp_path, *TEAMS)
    wire = await listen_as(host, "projector")
    try:
        frames = wire.frames
        view = views(frames)[-1]
        assert view["who"] is None and view["options"] == [] and view["console"] is None
        for objective in find_scenario("january_2022").objectives:
            if objective.secret:
                assert objective.id not in "".join(frames)
        await wire.send(json.dumps({"type": "request", "version": 0,
                                    "request": {"request": "Pause", "paused": True}}))
        last = json.loads((await wire.drain())[-1])
        assert last["type"] == "error" and "only watches" in last["reason"]
    finally:
        await wire.aclose()
        host.stop()
