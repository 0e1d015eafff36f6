"""The treaty tracks as a table: venue, status, a progress bar, this turn's change."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from wargame.game import Game
from wargame.transcript import fmt_number
from wargame.tui.view import bar, signed, turn_change


class TrackTable(Widget):
    """One line per track; a track that moved this turn is highlighted."""

    DEFAULT_CSS = "TrackTable { height: auto; }"

    game: reactive[Game | None] = reactive(None, layout=True)

    def render(self) -> Content:
        game = self.game
        if game is None:
            return Content("")
        sc = game.scenario
        width = self.size.width or 40
        venue_w = 10 if width < 56 else 16
        status_w = 10
        bar_w = max(4, width - venue_w - status_w - 10)
        lines = [Content.assemble(("Venue".ljust(venue_w) + "Status".ljust(status_w)
                                   + "Progress".ljust(bar_w + 5) + "Δ", "bold"))]
        for track in sc.tracks:
            value = game.state.values[track.id]
            delta = turn_change(game, track.id)
            style = "bold $success" if delta > 0 else "bold $error" if delta < 0 else ""
            venue = (track.venue if width >= 56 else track.venue.split()[0].rstrip(","))
            lines.append(Content.assemble(
                venue[:venue_w - 1].ljust(venue_w),
                sc.status_of(value)[:status_w - 1].ljust(status_w),
                bar(value / 100, bar_w), f" {fmt_number(value):>3} ",
                (signed(delta), style)))
        return Content("\n").join(lines)

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[no-untyped-def]
        return 1 + (len(self.game.scenario.tracks) if self.game else 0)
