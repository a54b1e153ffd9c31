"""Saved column mappings, found again by the header row of the next roster."""

from __future__ import annotations

import hashlib
import json

from sqlalchemy import select

from ..storage.database import Database
from ..storage.models import ImportMapping
from ..storage.models.base import utcnow
from .headers import FIELDS, normalize_header


def signature(headers: list[str]) -> str:
    norm = [normalize_header(h) for h in headers]
    while norm and not norm[-1]:
        norm.pop()
    return hashlib.sha256(json.dumps(norm, ensure_ascii=False).encode("utf-8")).hexdigest()


def load_mapping(db: Database, headers: list[str]) -> list[str] | None:
    """The saved mapping for this header row, or None."""
    with db.read() as s:
        row = s.execute(select(ImportMapping).where(ImportMapping.signature == signature(headers))).scalar_one_or_none()
    if row is None:
        return None
    saved = {int(k): v for k, v in json.loads(row.mapping).items()}
    return [saved.get(i, "") if saved.get(i, "") in FIELDS else "" for i in range(len(headers))]


def save_mapping(db: Database, headers: list[str], mapping: list[str], name: str = "") -> None:
    sig = signature(headers)
    data = json.dumps({str(i): k for i, k in enumerate(mapping) if k}, ensure_ascii=False)
    with db.write() as w:
        row = w.session.execute(select(ImportMapping).where(ImportMapping.signature == sig)).scalar_one_or_none()
        if row is None:
            row = ImportMapping(signature=sig)
            w.session.add(row)
        row.name = name or "、".join(h for h in headers if h)[:100]
        row.headers = json.dumps(headers, ensure_ascii=False)
        row.mapping = data
        row.updated_at = utcnow()
