"""One repr for the core's attrs records, instead of one compiled per class.

attrs writes and compiles a ``__repr__`` for each class when the class is
defined: about a quarter of what defining a record costs, paid at import, and
the core's import is part of the terminal UI's start-up. A record that sets
``__repr__ = fields_repr`` in its body gets the same text from this one
function (attrs leaves alone a ``__repr__`` the class defines).
"""

from __future__ import annotations

from typing import Any

import attrs


def fields_repr(self: Any) -> str:
    """``Band(start=0.0, label='calm')``: the fields attrs would show, in its format.

    The records that use it hold no cycles, so attrs' guard against
    recursing into one is left out.
    """
    shown = ", ".join(f"{a.name}={getattr(self, a.name)!r}"
                      for a in attrs.fields(type(self)) if a.repr)
    return f"{type(self).__qualname__.rsplit('>.', 1)[-1]}({shown})"
