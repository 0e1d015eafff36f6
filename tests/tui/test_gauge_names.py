"""The board's gauges name their numbers in full words: a short name where the
scenario gives one and the full name does not fit, the name wrapped where it
gives none; never a name cut to 'Alliance c…'."""

from __future__ import annotations

import attrs
import pytest

from tests.tui.conftest import start
from wargame.scenario.load import find_scenario
from wargame.tui.widgets.world import WorldPanel


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_no_gauge_name_is_cut_and_each_reads_in_full(make_app, size):
    app = make_app("january_2022", seats=("us",))
    async with app.run_test(size=size) as pilot:
        await start(pilot)
        panel = app.screen.query_one(WorldPanel)
        text = panel.content(panel.content_size.width).plain
        assert "…" not in text
        for ind in app.table.game.scenario.indicators:
            assert ind.name in words(text) or (ind.short and ind.short in text), ind.name


async def test_a_short_name_stands_in_where_the_full_one_does_not_fit(make_app):
    sc = find_scenario("january_2022")
    cohesion = next(i for i in sc.indicators if i.name == "Alliance cohesion")
    shorter = attrs.evolve(sc, indicators=tuple(
        attrs.evolve(i, short="Cohesion") if i is cohesion else i for i in sc.indicators))
    from wargame.tui.app import WargameApp
    from wargame.tui.launch import Launch
    app = WargameApp(Launch(shorter, saves=None, seats=("us",)))
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        panel = app.screen.query_one(WorldPanel)
        lines = panel.content(panel.content_size.width).plain.splitlines()
        assert any(line.startswith("Cohesion ") and "█" in line for line in lines)


@pytest.mark.parametrize("width", [42, 60, 100])
def test_a_band_name_is_never_cut(width):
    """'Largest since 1945' and 'Contested' read in full; the sparkline gives way."""
    from wargame.tui.widgets.world import Reading, band_width, gauge_line

    history = (100.0, 130.0, 190.0)
    rs = (Reading("Troops", 190, 0, 200, "Largest since 1945", "bad", history),
          Reading("Deadlock", 80, 0, 100, "Contested", "warn", history))
    lines = [gauge_line(r, width, name_w=9, band_w=band_width(rs)).plain for r in rs]
    assert "Largest since 1945" in lines[0] and "Contested" in lines[1]
    assert all(len(line) <= width for line in lines)
    assert lines[0].index(" 190") == lines[1].index("  80")
