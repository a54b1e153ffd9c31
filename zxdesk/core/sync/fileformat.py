"""The sync file: a ZIP holding manifest.json, payload.jsonl and signature.

The signature is Ed25519 over the exact bytes of manifest.json; the manifest carries the
payload's SHA-256 and size. Nothing personal is in the manifest (site ids, the township
name, counts and hashes only). Members are read into memory with caps on their number,
size and compression ratio; nothing is ever extracted to disk.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ... import __version__
from .errors import CorruptFile, NotASyncFile, TooNew

FORMAT = "zxdesk-sync"
FORMAT_VERSION = 1
MIN_READER_VERSION = "0.1.0"  # the oldest zxdesk that reads what this one writes
SUFFIX = ".zxsync"

MANIFEST, PAYLOAD, SIGNATURE = "manifest.json", "payload.jsonl", "signature"
MEMBERS = (MANIFEST, PAYLOAD, SIGNATURE)
MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_MEMBER_BYTES = {MANIFEST: 1024 * 1024, PAYLOAD: 1536 * 1024 * 1024, SIGNATURE: 1024}
MAX_RATIO = 200  # JSON of uuids compresses ~6x; a zip bomb compresses 1000x
RATIO_FLOOR = 1024 * 1024  # small members are not ratio-checked
KINDS = ("changes", "roster", "enroll_request")


@dataclass
class Container:
    manifest_bytes: bytes
    payload: bytes
    signature: bytes


def version_tuple(text: str) -> tuple[int, ...]:
    parts = re.findall(r"\d+", text)
    return tuple(int(p) for p in parts[:4]) if parts else (0,)


def pack(manifest_bytes: bytes, payload: bytes, signature: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, data in ((MANIFEST, manifest_bytes), (PAYLOAD, payload), (SIGNATURE, signature)):
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return out.getvalue()


def read_path(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise NotASyncFile(f"不是同步文件：{path}", f"not a sync file: {path}")
        if size > MAX_FILE_BYTES:
            raise CorruptFile("文件超过同步文件的大小上限（512 MB）", "the file exceeds the 512 MB limit")
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise NotASyncFile(f"找不到文件：{path}", f"file not found: {path}") from exc
    except IsADirectoryError as exc:
        raise NotASyncFile(f"这是一个文件夹，不是同步文件：{path}", f"{path} is a folder") from exc
    except OSError as exc:
        raise CorruptFile(f"无法读取文件（U盘可能已拔出或损坏）：{path}", f"cannot read {path}: {exc.strerror}") from exc


def _truncated() -> CorruptFile:
    return CorruptFile("同步文件不完整或已损坏（可能没有写完就拔出了U盘），请重新导出",
                       "the sync file is truncated or corrupt; export it again")


def unpack(data: bytes) -> Container:
    """Check the zip's shape and caps and read its three members into memory."""
    if len(data) > MAX_FILE_BYTES:
        raise CorruptFile("文件超过同步文件的大小上限（512 MB）", "the file exceeds the 512 MB limit")
    if not data:
        raise _truncated()
    if not data.startswith(b"PK\x03\x04"):
        raise NotASyncFile("这不是 zxdesk 同步文件", "not a zxdesk sync file")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise _truncated() from exc
    with zf:
        infos = zf.infolist()
        names = [i.filename for i in infos]
        if len(infos) != len(MEMBERS) or sorted(names) != sorted(MEMBERS):
            raise NotASyncFile("这不是 zxdesk 同步文件（压缩包内容不符）", "not a zxdesk sync file (unexpected members)")
        out: dict[str, bytes] = {}
        for info in infos:
            cap = MAX_MEMBER_BYTES[info.filename]
            if info.flag_bits & 0x1:
                raise NotASyncFile("这不是 zxdesk 同步文件（压缩包带密码）", "not a sync file (encrypted zip)")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise CorruptFile("同步文件使用了不支持的压缩方式", "unsupported compression method")
            if info.file_size > cap:
                raise CorruptFile("同步文件的内容超过大小上限", f"{info.filename} exceeds its size limit")
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise CorruptFile("同步文件的压缩比异常（疑似压缩炸弹），已拒绝", "suspicious compression ratio")
            try:
                with zf.open(info) as fh:
                    body = fh.read(cap + 1)
            except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
                raise _truncated() from exc
            except Exception as exc:  # noqa: BLE001 - zlib.error and friends from a damaged stream
                raise _truncated() from exc
            if len(body) != info.file_size:
                raise _truncated()
            out[info.filename] = body
    return Container(out[MANIFEST], out[PAYLOAD], out[SIGNATURE])


_REQUIRED = {
    "kind": str, "county": str, "site": str, "site_name": str, "role": str, "recipient": str,
    "key_id": str, "sign_pub": str, "enc_pub": str, "file_id": str, "file_no": int, "created": str,
    "ranges": dict, "counts": dict, "payload_sha256": str, "payload_size": int,
}


def parse_manifest(raw: bytes) -> dict:
    """The manifest as a dict; refuses other formats and newer versions first."""
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise CorruptFile("同步文件的清单已损坏", "the manifest is not valid JSON") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise NotASyncFile("这不是 zxdesk 同步文件", "not a zxdesk sync file (unknown format)")
    fmt = manifest.get("format_version")
    min_reader = manifest.get("min_reader_version")
    if not isinstance(fmt, int) or not isinstance(min_reader, str):
        raise CorruptFile("同步文件的清单不完整", "the manifest lacks its version")
    if fmt > FORMAT_VERSION or version_tuple(min_reader) > version_tuple(__version__):
        if version_tuple(min_reader) > version_tuple(__version__):
            zh_need, en_need = f"≥ {min_reader}", f"≥ {min_reader}"
        else:
            zh_need, en_need = f"比 {__version__} 更新的版本", f"a version newer than {__version__}"
        raise TooNew(f"此文件由更新版本的 zxdesk 生成，请将 zxdesk 更新到 {zh_need} 后再导入（本机为 {__version__}）",
                     f"made by a newer zxdesk: update to {en_need} (this is {__version__})")
    schema = manifest.get("schema_version")
    if isinstance(schema, str) and schema.isdigit():
        from ..storage.migrations import head_revision

        if int(schema) > int(head_revision()):
            raise TooNew(f"此文件由更新版本的 zxdesk 生成（数据结构 {schema}），请将 zxdesk 更新到 "
                         f"≥ {min_reader} 后再导入（本机为 {__version__}）",
                         f"made by a newer zxdesk (schema {schema}): update to ≥ {min_reader}")
    for key, typ in _REQUIRED.items():
        value = manifest.get(key)
        if not isinstance(value, typ) or isinstance(value, bool):
            raise CorruptFile("同步文件的清单不完整", f"the manifest lacks a valid {key!r}")
    if manifest["kind"] not in KINDS:
        raise NotASyncFile("这不是 zxdesk 同步文件（未知的文件类型）", f"unknown sync file kind {manifest['kind']!r}")
    if not re.fullmatch(r"[0-9a-f]{32}", manifest["file_id"]):
        raise CorruptFile("同步文件的清单不完整", "bad file id")
    for origin, rng in manifest["ranges"].items():
        if (not isinstance(rng, list) or len(rng) != 2 or not all(isinstance(x, int) and not isinstance(x, bool)
                                                                   for x in rng) or not 0 <= rng[0] <= rng[1]):
            raise CorruptFile("同步文件的清单不完整", f"bad sequence range for {origin}")
    return manifest


def encode_manifest(manifest: dict) -> bytes:
    base = {"format": FORMAT, "format_version": FORMAT_VERSION, "min_reader_version": MIN_READER_VERSION,
            "app_version": __version__}
    return json.dumps({**base, **manifest}, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
