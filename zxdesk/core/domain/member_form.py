"""A member as entered in the form or read from a roster, and its validation.

``validate_member`` returns the cleaned draft and a Chinese message per bad field; the
form calls the per-field checks as the clerk types, the services call it before saving.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace

from .identity import IdCheck, check_id_number, id_birth_month, id_gender
from .member_fields import (
    normalize_ethnicity,
    normalize_gender,
    normalize_level,
    normalize_party,
    normalize_role,
    normalize_status,
)
from .phone import check_phone
from .text_norm import clean_name, clean_text
from .vocab import GENDERS, LEVELS, ROLES, STATUSES
from .year_month import DateText, parse_year_month

MAX_NAME = 40


@dataclass
class MemberDraft:
    """Every editable field of a member; references are uuids."""

    name: str = ""
    gender: str = ""
    ethnicity: str = "汉族"
    birth: str = ""  # YYYY-MM, or any text parse_year_month reads
    party: str = ""
    sector_uuid: str | None = None
    station_uuid: str | None = None
    unit: str = ""
    title: str = ""
    phone: str = ""
    id_number: str = ""
    education: str = ""
    level: str = "县"
    term: str = ""
    role: str = "委员"
    status: str = "在任"
    joined_on: dt.date | None = None
    left_on: dt.date | None = None
    photo_sha256: str = ""
    note: str = ""

    def as_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


DRAFT_FIELDS = tuple(f.name for f in fields(MemberDraft))


def check_name(text: str) -> tuple[str, str]:
    name = clean_name(text)
    if not name:
        return name, "请填写姓名"
    if len(name) > MAX_NAME:
        return name, f"姓名过长（最多{MAX_NAME}个字）"
    if any(ch.isdigit() for ch in name):
        return name, "姓名中不应有数字"
    return name, ""


def _valid_id(id_number: str) -> str:
    idc = check_id_number(id_number) if id_number else None
    return idc.value if idc is not None and idc.ok else ""


def check_birth(text: str, id_number: str = "", *, checked: bool = False) -> tuple[str, str]:
    """(YYYY-MM, error); an empty birth takes the ID's birth month.

    ``checked``: id_number is already known to be valid (or empty).
    """
    valid = id_number if checked else _valid_id(id_number)
    from_id = id_birth_month(valid) if valid else ""
    raw = clean_text(text)
    if not raw:
        return from_id, ""
    try:
        birth = parse_year_month(raw)
    except DateText as exc:
        return raw, f"出生年月无法识别（{exc}），请写成 1975-03"
    if from_id and birth != from_id:
        return birth, f"出生年月与身份证号不一致（身份证号为 {from_id}）"
    if birth > dt.date.today().strftime("%Y-%m"):
        return birth, "出生年月不能晚于今天"
    return birth, ""


def check_gender(text: str, id_number: str = "", *, checked: bool = False) -> tuple[str, str]:
    gender = normalize_gender(text)
    valid = id_number if checked else _valid_id(id_number)
    from_id = id_gender(valid) if valid else ""
    if not gender:
        return from_id, ""
    if gender not in GENDERS:
        return gender, "性别应为“男”或“女”"
    if from_id and gender != from_id:
        return gender, f"性别与身份证号不一致（身份证号为{from_id}性）"
    return gender, ""


def _choice(value: str, allowed: tuple[str, ...], label: str) -> str:
    if value and value not in allowed:
        return f"{label}应为{'、'.join(allowed)}之一"
    return ""


def validate_member(draft: MemberDraft, *, checked: bool = False) -> tuple[MemberDraft, dict[str, str]]:
    """The cleaned draft and {field: Chinese message} for every invalid field.

    ``checked``: the roster reader has already checked the ID number and turned the
    birth into YYYY-MM (and checked it against the ID); those checks are not repeated.
    """
    errors: dict[str, str] = {}
    d = replace(draft)
    d.name, msg = check_name(draft.name)
    if msg:
        errors["name"] = msg
    idc = IdCheck(draft.id_number) if checked else check_id_number(draft.id_number or "")
    d.id_number = idc.value
    if not idc.ok:
        errors["id_number"] = idc.error
    valid_id = d.id_number if idc.ok else ""
    if checked and (not draft.birth or not valid_id):
        d.birth, msg = (draft.birth or (id_birth_month(valid_id) if valid_id else "")), ""
    else:
        d.birth, msg = check_birth(draft.birth or "", valid_id, checked=True)
    if msg:
        errors["birth"] = msg
    d.gender, msg = check_gender(draft.gender or "", valid_id, checked=True)
    if msg:
        errors["gender"] = msg
    phone = check_phone(draft.phone or "")
    d.phone = phone.value
    if not phone.ok:
        errors["phone"] = phone.error
    d.ethnicity = normalize_ethnicity(draft.ethnicity or "")
    d.party = normalize_party(draft.party or "")
    d.level = normalize_level(draft.level or "") or "县"
    d.role = normalize_role(draft.role or "") or "委员"
    d.status = normalize_status(draft.status or "") or "在任"
    for key, allowed, label in (("level", LEVELS, "级别"), ("role", ROLES, "政协职务"), ("status", STATUSES, "状态")):
        msg = _choice(getattr(d, key), allowed, label)
        if msg:
            errors[key] = msg
    for key in ("unit", "title", "education", "term", "note"):
        setattr(d, key, clean_text(getattr(draft, key) or "") if key != "note" else (draft.note or "").strip())
    if d.joined_on and d.left_on and d.left_on < d.joined_on:
        errors["left_on"] = "离任日期不能早于任职日期"
    if d.left_on and d.status == "在任":
        errors["status"] = "已填写离任日期，状态应为“离任”"
    for key, limit in (("unit", 200), ("title", 100), ("education", 20), ("term", 20), ("ethnicity", 20),
                       ("party", 20)):
        if len(getattr(d, key)) > limit:
            errors[key] = f"内容过长（最多{limit}个字）"
    return d, errors
