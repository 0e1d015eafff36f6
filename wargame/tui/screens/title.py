"""Title: choose a scenario, the seats, the AI doctrine, the seed, the mode and teams.

Enter starts at once with whatever is shown, so the defaults are one key away.
The bundled default may arrive as a card (title and summary from a glance at
its file); it is loaded in full right after the first frame, before the form.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import (
    Button,
    Input,
    Label,
    OptionList,
    Select,
    SelectionList,
    Static,
)
from textual.widgets.option_list import Option as ListOption

from wargame.engine.setup import Setup
from wargame.errors import WargameError
from wargame.paths import scenario_dirs
from wargame.scenario.catalog import ScenarioCard, card_of
from wargame.tui.background import scan
from wargame.tui.entry import parse_seed, parse_teams
from wargame.tui.launch import Launch
from wargame.tui.messages import StartGame, in_turn
from wargame.tui.plain import choices, plain, selections
from wargame.tui.widgets.fields import Field
from wargame.tui.widgets.footer import Footer
from wargame.tui.widgets.lists import SeatList, SteadyOptionList
from wargame.tui.widgets.titlebar import TitleBar

if TYPE_CHECKING:
    from wargame.engine.setup import Mode
    from wargame.scenario.model import Scenario


class TitleScreen(Screen):
    CSS_PATH = "title.tcss"
    BINDINGS = [
        Binding("enter", "start_typed", "Start", priority=True),
        Binding("l", "app.load", "Load"),
        Binding("question_mark", "app.help", "Help"),
        Binding("q", "app.request_quit", "Quit"),
    ]

    def __init__(self, launch: Launch) -> None:
        super().__init__()
        self.launch = launch
        self.scenarios: list[Scenario | ScenarioCard] = [launch.scenario]
        self._default = launch.scenario
        """The scenario the command line chose (loaded once it was a card)."""
        self._seat_names: dict[str, str] = {}
        """Playable actor id -> name, for the seat boxes' words."""

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="title-body"):
            with Vertical(id="scenario-pane"):
                yield Static("Scenarios", classes="section")
                yield SteadyOptionList(self._entry(self.launch.scenario), id="scenario-list")
                with VerticalScroll(id="summary-box", can_focus=False):
                    yield Static("", id="summary")
            yield VerticalScroll(id="setup", can_focus=False)
        yield Footer()

    def on_mount(self) -> None:
        self.app.sub_title = "Choose a scenario; Enter starts"
        self.query_one("#scenario-list", OptionList).focus()
        self._summary(self.launch.scenario)
        # The form is many widgets; the title and the list paint first.
        self.call_after_refresh(self._build_form)

    def _form(self, default: Scenario) -> ComposeResult:
        yield Label("Your seats (Space toggles)", classes="section")
        yield SeatList[str](id="seats")
        # In words too: the ticks differ only by colour, and NO_COLOR has none.
        yield Static("", id="seats-summary", classes="hint")
        yield Label("AI doctrine", classes="section")
        yield Select[str](choices((p.name, p.id) for p in default.doctrines),
                          id="policy", allow_blank=False)
        yield Label("Seed", classes="section")
        yield Field(id="seed", type="integer")
        yield Label("Mode", classes="section")
        yield Select([("Training", "training"), ("Exercise", "exercise")], id="mode",
                     allow_blank=False, value=self.launch.mode)
        yield Static("Training shows each option's expected effects; exercise hides them.",
                     classes="hint")
        # What the fields take in a hint under each, which wraps: a placeholder is cut
        # at the pane's width (19 cells at 60 columns).
        yield Label("Teams (optional)", classes="section")
        yield Field(placeholder="Name=seats; …", id="teams")
        yield Static("e.g. Washington=us; Moscow=russia", classes="hint")
        yield Label("Facilitator password (optional)", classes="section")
        yield Field(placeholder="none", id="facilitator-password", password=True)
        yield Static("With several teams at one screen, the console (f) asks for it.",
                     classes="hint")
        yield Button("Start (Enter)", id="start", variant="primary")

    async def _build_form(self) -> None:
        default = self._loaded(0)
        if default is None:
            return  # the message says why; there is nothing to set up
        await self.query_one("#setup", VerticalScroll).mount_all(self._form(default))
        self._show(default, first=True)
        self._discover()

    def _loaded(self, index: int) -> Scenario | None:
        """The scenario at ``index``, loaded in full (and checked) if it was a card."""
        entry = self.scenarios[index]
        if not isinstance(entry, ScenarioCard):
            return entry
        from wargame.scenario.load import load_scenario

        try:
            scenario = load_scenario(Path(entry.source))
        except WargameError as exc:
            self.notify(str(exc), title="This scenario cannot be played", severity="error",
                        markup=False, timeout=60)
            return None
        self.scenarios[index] = scenario
        if self._default is entry:
            self._default = scenario
        self._summary(scenario)
        return scenario

    @staticmethod
    def _entry(scenario: Scenario | ScenarioCard) -> ListOption:
        return ListOption(Content.assemble((scenario.title, "bold"), f"  ({scenario.id})"))

    def _discover(self) -> None:
        """Other scenarios (bundled and ./scenarios) are read after the first frame."""
        scan(self, self._others, self._add)

    def _others(self) -> list[Scenario]:
        from wargame.scenario.load import load_scenario

        found: list[Scenario] = []
        known = {Path(self.launch.scenario.source).resolve()}
        for folder in scenario_dirs():
            for path in sorted(folder.glob("*.toml")):
                if path.resolve() in known:
                    continue
                known.add(path.resolve())
                try:
                    found.append(load_scenario(path))
                except WargameError:
                    continue  # `wargame validate` explains broken files; the list skips them
        return found

    def _add(self, found: list[Scenario]) -> None:
        if not found:
            return
        self.scenarios.extend(found)
        self.query_one("#scenario-list", OptionList).add_options(
            [self._entry(sc) for sc in found])

    @property
    def scenario(self) -> Scenario | None:
        """The highlighted scenario, loaded; None (with a message) if it cannot be."""
        return self._loaded(self.query_one("#scenario-list", OptionList).highlighted or 0)

    @on(SelectionList.SelectedChanged, "#seats")
    def _seats_changed(self) -> None:
        picker = self.query_one("#seats", SelectionList)
        chosen = set(picker.selected)
        names = []
        for index in range(picker.option_count):
            seat = picker.get_option_at_index(index).value
            name = self._seat_names.get(seat, str(seat))
            # In words on each box too: the ticks differ only by colour.
            picker.replace_option_prompt_at_index(
                index, plain(f"{name} (you)" if seat in chosen else name))
            if seat in chosen:
                names.append(name)
        self.query_one("#seats-summary", Static).update(
            plain(f"You play: {', '.join(names)}") if names
            else "You play: nobody (AI on every seat)")

    @on(OptionList.OptionHighlighted, "#scenario-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if not self.query("#seats"):  # the first highlight, before the form: no load yet
            self._summary(self.scenarios[event.option_index])
            return
        scenario = self._loaded(event.option_index)
        if scenario is not None:
            self._show(scenario, first=False)

    def _summary(self, sc: Scenario | ScenarioCard) -> None:
        card = sc if isinstance(sc, ScenarioCard) else card_of(sc)
        length = (f"\n\n{card.turns} turns, from {card.first_date:%d %B %Y}."
                  if card.turns and card.first_date else "")
        self.query_one("#summary", Static).update(Content.assemble(
            (card.title, "bold"), "\n", card.summary, length))

    def _show(self, sc: Scenario, first: bool) -> None:
        launch = self.launch
        same = first or sc is self._default
        self._summary(sc)
        if not self.query("#seats"):
            return
        seats = launch.seats if same and launch.seats is not None else sc.default_seats
        picker = self.query_one("#seats", SelectionList)
        picker.clear_options()
        self._seat_names = {a.id: a.name for a in sc.actors if a.playable}
        picker.add_options(selections((a.name, a.id, a.id in seats)
                                      for a in sc.actors if a.playable))
        picker.highlighted = 0 if picker.option_count else None  # the first Space toggles
        self._seats_changed()
        # The doctrine every command starts with: the scenario's default_policy.
        policy = launch.policy if same and isinstance(launch.policy, str) \
            else sc.default_policy
        select = self.query_one("#policy", Select)
        select.set_options(choices((p.name, p.id) for p in sc.doctrines))
        ids = [p.id for p in sc.doctrines]
        select.value = policy if policy in ids else sc.default_policy
        seed = self.query_one("#seed", Input)
        seed.placeholder = f"{sc.seed} (the scenario's)"
        seed.value = str(launch.seed) if same and launch.seed is not None else ""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A drop-down, open or with the focus, needs Enter for itself (to open it).
        if action == "start_typed" and (isinstance(self.focused, Select)
                                  or any(s.expanded for s in self.query(Select))):
            return False
        return True

    def action_start_typed(self) -> None:
        """Enter: start once the keys typed before it (a seat toggled) have counted."""
        in_turn(self, self.action_start)

    @on(Button.Pressed, "#start")
    @on(OptionList.OptionSelected, "#scenario-list")
    def action_start(self) -> None:
        sc = self.scenario
        if sc is None:
            return  # cannot be loaded: the message is up
        if not self.query("#start"):  # Enter before the form painted: the defaults
            self.post_message(StartGame(self.launch.setup_for(sc)))
            return
        seats = tuple(self.query_one("#seats", SelectionList).selected)
        try:
            seed = parse_seed(self.query_one("#seed", Input).value)
            teams = parse_teams(self.query_one("#teams", Input).value, sc, seats)
        except WargameError as exc:
            self.notify(f"{exc}", severity="error", markup=False)
            return
        policy = self.launch.policy if sc is self._default and isinstance(
            self.launch.policy, dict) else str(self.query_one("#policy", Select).value)
        mode: Mode = "exercise" if self.query_one("#mode", Select).value == "exercise" \
            else "training"
        setup = Setup(sc, sc.seed if seed is None else seed, seats, policy, teams, mode)
        password = self.query_one("#facilitator-password", Input).value
        self.post_message(StartGame(setup, password))
