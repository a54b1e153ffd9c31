"""The 公示栏 register: board settings set once, and each board posted (where, when, the
PDF exactly as printed and a photo of the posted board, both stored by hash)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import select

from ..documents.data import board_frame
from ..documents.period import parse_period
from ..documents.kinds import BADGE_STYLES, BOARD_KINDS, MEETING_PAPERS
from ..documents.scope import resolve_scope
from ..errors import NotFoundError, ValidationError
from ..storage.database import Database
from ..storage.models import BoardPosting, BoardSettings, Committee
from .attachments import store_bytes, store_file, stored_path

KIND_LABELS = {**BOARD_KINDS, **MEETING_PAPERS, **BADGE_STYLES, "badges": "胸牌"}
LIMITS = {"committee_name": 100, "supervision_phone": 40, "seal_text": 100, "footer": 200, "objection_contact": 200}


@dataclass(frozen=True)
class BoardSettingsInfo:
    committee_name: str = ""
    supervision_phone: str = ""
    seal_text: str = ""
    footer: str = ""
    objection_contact: str = ""


def get_board_settings(db: Database) -> BoardSettingsInfo:
    """What boards carry now (settings, else the committee's own name and phone)."""
    with db.read() as s:
        f = board_frame(s)
    return BoardSettingsInfo(f.committee_name, f.supervision_phone, f.seal_text, f.footer, f.objection_contact)


def save_board_settings(db: Database, info: BoardSettingsInfo) -> BoardSettingsInfo:
    info = BoardSettingsInfo(**{k: (getattr(info, k) or "").strip() for k in LIMITS})
    if not info.committee_name:
        raise ValidationError("请填写委员会名称", "the committee name is required")
    for key, limit in LIMITS.items():
        if len(getattr(info, key)) > limit:
            raise ValidationError(f"“{key}”超过 {limit} 个字", f"{key} is longer than {limit} characters")
    with db.write() as w:
        s = w.session
        committee = s.execute(select(Committee).where(Committee.deleted.is_(False))
                              .order_by(Committee.created_at).limit(1)).scalar_one_or_none()
        if committee is None:  # a fresh database: the settings name the committee
            committee = Committee(code="", name=info.committee_name, supervision_phone=info.supervision_phone)
            s.add(committee)
            s.flush()
        row = s.execute(select(BoardSettings).where(BoardSettings.committee_uuid == committee.uuid,
                                                    BoardSettings.deleted.is_(False)).limit(1)).scalar_one_or_none()
        if row is None:
            row = BoardSettings(committee_uuid=committee.uuid)
            s.add(row)
        for key in LIMITS:
            if getattr(row, key) != getattr(info, key):
                setattr(row, key, getattr(info, key))
    return get_board_settings(db)


@dataclass(frozen=True)
class PostingInfo:
    uuid: str
    kind: str
    scope: str
    period: str
    paper: str
    location: str
    posted_on: dt.date | None
    taken_down_on: dt.date | None
    publicity_ends_on: dt.date | None
    pdf_sha256: str
    photo_sha256: str
    note: str

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    def status(self, today: dt.date) -> str:
        if self.taken_down_on:
            return "已撤下"
        if self.publicity_ends_on and self.publicity_ends_on < today:
            return "公示期满待撤下"
        return "张贴中" if self.posted_on else "未张贴"


def _info(r: BoardPosting) -> PostingInfo:
    return PostingInfo(r.uuid, r.kind, r.scope, r.period, r.paper, r.location, r.posted_on, r.taken_down_on,
                       r.publicity_ends_on, r.pdf_sha256, r.photo_sha256, r.note)


def _check_dates(posted: dt.date | None, down: dt.date | None, ends: dt.date | None) -> None:
    if posted is None:
        raise ValidationError("请填写张贴日期", "the date posted is required")
    if down is not None and down < posted:
        raise ValidationError("撤下日期不能早于张贴日期", "the date taken down is before the date posted")
    if ends is not None and ends < posted:
        raise ValidationError("公示期结束日期不能早于张贴日期", "the publicity period ends before the date posted")


def _photo(db: Database, photo: str | os.PathLike | None) -> str:
    if not photo:
        return ""
    if Path(photo).suffix.lower() not in (".jpg", ".jpeg", ".png", ".webp", ".bmp", ".heic", ".tif", ".tiff"):
        raise ValidationError("张贴照片应为图片文件（JPG、PNG 等）", "the photo must be an image file (JPG, PNG …)")
    return store_file(db, photo)[0]


def record_posting(db: Database, *, kind: str, scope: str, period: str, paper: str = "A4", location: str,
                   posted_on: dt.date | None, pdf: bytes | None = None, photo: str | os.PathLike | None = None,
                   publicity_ends_on: dt.date | None = None, taken_down_on: dt.date | None = None,
                   note: str = "") -> PostingInfo:
    """Register a board as posted. ``pdf`` is the document exactly as printed."""
    if kind not in KIND_LABELS:
        raise ValidationError(f"未知的公示栏类型：{kind}", f"unknown board kind: {kind}")
    if period:
        period = parse_period(period).code
    location = (location or "").strip()
    if not location:
        raise ValidationError("请填写张贴地点", "where the board was posted is required")
    _check_dates(posted_on, taken_down_on, publicity_ends_on)
    photo_sha = _photo(db, photo)
    pdf_sha = store_bytes(db, pdf) if pdf else ""
    with db.write() as w:
        sc = resolve_scope(w.session, scope)
        row = BoardPosting(kind=kind, scope=sc.code, period=period, paper=paper, location=location[:200],
                           posted_on=posted_on, taken_down_on=taken_down_on, publicity_ends_on=publicity_ends_on,
                           pdf_sha256=pdf_sha, photo_sha256=photo_sha, note=note.strip(),
                           station_uuid=sc.uuid if sc.kind == "station" else None)
        w.session.add(row)
        w.session.flush()
        return _info(row)


def update_posting(db: Database, uuid: str, *, location: str | None = None, posted_on: dt.date | None = None,
                   taken_down_on: dt.date | None = None, publicity_ends_on: dt.date | None = None,
                   note: str | None = None, photo: str | os.PathLike | None = None,
                   clear_taken_down: bool = False) -> PostingInfo:
    """Change a posting: typically the date taken down and the photo as proof."""
    photo_sha = _photo(db, photo)
    with db.write() as w:
        row = w.session.get(BoardPosting, uuid)
        if row is None or row.deleted:
            raise NotFoundError("该张贴记录不存在或已删除", f"no posting {uuid}")
        current = _info(row)
        new = replace(current,
                      location=(location.strip() if location is not None else current.location),
                      posted_on=posted_on or current.posted_on,
                      taken_down_on=None if clear_taken_down else (taken_down_on or current.taken_down_on),
                      publicity_ends_on=publicity_ends_on or current.publicity_ends_on,
                      note=note.strip() if note is not None else current.note,
                      photo_sha256=photo_sha or current.photo_sha256)
        if not new.location:
            raise ValidationError("请填写张贴地点", "where the board was posted is required")
        _check_dates(new.posted_on, new.taken_down_on, new.publicity_ends_on)
        for key in ("location", "posted_on", "taken_down_on", "publicity_ends_on", "note", "photo_sha256"):
            if getattr(row, key) != getattr(new, key):
                setattr(row, key, getattr(new, key))
        w.session.flush()
        return _info(row)


def list_postings(db: Database) -> list[PostingInfo]:
    with db.read() as s:
        rows = s.execute(select(BoardPosting).where(BoardPosting.deleted.is_(False))
                         .order_by(BoardPosting.posted_on.desc(), BoardPosting.created_at.desc())).scalars()
        return [_info(r) for r in rows]


def get_posting(db: Database, uuid: str) -> PostingInfo:
    with db.read() as s:
        row = s.get(BoardPosting, uuid)
        if row is None or row.deleted:
            raise NotFoundError("该张贴记录不存在或已删除", f"no posting {uuid}")
        return _info(row)


def stored_file(db: Database, sha256: str) -> Path:
    """The stored PDF or photo of a posting; an error if it is not on this computer."""
    path = stored_path(db, sha256) if sha256 else None
    if path is None or not path.is_file():
        raise NotFoundError("文件不在本机（可能尚未同步）", "the file is not on this computer (not synced yet?)")
    return path
