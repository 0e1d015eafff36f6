"""The terminal interface: a thin Textual shell over the Game API.

Only this package imports Textual; everything it shows comes from
``wargame.game`` and ``wargame.transcript``.
"""
