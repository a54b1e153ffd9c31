"""Writing a file to a USB stick so that "safe to remove" is true when we say it.

Write to a temporary file in the target folder, fsync it, rename it over the target,
fsync the folder (POSIX), then drop the cached pages where the OS allows it and read
the file back, comparing its SHA-256 with what we meant to write. Sticks that lie about
flushing are caught by the read-back far more often than not, but a read-back can still
be served from a cache we could not drop; the importer's own hash check is the last line.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import sys
from pathlib import Path

from .errors import WriteVerifyFailed

SAFE_TO_REMOVE = "可以安全拔出U盘"


def _fsync_dir(folder: Path) -> None:
    if sys.platform == "win32":
        return  # Windows cannot open a folder for fsync; the file's flush covers NTFS/FAT metadata
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _read_back(path: Path) -> bytes:
    with path.open("rb") as fh:
        if hasattr(os, "posix_fadvise"):
            try:
                os.posix_fadvise(fh.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
            except OSError:
                pass
        return fh.read()


def write_verified(path: Path, data: bytes) -> str:
    """Atomically write ``data`` to ``path`` and check it; return its SHA-256."""
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise WriteVerifyFailed(f"目标文件夹不存在：{folder}", f"folder not found: {folder}")
    digest = hashlib.sha256(data).hexdigest()
    tmp = folder / f".{path.name}.{secrets.token_hex(4)}.part"
    try:
        with tmp.open("xb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        _fsync_dir(folder)
        back = _read_back(path)
    except OSError as exc:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise WriteVerifyFailed(f"写入失败（U盘已满、只读或已拔出？）：{path}",
                                f"cannot write {path}: {exc.strerror or exc}") from exc
    if hashlib.sha256(back).hexdigest() != digest:
        raise WriteVerifyFailed("写入后读回校验不一致，U盘可能有问题，请换一个U盘重新导出",
                                "the file read back differs from what was written; use another stick")
    return digest
