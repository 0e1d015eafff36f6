"""Addresses: whether one is this machine's alone, and how others in the room reach it."""

from __future__ import annotations

import ipaddress
import socket

WILDCARDS = ("0.0.0.0", "::", "")
"""Listen addresses that mean every network this machine is on."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def room_address() -> str:
    """This machine's address on the local network, as other machines reach it."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.connect(("192.0.2.1", 9))  # a UDP connect sends nothing
            return str(sock.getsockname()[0])
    except OSError:
        return "THIS-MACHINE"


def shown_address(host: str) -> str:
    """The address to print for a server listening on ``host`` (a room's for a wildcard)."""
    shown = room_address() if host in WILDCARDS else host
    return f"[{shown}]" if ":" in shown else shown
