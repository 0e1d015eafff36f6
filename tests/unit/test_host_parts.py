"""The host's parts without a network: codes, the slowing of guessers, the journal, the door."""

from __future__ import annotations

import json

import pytest

from wargame.host.codes import ALPHABET, CodeBook, Throttle, new_code, normalize
from wargame.host.journal import Journal, JournalError
from wargame.host.wire import MAX_MESSAGE, Hello, Send, WireError, decode


def test_codes_are_long_random_and_forgiving_to_type():
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200
    code = codes.pop()
    assert len(normalize(code)) == 20 and set(normalize(code)) <= set(ALPHABET)
    book = CodeBook.for_roles(["Washington", "Moscow"])
    washington = book.code_of("Washington")
    assert book.role_of(washington) == "Washington"
    typed = washington.lower().replace("-", " ").replace("1", "l").replace("0", "o")
    assert book.role_of(typed) == "Washington"
    assert book.role_of(washington[:-1]) is None
    assert book.role_of("") is None
    assert set(book.codes.values()) == {"Washington", "Moscow", "white cell"}


def test_repeated_wrong_codes_wait_longer_each_time_up_to_a_minute():
    throttle = Throttle()
    waits = []
    for _ in range(12):
        throttle.failed("10.0.0.9", now=100.0)
        waits.append(throttle.wait("10.0.0.9", now=100.0))
    assert waits[:2] == [0.0, 0.0] and waits[2] > 0
    assert waits == sorted(waits) and waits[-1] == 60.0
    assert throttle.wait("10.0.0.10", now=100.0) == 0.0  # another address is not slowed
    assert throttle.wait("10.0.0.9", now=100.0 + 3601) == 0.0  # forgotten after an hour
    throttle.failed("10.0.0.9")
    throttle.succeeded("10.0.0.9")
    assert throttle.wait("10.0.0.9") == 0.0


def test_the_journal_keeps_its_requests_in_order_and_one_host_at_a_time(tmp_path):
    path = tmp_path / "t.journal"
    journal = Journal.open(path)
    journal.begin({"save": "x", "path": "y"}, {"ABC": "Moscow"})
    assert [journal.append("Moscow", "s", {"n": i}) for i in range(3)] == [1, 2, 3]
    with pytest.raises(JournalError, match="another host"):
        Journal.open(path)
    with pytest.raises(JournalError, match="already holds"):
        journal.begin({}, {})
    journal.close()
    again = Journal.open(path)
    assert [e.body["n"] for e in again.entries()] == [0, 1, 2]
    assert again.meta("codes") == {"ABC": "Moscow"}
    again.close()
    (tmp_path / "junk.journal").write_text("not a database at all" * 100)
    with pytest.raises(JournalError, match="not a journal"):
        Journal.open(tmp_path / "junk.journal")
    with pytest.raises(JournalError, match="not a regular file"):
        Journal.open(tmp_path)


@pytest.mark.parametrize(("text", "reason"), [
    (b"\x00binary", "binary"),
    ("x" * (MAX_MESSAGE + 1), "larger than"),
    ("[1, 2]", "JSON object"),
    ("{", "not JSON"),
    ("[" * 50_000, "nested deeper"),
    (json.dumps({"type": "request", "version": -1, "request": {}}), "version"),
    (json.dumps({"type": "request", "version": True, "request": {}}), "version"),
    (json.dumps({"type": "request", "version": 0, "request": []}), "request must"),
    (json.dumps({"type": "hello", "code": 5}), "code must"),
    (json.dumps({"type": "hello", "code": "x", "screen": "a\u202eb"}), "control"),
    (json.dumps({"type": "hello", "code": "x", "screen": "s" * 41}), "longer"),
    (json.dumps({"type": "nope"}), "unknown message type"),
])
def test_the_door_refuses_what_breaks_the_protocol_with_a_reason(text, reason):
    with pytest.raises(WireError, match=reason):
        decode(text)


def test_the_door_lets_in_what_the_protocol_says():
    assert decode('{"type": "hello", "code": "AB-CD", "screen": "laptop 2"}') == \
        Hello("AB-CD", "laptop 2")
    assert decode('{"type": "request", "version": 3, "request": {"request": "Undo"}}') == \
        Send(3, {"request": "Undo"})
