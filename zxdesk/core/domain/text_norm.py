"""Cleaning text typed by people or found in spreadsheets: widths and spaces."""

from __future__ import annotations

import re
from functools import lru_cache

# Full-width ASCII (！..～) to half-width, and the ideographic space to a space.
_HALF = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_HALF[0x3000] = 0x20
_HALF[0x00A0] = 0x20  # no-break space, common in pasted text
_WS = re.compile(r"\s+")


def to_halfwidth(text: str) -> str:
    """１９７５．０３ -> 1975.03; the ideographic space becomes a space."""
    return text.translate(_HALF)


def clean_text(value: object) -> str:
    """A cell or field as tidy text: half-width ASCII, single spaces, trimmed."""
    if value is None:
        return ""
    return _clean(value if value.__class__ is str else str(value))


@lru_cache(maxsize=65536)
def _clean(text: str) -> str:
    # Roster columns repeat the same values (sectors, parties, 汉族): cache them.
    return _WS.sub(" ", text.translate(_HALF)).strip()


def clean_name(value: object) -> str:
    """A person's name without any spaces ("张　三" padded to align is 张三).

    Names written in Latin letters keep one space between words.
    """
    text = clean_text(value)
    if re.search(r"[A-Za-z]\s+[A-Za-z]", text):
        return text
    return text.replace(" ", "")
