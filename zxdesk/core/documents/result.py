"""What rendering returns, and writing it to a file atomically."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ValidationError


@dataclass
class RenderedDocument:
    kind: str  # performance | commitments | assessment | selection | notice | minutes | signin | badges ...
    title: str
    pdf: bytes
    pages: int
    missing: list[str] = field(default_factory=list)  # characters the font cannot draw (printed as 〓)
    rows: int = 0  # members, commitments or attendees listed
    publicity_ends_on: dt.date | None = None  # the last day of a 公示期, for the posting register

    def write(self, path: str | os.PathLike) -> Path:
        return write_atomic(path, self.pdf)


def write_atomic(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename:
    a reader never sees half a file, and a failure leaves any old file as it was."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ValidationError(f"输出文件夹不存在：{folder}", f"output folder does not exist: {folder}")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".part")
    except OSError as exc:
        raise ValidationError(f"无法写入文件夹：{folder}", f"cannot write to folder {folder}: {exc}") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        raise ValidationError(f"无法写入文件：{target}（可能正被其他程序打开）",
                              f"cannot write {target} (is it open in another program?): {exc}") from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target
