"""Making sync files: a workstation's changes for the county, a roster for a township.

Exports are cumulative: a workstation's file holds every change since the county's last
acknowledgement, and a roster holds everything the workstation has not yet reported
holding, so a lost stick loses nothing; the next file carries it again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Connection

from ..errors import ValidationError
from ..progress import NULL_PROGRESS, Progress
from ..storage.database import Database
from ..storage.models import SyncFile, SyncSite, utcnow
from . import fileformat, keys
from .atomic_write import SAFE_TO_REMOVE, write_verified
from .bookkeeping import precise_now
from .causality import Causality
from .errors import NotSetUp, RevokedSite
from .payload import change_lines, epoch_line, simple_line
from .roster import CHANGE_SQL, Roster, build_roster, record_sent
from .sealed import Sealer
from .sites import Identity, find_site, require_identity, site_keys

HISTORY_LENGTH = 20
@dataclass
class BuiltFile:
    data: bytes
    file_id: str
    file_no: int
    kind: str
    recipient: str
    recipient_name: str
    changes: int
    personal: int
    ranges: dict[str, list[int]]
    created: str
    roster: Roster | None = None


@dataclass
class ExportResult:
    path: str
    file_id: str
    file_no: int
    kind: str
    recipient: str
    recipient_name: str
    changes: int
    personal_values: int
    size: int
    sha256: str
    ranges: dict[str, list[int]]
    message: str = SAFE_TO_REMOVE

    def as_json(self) -> dict:
        return asdict(self)


def _county(conn: Connection) -> SyncSite | None:
    row = conn.execute(text("SELECT site_id FROM sync_site WHERE role = 'county' AND status != 'self'")).first()
    return row[0] if row else None


def _history(conn: Connection, recipient: str) -> list[dict]:
    rows = conn.execute(
        text("SELECT file_no, name, ranges FROM sync_file WHERE direction = 'out' AND peer = :p "
             "ORDER BY file_no DESC LIMIT :n"), {"p": recipient, "n": HISTORY_LENGTH}).all()
    return [{"file_no": n, "name": name, "ranges": json.loads(r)} for n, name, r in rows]


def _peer_known(conn: Connection, peer: str) -> dict[str, int]:
    rows = conn.execute(text("SELECT origin, hw FROM sync_peer_known WHERE peer = :p"), {"p": peer})
    return {o: int(hw) for o, hw in rows}


def _seen_wall_max(conn: Connection) -> str:
    row = conn.execute(text("SELECT MAX(created) FROM sync_file WHERE direction = 'in'")).scalar()
    return row or ""


def suggested_name(db: Database, site: str | None = None) -> str:
    """A file name without anything personal: county, sender, recipient, date."""
    me = require_identity(db)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
    if me.is_county:
        target = find_site(db, site).name if site else "全部"
        return f"zxdesk-{me.county}-县政协-至-{target}-{stamp}{fileformat.SUFFIX}"
    return f"zxdesk-{me.county}-{me.name}-至-县政协-{stamp}{fileformat.SUFFIX}"


def build(db: Database, *, site: str | None = None, name: str = "", passphrase: str | None = None,
          progress: Progress = NULL_PROGRESS) -> BuiltFile:
    me = require_identity(db)
    if me.is_county and not site:
        raise ValidationError("县政协导出时请用 --site 指定发往哪个乡镇工作站", "the county exports with --site NAME")
    if not me.is_county and site:
        raise ValidationError("乡镇工作站的同步文件只发往县政协，不需要 --site", "a workstation exports to the county only")
    own = site_keys(db, me, passphrase)
    progress.report(0, 0, "读取变更")
    with db.read() as s:
        conn = s.connection()
        roster = None
        if me.is_county:
            target = find_site(db, site or "")
            if target.status == "revoked":
                raise RevokedSite(f"工作站 {target.name} 已被吊销，不能再向它导出", f"{target.name} is revoked")
            recipient = s.get(SyncSite, target.site_id)
            progress.report(0, 0, f"整理“{target.name}”可见的数据")
            roster = build_roster(conn, me, target.site_id, target.name)
            lines, rows, ranges = roster.lines, roster.rows, roster.ranges
            kind = "roster"
        else:
            county_id = _county(conn)
            if county_id is None:
                raise NotSetUp("还没有导入县政协的花名册文件（登记回执），暂不能导出；请先把登记申请交县政协登记",
                               "no roster from the county yet: enroll and import the county's roster first")
            recipient = s.get(SyncSite, county_id)
            lines, rows, ranges = _workstation_lines(conn, me, county_id)
            kind = "changes"
        assert recipient is not None
        file_id = secrets.token_hex(16)
        sealer = Sealer(keys.unb64(recipient.enc_pub), file_id)
        total = len(rows)
        for start in range(0, total, 20_000):
            lines += change_lines(rows[start : start + 20_000], sealer)
            progress.report(min(start + 20_000, total), total, "写入变更")
        payload = ("\n".join(lines) + "\n").encode("utf-8")
        file_no = 1 + (conn.execute(text("SELECT MAX(file_no) FROM sync_file WHERE direction = 'out' AND peer = :p"),
                                    {"p": recipient.site_id}).scalar() or 0)
        created = utcnow().isoformat() + "Z"
        manifest = {
            "kind": kind, "county": me.county, "site": me.site_id, "site_name": me.name, "role": me.role,
            "recipient": recipient.site_id, "key_id": me.key_id, "sign_pub": me.sign_pub, "enc_pub": me.enc_pub,
            "file_id": file_id, "file_no": file_no, "created": created, "ranges": ranges,
            "counts": {"changes": total, "personal_values": sealer.count, "lines": len(lines)},
            "payload_sha256": hashlib.sha256(payload).hexdigest(), "payload_size": len(payload),
            "schema_version": db.revision, "encryption": sealer.manifest_entry(),
            "history": _history(conn, recipient.site_id), "seen_wall_max": _seen_wall_max(conn), "name": name,
        }
        if me.is_county:
            manifest["recipient_skew_days"] = int(recipient.skew_days or 0)
    progress.report(total, total, "压缩并签名")
    raw = fileformat.encode_manifest(manifest)
    data = fileformat.pack(raw, payload, own.sign_bytes(raw))
    return BuiltFile(data, file_id, file_no, kind, recipient.site_id, recipient.name, total, sealer.count,
                     ranges, created, roster)


def _workstation_lines(conn: Connection, me: Identity, county_id: str) -> tuple[list[str], list, dict]:
    ack = _peer_known(conn, county_id).get(me.site_id, 0)
    last = int(conn.execute(text("SELECT next_seq FROM site_state")).scalar_one()) - 1
    rows = conn.execute(text(CHANGE_SQL), {"s": me.site_id, "lo": ack, "hi": last, "f": False}).all()
    lines: list[str] = []
    if rows:
        causality = Causality.load(conn)
        lines += [epoch_line(*e) for e in causality.epochs_from(me.site_id, rows[0][2])]
    known = conn.execute(text("SELECT site_id, hw FROM sync_site WHERE status != 'self' AND hw > 0")).all()
    lines += [simple_line("k", site, int(hw)) for site, hw in known]
    rosters = conn.execute(text("SELECT file_no FROM sync_file WHERE direction = 'in' AND peer = :c "
                                "ORDER BY file_no DESC LIMIT 50"), {"c": county_id}).scalars().all()
    lines += [simple_line("f", int(n)) for n in rosters]
    return lines, rows, {me.site_id: [ack, max(last, ack)]}


def export_file(db: Database, path: str | Path, *, site: str | None = None, passphrase: str | None = None,
                progress: Progress = NULL_PROGRESS) -> ExportResult:
    """Build the file, write it safely, read it back, then record it as sent."""
    path = Path(path)
    built = build(db, site=site, name=path.name, passphrase=passphrase, progress=progress)
    progress.report(built.changes, built.changes, "写入U盘并校验")
    digest = write_verified(path, built.data)
    record_export(db, built, path.name, digest)
    return ExportResult(str(path), built.file_id, built.file_no, built.kind, built.recipient, built.recipient_name,
                        built.changes, built.personal, len(built.data), digest, built.ranges)


def record_export(db: Database, built: BuiltFile, name: str, digest: str = "") -> None:
    """Remember a file as sent (after it was written and checked): its number, its
    ranges for later gap messages, and for a roster what it carried."""
    with db.write() as w:
        w.session.add(SyncFile(file_id=built.file_id, direction="out", kind=built.kind, peer=built.recipient,
                               file_no=built.file_no, name=name, payload_sha256=digest, created=built.created,
                               processed_at=precise_now(), ranges=json.dumps(built.ranges),
                               summary=json.dumps({"changes": built.changes})))
        if built.roster is not None:
            w.session.flush()
            record_sent(w.session.connection(), built.recipient, built.file_no, built.roster)
