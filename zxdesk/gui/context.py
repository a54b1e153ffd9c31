"""What every tab is given: the open database handle, the task runner, undo, signals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from .tasks import TaskRunner

if TYPE_CHECKING:
    from ..core.storage.database import Database


class AppContext(QObject):
    """Shared by the main window and the tabs.

    ``db`` is the core Database handle that services take as their first argument; GUI
    code passes it on and never opens sessions with it.
    """

    database_ready = Signal()
    data_changed = Signal(str)  # a table name, or "*" after an import or sync
    status_message = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.db: Database | None = None
        self.tasks = TaskRunner(self)
        self.undo_stack = QUndoStack(self)

    def set_database(self, db: Database) -> None:
        self.db = db
        self.database_ready.emit()
