"""Registering the bundled CJK font with Qt at start."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from ..core.resources import FONT_FAMILY, font_file

log = logging.getLogger(__name__)


def register_fonts(app: QApplication) -> bool:
    """Load the bundled font and make it the application font; False if missing."""
    ok = True
    for weight in ("Regular", "Bold"):
        path = font_file(weight)
        if QFontDatabase.addApplicationFont(str(path)) < 0:
            log.warning("could not load font %s", path)
            ok = False
    if ok:
        font = QFont(FONT_FAMILY)
        font.setPointSizeF(max(app.font().pointSizeF(), 10.0))
        app.setFont(font)
    return ok
