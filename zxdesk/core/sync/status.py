"""Where sync stands: this site, the others, the last file from each, acks, clocks."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from sqlalchemy import text

from ..storage.database import Database
from ..storage.models import utcnow
from .bookkeeping import SKEW_LIMIT
from .sites import ROLE_LABELS, identity
from .tables import parse_wall


@dataclass
class SiteStatus:
    site_id: str
    name: str
    role: str
    status: str
    fingerprint: str
    enrolled_at: str
    revoked_at: str
    changes_held: int  # how far we hold its changes (sequence number)
    last_file: dict | None  # the last file imported from it
    last_sync: str  # when we last imported from it (our clock)
    skew_days: int
    skew_warning: str


@dataclass
class SyncStatus:
    set_up: bool
    site: dict
    sites: list[SiteStatus] = field(default_factory=list)
    acks: list[dict] = field(default_factory=list)
    skew_warnings: list[str] = field(default_factory=list)
    open_conflicts: int = 0
    pending_changes: int = 0  # our changes the county has not acknowledged (workstation)
    last_sync: str = ""
    last_export: dict | None = None

    def as_json(self) -> dict:
        return asdict(self)


def _fmt(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value.strftime("%Y-%m-%d %H:%M")


def sync_status(db: Database, now: dt.datetime | None = None) -> SyncStatus:
    me = identity(db)
    if me is None:
        return SyncStatus(False, {"site_id": db.site_state().site_id, "role": "", "county": "", "name": ""})
    now = now or utcnow()
    out = SyncStatus(True, {"site_id": me.site_id, "role": me.role, "role_label": ROLE_LABELS[me.role],
                            "county": me.county, "name": me.name, "fingerprint": me.fingerprint,
                            "key_id": me.key_id})
    with db.read() as s:
        conn = s.connection()
        rows = conn.execute(text("SELECT * FROM sync_site WHERE status != 'self' ORDER BY role, name")).mappings().all()
        peers = {(p, o): int(hw) for p, o, hw in conn.execute(text("SELECT peer, origin, hw FROM sync_peer_known"))}
        for r in rows:
            last = None
            if r["last_file_id"]:
                last = {"file_id": r["last_file_id"], "name": r["last_file_name"],
                        "imported_at": _fmt(r["last_file_at"]), "created": r["last_file_created"]}
            out.sites.append(SiteStatus(
                r["site_id"], r["name"], r["role"], r["status"], r["fingerprint"], _fmt(r["enrolled_at"]),
                _fmt(r["revoked_at"]), int(r["hw"]), last, _fmt(r["last_file_at"]), int(r["skew_days"] or 0),
                r["skew_note"] or ""))
            if r["skew_note"]:
                out.skew_warnings.append(r["skew_note"])
            if me.is_county and r["role"] == "workstation":
                out.acks.append({"site": r["site_id"], "name": r["name"], "acked_by": me.site_id, "seq": int(r["hw"])})
                out.acks.append({"site": me.site_id, "name": me.name, "acked_by": r["site_id"],
                                 "seq": peers.get((r["site_id"], me.site_id), 0)})
            elif not me.is_county and r["role"] == "county":
                ack = peers.get((r["site_id"], me.site_id), 0)
                out.acks.append({"site": me.site_id, "name": me.name, "acked_by": r["site_id"], "seq": ack})
                out.acks.append({"site": r["site_id"], "name": r["name"], "acked_by": me.site_id, "seq": int(r["hw"])})
                last_seq = int(conn.execute(text("SELECT next_seq FROM site_state")).scalar_one()) - 1
                out.pending_changes = max(last_seq - ack, 0)
        out.open_conflicts = int(conn.execute(text("SELECT COUNT(*) FROM sync_conflict WHERE status = 'open'"))
                                 .scalar_one())
        last_in = conn.execute(text("SELECT MAX(processed_at) FROM sync_file")).scalar()
        out.last_sync = _fmt(last_in)
        exp = conn.execute(text("SELECT f.name, f.processed_at, f.peer, s.name FROM sync_file f LEFT JOIN sync_site s "
                                "ON s.site_id = f.peer WHERE f.direction = 'out' "
                                "ORDER BY f.processed_at DESC LIMIT 1")).first()
        if exp is not None:
            out.last_export = {"name": exp[0], "at": _fmt(exp[1]), "to": exp[2], "to_name": exp[3] or ""}
        # At a workstation every file comes from the county, whose clock we trust.
        newest = conn.execute(text("SELECT MAX(created) FROM sync_file WHERE direction = 'in'")).scalar()
    seen = parse_wall(newest or "")
    if not me.is_county and seen is not None and seen - now > SKEW_LIMIT:
        out.skew_warnings.append(f"本机时钟可能慢了约 {(seen - now).days} 天：收到的文件比本机时间还晚（不影响合并结果）")
    return out


def last_sync_text(db: Database) -> str:
    """For the status bar: when and with whom this database last synced."""
    with db.read() as s:
        row = s.connection().execute(text(
            "SELECT f.processed_at, f.direction, s.name FROM sync_file f LEFT JOIN sync_site s ON s.site_id = f.peer "
            "ORDER BY f.processed_at DESC LIMIT 1")).first()
    if row is None:
        return "从未同步"
    verb = "导入自" if row[1] == "in" else "导出至"
    when = _fmt(row[0])
    # Stored in UTC; shown in local time.
    try:
        stamp = dt.datetime.fromisoformat(str(row[0])).replace(tzinfo=dt.timezone.utc).astimezone()
        when = stamp.strftime("%Y-%m-%d %H:%M")
    except ValueError:
        pass
    return f"{when}（{verb}{row[2] or '—'}）"


@dataclass
class Overview:
    """Everything the 同步 tab shows, in one call on a worker thread."""

    status: SyncStatus
    conflicts: list = field(default_factory=list)
    last_sync_text: str = ""
    keys_locked: bool = False
    townships: list[str] = field(default_factory=list)  # the county's enrolled workstations


def overview(db: Database) -> Overview:
    from . import keys
    from .conflicts import list_conflicts
    from .sites import key_dir

    st = sync_status(db)
    out = Overview(st, last_sync_text=last_sync_text(db))
    if not st.set_up:
        return out
    out.conflicts = list_conflicts(db)
    out.keys_locked = keys.is_locked(key_dir(db), st.site["site_id"])
    out.townships = [s.name for s in st.sites if s.role == "workstation" and s.status == "enrolled"]
    return out
