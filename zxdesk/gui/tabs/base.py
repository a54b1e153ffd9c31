"""The base class of main-window tabs."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ..context import AppContext


class TabBase(QWidget):
    """Builds its widgets at once; loads data on ``activate`` (first show) and refresh."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._activated = False

    def activate(self) -> None:
        """Called each time the tab is shown; loads data the first time."""
        if not self._activated and self.ctx.db is not None:
            self._activated = True
            self.refresh()

    def refresh(self) -> None:
        """Reload what the tab shows from the core (on a worker thread)."""

    def is_busy(self) -> bool:
        """True while the tab is still loading (the smoke test waits on it)."""
        return False
