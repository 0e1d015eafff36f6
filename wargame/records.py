"""One repr, equality and hash for the core's attrs records, not ones compiled per class.

attrs writes and compiles a ``__repr__``, an ``__eq__`` and a ``__hash__`` for
each class when the class is defined: most of what defining a record costs,
paid at import, and the core's import is part of the terminal UI's start-up.
A record that sets ``__repr__ = fields_repr``, ``__eq__ = fields_eq`` and
(when frozen) ``__hash__ = fields_hash`` in its body gets the same behaviour
from these functions (attrs leaves alone the methods a class defines).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from operator import attrgetter
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


@cache
def _compared(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    """The values of ``cls``'s fields that attrs' equality compares, as one tuple."""
    names = [a.name for a in attrs.fields(cls) if a.eq]
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda record: (one(record),)
    if not names:
        return lambda record: ()
    return attrgetter(*names)


def fields_eq(self: Any, other: Any) -> bool:
    """Equal when of the same class and equal in every compared field (attrs' ``__eq__``)."""
    if other.__class__ is not self.__class__:
        return NotImplemented
    values = _compared(self.__class__)
    return values(self) == values(other)


def fields_hash(self: Any) -> int:
    """A hash of the class and the compared fields: equal records hash alike."""
    return hash((self.__class__, _compared(self.__class__)(self)))
