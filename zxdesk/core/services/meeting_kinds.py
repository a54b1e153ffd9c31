"""The configurable list of meeting kinds, kept in the committee's settings."""

from __future__ import annotations

import json

from sqlalchemy import select

from ..domain.vocab import MEETING_KINDS
from ..errors import ValidationError
from ..storage.database import Database
from ..storage.models import Committee, Setting

SETTING_KEY = "meeting_kinds"
MAX_KIND_LENGTH = 20


def get_meeting_kinds(db: Database) -> list[str]:
    """The committee's kinds, or the five standard ones when none are set."""
    with db.read() as s:
        value = s.execute(
            select(Setting.value).where(Setting.key == SETTING_KEY, Setting.deleted.is_(False))
            .order_by(Setting.created_at).limit(1)
        ).scalar_one_or_none()
    if value:
        try:
            kinds = json.loads(value)
        except ValueError:
            kinds = None
        if isinstance(kinds, list) and kinds and all(isinstance(k, str) for k in kinds):
            return kinds
    return list(MEETING_KINDS)


def clean_kinds(kinds: list[str]) -> list[str]:
    out: list[str] = []
    for kind in kinds:
        kind = kind.strip()
        if not kind:
            continue
        if len(kind) > MAX_KIND_LENGTH:
            raise ValidationError(f"会议类型“{kind}”过长（最多 {MAX_KIND_LENGTH} 字）",
                                  f"meeting kind too long (max {MAX_KIND_LENGTH} characters)")
        if kind not in out:
            out.append(kind)
    if not out:
        raise ValidationError("会议类型至少保留一种", "at least one meeting kind is needed")
    return out


def set_meeting_kinds(db: Database, kinds: list[str]) -> list[str]:
    """Store the committee's list of kinds; returns it cleaned (trimmed, no repeats)."""
    cleaned = clean_kinds(kinds)
    value = json.dumps(cleaned, ensure_ascii=False)
    with db.write() as w:
        committee = w.session.execute(
            select(Committee.uuid).where(Committee.deleted.is_(False)).order_by(Committee.created_at).limit(1)
        ).scalar_one_or_none()
        if committee is None:
            raise ValidationError("尚未设置本委员会信息，无法保存会议类型", "no committee is set up yet")
        row = w.session.execute(
            select(Setting).where(Setting.committee_uuid == committee, Setting.key == SETTING_KEY)
        ).scalar_one_or_none()
        if row is None:
            w.session.add(Setting(committee_uuid=committee, key=SETTING_KEY, value=value))
        else:
            row.value = value
            row.deleted = False
    return cleaned
