"""The keys that bring the app to each screen, for its picture and for the readability checks."""

from __future__ import annotations

from tests.tui.conftest import DATA, decide, play_out, screen_name, start, to_board

TALKS = DATA / "talks.toml"


async def settle(pilot) -> None:
    pilot.app.clear_notifications()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def title(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def board(pilot) -> None:
    await start(pilot)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def ending(pilot) -> None:
    await start(pilot)
    await play_out(pilot)
    await settle(pilot)


async def negotiation(pilot) -> None:
    """Talks, the West: the negotiation table with a trade on it, term by term."""
    await start(pilot)
    await pilot.press("n")
    await pilot.pause()
    await pilot.press("down", "down", "space", "up", "space")
    await settle(pilot)


async def answer(pilot) -> None:
    """Talks, the West: the trade sent and accepted, the East offers something back."""
    await negotiation(pilot)
    await pilot.press("enter")
    await pilot.pause()
    await to_board(pilot)
    assert screen_name(pilot.app) == "AnswerScreen"
    await settle(pilot)


async def briefing(pilot) -> None:
    await pilot.pause()
    await pilot.press("enter")
    for _ in range(10):
        await pilot.pause()
        if screen_name(pilot.app) == "BriefingScreen":
            break
    await settle(pilot)


async def hand_over(pilot) -> None:
    await pilot.pause()
    await pilot.press("enter")
    await settle(pilot)


def on_board(*keys: str):
    """From the title to the board, then ``keys``."""
    async def run(pilot) -> None:
        await start(pilot)
        await pilot.press(*keys)
        await settle(pilot)
    return run


async def quitting(pilot) -> None:
    await start(pilot)
    await decide(pilot)  # a decision not yet saved: quitting asks first
    await pilot.press("q")
    await settle(pilot)


DIALOGS = {"facilitator": on_board("f"), "save": on_board("s"), "load": on_board("l"),
           "quit": quitting, "help": on_board("question_mark"), "forecast": on_board("e")}
"""The dialogs over the board of the mini scenario (seed 5, the West), by name."""


async def code(pilot) -> None:
    """``wargame join`` without a code: the first screen asks for one."""
    await settle(pilot)


async def room(pilot) -> None:
    """The white cell's console at a hosted table, then its room of screens."""
    from tests.functional.hosting import until

    await until(lambda: pilot.app.remote is not None, 15.0)
    await pilot.pause()
    await to_board(pilot)
    await settle(pilot)  # "Joined as the white cell" would show through the dialogs
    await pilot.press("f")
    await pilot.pause()
    await pilot.click("#room")
    await pilot.pause()
    assert screen_name(pilot.app) == "RoomScreen"
    presence = pilot.app.screen.query_one("#presence")
    await until(lambda: str(presence.render()).count("1 screen ") == 2)
    await settle(pilot)
