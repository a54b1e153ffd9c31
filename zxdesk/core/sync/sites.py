"""Roles and identities: setting a database up, enrolling and revoking workstations."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select, text

from ..errors import NotFoundError, ValidationError
from ..storage.database import Database
from ..storage.models import SiteState, SyncSite, utcnow
from . import fileformat, keys
from .errors import (
    BadSignature,
    CorruptFile,
    HashMismatch,
    KeysError,
    NotASyncFile,
    NotSetUp,
    WrongCounty,
)

ROLES = ("county", "workstation")
ROLE_LABELS = {"county": "县政协", "workstation": "乡镇工作站"}
COUNTY_RE = re.compile(r"[0-9A-Za-z-]{1,12}")


@dataclass(frozen=True)
class Identity:
    site_id: str
    role: str
    county: str
    name: str
    sign_pub: str
    enc_pub: str
    key_id: str
    fingerprint: str

    @property
    def is_county(self) -> bool:
        return self.role == "county"


@dataclass(frozen=True)
class SiteInfo:
    site_id: str
    name: str
    role: str
    status: str
    fingerprint: str
    enrolled_at: dt.datetime | None = None
    revoked_at: dt.datetime | None = None


KEY_DIR_ENV = "ZXDESK_KEY_DIR"


def key_dir(db: Database) -> Path:
    """Where the site's private key file lives: beside the database (its data folder),
    or ZXDESK_KEY_DIR - useful for a PostgreSQL county, whose data folder is per user."""
    override = os.environ.get(KEY_DIR_ENV)
    return Path(override) if override else db.data_dir / "keys"


def identity(db: Database) -> Identity | None:
    with db.read() as s:
        row = s.connection().execute(text(
            "SELECT st.site_id, st.role, st.county_code, st.site_name, me.sign_pub, me.enc_pub, me.key_id, "
            "me.fingerprint FROM site_state st JOIN sync_site me ON me.site_id = st.site_id")).first()
    if row is None or row[1] not in ROLES:
        return None
    return Identity(*row)


def require_identity(db: Database) -> Identity:
    me = identity(db)
    if me is None:
        raise NotSetUp("本机尚未设置为县政协或乡镇工作站，请先运行 zxdesk setup（或在“同步”页设置）",
                       "this database is not set up for sync yet: run zxdesk setup first")
    return me


def site_keys(db: Database, me: Identity, passphrase: str | None = None) -> keys.SiteKeys:
    loaded = keys.load(key_dir(db), me.site_id, passphrase)
    if keys.b64(loaded.sign_pub) != me.sign_pub:
        raise KeysError("密钥文件与本数据库不匹配", "the key file does not belong to this database")
    return loaded


def setup(db: Database, role: str, county: str, site_name: str | None = None,
          passphrase: str | None = None) -> Identity:
    """Give the database its role, county and name, and make its keys."""
    if role not in ROLES:
        raise ValidationError(f"未知的角色：{role}", f"unknown role {role!r}")
    county = (county or "").strip()
    if not COUNTY_RE.fullmatch(county):
        raise ValidationError("县代码应为 1–12 位字母或数字（如行政区划代码 230381）",
                              "the county code must be 1-12 letters or digits")
    name = (site_name or "").strip()
    if role == "workstation" and not name:
        raise ValidationError("乡镇工作站需要填写乡镇名称（--site）", "a workstation needs --site NAME (its township)")
    if len(name) > 60:
        raise ValidationError("乡镇名称太长（最多 60 个字）", "the site name is too long (60 characters at most)")
    if role == "county":
        name = name or "县政协"
    current = identity(db)
    if current is not None:
        raise ValidationError(
            f"本机已设置为{ROLE_LABELS[current.role]}（{current.county} {current.name}），不能重复设置",
            f"already set up as {current.role} of {current.county} ({current.name})",
        )
    state = db.site_state()
    made = keys.generate()
    folder = key_dir(db)
    stale = keys.key_path(folder, state.site_id)
    if stale.exists():  # left over by a setup that failed after writing its keys
        stale.rename(stale.with_name(f"{stale.name}.unused-{secrets.token_hex(3)}"))
    keys.save(made, folder, state.site_id, passphrase)
    with db.write() as w:
        s = w.session
        row = s.execute(select(SiteState)).scalar_one()
        row.role, row.county_code, row.site_name = role, county, name
        s.add(SyncSite(site_id=state.site_id, name=name, role=role, county_code=county,
                       sign_pub=keys.b64(made.sign_pub), enc_pub=keys.b64(made.enc_pub), key_id=made.key_id,
                       fingerprint=made.fingerprint, status="self", enrolled_at=None, hw=0))
    me = identity(db)
    assert me is not None
    return me


# -- enrolment -----------------------------------------------------------------
@dataclass(frozen=True)
class EnrollRequest:
    site_id: str
    name: str
    county: str
    sign_pub: str
    enc_pub: str
    key_id: str
    fingerprint: str
    created: str


def make_enroll_request(db: Database, passphrase: str | None = None) -> tuple[bytes, str]:
    """The signed request file a workstation carries to the county, and its fingerprint."""
    me = require_identity(db)
    if me.is_county:
        raise ValidationError("县政协不需要登记申请；请在乡镇工作站上生成", "the county office does not enroll")
    own = site_keys(db, me, passphrase)
    payload = b""
    manifest = {
        "kind": "enroll_request", "county": me.county, "site": me.site_id, "site_name": me.name,
        "role": me.role, "recipient": "", "key_id": me.key_id, "sign_pub": me.sign_pub, "enc_pub": me.enc_pub,
        "file_id": secrets.token_hex(16), "file_no": 0, "created": utcnow().isoformat() + "Z",
        "ranges": {}, "counts": {}, "payload_sha256": hashlib.sha256(payload).hexdigest(), "payload_size": 0,
        "schema_version": db.revision,
    }
    raw = fileformat.encode_manifest(manifest)
    return fileformat.pack(raw, payload, own.sign_bytes(raw)), me.fingerprint


def read_enroll_request(db: Database, data: bytes) -> EnrollRequest:
    """Check a request file: shape, manifest, county, self-signature."""
    me = require_identity(db)
    container = fileformat.unpack(data)
    manifest = fileformat.parse_manifest(container.manifest_bytes)
    if manifest["kind"] != "enroll_request":
        raise NotASyncFile("这不是工作站的登记申请文件", "not an enrolment request")
    if manifest["county"] != me.county:
        raise WrongCounty(f"登记申请来自其他县（{manifest['county']}），本机属于 {me.county}",
                          f"the request is for county {manifest['county']}, this is {me.county}")
    try:
        sign_pub, enc_pub = keys.unb64(manifest["sign_pub"]), keys.unb64(manifest["enc_pub"])
        if len(sign_pub) != 32 or len(enc_pub) != 32:
            raise ValueError("bad key length")
    except ValueError as exc:
        raise CorruptFile("登记申请中的公钥已损坏", "the request's public keys are damaged") from exc
    keys.verify(sign_pub, container.signature, container.manifest_bytes)
    if hashlib.sha256(container.payload).hexdigest() != manifest["payload_sha256"]:
        raise HashMismatch("登记申请内容校验失败", "the request's content hash does not match")
    if manifest["role"] != "workstation" or keys.key_id(sign_pub) != manifest["key_id"]:
        raise BadSignature("登记申请内容不一致", "the request is inconsistent")
    return EnrollRequest(manifest["site"], manifest["site_name"], manifest["county"], manifest["sign_pub"],
                         manifest["enc_pub"], manifest["key_id"], keys.fingerprint(sign_pub, enc_pub),
                         manifest["created"])


def enroll(db: Database, request: EnrollRequest) -> tuple[SiteInfo, bool]:
    """Register a workstation at the county. Returns (site, newly enrolled)."""
    me = require_identity(db)
    if not me.is_county:
        raise ValidationError("只有县政协可以登记工作站", "only the county office enrolls workstations")
    with db.write() as w:
        s = w.session
        row = s.get(SyncSite, request.site_id)
        if row is not None:
            if row.status == "revoked":
                raise ValidationError(f"工作站 {row.name} 已被吊销，不能再次登记；请在该电脑上重新设置后申请",
                                      f"workstation {row.name} was revoked; set it up again to enroll")
            if row.status == "enrolled" and row.sign_pub == request.sign_pub:
                return _info(row), False
            if row.status == "enrolled":
                raise ValidationError("该工作站已登记，但密钥不同", "this workstation is enrolled with another key")
        clash = s.execute(select(SyncSite).where(SyncSite.name == request.name, SyncSite.status == "enrolled",
                                                 SyncSite.site_id != request.site_id)).scalars().first()
        if clash is not None:
            raise ValidationError(f"“{request.name}”已有登记的工作站（{clash.site_id}），如更换电脑请先吊销旧的",
                                  f"{request.name} already has an enrolled workstation ({clash.site_id}); revoke it first")
        if row is None:
            row = SyncSite(site_id=request.site_id, hw=0)
            s.add(row)
        row.name, row.role, row.county_code = request.name, "workstation", request.county
        row.sign_pub, row.enc_pub, row.key_id = request.sign_pub, request.enc_pub, request.key_id
        row.fingerprint, row.status, row.enrolled_at = request.fingerprint, "enrolled", utcnow()
        s.flush()
        return _info(row), True


def find_site(db: Database, name_or_id: str, *, role: str | None = "workstation") -> SyncSite:
    with db.read() as s:
        rows = s.execute(select(SyncSite)).scalars().all()
    wanted = name_or_id.strip()
    hits = [r for r in rows if r.site_id == wanted and r.status != "self"]
    if not hits:
        hits = [r for r in rows if r.name == wanted and r.status != "self" and (role is None or r.role == role)]
        live = [r for r in hits if r.status == "enrolled"]
        hits = live or hits
    if not hits:
        raise NotFoundError(f"没有名为“{wanted}”的已登记工作站", f"no enrolled workstation named {wanted!r}")
    if len(hits) > 1:
        raise ValidationError(f"“{wanted}”对应多个工作站，请改用站点编号", f"{wanted!r} is ambiguous; use the site id")
    return hits[0]


def revoke(db: Database, name_or_id: str) -> SiteInfo:
    me = require_identity(db)
    if not me.is_county:
        raise ValidationError("只有县政协可以吊销工作站", "only the county office revokes workstations")
    target = find_site(db, name_or_id)
    with db.write() as w:
        row = w.session.get(SyncSite, target.site_id)
        assert row is not None
        if row.status != "revoked":
            row.status, row.revoked_at = "revoked", utcnow()
        w.session.flush()
        return _info(row)


def list_sites(db: Database) -> list[SiteInfo]:
    with db.read() as s:
        rows = s.execute(select(SyncSite).order_by(SyncSite.role, SyncSite.name)).scalars().all()
        return [_info(r) for r in rows]


def _info(row: SyncSite) -> SiteInfo:
    return SiteInfo(row.site_id, row.name, row.role, row.status, row.fingerprint, row.enrolled_at, row.revoked_at)


def known_vector(conn, self_site: str) -> dict[str, int]:
    """What this database holds of every other site's changes."""
    rows = conn.execute(text("SELECT site_id, hw FROM sync_site WHERE site_id != :me AND hw > 0"), {"me": self_site})
    return {site: int(hw) for site, hw in rows}
