"""Records to plain JSON types and back, checked against their annotations.

A seat's view and a request cross a wire as plain dicts, lists, strings and
numbers. ``to_plain`` writes any attrs record of the table; ``from_plain``
reads one back and refuses, with the path of the offending key, anything
that does not have the declared shape: a message from the wire is input
like any other, never trusted.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from functools import cache
from typing import Any, Literal, TypeVar, Union, cast, get_args, get_origin

import attrs

from wargame.errors import WargameError

T = TypeVar("T")


class WireError(WargameError):
    """A message that does not have the shape its type declares."""


def to_plain(value: Any) -> Any:
    """An attrs record (or a value inside one) as dicts, lists, str, numbers, bools, None."""
    if attrs.has(type(value)):
        return {f.name: to_plain(getattr(value, f.name)) for f in attrs.fields(type(value))}
    if isinstance(value, Mapping):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, (tuple, list, frozenset, set)):
        return [to_plain(v) for v in value]
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_plain(cls: type[T], data: Any, where: str = "") -> T:
    """The record ``cls`` read from ``data``; WireError names the first bad key."""
    return cast(T, _read(cls, data, where or cls.__name__))


def _read(hint: Any, data: Any, where: str) -> Any:
    origin = get_origin(hint)
    if hint is Any:
        return data
    if origin in (Union, types.UnionType):
        for option in get_args(hint):
            try:
                return _read(option, data, where)
            except WireError:
                continue
        raise WireError(f"{where}: {_kind(data)} is none of the allowed types")
    if origin is Literal:
        if data not in get_args(hint) or isinstance(data, bool) != any(
                isinstance(a, bool) for a in get_args(hint)):
            raise WireError(f"{where}: {data!r} is not one of {list(get_args(hint))}")
        return data
    if origin is tuple:
        return _read_tuple(hint, data, where)
    if origin in (frozenset, set):
        return frozenset(_read_items(get_args(hint)[0], data, where))
    if origin in (dict, Mapping):
        key, item = get_args(hint)
        if not isinstance(data, dict):
            raise WireError(f"{where}: {_kind(data)}, not a table")
        return {_read(key, k, f"{where}.{k}"): _read(item, v, f"{where}.{k}")
                for k, v in data.items()}
    if attrs.has(hint):
        return _read_record(hint, data, where)
    return _read_scalar(hint, data, where)


def _read_items(item: Any, data: Any, where: str) -> tuple[Any, ...]:
    if not isinstance(data, list | tuple):
        raise WireError(f"{where}: {_kind(data)}, not a list")
    return tuple(_read(item, v, f"{where}[{i}]") for i, v in enumerate(data))


def _read_tuple(hint: Any, data: Any, where: str) -> tuple[Any, ...]:
    args = get_args(hint)
    if len(args) == 2 and args[1] is Ellipsis:
        return _read_items(args[0], data, where)
    if not isinstance(data, list | tuple):
        raise WireError(f"{where}: {_kind(data)}, not a list")
    if len(args) != len(data):
        raise WireError(f"{where}: {len(data)} items, not {len(args)}")
    pairs = enumerate(zip(args, data, strict=True))
    return tuple(_read(a, v, f"{where}[{i}]") for i, (a, v) in pairs)


def _read_record(cls: type, data: Any, where: str) -> Any:
    if not isinstance(data, dict):
        raise WireError(f"{where}: {_kind(data)}, not a table")
    hints = _hints(cls)
    known = {f.name for f in attrs.fields(cls) if f.init}
    unknown = sorted(set(data) - known)
    if unknown:
        raise WireError(f"{where}: unknown key '{unknown[0]}'")
    values = {}
    for name in known:
        if name in data:
            values[name] = _read(hints[name], data[name], f"{where}.{name}")
    try:
        return cls(**values)
    except (TypeError, ValueError) as exc:
        raise WireError(f"{where}: {exc}") from None


def _read_scalar(hint: Any, data: Any, where: str) -> Any:
    if hint is type(None):
        if data is not None:
            raise WireError(f"{where}: {_kind(data)}, not null")
        return None
    if hint is float:
        if isinstance(data, bool) or not isinstance(data, int | float):
            raise WireError(f"{where}: {_kind(data)}, not a number")
        return float(data)
    if hint is int:
        if isinstance(data, bool) or not isinstance(data, int):
            raise WireError(f"{where}: {_kind(data)}, not a whole number")
        return data
    if hint in (str, bool):
        if type(data) is not hint:
            raise WireError(f"{where}: {_kind(data)}, not {hint.__name__}")
        return data
    raise TypeError(f"{where}: no wire form for {hint!r}")  # a programming error


def _kind(data: Any) -> str:
    if data is None:
        return "null"
    if isinstance(data, bool):
        return "a boolean"
    if isinstance(data, str):
        return "text"
    if isinstance(data, int | float):
        return "a number"
    if isinstance(data, list):
        return "a list"
    if isinstance(data, dict):
        return "a table"
    return type(data).__name__
