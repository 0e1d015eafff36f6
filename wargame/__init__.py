"""wargame: a terminal wargame of a diplomatic crisis.

The core (this package minus ``wargame.tui``) is plain Python and imports no
Textual; the terminal UI and the command line are thin shells over ``Game``.
"""

from __future__ import annotations

__version__ = "0.1.0"
FORMAT_VERSION = 1
