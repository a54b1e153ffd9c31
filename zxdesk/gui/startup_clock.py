"""Measuring time from process start to the first paint of the main window."""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject


def process_age_ms() -> float:
    """Milliseconds since this process started (Linux /proc; else since this import)."""
    if sys.platform.startswith("linux"):
        try:
            with open("/proc/self/stat", encoding="ascii") as fh:
                start_ticks = int(fh.read().rsplit(")", 1)[1].split()[19])
            with open("/proc/uptime", encoding="ascii") as fh:
                uptime = float(fh.read().split()[0])
            return (uptime - start_ticks / os.sysconf("SC_CLK_TCK")) * 1000.0
        except (OSError, ValueError, IndexError):
            pass
    return (time.perf_counter() - _IMPORTED) * 1000.0


_IMPORTED = time.perf_counter()


class FirstPaint(QObject):
    """Event filter that notes when its widget is first painted."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.ms: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if self.ms is None and event.type() == QEvent.Type.Paint:
            self.ms = process_age_ms()
        return False
