"""The title offers every doctrine and starts on the scenario's default one."""

from __future__ import annotations

from textual.widgets import Select

from tests.unit.test_default_policy import WITH_DEFAULT
from wargame.scenario.load import load_scenario
from wargame.tui.app import WargameApp
from wargame.tui.launch import Launch


async def test_the_title_starts_on_the_default_and_offers_standard_too(tmp_path):
    path = tmp_path / "mini.toml"
    path.write_text(WITH_DEFAULT)
    app = WargameApp(Launch(load_scenario(path), saves=tmp_path / "saves"))
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(5):
            await pilot.pause()
        select = app.screen.query_one("#policy", Select)
        assert select.value == "hawk"
        assert [value for _, value in select._options] == ["hawk", "dove", "standard"]
        await pilot.press("enter")
        for _ in range(3):
            await pilot.pause()
        assert app.table.game.policy == "hawk"
