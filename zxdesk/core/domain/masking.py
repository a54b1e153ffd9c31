"""Masking personal data on printouts: 张三丰 -> 张**, phone and ID numbers.

Printouts are posted in public (boards, rota sheets, mediation ledgers); people who are
not members, such as the parties of a mediation case, appear only masked.
"""

from __future__ import annotations

import re

# Separators between names in a free-text list of people (one per line, or 、，,；;).
_NAME_SEPARATORS = re.compile(r"[\n\r、，,；;]+")


def mask_name(name: str) -> str:
    """Keep the first character, star the rest: 张三丰 -> 张**, 李四 -> 李*, 王 -> *."""
    name = name.strip()
    if not name:
        return ""
    if len(name) == 1:
        return "*"
    return name[0] + "*" * (len(name) - 1)


def mask_names(text: str, joiner: str = "、") -> str:
    """Mask every name of a list written one per line or separated by 、，；."""
    return joiner.join(mask_name(part) for part in _NAME_SEPARATORS.split(text) if part.strip())


def mask_phone(phone: str) -> str:
    """13912345678 -> 139****5678; short numbers keep only their last two digits."""
    digits = phone.strip()
    if len(digits) >= 11:
        return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
    if len(digits) > 2:
        return "*" * (len(digits) - 2) + digits[-2:]
    return "*" * len(digits)


def mask_id_number(id_number: str) -> str:
    """18-character resident ID: keep the first 6 and last 4 characters."""
    value = id_number.strip()
    if len(value) <= 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]
