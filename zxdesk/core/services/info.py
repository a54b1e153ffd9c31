"""What is in a database: counts per table, schema version, location."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select, text

from ..storage.database import Database
from ..storage.models import Base, ChangeLog, Synced, synced_models


@dataclass
class DatabaseInfo:
    location: str
    url: str
    schema_version: str
    site_id: str
    role: str
    counts: dict[str, int] = field(default_factory=dict)  # live rows (tombstones excluded)
    deleted: dict[str, int] = field(default_factory=dict)  # tombstones
    change_log: int = 0

    def as_json(self) -> dict:
        return {
            "location": self.location,
            "url": self.url,
            "schema_version": self.schema_version,
            "site_id": self.site_id,
            "role": self.role,
            "counts": self.counts,
            "deleted": self.deleted,
            "change_log": self.change_log,
        }


def database_info(db: Database) -> DatabaseInfo:
    state = db.site_state()
    info = DatabaseInfo(
        location=db.location.display(),
        url=db.location.display() if db.location.path is None else db.location.url,
        schema_version=db.revision,
        site_id=state.site_id,
        role=state.role,
    )
    with db.read() as s:
        for model in synced_models():
            rows = s.execute(select(model.deleted, func.count()).group_by(model.deleted)).all()
            by_flag = {bool(flag): n for flag, n in rows}
            info.counts[model.__tablename__] = by_flag.get(False, 0)
            info.deleted[model.__tablename__] = by_flag.get(True, 0)
        info.change_log = s.execute(select(func.count()).select_from(ChangeLog)).scalar_one()
    return info


def quick_counts(db: Database) -> dict[str, int]:
    """Cheap counts for the status bar (members, duty records, meetings, commitments)."""
    names = ["member", "duty_record", "meeting", "commitment"]
    out = {}
    with db.read() as s:
        for name in names:
            out[name] = s.execute(text(f"SELECT COUNT(*) FROM {name} WHERE deleted = :f"), {"f": False}).scalar_one()
    return out


__all__ = ["Base", "DatabaseInfo", "Synced", "database_info", "quick_counts"]
