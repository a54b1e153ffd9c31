"""Member photos for printing: a small JPEG per photo, made once and kept in a cache.

A phone photo may be 4000×3000 pixels; a board prints it about 25×33 mm. Each stored
photo is reduced once to at most 480×640 pixels (300 dpi at the A2 size) and saved as
``<data folder>/cache/print-photos/<sha256>.jpg``; a JPEG already that small is copied.
The ``.jpg`` name lets reportlab embed the JPEG as it is, without decoding it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

MAX_PX = (480, 640)


def cache_dir(data_dir: Path) -> Path:
    return data_dir / "cache" / "print-photos"


def print_photo(data_dir: Path, source: Path, sha256: str) -> Path | None:
    """The print-ready JPEG of a stored photo, or None if the photo is missing or unreadable."""
    target = cache_dir(data_dir) / f"{sha256}.jpg"
    if target.exists():
        return target
    if not source.is_file():
        return None
    from PIL import Image, UnidentifiedImageError

    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".photo-", suffix=".jpg")
    os.close(fd)
    try:
        with Image.open(source) as img:
            small = img.width <= MAX_PX[0] and img.height <= MAX_PX[1]
            if img.format == "JPEG" and small and img.mode in ("RGB", "L"):
                shutil.copyfile(source, tmp)
            else:
                img.thumbnail(MAX_PX)
                if img.mode not in ("RGB", "L"):
                    background = Image.new("RGB", img.size, "white")
                    rgba = img.convert("RGBA")
                    background.paste(rgba, mask=rgba.getchannel("A"))
                    img = background
                img.save(tmp, "JPEG", quality=88, optimize=False)
        os.replace(tmp, target)
    except (OSError, UnidentifiedImageError, ValueError):
        return None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target
