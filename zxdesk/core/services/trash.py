"""The trash: deleting marks a row deleted (a tombstone); restoring clears the mark."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..errors import NotFoundError
from ..storage.database import Database
from ..storage.models import Synced, synced_models


def model_for(table: str) -> type[Synced]:
    for model in synced_models():
        if model.__tablename__ == table:
            return model
    raise NotFoundError(f"未知的数据表：{table}", f"unknown table: {table}")


@dataclass(frozen=True)
class TrashItem:
    table: str
    uuid: str
    label: str
    deleted_at: str


def _set_deleted(db: Database, table: str, uuids: list[str], flag: bool) -> int:
    model = model_for(table)
    with db.write() as w:
        rows = w.session.execute(select(model).where(model.uuid.in_(uuids))).scalars().all()
        if len(rows) != len(set(uuids)):
            raise NotFoundError("要处理的记录不存在", f"records not found in {table}")
        for row in rows:
            row.deleted = flag
    return len(rows)


def move_to_trash(db: Database, table: str, uuids: list[str]) -> int:
    return _set_deleted(db, table, uuids, True)


def restore(db: Database, table: str, uuids: list[str]) -> int:
    return _set_deleted(db, table, uuids, False)


def list_trash(db: Database, table: str, label_field: str = "name") -> list[TrashItem]:
    model = model_for(table)
    label_col = getattr(model, label_field, model.uuid)
    with db.read() as s:
        rows = s.execute(
            select(model.uuid, label_col, model.updated_at).where(model.deleted.is_(True))
            .order_by(model.updated_at.desc())
        ).all()
    return [TrashItem(table, u, str(label), at.isoformat(sep=" ") if at else "") for u, label, at in rows]
