"""Where bundled resources (fonts, icons) are, in a checkout and in a frozen build."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def font_file(weight: str = "Regular") -> Path:
    """The bundled CJK font (TrueType outlines, loads in Qt and reportlab)."""
    return resource_dir() / "fonts" / f"ZXSansSC-{weight}.ttf"


FONT_FAMILY = "ZX Sans SC"
