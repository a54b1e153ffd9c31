"""Phone numbers: mobiles and landlines, full-width digits normalised.

Accepted: an 11-digit mobile (1[3-9]…, optionally +86), a landline with area code
(0451-12345678, (0451)12345678, 045112345678, with an optional extension), or a local
7–8 digit number. Several numbers may be given, separated by 、/，;.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text_norm import to_halfwidth

_SEPARATORS = re.compile(r"[、/,，;；]+")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_EXT = re.compile(r"^(.*?)(?:转|ext\.?|x|#)(\d{1,6})$", re.IGNORECASE)


@dataclass(frozen=True)
class PhoneCheck:
    value: str  # normalised, several numbers joined by "、"
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


def _area_code_length(digits: str) -> int:
    """010 and 02x are three digits long; every other area code is four."""
    return 3 if digits.startswith(("010", "02")) else 4


def normalize_one(text: str) -> str | None:
    """One number in its normal form, or None when it is not a phone number."""
    raw = to_halfwidth(text).strip()
    ext = ""
    m = _EXT.match(raw)
    if m:
        raw, ext = m.group(1), m.group(2)
    digits = re.sub(r"[\s\-()（）.]", "", raw)
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if not digits.isdigit():
        return None
    if _MOBILE.match(digits):
        return digits + (f"-{ext}" if ext else "")
    if digits.startswith("0") and 10 <= len(digits) <= 12:
        n = _area_code_length(digits)
        local = digits[n:]
        if len(local) in (7, 8) and local[0] != "0":
            return f"{digits[:n]}-{local}" + (f"-{ext}" if ext else "")
        return None
    if len(digits) in (7, 8) and digits[0] not in "01":
        return digits + (f"-{ext}" if ext else "")
    return None


def check_phone(text: str) -> PhoneCheck:
    """Normalise one or more phone numbers; an empty value is valid."""
    parts = [p for p in _SEPARATORS.split(to_halfwidth(text or "").strip()) if p.strip()]
    out = []
    for part in parts:
        one = normalize_one(part)
        if one is None:
            return PhoneCheck(to_halfwidth(text).strip(), f"电话号码格式不正确：{part.strip()}")
        out.append(one)
    return PhoneCheck("、".join(out))
