"""Negotiation at 80x24 with keys only: build an offer term by term, send it, answer
one in hot seat, and see the agreements and what would break them on the board."""

from __future__ import annotations

from tests.tui.conftest import DATA, burst, screen_name, to_board

TALKS = DATA / "talks.toml"


def text(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def list_text(app) -> str:
    listing = app.screen.query_one("#talks-list")
    return "\n".join(str(listing.get_option_at_index(i).prompt)
                     for i in range(listing.option_count))


async def begin(pilot, teams: str = "") -> None:
    await pilot.pause()
    if teams:
        pilot.app.screen.query_one("#teams").value = teams
    await pilot.press("enter")
    await pilot.pause()
    await to_board(pilot)


async def at_the_table(pilot, teams: str = "") -> None:
    """From the title to the board, then ``n``: the negotiation table."""
    await begin(pilot, teams)
    await pilot.press("n")
    await pilot.pause()


async def test_an_offer_is_built_term_by_term_and_sent_as_the_decision(make_app):
    app = make_app(TALKS, seed=1, seats=("west",))
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        assert "n: negotiate" in text(app, "#choice-head")
        await pilot.press("n")
        await pilot.pause()
        assert screen_name(app) == "NegotiationScreen"
        listed = list_text(app)
        assert "No missiles in Europe for inspections at two bases" in listed  # the package
        assert "Terms · Missiles" in listed  # a heading per open track
        assert "Inspections at two missile bases — The East" in listed  # who undertakes it
        await pilot.press("down", "down", "space")  # the East's inspections only
        await pilot.pause()
        draft = text(app, "#draft")
        assert "Offer to The East" in draft and "We ask" in draft
        assert "The East would reject" in draft and "threshold 0 (Standard)" in draft
        await pilot.press("up", "space")  # and our own undertaking: a trade
        await pilot.pause()
        assert "The East would accept" in text(app, "#draft")
        assert "If signed: Missiles +12, Tension -4" in text(app, "#talks-detail")
        await pilot.press("tab", *"a fair trade", "enter")
        await pilot.pause()
        await to_board(pilot)
        entry = app.table.game.outcome.log[0]
        assert (entry.offer, entry.to, entry.answer, entry.note) == (
            ("east_inspections", "west_no_inf"), "east", "accept", "a fair trade")
        assert screen_name(app) == "AnswerScreen"  # the East offers something back
        await pilot.press("escape")  # a look at the board first
        await pilot.pause()
        world = text(app, "#world-panel")
        assert "✓ No intermediate-range missiles in" in world  # wrapped to the panel
        assert "by The West, agreed with The East" in world
        assert "by The East, agreed with The West" in world
        news = text(app, "#news-text")  # training: why the AI answered as it did
        assert "why: worth 1 to it, at least its threshold 0 (Standard)" in news
        assert "An offer waits for your answer: n" in text(app, "#choice-head")
        await pilot.press("n")
        await pilot.pause()
        assert screen_name(app) == "AnswerScreen"


async def test_a_package_goes_as_itself_and_an_unfinished_draft_is_not_sent(make_app):
    app = make_app(TALKS, seed=1, seats=("west",), mode="exercise")
    async with app.run_test(size=(80, 24)) as pilot:
        await at_the_table(pilot)
        await pilot.press("enter")  # nothing on the table yet
        await pilot.pause()
        assert screen_name(app) == "NegotiationScreen" and not app.table.game.outcome.log
        await pilot.press("space")  # the package
        await pilot.pause()
        assert "would accept" not in text(app, "#draft")  # exercise: no AI's verdict
        await pilot.press("escape")  # the board; the draft stays at the table
        await pilot.pause()
        assert screen_name(app) == "DashboardScreen"
        await pilot.press("n")
        await pilot.pause()
        assert "◆ No missiles in Europe" in list_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.table.game.outcome.log[0].package == "missile_swap"
        await to_board(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert "why:" not in text(app, "#news-text")  # exercise: no reasons on the board


async def test_a_human_answerer_sees_the_offer_after_the_hand_over_and_answers(make_app):
    app = make_app(TALKS, seed=1, seats=("west", "east"))
    async with app.run_test(size=(80, 24)) as pilot:
        await at_the_table(pilot, "Washington=west; Moscow=east")
        await pilot.press("space")  # the package, to the East, a team at this table
        await pilot.pause()
        draft = text(app, "#draft")
        assert "The East is played at this table" in draft and "would" not in draft
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "HandOverScreen"
        assert "An offer waits for this team's answer" in text(app, "#handover-text")
        await to_board(pilot)
        assert screen_name(app) == "AnswerScreen"
        offer = text(app, "#offer")
        assert "The West offers The East 2 terms" in offer
        assert "Missiles · The East undertakes it (you)" in offer
        assert "If signed: Missiles +8, Cohesion +1" in offer
        await pilot.press("enter")  # no answer highlighted: nothing happens
        await pilot.pause()
        assert screen_name(app) == "AnswerScreen" and app.table.game.waiting.kind == "answer"
        await pilot.press("a", "enter")
        await pilot.pause()
        assert screen_name(app) == "DashboardScreen"
        assert app.table.game.state.signed == {"west_no_inf", "east_inspections"}


async def test_an_option_that_would_break_an_agreement_says_so_before_it_is_committed(make_app):
    app = make_app(TALKS, seed=1, seats=("west",))
    async with app.run_test(size=(80, 24)) as pilot:
        await at_the_table(pilot)
        await pilot.press("space", "enter")
        await pilot.pause()
        for _ in range(6):  # on to Vienna: answer (reject) what the East offers, decide
            await to_board(pilot)
            if app.table.game.waiting.turn == "vienna":
                break
            await pilot.press("r" if screen_name(app) == "AnswerScreen" else "2", "enter")
            await pilot.pause()
        await pilot.press("n")  # Vienna opens no track
        await pilot.pause()
        assert screen_name(app) == "DashboardScreen"
        assert any("No track is open" in n.message for n in app._notifications)
        listing = app.screen.query_one("#options")
        number = next(i for i in range(listing.option_count)
                      if listing.get_option_at_index(i).id == "deploy_inf") + 1
        assert "breaks an agreement" in str(listing.get_option_at_index(number - 1).prompt)
        await pilot.press(str(number))
        await pilot.pause()
        detail = text(app, "#detail")
        assert "Breaks an agreement:" in detail
        assert "No intermediate-range missiles in Europe (Tension +15, Missiles -30)" in detail
        await pilot.press("enter")
        await pilot.pause()
        await to_board(pilot)
        world = text(app, "#world-panel")
        assert "✗ No intermediate-range missiles" in world and "broken by Deploy" in world


async def test_the_mouse_takes_a_package_and_an_answer_needs_a_second_click(make_app):
    app = make_app(TALKS, seed=1, seats=("west", "east"))
    async with app.run_test(size=(80, 24)) as pilot:
        await at_the_table(pilot, "Washington=west; Moscow=east")
        await pilot.click("#talks-list", offset=(4, 1))  # the package's row
        await pilot.pause()
        assert "◆ No missiles in Europe" in list_text(app)
        await pilot.press("enter")
        await pilot.pause()
        await to_board(pilot)
        assert screen_name(app) == "AnswerScreen"
        await pilot.click("#answers", offset=(4, 2))  # Reject (under the rule): highlighted
        await pilot.pause()
        assert app.table.game.waiting.kind == "answer"
        await pilot.click("#answers", offset=(4, 2))
        await pilot.pause()
        assert app.table.game.outcome.log[0].answer == "reject"


async def test_keys_typed_faster_than_the_table_answers_each_count(make_app):
    """Space, Up, Space and Enter in one burst send both terms: each edit builds on the
    screen's last, not on the draft the table has shown so far."""
    app = make_app(TALKS, seed=1, seats=("west",))
    async with app.run_test(size=(80, 24)) as pilot:
        await at_the_table(pilot)
        await pilot.press("down", "down")  # the East's inspections
        await burst(pilot, "space", "up", "space", "enter")
        await to_board(pilot)
        entry = app.table.game.outcome.log[0]
        assert (entry.offer, entry.to) == (("east_inspections", "west_no_inf"), "east")


async def test_the_answer_typed_just_before_enter_is_the_one_committed(make_app):
    app = make_app(TALKS, seed=1, seats=("west", "east"))
    async with app.run_test(size=(80, 24)) as pilot:
        await at_the_table(pilot, "Washington=west; Moscow=east")
        await pilot.press("space", "enter")  # the package, to the East's team
        await pilot.pause()
        await to_board(pilot)
        assert screen_name(app) == "AnswerScreen"
        await pilot.press("a")  # Accept highlighted, then a change of mind, quickly
        await burst(pilot, "r", "enter")
        assert app.table.game.outcome.log[-1].answer == "reject"
        assert not app.table.game.state.signed


async def test_an_offer_the_table_refused_can_be_sent_again(make_app):
    """Paused by the facilitator, Enter is refused with the reason; resumed, Enter sends."""
    from wargame.table.model import WHITE_CELL
    from wargame.table.requests import Pause

    app = make_app(TALKS, seed=1, seats=("west",))
    async with app.run_test(size=(80, 24)) as pilot:
        await at_the_table(pilot)
        await pilot.press("space")  # the package
        await pilot.pause()
        cell = app.seating.client.white_cell("")
        cell.send(Pause(WHITE_CELL, True))
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "NegotiationScreen" and not app.table.game.outcome.log
        cell.send(Pause(WHITE_CELL, False))
        await pilot.press("enter")
        await pilot.pause()
        assert app.table.game.outcome.log[0].kind == "offer"


def test_what_a_term_is_worth_to_the_answerer_reads_as_the_news_prints_numbers():
    """'-3.33 to them', as 'worth -0.33 to it' beside it; not '-3.33333'."""
    from wargame.tui.widgets.terms import worth_note

    assert worth_note(-10 / 3) == "  (-3.33 to them)"
    assert worth_note(3) == "  (+3 to them)"
    assert worth_note(2.5) == "  (+2.5 to them)"
