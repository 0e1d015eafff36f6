"""The facilitator's preview on a hosted table: a question the host answers, changing nothing."""

from __future__ import annotations

import json
from pathlib import Path

from tests.functional.hosting import HostProcess, Wire, join, requests_in, until
from tests.functional.test_host import decide
from wargame.engine.game import Game
from wargame.engine.preview import PreviewText
from wargame.host.client import RemoteTable
from wargame.host.start import start_from_save, table_from_start
from wargame.saves.files import write_save
from wargame.scenario.load import find_scenario
from wargame.table.apply import apply
from wargame.table.client import LocalTable
from wargame.table.model import WHITE_CELL
from wargame.table.requests import Adjust, Decide, Inject

TEAMS = {"Washington": ("us",), "Moscow": ("russia",)}


def hosted_save(folder: Path) -> tuple[HostProcess, Path]:
    """A host of a save written here, so the test can build the very same table."""
    game = Game.new(find_scenario("january_2022"), 7, ["us", "russia"])
    save = write_save(game, folder / "start.toml", teams=TEAMS, mode="training")
    return HostProcess(folder, "--load", str(save)), save


async def ask(client: RemoteTable, question: Inject | Adjust) -> PreviewText:
    answers: list[PreviewText] = []
    client.preview(question, answers.append)
    await until(lambda: answers, timeout=5)
    return answers[0]


async def listen_as(host: HostProcess, role: str) -> Wire:
    wire = await Wire.open(host.url)
    await wire.send(json.dumps({"type": "hello", "code": host.codes[role], "screen": role}))
    await wire.drain()
    return wire


async def test_the_white_cell_is_answered_what_a_local_table_answers(tmp_path):
    host, save = hosted_save(tmp_path)
    wash, cell = await join(host, "Washington"), await join(host, "white cell")
    spy = await listen_as(host, "Moscow")
    try:
        option = wash.view.options[0]
        await decide(wash, option)
        await until(lambda: cell.version == 1 and cell.view.acting == "Moscow")
        local = apply(table_from_start(start_from_save(save)), Decide("Washington", option))
        here = LocalTable(local, WHITE_CELL)
        await spy.drain()
        questions = [Inject(WHITE_CELL, e.id) for e in cell.scenario.events[:3]]
        questions += [Adjust(WHITE_CELL, "tension", 40), Adjust(WHITE_CELL, "tension", -7.5)]
        for question in questions:
            mine: list[PreviewText] = []
            here.preview(question, mine.append)
            assert await ask(cell, question) == mine[0]
            assert mine[0].lines and "would move:" in mine[0].title
        # Asked, not released: the version, every screen and the journal are as they were.
        assert cell.version == 1 and wash.version == 1
        assert await spy.drain() == []
        assert cell.view.values == here.view.values
    finally:
        await spy.aclose()
        await wash.aclose()
        await cell.aclose()
        host.stop()
    assert len(requests_in(host.journal)) == 1  # Washington's decision alone


async def test_a_seats_question_is_refused_and_reaches_no_other_screen(tmp_path):
    host, _ = hosted_save(tmp_path)
    cell = await join(host, "white cell")
    spy = await listen_as(host, "Moscow")
    asker = await listen_as(host, "Washington")
    try:
        await asker.send(json.dumps({"type": "preview", "ask": 1, "request": {
            "request": "Adjust", "target": "tension", "amount": 40}}))
        frames = [json.loads(f) for f in await asker.drain()]
        assert [f["type"] for f in frames] == ["error"]
        assert frames[0]["reason"] == "only the facilitator (white cell) can do that"
        assert asker.ws.closed or await asker.read(timeout=2) is None
        assert await spy.drain() == []
        assert cell.version == 0 and host.alive
    finally:
        await asker.aclose()
        await spy.aclose()
        await cell.aclose()
        host.stop()


BAD = {
    "unknown event": {"request": "Inject", "event": "no_such_event"},
    "unknown number": {"request": "Adjust", "target": "no_such_number", "amount": 1},
    "infinite amount": {"request": "Adjust", "target": "tension", "amount": float("inf")},
    "not a number": {"request": "Adjust", "target": "tension", "amount": float("nan")},
    "huge amount": {"request": "Adjust", "target": "tension", "amount": 1e300},
    "amount as text": {"request": "Adjust", "target": "tension", "amount": "40"},
    "not a question": {"request": "Rewind", "turn": "t1"},
    "oversized": {"request": "Inject", "event": "x" * 70_000},
}


async def test_a_bad_question_closes_that_connection_only(tmp_path):
    host, _ = hosted_save(tmp_path)
    wash = await join(host, "Washington")
    cell = await join(host, "white cell")
    try:
        cases = [json.dumps({"type": "preview", "ask": 1, "request": body}) for body in
                 BAD.values()]
        cases += [json.dumps({"type": "preview", "ask": -1, "request": BAD["unknown event"]}),
                  json.dumps({"type": "preview", "ask": 1, "request": ["Inject"]})]
        for text in cases:
            wire = await listen_as(host, "white cell")
            await wire.send(text)
            frames = [json.loads(f) for f in await wire.drain()]
            errors = [f for f in frames if f["type"] == "error"]
            assert errors and errors[-1]["reason"], text[:80]
            assert not [f for f in frames if f["type"] == "previewed"], text[:80]
            assert wire.ws.closed or await wire.read(timeout=2) is None
            await wire.aclose()
        # The host, the facilitator's own screen and the seats go on.
        assert (await ask(cell, Adjust(WHITE_CELL, "tension", 5))).lines
        await decide(wash)
        assert host.alive and wash.version == 1 and cell.connected
    finally:
        await wash.aclose()
        await cell.aclose()
        host.stop()


async def test_an_answer_to_an_earlier_question_is_dropped(tmp_path):
    """The facilitator chose again before the host answered: only the last choice shows."""
    host, _ = hosted_save(tmp_path)
    cell = await join(host, "white cell")
    try:
        shown: list[str] = []
        first, last = cell.scenario.events[0], cell.scenario.events[1]
        cell.preview(Inject(WHITE_CELL, first.id), lambda text: shown.append(text.title))
        cell.preview(Inject(WHITE_CELL, last.id), lambda text: shown.append(text.title))
        await until(lambda: shown)
        assert await ask(cell, Adjust(WHITE_CELL, "tension", 1))  # every answer is in
        assert shown == [f"Fire “{last.title}” would move:"]
    finally:
        await cell.aclose()
        host.stop()
