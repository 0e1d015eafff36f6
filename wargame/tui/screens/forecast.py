"""Before committing, what the team expects each other actor still to decide this turn to do.

One row per actor: one of its options this turn, "Makes an offer" when the
turn opens a track for offers, or "no idea", and how sure the team is. The
forecast goes with the team's next decision (an option or an offer) into the
log; nothing else in the game changes. Escape leaves it as it was.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Select, Static

from wargame.engine.state import OFFER, Forecast
from wargame.scenario.model import Scenario
from wargame.tui.plain import choices

CONFIDENCES = tuple((f"{p}% sure", p / 100) for p in (50, 60, 70, 80, 90, 100))
"""How sure a team may say it is; 70% unless it says otherwise."""
DEFAULT_CONFIDENCE = 0.7


class ForecastScreen(ModalScreen[tuple[Forecast, ...] | None]):
    """Dismissed with the forecasts (one per actor with a move expected, or no idea)."""

    CSS_PATH = "forecast.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, scenario: Scenario, turn: str, targets: tuple[str, ...],
                 current: tuple[Forecast, ...]) -> None:
        super().__init__()
        self.scenario = scenario
        self.turn = turn
        self.targets = targets
        self.current = {f.actor: f for f in current}

    def compose(self) -> ComposeResult:
        sc = self.scenario
        offers = [("Makes an offer", OFFER)] if sc.turn_by_id[self.turn].negotiate else []
        with VerticalScroll(classes="dialog"):
            yield Static("What do you expect the others to do this turn? · Escape cancels",
                         classes="section")
            yield Static("Kept in the log for the debrief, beside what they did. Nobody "
                         "else sees it until the game ends.", classes="hint")
            for actor in self.targets:
                had = self.current.get(actor)
                options = [(o.title, o.id) for o in sc.options_for(actor, self.turn)] + offers
                yield Label(sc.actor_by_id[actor].name, classes="actor", markup=False)
                with Horizontal(classes="row"):
                    expect = Select(choices(options), id=f"expect-{actor}", prompt="No idea")
                    if had is not None and had.option:
                        expect.value = had.option
                    yield expect
                    yield Select(CONFIDENCES, id=f"sure-{actor}", allow_blank=False,
                                 value=had.confidence if had and had.confidence is not None
                                 else DEFAULT_CONFIDENCE, classes="sure")
            yield Button("Keep this forecast", id="keep", variant="primary")

    def on_mount(self) -> None:
        self.query(Select).first().focus()

    @on(Button.Pressed, "#keep")
    def _keep(self) -> None:
        out = []
        for actor in self.targets:
            expect = self.query_one(f"#expect-{actor}", Select)
            if expect.is_blank():
                out.append(Forecast(actor))
                continue
            option = expect.value
            sure = self.query_one(f"#sure-{actor}", Select).value
            out.append(Forecast(actor, str(option), float(sure)))  # type: ignore[arg-type]
        self.dismiss(tuple(out))
