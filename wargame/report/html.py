"""The after-action report as one self-contained HTML page.

Inline CSS and inline SVG only: nothing is fetched from the web, no script is
needed, and it prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape

from wargame.report import odds as odds_mod
from wargame.report import record, svg
from wargame.report.compare import Comparison
from wargame.report.compare import header as compare_head
from wargame.report.compare import labels as compare_labels
from wargame.report.compare import rows as compare_rows
from wargame.report.format import fmt_number, signed
from wargame.report.markdown import note_label
from wargame.report.model import ChangeRow, Line, Report, Series, TurnBlock
from wargame.report.odds import Odds
from wargame.report.style import CSS


def e(text: object) -> str:
    return escape(str(text), quote=True)


def paras(text: str) -> str:
    blocks = [b.strip() for b in text.strip().split("\n\n") if b.strip()]
    return "".join(f"<p>{e(' '.join(b.split()))}</p>" for b in blocks)


def page(title: str, body: Iterable[str]) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{e(title)}</title><style>{CSS}</style></head><body>"
            + "".join(body)
            + "<footer>Made by wargame report. Every number comes from replaying the "
              "game's log.</footer></body></html>\n")


def table(head: Sequence[str], rows: Iterable[Sequence[str]],
          numeric: Sequence[int] = ()) -> str:
    """Rows are already-escaped HTML cells; ``numeric`` columns align right."""
    def cls(i: int) -> str:
        return ' class="n"' if i in numeric else ""

    out = ["<table><thead><tr>"]
    out += [f"<th{cls(i)}>{e(h)}</th>" for i, h in enumerate(head)]
    out.append("</tr></thead><tbody>")
    for row in rows:
        out.append("<tr>" + "".join(f"<td{cls(i)}>{c}</td>" for i, c in enumerate(row))
                   + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def direction(delta: float, higher_is: str) -> str:
    """CSS class of a change: ``up`` (worse) or ``down`` (better), by the number's meaning."""
    if higher_is == "neutral" or delta == 0:
        return ""
    worse = (delta > 0) == (higher_is == "worse")
    return "up" if worse else "down"


def change_html(row: ChangeRow, higher: Mapping[str, str]) -> str:
    cls = direction(row.delta, higher.get(row.target, "neutral"))
    return (f'{e(row.name)} {fmt_number(row.before)}→{fmt_number(row.after)} '
            f'<span class="{cls}">({signed(row.delta)})</span>')


def header(r: Report) -> str:
    facts = [("Scenario", f"{e(r.title)} (<code>{e(r.setup.scenario.id)}</code>)"),
             ("Seed", e(r.setup.seed)), ("AI doctrine", e(r.doctrine))]
    if r.setup.mode:
        facts.append(("Mode", e(r.setup.mode)))
    end = r.debrief.ending
    facts.append(("Result", f"<b>{e(end.title)}</b> ({e(end.tone)}), "
                  f"{e(r.state_line)}" if end else e(r.state_line)))
    if r.source:
        facts.append(("Save", f"<code>{e(r.source)}</code>"))
    dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts)
    seats = table(["Actor", "Played by"], ([e(s.actor), e(s.played_by)] for s in r.seats))
    return (f"<header><h1>After-action report: {e(r.title)}</h1>"
            f'<p class="summary">{e(r.summary)}</p><dl class="facts">{dl}</dl></header>'
            f"<h2>Teams and seats</h2>{seats}")


def real(text: str, label: str = "In 2022") -> str:
    return f'<div class="real"><b>{e(label)}</b>{paras(text)}</div>' if text else ""


def ending(r: Report) -> str:
    end = r.debrief.ending
    if end is None:
        return f"<h2>Ending</h2><p>The game is {e(r.state_line)}.</p>"
    return (f'<h2>Ending</h2><div class="ending {e(end.tone)}">'
            f"<h3>{e(end.title)} <small>({e(end.tone)})</small></h3>"
            f"{paras(end.text)}</div>{real(end.history, 'What actually happened')}")


def objectives(r: Report) -> str:
    d = r.debrief
    if not d.objectives:
        return ""
    rows = []
    for o in d.objectives:
        secret = ' <span class="secret">secret, revealed</span>' if o.secret else ""
        met = '<span class="yes">✓ met</span>' if o.met else '<span class="no">✗ not met</span>'
        rows.append([e(o.actor), e(o.title) + secret, fmt_number(o.points), met])
    head = "" if d.ending else "<p>The game is not over: objectives as they stand.</p>"
    points = ""
    if d.scores:
        points = "<p><b>Points:</b> " + ", ".join(
            f"{e(a)} {fmt_number(p)}" for a, p in d.scores.items()) + "</p>"
    return (f"<h2>Objectives</h2>{head}"
            + table(["Actor", "Objective", "Points", "Met"], rows, numeric=(2,)) + points)


def odds_html(o: Odds | None, runs: int, r: Report) -> str:
    if o is None:
        return "" if runs <= 0 else "<h2>Against the odds</h2><p>Available once the game " \
                                    "has ended.</p>"
    bars = []
    for title, share in o.endings:
        cls = "bar this" if title == o.ending else "bar"
        bars.append([e(title), f'<span class="{cls}" style="width:{share * 12:.2f}rem"></span> '
                     f"{odds_mod.pct(share)}"])
    rows = [[e(s.name), fmt_number(s.value), odds_mod.pct(s.lower), odds_mod.pct(s.higher)]
            for s in o.standings]
    verdict = odds_mod.verdict(o, r.debrief.tone, r.people, r.interventions)
    return ("<h2>Against the odds</h2>"
            f'<p><span class="share">{odds_mod.pct(o.same_ending)}</span>'
            f"{e(odds_mod.ending_tail(o))}</p>"
            f'<p class="verdict">{e(verdict)}</p>'
            + table(["Ending of simulated games", "Share"], bars)
            + f"<p>Where this game's final numbers stand among {o.runs:,} simulated games:</p>"
            + table(["", "This game", "Games that ended lower", "Games that ended higher"],
                    rows, numeric=(1, 2, 3)))


def labels(r: Report) -> list[str]:
    done = {label for label, _ in r.series[0].points} if r.series else set()
    return ["S"] + [str(b.index) for b in r.turns if b.id in done]


def chart(s: Series, xlabels: Sequence[str], lines: Sequence[svg.Line],
          mark: int | None = None) -> str:
    return (f"<figure><figcaption>{e(s.name)}</figcaption>"
            + svg.chart(s.name, xlabels, lines, s.low, s.high, s.guides, mark)
            + "</figure>")


def charts(r: Report) -> str:
    xl = labels(r)
    figs = [chart(s, xl, [svg.Line(s.name, tuple(v for _, v in s.points))]) for s in r.series]
    return ("<h2>Indicators and tracks over the turns</h2>"
            "<p>S is the start; each point is the value after that turn.</p>"
            f'<div class="charts">{"".join(figs)}</div>')


def line_html(x: Line, higher: Mapping[str, str]) -> str:
    kinds = {"decision": "decision", "pass": "pass", "event": "event",
             "inject": "white cell inject", "adjust": "white cell",
             "rewind": "white cell rewind", "ending": "ending",
             "offer": "offer", "answer": "answer", "sign": "agreement", "breach": "breach"}
    who = f"<b>{e(x.who)}</b>: " if x.kind in ("decision", "pass") else ""
    title = f"<b>{e(x.title)}</b>" if x.kind == "breach" else e(x.title)
    tag = " (AI)" if x.by_ai and x.kind in ("offer", "answer") else ""
    out = [f'<li class="k-{e(x.kind)}"><span class="kind">{kinds.get(x.kind, x.kind)}</span>'
           f"{who}{title}{tag}"]
    if x.changes:
        out.append('<span class="moves">'
                   + "; ".join(change_html(c, higher) for c in x.changes) + "</span>")
    if x.terms:
        out.append(f'<span class="note">Terms: {e(x.terms)}</span>')
    if x.why:
        out.append(f'<span class="why">Why: {e(x.why)}</span>')
    if x.note:
        out.append(f'<span class="note">{note_label(x.kind)}: “{e(x.note)}”</span>')
    return "".join(out) + "</li>"


def turn_html(b: TurnBlock, higher: Mapping[str, str]) -> str:
    items = "".join(line_html(x, higher) for x in b.lines) or "<li>(nothing yet)</li>"
    solo = "" if b.history else " solo"
    return (f'<section class="turn{solo}"><h3>Turn {b.index} · {b.date:%d %b %Y} · {e(b.venue)} — '
            f"{e(b.title)}</h3><div><ul>{items}</ul></div>"
            f"<div>{real(b.history)}</div></section>")


def higher_map(r: Report) -> dict[str, str]:
    return {s.id: s.higher_is for s in r.series}


def timeline(r: Report) -> str:
    higher = higher_map(r)
    intro = ("<p>This game on the left; what really happened on the right.</p>"
             if any(b.history for b in r.turns) else "")
    return "<h2>Timeline</h2>" + intro + "".join(turn_html(b, higher) for b in r.turns)


def ledgers(r: Report) -> str:
    out = ["<h2>Why the numbers moved</h2>"
           "<p>Every change of every indicator and track, with its cause.</p>"]
    for s in r.series:
        out.append(f"<h3>{e(s.name)}</h3>")
        if not s.ledger:
            out.append(f"<p>Unchanged at {fmt_number(s.points[0][1])}.</p>")
            continue
        rows = ([str(c.turn), fmt_number(c.before), fmt_number(c.after),
                 f'<span class="{direction(c.delta, s.higher_is)}">{signed(c.delta)}</span>',
                 e(c.why), e(c.note)] for c in s.ledger)
        out.append(table(["Turn", "From", "To", "Change", "Cause", "Note"], rows,
                         numeric=(0, 1, 2, 3)))
    return "".join(out)


def forecasts(r: Report) -> str:
    """Each team's forecasts beside the moves made, and its score."""
    if not r.forecasts:
        return ""
    out = ["<h2>Forecasts against the moves</h2>"]
    for team in r.forecasts:
        out.append(f"<h3>{e(team.team)}</h3><p>{e(record.score_text(team))}</p>")
        rows = ([e(f"{x.turn}. {x.turn_title}"), e(x.about), e(x.expected),
                 e(record.pct_text(x.confidence)), e(x.actual),
                 {True: '<span class="yes">✓ yes</span>', False: '<span class="no">✗ no</span>',
                  None: ""}[x.hit]] for x in team.lines)
        out.append(table(["Turn", "About", "Expected", "Confidence", "Actual move", "Right"],
                         rows, numeric=(3,)))
    return "".join(out)


def white_cell(r: Report) -> str:
    """Every white-cell action with its reason."""
    if not r.white_cell:
        return ""
    rows = ([e(f"{w.turn}. {w.turn_title}"), e(w.action), e(w.reason)] for w in r.white_cell)
    return "<h2>The white cell's actions</h2>" + table(["Turn", "Action", "Reason"], rows)


def render(r: Report, o: Odds | None = None, runs: int = 0) -> str:
    body = [header(r), ending(r), objectives(r), forecasts(r), odds_html(o, runs, r),
            charts(r), timeline(r), white_cell(r), ledgers(r)]
    if r.debrief.history:
        body.append(f"<h2>What actually happened in 2022</h2>{paras(r.debrief.history)}")
    return page(f"After-action report: {r.title}", body)


# -- two games side by side ---------------------------------------------------

def _pair(va: float | None, vb: float | None, higher_is: str) -> str:
    if va is None or vb is None:
        return f"{'–' if va is None else fmt_number(va)} / {'–' if vb is None else fmt_number(vb)}"
    diff = vb - va
    cls = direction(diff, higher_is)
    tail = f'<br><span class="{cls} delta">({signed(diff)})</span>' if diff else ""
    return f"{fmt_number(va)} / {fmt_number(vb)}{tail}"


def compare_header(c: Comparison) -> str:
    (what, x, y), *rest = compare_head(c)
    rows = [[what, f"<code>{e(x)}</code>", f"<code>{e(y)}</code>"]]
    rows += [[e(what), e(x), e(y)] for what, x, y in rest]
    return (f"<header><h1>Two games of {e(c.a.title)} compared</h1>"
            f'<p class="summary">{e(c.a.summary)}</p></header>'
            + table(["", "Game A", "Game B"], rows))


def compare_divergence(c: Comparison) -> str:
    items = [f"<li>{e(n)}</li>" for n in c.notes]
    d = c.divergence
    if d is None:
        items.append("<li>The two logs are the same: these are the same game.</li>")
    else:
        items.append(f"<li>First different log entry (number {d.index + 1}): <b>turn "
                     f"{d.turn}, {e(d.turn_title)}</b>; {e(d.who)}.<ul>"
                     f'<li><span class="legend"><span class="a">Game A</span></span>: '
                     f"{e(d.a)}</li>"
                     f'<li><span class="legend"><span class="b">Game B</span></span>: '
                     f"{e(d.b)}</li></ul></li>")
    return f'<h2>Where the games parted</h2><div class="diverge"><ul>{"".join(items)}</ul></div>'


def compare_numbers(c: Comparison) -> str:
    labels = compare_labels(c)
    since = (f" From the start of turn {c.divergence.turn}, where they parted."
             if c.divergence and c.start else "")
    body = []
    for (_, name, pairs), s in zip(compare_rows(c), c.a.series, strict=True):
        body.append([e(name), *(_pair(va, vb, s.higher_is) for va, vb in pairs)])
    mark = c.divergence.turn - 1 if c.divergence and not c.notes else None
    short = ["S" if x == "Start" else x[1:] for x in labels]
    figs = []
    for sa, sb in zip(c.a.series, c.b.series, strict=True):
        figs.append(chart(sa, short, [svg.Line("A", tuple(v for _, v in sa.points), "a"),
                                      svg.Line("B", tuple(v for _, v in sb.points), "b")],
                          mark))
    return ("<h2>How the numbers differed</h2>"
            f"<p>Each cell: game A / game B (B − A).{e(since)}</p>"
            + '<div class="wide">'
            + table(["", *labels[c.start:]], body, numeric=tuple(range(1, len(labels) + 1)))
            + "</div>"
            + '<p class="legend"><span class="a">── game A</span> · '
              '<span class="b">- - game B</span>'
            + (" · the red dotted line marks the turn they parted" if mark is not None else "")
            + f'</p><div class="charts">{"".join(figs)}</div>')


def compare_timeline(c: Comparison) -> str:
    first = c.divergence.turn if c.divergence and not c.notes else 1
    higher = higher_map(c.a)
    turns_a = {b.index: b for b in c.a.turns}
    turns_b = {b.index: b for b in c.b.turns}
    out = ["<h2>The turns side by side</h2>"]
    for index in sorted(set(turns_a) | set(turns_b)):
        if index < first:
            continue
        block = turns_a.get(index) or turns_b[index]
        cols = []
        for tag, mine in (("a", turns_a.get(index)), ("b", turns_b.get(index))):
            items = "".join(line_html(x, higher) for x in (mine.lines if mine else ())) \
                or "<li>(not played)</li>"
            cols.append(f'<div><p class="legend"><span class="{tag}">Game {tag.upper()}'
                        f"</span></p><ul>{items}</ul></div>")
        out.append(f'<section class="turn side"><h3>Turn {index} · {block.date:%d %b %Y} · '
                   f"{e(block.title)}</h3>{''.join(cols)}</section>")
    return "".join(out)


def render_compare(c: Comparison) -> str:
    body = [compare_header(c), compare_divergence(c), compare_numbers(c), compare_timeline(c)]
    return page(f"Two games of {c.a.title} compared", body)
