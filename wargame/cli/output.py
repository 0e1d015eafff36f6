"""What every command writes: exit codes and JSON on stdout."""

from __future__ import annotations

import json
import sys
from typing import Any

OK, CHECK_FAILED, BAD_INPUT = 0, 1, 2
BROKEN_PIPE = 141
"""stdout was closed before we were done (``| head``), as a shell reports SIGPIPE."""


def emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")
