"""The terminal interface: a thin Textual shell over the Game API.

Only this package imports Textual; everything it shows comes from
``wargame.engine.game`` and ``wargame.report.transcript``.
"""
