"""Importing a sync file: verify everything, then apply it in one transaction.

Order: the zip's shape and caps, the manifest (format and version), the county, that
the sender is known and not revoked, the signature, the payload hash (and that the file
is meant for us) - and only then is the payload decrypted and every line validated.
Then, in ONE transaction: sequence gaps, the merge, the bookkeeping. Any rejection
raises before commit, so nothing is applied. A dry run does everything and rolls back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Connection

from ..progress import NULL_PROGRESS, Progress
from ..storage.database import Database
from ..storage.engine import bulk_cache
from ..storage.models import utcnow
from . import fileformat, keys, merge, scope
from .bookkeeping import apply_roster_sites, record_file, save_knowledge, sequence_gap, skew_of, take_back_refused
from .causality import Causality
from .conflict_store import ConflictStore
from .errors import (
    BadSignature,
    HashMismatch,
    InvalidContent,
    NotASyncFile,
    RevokedSite,
    UnknownSite,
    WrongCounty,
    WrongRecipient,
)
from .payload import Payload, decode
from .roster import confirm_rosters
from .sealed import Opener
from .sites import Identity, require_identity, site_keys


@dataclass
class ImportReport:
    status: str  # imported | dry_run | already_imported
    file: str
    kind: str
    sender: str
    sender_name: str
    file_id: str
    file_no: int
    applied: int = 0
    skipped: int = 0
    conflicts: int = 0
    refused: int = 0
    records_changed: int = 0
    warnings: list[str] = field(default_factory=list)
    conflict_ids: list[int] = field(default_factory=list)

    def as_json(self) -> dict:
        return asdict(self)


class _DryRun(Exception):
    pass




@dataclass
class Verified:
    manifest: dict
    payload_bytes: bytes
    sender_known: bool  # False: a first roster, whose county key is pinned now


def _sender_row(conn: Connection, site_id: str) -> dict | None:
    row = conn.execute(text("SELECT site_id, name, role, status, sign_pub FROM sync_site WHERE site_id = :s"),
                       {"s": site_id}).mappings().first()
    return dict(row) if row else None


def verify(db: Database, me: Identity, data: bytes) -> Verified:
    """Everything that can be checked before the content is parsed."""
    container = fileformat.unpack(data)
    manifest = fileformat.parse_manifest(container.manifest_bytes)
    kind = manifest["kind"]
    if kind == "enroll_request":
        raise NotASyncFile("这是工作站的登记申请文件，请在县政协用“登记工作站”（zxdesk sync enroll）处理",
                           "this is an enrolment request: use zxdesk sync enroll at the county")
    if manifest["county"] != me.county:
        raise WrongCounty(f"此文件来自其他县（{manifest['county']}），本机属于 {me.county}，不能导入",
                          f"the file is from county {manifest['county']}, this database belongs to {me.county}")
    if me.is_county and kind != "changes":
        raise WrongRecipient("这是县政协发给乡镇的花名册文件，应在乡镇工作站导入",
                             "this is a roster for a workstation; import it there")
    if not me.is_county and kind != "roster":
        raise WrongRecipient("这是乡镇工作站发给县政协的文件，应在县政协导入",
                             "this file is for the county office; import it there")
    with db.read() as s:
        sender = _sender_row(s.connection(), manifest["site"])
        county_row = s.connection().execute(
            text("SELECT site_id FROM sync_site WHERE role = 'county' AND status != 'self'")).first()
    label = manifest.get("site_name") or manifest["site"]
    known = sender is not None
    if me.is_county:
        if sender is None or sender["role"] != "workstation":
            raise UnknownSite(f"此文件来自未登记的工作站（{label}），请先登记该工作站",
                              f"the file comes from an unknown workstation ({label}); enroll it first")
        if sender["status"] == "revoked":
            raise RevokedSite(f"工作站“{sender['name']}”已被吊销，不接受它的文件",
                              f"workstation {sender['name']} is revoked; its files are refused")
    elif county_row is not None and county_row[0] != manifest["site"]:
        raise UnknownSite(f"此文件不是本县县政协（已登记的）发出的（{label}）",
                          f"the file was not made by this county office ({label})")
    elif manifest["role"] != "county":
        raise UnknownSite("此文件不是县政协发出的", "the file was not made by the county office")
    try:
        pub = keys.unb64(sender["sign_pub"] if known else manifest["sign_pub"])
    except ValueError as exc:
        raise BadSignature("签名公钥已损坏", "the signing key is damaged") from exc
    if known and manifest["sign_pub"] != sender["sign_pub"]:
        raise BadSignature("文件的签名密钥与登记的不一致（可能是伪造的文件）",
                           "the file is signed with another key than the enrolled one")
    keys.verify(pub, container.signature, container.manifest_bytes)
    if (len(container.payload) != manifest["payload_size"]
            or hashlib.sha256(container.payload).hexdigest() != manifest["payload_sha256"]):
        raise HashMismatch("文件内容与签名的校验值不符（文件被改动或损坏）", "payload hash mismatch: altered or damaged")
    if manifest["recipient"] != me.site_id:
        raise WrongRecipient(f"此文件是发给其他站点的（{manifest['recipient']}），不是本机",
                             f"the file is addressed to site {manifest['recipient']}, not this one")
    return Verified(manifest, container.payload, known)


def _already(conn: Connection, manifest: dict) -> bool:
    row = conn.execute(text("SELECT payload_sha256 FROM sync_file WHERE file_id = :f AND direction = 'in'"),
                       {"f": manifest["file_id"]}).first()
    if row is None:
        return False
    if row[0] != manifest["payload_sha256"]:
        raise InvalidContent("同一文件编号已导入过但内容不同，文件未导入", "this file id was imported with other content")
    return True


def import_file(db: Database, path: str | Path, *, dry_run: bool = False, passphrase: str | None = None,
                progress: Progress = NULL_PROGRESS, now: dt.datetime | None = None) -> ImportReport:
    path = Path(path)
    return import_bytes(db, fileformat.read_path(path), name=path.name, dry_run=dry_run, passphrase=passphrase,
                        progress=progress, now=now)


def import_bytes(db: Database, data: bytes, *, name: str = "", dry_run: bool = False,
                 passphrase: str | None = None, progress: Progress = NULL_PROGRESS,
                 now: dt.datetime | None = None) -> ImportReport:
    me = require_identity(db)
    progress.report(0, 0, "校验文件")
    checked = verify(db, me, data)
    m = checked.manifest
    report = ImportReport("imported", name, m["kind"], m["site"], m.get("site_name", ""), m["file_id"], m["file_no"])
    with db.read() as s:
        if _already(s.connection(), m):
            report.status = "already_imported"
            report.warnings.append("此文件已导入过，未做任何改动")
            return report
    own = site_keys(db, me, passphrase)
    opener = Opener(own.enc, m["encryption"], m["file_id"]) if isinstance(m.get("encryption"), dict) else None
    progress.report(0, 0, "解密并检查内容")
    payload = decode(checked.payload_bytes, m["ranges"], opener, backfill=m["kind"] == "roster")
    _check_shape(me, m, payload)
    progress.report(0, len(payload.changes), "合并")
    try:
        _apply(db, me, m, payload, report, checked.sender_known, now or utcnow(), dry_run)
    except _DryRun:
        report.status = "dry_run"
    progress.report(len(payload.changes), len(payload.changes), "完成")
    return report


def _check_shape(me: Identity, m: dict, payload: Payload) -> None:
    sender = m["site"]
    if me.site_id in m["ranges"]:
        raise InvalidContent("文件中含有本站自己的变更，文件未导入", "the file carries this site's own changes")
    if m["kind"] == "changes":
        if set(m["ranges"]) - {sender} or any(c.site != sender for c in payload.changes):
            raise InvalidContent("工作站的文件只能包含它自己的变更，文件未导入", "a workstation file may hold its own changes only")
        if payload.sites or payload.acks or payload.refused:
            raise InvalidContent("工作站的文件含有不该有的内容，文件未导入", "a workstation file holds roster lines")
    if m["kind"] == "roster":
        if payload.rosters:
            raise InvalidContent("花名册文件含有不该有的内容，文件未导入", "a roster holds workstation lines")
        listed = {s.site_id for s in payload.sites}
        if set(m["ranges"]) - listed - {sender}:
            raise InvalidContent("花名册文件中有未列出的站点，文件未导入", "the roster holds changes of unlisted sites")
    for site, _lamport, _vector in payload.epochs:
        if site == me.site_id:
            raise InvalidContent("文件中含有本站自己的时序信息，文件未导入", "the file carries this site's own epochs")
    if len(payload.changes) != m["counts"].get("changes", len(payload.changes)):
        raise InvalidContent("文件中的变更数与清单不符，文件未导入", "the number of changes differs from the manifest")


def _apply(db: Database, me: Identity, m: dict, payload: Payload, report: ImportReport, sender_known: bool,
           now: dt.datetime, dry_run: bool) -> None:
    with db.write() as w:
        conn = w.session.connection()
        conn.execute(text("UPDATE site_state SET lamport = lamport"))  # take the write lock first
        with bulk_cache(conn):
            _apply_locked(conn, me, m, payload, report, sender_known, now, dry_run)


def _apply_locked(conn: Connection, me: Identity, m: dict, payload: Payload, report: ImportReport,
                  sender_known: bool, now: dt.datetime, dry_run: bool) -> None:
    if _already(conn, m):
        report.status = "already_imported"
        return
    if m["kind"] == "roster":
        report.warnings += apply_roster_sites(conn, me, m, payload, sender_known, now)
    sequence_gap(conn, me, m)
    causality = Causality.load(conn)
    causality.add_many(payload.epochs)
    store = ConflictStore(conn, m["file_id"], now)
    authorize = None
    if m["kind"] == "changes":
        township = m.get("site_name", "")
        row = _sender_row(conn, m["site"])
        township = row["name"] if row else township

        def authorize(c: Connection, states: dict) -> dict:
            return scope.refused_records(c, m["site"], township, states)

    result = merge.apply(conn, payload.changes, causality, store, authorize=authorize)
    report.applied, report.skipped = result.applied, result.skipped
    report.refused, report.records_changed = len(result.refused), result.records_changed
    report.conflict_ids = sorted(set(result.conflict_ids))
    report.conflicts = len(report.conflict_ids)
    if result.refused_records:
        report.warnings += _refusal_warnings(result.refused_records, len(result.refused))
    if payload.refused:
        report.warnings += take_back_refused(conn, me, payload.refused, store, causality)
    save_knowledge(conn, me, m, payload, causality, result.max_lamport)
    if m["kind"] == "changes" and payload.rosters:
        confirm_rosters(conn, m["site"], payload.rosters)
    skew_days, skew_note = skew_of(conn, me, m, payload, now)
    if skew_note:
        report.warnings.append(skew_note)
    if report.conflicts:
        report.warnings.append(f"发现 {report.conflicts} 处冲突，已按版本暂定结果并保留双方的值，请在“同步”页处理")
    record_file(conn, m, report, now, skew_days, skew_note)
    if dry_run:
        raise _DryRun()


def _refusal_warnings(refused: dict, n_changes: int) -> list[str]:
    counts: dict[str, int] = {}
    for reason in refused.values():
        counts[reason] = counts.get(reason, 0) + 1
    parts = [f"{scope.REASONS[r][0]} {n} 条记录" for r, n in sorted(counts.items())]
    return [f"拒收了该工作站的 {n_changes} 项修改（{'；'.join(parts)}），已记录并将在花名册中通知对方"]


__all__ = ["ImportReport", "import_bytes", "import_file", "verify"]
