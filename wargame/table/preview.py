"""What a white-cell inject or adjustment would move, asked of a table.

A question, not a change: the answer is the preview's text (``describe``'s,
the one wording), the table stays as it was, and nothing is logged. The
console at one screen asks its ``LocalTable``; on a hosted table the host
answers with this same function on its own table.
"""

from __future__ import annotations

from wargame.engine.preview import PreviewText, describe, preview_adjust, preview_inject
from wargame.table import requests as rq
from wargame.table.apply import admit
from wargame.table.model import Table

Question = rq.Inject | rq.Adjust
"""What the console asks about: the request it would release (its note unused)."""


def preview(table: Table, question: Question) -> PreviewText:
    """What releasing ``question`` now would move.

    Refused if its sender may not send it (a seat asking); GameError for an
    event or number the scenario lacks, or an amount out of bounds.
    """
    admit(table, question)
    game = table.game
    if isinstance(question, rq.Inject):
        return describe(game, preview_inject(game, question.event))
    return describe(game, preview_adjust(game, question.target, question.amount))
