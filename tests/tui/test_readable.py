"""Everything on the board can be read by keys alone, at the smallest sizes."""

from __future__ import annotations

import html
import re

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Button, Input, OptionList, Select
from textual.widgets._footer import FooterKey

from tests.tui import drives
from tests.tui.conftest import MINI, start
from tests.tui.drives import TALKS
from wargame.tui.join import JoinApp


async def test_expected_effects_scroll_by_keys_at_80x24(make_app):
    app = make_app("january_2022")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("1")
        await pilot.pause()
        box = app.screen.query_one("#detail-box", VerticalScroll)
        assert box.max_scroll_y > 0  # the option's text and effects overflow the pane
        await pilot.press("pagedown")
        await pilot.pause()
        assert box.scroll_y > 0  # the rest of the effects come into view
        assert app.screen.query_one("#options", OptionList).highlighted == 0
        await pilot.press("pageup")
        await pilot.pause()
        assert box.scroll_y == 0


async def test_board_opens_with_the_world_in_view_at_60x20(make_app):
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await start(pilot)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        board = app.screen.query_one("#board")
        world = app.screen.query_one("#world-panel")
        assert board.scroll_y == 0
        assert world.region.height > 0
        assert board.region.contains(world.region.x, world.region.y)


def _screen_text(app) -> str:
    """The words on the screen, as the picture of it shows them."""
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


async def test_title_seat_labels_are_whole_at_60x20(make_app):
    app = make_app(seed=5)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        text = _screen_text(app)
        assert "(Space" in text and "toggles)" in text
        assert "The West (you)" in text
        assert "…" not in text.split("Scenarios", 1)[1]


@pytest.mark.parametrize("scenario", ["january_2022", MINI], ids=["january_2022", "mini"])
async def test_the_title_line_names_the_venue_whole_at_60x20(make_app, scenario):
    app = make_app(scenario, seed=5)
    async with app.run_test(size=(60, 20)) as pilot:
        await start(pilot)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        venue = app.sub_title.rsplit(" · ", 1)[1]
        line = _screen_text(app).split(f"{app.title} — ", 1)[1].split("\n", 1)[0]
        assert venue in line, line


def screen_lines(app) -> list[str]:
    """The top screen's rows as they read, spaces kept (a dialog: without the board behind)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def words_in(lines: list[str], region) -> str:
    """What a region of the screen says, its lines joined and the spaces squeezed."""
    rows = (line[region.x:region.right] for line in lines[region.y:region.bottom])
    return " ".join(" ".join(rows).split())


def control_words(screen):
    """Each control and what it says: a Select's prompt or choice, an empty Input's
    placeholder, a Button's label; with the part of the screen that shows it."""
    for select in screen.query(Select):
        label = select.query_one("SelectCurrent #label")
        yield select, str(label.render()), label
    for field in screen.query(Input):
        if not field.value:
            yield field, field.placeholder, field
    for button in screen.query(Button):
        yield button, str(button.label), button


async def assert_controls_whole(pilot) -> None:
    """Every control's words on the screen whole (wrapped at spaces at most), each
    scrolled into view in turn."""
    for control, words, shows in list(control_words(pilot.app.screen)):
        control.scroll_visible(animate=False, immediate=True)
        await pilot.pause()
        lines = screen_lines(pilot.app)
        seen = words_in(lines, shows.content_region)
        assert " ".join(words.split()) in seen, (words, seen, "\n".join(lines))


def _mini(make):
    return make(seed=5)


def _talks(make):
    return make(TALKS, seed=1, seats=("west",))


SCREENS = {
    "title": (_mini, drives.title), "board": (_mini, drives.board),
    "ending": (_mini, drives.ending), "briefing": (_mini, drives.briefing),
    "hand_over": (lambda make: make(seed=5, seats=("west", "east")), drives.hand_over),
    "negotiation": (_talks, drives.negotiation), "answer": (_talks, drives.answer),
}
"""Each full screen: how to make its app, and the keys that bring it up."""

DIALOG_APPS = {
    **{name: (_mini, drive) for name, drive in drives.DIALOGS.items()},
    "password": (lambda make: make(seed=5, seats=("west", "east"), password="pw"),
                 drives.on_board("f")),
}

SMALL = [(80, 24), (60, 20)]


@pytest.mark.parametrize("name", [*SCREENS, *DIALOG_APPS])
@pytest.mark.parametrize("size", SMALL, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_control_reads_whole(make_app, size, name):
    make, drive = {**SCREENS, **DIALOG_APPS}[name]
    app = make(make_app)
    async with app.run_test(size=size) as pilot:
        await drive(pilot)
        await assert_controls_whole(pilot)


@pytest.mark.parametrize("name", list(SCREENS))
@pytest.mark.parametrize("size", SMALL, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_footer_shows_whole_keys_and_always_help(make_app, size, name):
    make, drive = SCREENS[name]
    app = make(make_app)
    async with app.run_test(size=size) as pilot:
        await drive(pilot)
        footer = screen_lines(app)[-1]
        shown = [key for key in app.screen.query(FooterKey) if key.display]
        assert shown and all(f"{key.key_display} {key.description}".strip() in footer
                             for key in shown), footer
        assert "? Help" in footer, footer


@pytest.mark.parametrize("size", SMALL, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_join_code_screen_reads_whole(tmp_path, size):
    app = JoinApp("ws://127.0.0.1:8765", None, "browser", tmp_path / "saves")
    async with app.run_test(size=size) as pilot:
        await drives.code(pilot)
        await assert_controls_whole(pilot)
        box = app.screen.query_one("#join-box")
        assert app.screen.region.contains_region(box.region)  # its border too


@pytest.mark.parametrize("size", SMALL, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_room_of_screens_reads_whole(hosted, tmp_path, size):
    app = JoinApp(hosted.url, hosted.codes["white cell"], "front", tmp_path / "saves")
    async with app.run_test(size=size) as pilot:
        await drives.room(pilot)
        await assert_controls_whole(pilot)


@pytest.mark.parametrize("width", [60, 80])
async def test_a_keys_words_that_wrap_go_on_under_its_words_not_under_the_keys(make_app, width):
    from wargame.tui.screens.help import KEYS

    names = {re.sub(r"\[/?b\]", "", key) for key, _what in KEYS}
    app = make_app(seed=5)
    async with app.run_test(size=(width, 50)) as pilot:
        await drives.on_board("question_mark")(pilot)
        lines = screen_lines(app)
        top = next(i for i, line in enumerate(lines) if "Keys" in line)
        end = next(i for i, line in enumerate(lines) if "How a turn works" in line)
        column = lines[top + 1].index("pick the option")
        rows = [line.rstrip("│▇▄▃▂▁ ") for line in lines[top + 1:end] if line.strip("│ ")]
        wrapped = [line for line in rows if not line[:column].strip("│ ")]
        assert wrapped  # at this width some words do wrap
        for line in rows:
            assert line[:column].strip("│ ") in names | {""}, "\n".join(rows)
            assert line[column - 1] == " " and line[column] != " ", "\n".join(rows)


def test_a_paragraph_with_a_lead_wraps_under_its_own_words():
    from textual.content import Content

    from wargame.tui.widgets.hanging import hang

    lead = Content("  If signed: ")
    lines = [line.plain for line in hang(
        [(lead, Content("Alliance cohesion -2, Enlargement deadlock -2, Tension +5"))], 40)]
    assert len(lines) > 1 and lines[0].startswith("  If signed: Alliance cohesion -2,")
    for line in lines[1:]:
        assert line.startswith(" " * lead.cell_length) and line[lead.cell_length] != " "
    assert " ".join(" ".join(lines).split()) == (
        "If signed: Alliance cohesion -2, Enlargement deadlock -2, Tension +5")


async def test_what_breaks_a_term_wraps_under_its_words_on_the_negotiation_table(make_app):
    app = make_app(TALKS, seed=1, seats=("west",))
    async with app.run_test(size=(60, 20)) as pilot:
        await drives.negotiation(pilot)
        detail = app.screen.query_one("#talks-detail")
        rows = str(detail.render()).splitlines()  # as drawn, at the pane's width
        assert max(len(row) for row in rows) <= detail.size.width
        at = next(i for i, row in enumerate(rows) if "Broken by: " in row)
        column = rows[at].index("Broken by: ") + len("Broken by: ")
        assert rows[at + 1][:column].strip() == "" and rows[at + 1][column] != " ", rows


@pytest.mark.parametrize("size", SMALL, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_negotiation_tables_head_names_the_open_tracks_whole(make_app, size):
    app = make_app("january_2022", seats=("us",))
    async with app.run_test(size=size) as pilot:
        await start(pilot)
        await pilot.press("n")
        await drives.settle(pilot)
        head = app.screen.query_one("#talks-head")
        said = " ".join(str(head.render()).split())
        assert "open: Intermediate-range missiles" in said
        assert said in words_in(screen_lines(app), head.content_region)


async def test_an_objective_that_wraps_goes_on_under_its_words_at_60x20(make_app):
    app = make_app("january_2022", seats=("us",))
    async with app.run_test(size=(60, 20)) as pilot:
        await start(pilot)
        await drives.settle(pilot)
        rows = str(app.screen.query_one("#world-panel").render()).splitlines()
        at = next(i for i, row in enumerate(rows) if "Bring the 9M729" in row)
        assert rows[at].startswith("· ") and rows[at + 1].startswith("  "), rows[at:at + 2]
        assert rows[at + 1][2] != " "


def test_a_word_too_long_for_the_room_beside_its_lead_is_not_cut_in_two():
    from textual.content import Content

    from wargame.tui.widgets.hanging import hang

    word = "Intermediate-range-missiles-everywhere"  # 38 cells: the room beside is 36
    lines = [line.plain for line in hang([(Content("1 + "), Content(f"{word} now"))], 40)]
    assert any(word in line for line in lines), lines
