"""A record's change history, read from the change log, with Chinese field labels."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import select

from ..domain.member_fields import DUTY_LABELS, MEMBER_LABELS
from ..storage.database import Database
from ..storage.models import ChangeLog, Sector, Station

_HIDDEN = {"name_pinyin", "name_initials"}
_REFS = {"sector_uuid": Sector, "station_uuid": Station}


@dataclass(frozen=True)
class HistoryEntry:
    when: str  # local wall time, "2024-03-05 14:02"
    operator: str
    field: str  # Chinese label
    old: str
    new: str
    batch: str


def _local(wall_time: str) -> str:
    try:
        utc = dt.datetime.fromisoformat(wall_time.rstrip("Z")).replace(tzinfo=dt.timezone.utc)
    except ValueError:
        return wall_time
    return utc.astimezone().strftime("%Y-%m-%d %H:%M")


def _display(field: str, raw: str | None, names: dict[str, str]) -> str:
    if raw is None:
        return ""
    value = json.loads(raw)
    if value is None or value == "":
        return ""
    if field in _REFS:
        return names.get(value, "（已删除）")
    if field == "deleted":
        return "已删除" if value else "正常"
    if field == "photo_sha256":
        return "已设置照片"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def record_history(db: Database, record_uuid: str, table: str = "member") -> list[HistoryEntry]:
    """Newest first. A creation is one entry (新建记录) rather than one per field."""
    labels = MEMBER_LABELS if table == "member" else DUTY_LABELS
    with db.read() as s:
        rows = s.execute(
            select(ChangeLog).where(ChangeLog.record_uuid == record_uuid, ChangeLog.table_name == table)
            .order_by(ChangeLog.lamport.desc(), ChangeLog.seq.desc())
        ).scalars().all()
        refs = {value for r in rows if r.field in _REFS for value in (r.old_value, r.new_value) if value}
        uuids = [json.loads(v) for v in refs]
        names = {}
        for model in _REFS.values():
            names.update(dict(s.execute(select(model.uuid, model.name).where(model.uuid.in_(uuids))).all()))
    out: list[HistoryEntry] = []
    creations = {r.batch for r in rows if r.field == "deleted" and r.old_value is None}
    shown: set[str] = set()
    for r in rows:
        if r.batch in creations:
            if r.batch not in shown:
                shown.add(r.batch)
                out.append(HistoryEntry(_local(r.wall_time), r.operator, "新建记录", "", "", r.batch))
            continue
        if r.field in _HIDDEN:
            continue
        if r.field == "deleted":
            text = "移入回收站" if r.new_value == "true" else "从回收站恢复"
            out.append(HistoryEntry(_local(r.wall_time), r.operator, text, "", "", r.batch))
            continue
        out.append(HistoryEntry(_local(r.wall_time), r.operator, labels.get(r.field, r.field),
                                _display(r.field, r.old_value, names), _display(r.field, r.new_value, names),
                                r.batch))
    return out
