"""Writing command results: JSON always in UTF-8, whatever the console's code page."""

from __future__ import annotations

import json
import sys
from typing import Any


def _default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def emit_json(obj: Any) -> None:
    data = json.dumps(obj, ensure_ascii=False, indent=2, default=_default)
    out = getattr(sys.stdout, "buffer", None)
    if out is not None:
        out.write(data.encode("utf-8") + b"\n")
        out.flush()
    else:
        sys.stdout.write(data + "\n")


def say(line: str) -> None:
    """A line for people; never fails on a console that cannot show Chinese."""
    try:
        print(line, flush=True)
    except UnicodeEncodeError:
        enc = sys.stdout.encoding or "ascii"
        print(line.encode(enc, errors="replace").decode(enc), flush=True)
