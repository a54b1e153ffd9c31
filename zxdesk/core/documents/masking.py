"""Masking personal data on everything zxdesk prints for the public.

Rules (decided here, tested in tests/core/test_printing_masking.py):

- Phone numbers keep only their first three and last four digits: 13912347890 becomes
  139****7890. A landline keeps its area code and last four digits: 0451-86123456 becomes
  0451-****3456; one written without a separator is masked the same way.
- Resident ID numbers are never printed. ``redact_text`` removes any 18- or 15-digit ID
  found in free text.
- Residents' names (parties of a mediation case, residents at a meeting) keep the surname
  and mask every other character: 张三丰 becomes 张**, 张三 becomes 张*. A compound surname
  (欧阳, 司马, 诸葛 …) is kept whole: 欧阳修 becomes 欧阳*. Keeping the surname is common
  practice on Chinese public notices, and a compound surname names no more people than a
  single one. Names written with a middle dot (阿依古丽·买买提) keep only their first
  character. Members' names are public and are printed in full.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 令狐 夏侯 轩辕 端木 西门 南宫 "
    "独孤 呼延 澹台 公冶 太史 申屠 闻人 万俟 钟离 单于 赫连 濮阳 淳于 仲孙 司空 鲜于 闾丘 "
    "拓跋 完颜 百里 东郭 梁丘 左丘 第五 谷梁 宰父 乐正 壤驷 公良 漆雕 巫马 微生 羊舌 段干".split()
)

_ID_RE = re.compile(r"(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")
_MOBILE_RE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?!\d)")
_LANDLINE_RE = re.compile(r"(?<!\d)(0\d{2,3})([- ]?)(\d{7,8})(?!\d)")
ID_REMOVED = "（证件号已隐去）"


def mask_phone(phone: str) -> str:
    """A phone number with its middle digits masked; '' for an empty value."""
    text = (phone or "").strip()
    if not text:
        return ""
    digits = re.sub(r"\D", "", text)
    if digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if len(digits) == 11 and digits[0] == "1":
        return f"{digits[:3]}****{digits[-4:]}"
    landline = _LANDLINE_RE.fullmatch(text) or _LANDLINE_RE.fullmatch(digits)
    if landline:
        area, sep, local = landline.groups()
        return f"{area}{sep or '-'}****{local[-4:]}"
    if len(digits) <= 4:
        return "*" * len(digits)
    keep = min(4, len(digits) // 3)
    return "*" * (len(digits) - keep) + digits[-keep:]


def surname_of(name: str) -> str:
    name = name.strip()
    if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES:
        return name[:2]
    return name[:1]


def mask_name(name: str) -> str:
    """A resident's name with everything but the surname masked."""
    name = (name or "").strip()
    if not name:
        return ""
    if len(name) == 1:
        return "*"
    if "·" in name or "•" in name or name.isascii():
        return name[0] + "*" * (len(name.replace(" ", "")) - 1)
    keep = surname_of(name)
    return keep + "*" * (len(name) - len(keep))


def split_names(text: str) -> list[str]:
    """Names written one per line or separated by commas, 、 or semicolons."""
    parts = re.split(r"[\n\r,，、;；]+", text or "")
    return [p.strip() for p in parts if p.strip()]


def _mask_mobile(m: re.Match) -> str:
    return f"{m.group(1)}****{m.group(3)}"


def _mask_landline(m: re.Match) -> str:
    area, sep, local = m.groups()
    return f"{area}{sep}****{local[-4:]}"


class Redactor:
    """Cleans free text before it is printed: IDs removed, phones and residents' names masked.

    ``resident_names`` are the full names to mask wherever they occur (the parties of
    mediation cases, residents named at meetings). Names in ``keep_names`` (members,
    whose names are public) are never masked, even if a resident has the same name.
    """

    def __init__(self, resident_names: Iterable[str] = (), keep_names: Iterable[str] = ()):
        keep = {n.strip() for n in keep_names if n and n.strip()}
        names = sorted({n for n in (x.strip() for x in resident_names) if len(n) >= 2 and n not in keep},
                       key=len, reverse=True)
        self._names = re.compile("|".join(map(re.escape, names))) if names else None

    def __call__(self, text: str) -> str:
        if not text:
            return ""
        text = _ID_RE.sub(ID_REMOVED, text)
        text = _MOBILE_RE.sub(_mask_mobile, text)
        text = _LANDLINE_RE.sub(_mask_landline, text)
        if self._names is not None:
            text = self._names.sub(lambda m: mask_name(m.group(0)), text)
        return text


redact_text = Redactor()
