"""The shared repr, equality and hash behave as the ones attrs would compile."""

from __future__ import annotations

import attrs

from wargame.engine.state import Forecast
from wargame.records import fields_eq, fields_hash, fields_repr
from wargame.table.requests import Decide, Undo


@attrs.frozen
class Kept:
    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    name: str
    cache: dict[str, int] = attrs.field(factory=dict, eq=False, repr=False)


@attrs.frozen
class Generated:
    name: str
    cache: dict[str, int] = attrs.field(factory=dict, eq=False, repr=False)


def test_equal_records_are_equal_and_hash_alike():
    a, b = Decide("us", "talks", "why"), Decide("us", "talks", "why")
    assert a == b and not a != b and hash(a) == hash(b) and len({a, b}) == 1
    assert Decide("us", "talks") != Decide("us", "sanctions")
    assert Forecast("ru", "invade", 0.5) == Forecast("ru", "invade", 0.5)


def test_records_of_other_classes_differ_even_with_the_same_fields():
    assert Undo("us") != Decide("us", "") and Undo("us") != ("us",)


def test_fields_attrs_leaves_out_of_equality_are_left_out_as_attrs_does():
    kept = (Kept("x", {"a": 1}), Kept("x", {"b": 2}))
    generated = (Generated("x", {"a": 1}), Generated("x", {"b": 2}))
    assert (kept[0] == kept[1]) == (generated[0] == generated[1]) is True
    assert hash(kept[0]) == hash(kept[1])
    assert repr(kept[0]) == repr(generated[0]).replace("Generated", "Kept")
