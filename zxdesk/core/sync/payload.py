"""The payload: one JSON array per line, tagged by its first element.

  ["b", site, lamport, operator, wall, batch]
        the transaction the following change lines belong to
  ["c", seq, table, record, field, old, new]
        a change; ``old``/``new`` are JSON values, or {"$enc": token} for personal fields
  ["e", site, lamport, {origin: hw}]      an epoch (what a site had seen from then on)
  ["k", origin, hw]                       the sender holds ``origin``'s changes up to hw
  ["a", site, hw]                         the county holds ``site``'s changes up to hw
  ["s", site, name, role, county, sign_pub, enc_pub, status]   a site (roster files)
  ["r", seq]                              the county refused the recipient's change seq
  ["f", file_no]                          the sender imported the recipient's roster file_no

Only the importer decodes a payload, and only after the signature and hash matched.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from ..storage.capture import encode
from .errors import InvalidContent
from .sealed import PERSONAL_FIELDS, Opener, Sealer, aad
from .tables import synced_tables

UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
SITE_RE = re.compile(r"[0-9a-zA-Z_-]{1,40}")


_UNSET = object()


@dataclass(slots=True)
class Change:
    site: str
    seq: int
    lamport: int
    table: str
    record: str
    field: str
    old: str | None  # JSON text, as in change_log
    new: str | None
    operator: str
    wall: str
    batch: str
    val: object = _UNSET  # ``new`` decoded, when it is known already

    def value(self) -> object:
        if self.val is _UNSET:
            self.val = json.loads(self.new) if self.new is not None else None
        return self.val

    @property
    def id(self) -> str:
        return f"{self.site}:{self.seq}"

    @property
    def rank(self) -> tuple[int, str, int]:
        """Who wins: the higher Lamport value, then the higher site id (then the later
        change of the same transaction)."""
        return (self.lamport, self.site, self.seq)

    def content(self) -> tuple:
        return (self.lamport, self.table, self.record, self.field, self.new)


@dataclass
class SiteLine:
    site_id: str
    name: str
    role: str
    county: str
    sign_pub: str
    enc_pub: str
    status: str


@dataclass
class Payload:
    changes: list[Change] = field(default_factory=list)
    epochs: list[tuple[str, int, dict[str, int]]] = field(default_factory=list)
    known: dict[str, int] = field(default_factory=dict)
    acks: dict[str, int] = field(default_factory=dict)
    sites: list[SiteLine] = field(default_factory=list)
    refused: list[int] = field(default_factory=list)
    rosters: list[int] = field(default_factory=list)


# -- writing -----------------------------------------------------------------
def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def change_lines(rows: list[tuple], sealer: Sealer | None) -> list[str]:
    """Change-log rows (site, seq, lamport, table, record, field, old, new, operator,
    wall, batch) as payload lines: a "b" line whenever the transaction changes, then
    one "c" line per change. Stored values are JSON text already and go in verbatim."""
    out: list[str] = []
    current = None
    quote = json.encoder.encode_basestring
    for site, seq, lamport, table, record, fld, old, new, operator, wall, batch in rows:
        head = (site, lamport, operator, wall, batch)
        if head != current:
            out.append(_dump(["b", *head]))
            current = head
        if (table, fld) in PERSONAL_FIELDS:
            if sealer is None:
                raise ValueError("personal data needs a recipient key")
            cid = f"{site}:{seq}"
            old = _dump({"$enc": sealer.seal(old or "null", aad(cid, fld, "old"))})
            new = _dump({"$enc": sealer.seal(new or "null", aad(cid, fld, "new"))})
        out.append(f'["c",{seq},{quote(table)},{quote(record)},{quote(fld)},{old or "null"},{new or "null"}]')
    return out


def epoch_line(site: str, lamport: int, vector: dict[str, int]) -> str:
    return _dump(["e", site, lamport, vector])


def simple_line(*items: Any) -> str:
    return _dump(list(items))


# -- reading -----------------------------------------------------------------
def _bad(lineno: int, why: str) -> InvalidContent:
    return InvalidContent(f"同步文件第 {lineno} 行内容不合法（{why}），文件未导入",
                          f"line {lineno} of the payload is invalid ({why}); nothing was imported")


def _is_int(v: Any, low: int = 0) -> bool:
    return v.__class__ is int and v >= low


def _open(raw: Any, table: str, fld: str, cid: str, side: str, opener: Opener | None, lineno: int) -> Any:
    if not (isinstance(raw, dict) and len(raw) == 1 and isinstance(raw.get("$enc"), str)):
        raise _bad(lineno, f"{table}.{fld} 应为加密值")
    if opener is None:
        raise _bad(lineno, "缺少解密信息")
    try:
        return json.loads(opener.open(raw["$enc"], aad(cid, fld, side)))
    except ValueError as exc:
        raise _bad(lineno, "解密后的值无法识别") from exc


def _items(text: str) -> list[tuple[int, Any]]:
    """(line number, parsed line) for every non-empty line; one parse for the whole
    payload when it is well-formed, line by line to find the culprit when it is not."""
    lines = text.split("\n")
    numbered = [(n, line) for n, line in enumerate(lines, start=1) if line]
    try:
        parsed = json.loads("[" + ",".join(line for _n, line in numbered) + "]")
        if len(parsed) == len(numbered):
            return [(n, item) for (n, _line), item in zip(numbered, parsed)]
    except ValueError:
        pass
    out = []
    for n, line in numbered:
        try:
            out.append((n, json.loads(line)))
        except ValueError as exc:
            raise _bad(n, "不是 JSON") from exc
    return out


def decode(payload: bytes, ranges: dict[str, list[int]], opener: Opener | None, *, backfill: bool = False
           ) -> Payload:
    """Parse and validate every line; raise InvalidContent on the first bad one.

    A change must lie in its origin's declared range, or - in a roster, which may carry
    a record's whole history (``backfill``) - at or below the range's end."""
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidContent("同步文件内容不是 UTF-8 文本", "the payload is not UTF-8") from exc
    tables = synced_tables()
    out = Payload()
    seen: set[tuple[str, int]] = set()
    changes = out.changes
    uuid_ok = UUID_RE.fullmatch
    head = None
    for lineno, item in _items(text):
        if item.__class__ is not list or not item or item[0].__class__ is not str:
            raise _bad(lineno, "格式不对")
        tag = item[0]
        if tag == "c":
            if len(item) != 7:
                raise _bad(lineno, "字段数不对")
            if head is None:
                raise _bad(lineno, "变更前缺少批次行")
            _, seq, table, record, fld, old, new = item
            site, lamport, operator, wall, batch, rng = head
            info = tables.get(table) if table.__class__ is str else None
            col = info.columns.get(fld) if info is not None and fld.__class__ is str else None
            if col is None:
                raise _bad(lineno, f"未知的表或字段 {table}.{fld}")
            if seq.__class__ is not int or not (0 if backfill else rng[0]) < seq <= rng[1]:
                raise _bad(lineno, f"变更编号 {site}:{seq} 不在清单声明的范围内")
            if record.__class__ is not str or not uuid_ok(record):
                raise _bad(lineno, "记录编号不合法")
            key = (site, seq)
            if key in seen:
                raise _bad(lineno, f"变更 {site}:{seq} 重复出现")
            seen.add(key)
            if col.personal:
                cid = f"{site}:{seq}"
                old = _open(old, table, fld, cid, "old", opener, lineno)
                new = _open(new, table, fld, cid, "new", opener, lineno)
            if (old.__class__ in (dict, list) or not (col.nullable if new is None else col.check(new))
                    or new.__class__ is dict):
                raise _bad(lineno, f"{table}.{fld} 的值 {str(new)[:40]!r} 不合法")
            changes.append(Change(site, seq, lamport, table, record, fld, encode(old), encode(new), operator, wall,
                                  batch, new))
        elif tag == "b":
            if len(item) != 6:
                raise _bad(lineno, "批次行字段数不对")
            _, site, lamport, operator, wall, batch = item
            rng = ranges.get(site) if site.__class__ is str else None
            if rng is None:
                raise _bad(lineno, f"站点 {site} 不在清单声明的范围内")
            if lamport.__class__ is not int or lamport < 1:
                raise _bad(lineno, "版本号不合法")
            if (operator.__class__ is not str or len(operator) > 60 or wall.__class__ is not str
                    or len(wall) > 20 or batch.__class__ is not str or not 0 < len(batch) <= 36):
                raise _bad(lineno, "操作人、时间或批次不合法")
            head = (site, lamport, operator, wall, batch, rng)
        elif tag == "e":
            if (len(item) != 4 or not isinstance(item[1], str) or not SITE_RE.fullmatch(item[1])
                    or not _is_int(item[2], 1) or not isinstance(item[3], dict)
                    or not all(isinstance(k, str) and _is_int(v) for k, v in item[3].items())):
                raise _bad(lineno, "时序信息不合法")
            out.epochs.append((item[1], item[2], item[3]))
        elif tag in ("k", "a"):
            if len(item) != 3 or not isinstance(item[1], str) or not _is_int(item[2]):
                raise _bad(lineno, "确认信息不合法")
            (out.known if tag == "k" else out.acks)[item[1]] = item[2]
        elif tag == "s":
            if len(item) != 8 or not all(isinstance(x, str) for x in item[1:]) or not SITE_RE.fullmatch(item[1]):
                raise _bad(lineno, "站点信息不合法")
            out.sites.append(SiteLine(*item[1:]))
        elif tag in ("r", "f"):
            if len(item) != 2 or not _is_int(item[1], 1):
                raise _bad(lineno, "拒收或回执信息不合法")
            (out.refused if tag == "r" else out.rosters).append(item[1])
        else:
            raise _bad(lineno, f"未知的行类型 {tag[:10]!r}")
    return out
