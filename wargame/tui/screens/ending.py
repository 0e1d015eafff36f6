"""The ending: debrief, objectives (secrets revealed), charts, timeline and 2022 as it was."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from wargame.analysis.forecasts import ForecastRow, TeamForecasts, expected_text, move_text
from wargame.engine.setup import team_of
from wargame.report import debrief
from wargame.report.debrief import Debrief
from wargame.report.format import fmt_number, points
from wargame.report.reasons import reason
from wargame.report.record import score_sentence
from wargame.report.transcript import by_turn, news_line
from wargame.scenario.model import Tone
from wargame.tui.picture import Picture
from wargame.tui.view import chart
from wargame.tui.widgets.footer import Footer
from wargame.tui.widgets.titlebar import TitleBar

TONE_STYLE: dict[Tone, str] = {"good": "bold $success", "mixed": "bold $warning",
                               "bad": "bold $error"}


def objectives_section(picture: Picture, d: Debrief) -> Content:
    lines = []
    view, names = picture.view, picture.scenario.actor_by_id
    mine = {names[seat].name for seat in view.mine}
    # At a hosted table each screen is one team's: the others are named, not "you".
    team_of = {names[seat].name: f"team {team}" for team, seats in view.teams.items()
               for seat in seats}
    for side in d.sides:
        who = "you" if side.actor in mine else \
            team_of.get(side.actor, "you") if side.human else "AI"
        lines.append(Content.assemble(
            (f"{side.actor} ({who}): {points(side.points)}", "bold")))
        for obj in side.objectives:
            mark = ("✓", "$success") if obj.met else ("✗", "$error")
            secret = " — secret, now revealed" if obj.secret else ""
            lines.append(Content.assemble("  ", mark, f" {obj.title} ({obj.points:g})",
                                          (secret, "italic")))
    return Content("\n").join(lines) if lines else Content("No objectives in this scenario.")


def forecasts_section(picture: Picture, d: Debrief) -> Content:
    """Each team's forecasts beside the moves made, with its hits and Brier score."""
    sc, view = picture.scenario, picture.view
    teams: dict[str, list[ForecastRow]] = {}
    for row in view.forecasts:
        name = team_of(view.teams, row.by) or sc.actor_by_id[row.by].name
        teams.setdefault(name, []).append(row)
    lines: list[Content] = []
    for name, rows in teams.items():
        t = TeamForecasts(name, tuple(rows))
        lines.append(Content.assemble((name, "bold"), ": ", score_sentence(
            len(t.settled), t.hits, t.no_idea, t.brier)))
        for r in rows:
            expected = expected_text(sc, r.expected)
            sure = f" ({round(r.confidence * 100)}%)" if r.confidence is not None else ""
            mark = {True: "✓", False: "✗", None: "·"}[r.hit]
            lines.append(Content(f"  {mark} T{sc.turn_by_id[r.turn].index} "
                                 f"{sc.actor_by_id[r.about].name}: expected {expected}{sure}; "
                                 f"actual: {move_text(sc, r.actual)}"))
    return Content("\n").join(lines)


def charts_section(picture: Picture, d: Debrief) -> Content:
    """Each indicator's history as a small column chart, one column per turn."""
    view = picture.view
    lines: list[Content] = []
    for ind in picture.scenario.indicators:
        values = list(view.history[ind.id])
        lines.append(Content.assemble((ind.name, "bold"), (
            f"  {' → '.join(fmt_number(v) for v in values)}", "dim")))
        for row in chart(values, ind.min, ind.max, height=3):
            lines.append(Content("  " + row))
    points = len(next(iter(view.history.values()), ()))
    labels = "  " + "".join(f"{i:<3}" for i in range(points))
    lines.append(Content(labels + "  (0 = start, then each turn)").stylize("dim"))
    return Content("\n").join(lines)


def timeline_section(picture: Picture, d: Debrief) -> Content:
    sc = picture.scenario
    lines: list[Content] = []
    for turn_id, items in by_turn(picture.view.news):
        turn = sc.turn_by_id[turn_id]
        lines.append(Content(f"Turn {turn.index} · {turn.date:%d %b} · {turn.venue}"
                             ).stylize("bold"))
        for item in items:
            if item.kind != "ending":
                lines.append(Content(f"  - {news_line(sc, item)}"))
                why = reason(sc, item)
                if why:
                    lines.append(Content(f"      why: {why}").stylize("dim"))
                if item.note:
                    lines.append(Content(f"      “{item.note}”").stylize("italic"))
    return Content("\n").join(lines)


def history_section(picture: Picture, d: Debrief) -> Content:
    parts = [d.history.strip()] if d.history.strip() else []
    parts += [f"{p.date:%d %b} — {p.title}: {p.text.strip()}" for p in d.past]
    if d.ending and d.ending.history.strip():
        parts.append(d.ending.history.strip())
    return Content("\n\n".join(parts) or "The scenario tells no history.")


def debrief_of(picture: Picture) -> Debrief:
    """The debrief, from what this seat's view shows (every objective, once over)."""
    sc, view = picture.scenario, picture.view
    return debrief.assemble(sc, view.seats, view.objectives, view.scores, view.turn_index,
                            sc.ending_by_id.get(view.ending or ""))


Section = Callable[[Picture, Debrief], Content]
ABOVE_THE_FOLD: tuple[tuple[str, Section], ...] = (("Objectives", objectives_section),)
BELOW_THE_FOLD: tuple[tuple[str, Section], ...] = (
    ("The numbers, turn by turn", charts_section), ("Timeline", timeline_section),
    ("What actually happened", history_section))


class EndingScreen(Screen):
    CSS_PATH = "ending.tcss"
    BINDINGS = [
        Binding("s", "app.save", "Save"),
        Binding("l", "app.load", "Load"),
        Binding("r", "app.report", "Report"),
        Binding("u", "app.undo", "Undo"),
        Binding("f", "app.facilitator", "Facilitator", show=False),
        Binding("n", "app.new_game", "New game"),
        Binding("question_mark", "app.help", "Help"),
        Binding("q", "app.request_quit", "Quit"),
    ]

    def __init__(self, picture: Picture) -> None:
        super().__init__()
        self.picture = picture
        self.debrief = debrief_of(picture)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="ending-box"):
            # Each part is text, so each fold is one widget: a new screen's
            # widgets are what the last decision's Enter waits for (composed,
            # styled, laid out before the ending's first frame).
            yield Static(self._fold(ABOVE_THE_FOLD, self._heading()), id="ending-top")
        yield Footer()

    def _heading(self) -> Content:
        ending = self.debrief.ending
        assert ending is not None, "the ending screen shows an ended game"
        return Content("\n").join([
            Content.assemble(("Ending: ", "bold"),
                             (ending.title, TONE_STYLE.get(ending.tone, "bold")),
                             f"  ({ending.tone})"),
            Content(ending.text)])

    def _fold(self, sections: tuple[tuple[str, Section], ...],
              first: Content | None = None) -> Content:
        parts = [first] if first is not None else []
        if first is not None and self.picture.view.forecasts:
            sections = (*sections, ("Forecasts against the moves", forecasts_section))
        for title, build in sections:
            body = build(self.picture, self.debrief)
            parts.append(Content.assemble((title, "bold $accent"), "\n", body))
        return Content("\n\n").join(parts)

    def on_mount(self) -> None:
        self.query_one("#ending-box").focus()
        # The long parts (the whole timeline is wrapped) follow a frame later:
        # the last decision's Enter shows the ending at once.
        self.call_after_refresh(self._mount_rest)

    def _mount_rest(self) -> None:
        self.query_one("#ending-box", VerticalScroll).mount(
            Static(self._fold(BELOW_THE_FOLD), id="ending-rest"))
