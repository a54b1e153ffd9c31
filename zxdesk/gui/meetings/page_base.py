"""What the pages of the meetings tab share: background loads, busy state, undoable trash."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from ..context import AppContext
from ..errors import show_error


class PageBase(QWidget):
    """A sub-page: loads on first show, reloads when its tables change elsewhere."""

    tables: tuple[str, ...] = ()  # data_changed names that make this page reload

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._pending = 0
        self.loaded = False
        self.stale = False
        self.open_after_save = True  # open saved PDFs in the system viewer (tests turn it off)
        ctx.data_changed.connect(self._data_changed)

    def run(self, fn: Callable[[Any], Any], on_done: Callable[[Any], None] | None = None, *,
            title: str | None = None, on_error: Callable[[BaseException], None] | None = None) -> None:
        """Run ``fn(progress)`` on a worker thread; errors are shown to the user."""
        self._pending += 1

        def done(result: Any) -> None:
            self._pending -= 1
            if on_done is not None:
                on_done(result)

        def failed(exc: BaseException) -> None:
            self._pending -= 1
            (on_error or (lambda e: show_error(self, e)))(exc)

        self.ctx.tasks.run(fn, done, failed, title=title, parent=self)

    def is_busy(self) -> bool:
        return self._pending > 0

    def ensure_loaded(self) -> None:
        if self.ctx.db is not None and (not self.loaded or self.stale):
            self.loaded, self.stale = True, False
            self.refresh()

    def refresh(self) -> None:
        """Reload from the core."""

    def changed(self, table: str) -> None:
        """Tell the other pages (and the status bar) that ``table`` changed."""
        self.ctx.data_changed.emit(table)

    def _data_changed(self, table: str) -> None:
        if table == "*" or table in self.tables:
            if self.isVisible():
                self.refresh()
            else:
                self.stale = True

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes


class SavingDialog(QDialog):
    """Runs the save on a worker; a refusal shows its reason and keeps the dialog open."""

    error_label: Any
    buttons: Any

    def submit(self, fn) -> None:
        self.buttons.setEnabled(False)
        self.ctx.tasks.run(lambda _p: fn(), self._done, self._refused, title="正在保存", parent=self)

    def _done(self, result: Any) -> None:
        self.buttons.setEnabled(True)
        self.result_value = result
        super().accept()

    def _refused(self, exc: BaseException) -> None:
        from ...core.errors import ZxError

        self.buttons.setEnabled(True)
        if isinstance(exc, ZxError):
            self.error_label.setText(exc.zh)
        else:
            from ..errors import show_error

            show_error(self, exc)


def write_file(path: str, data: bytes) -> str:
    """Write a generated file; a disk or permission problem becomes a clear message."""
    from pathlib import Path

    from ...core.errors import ValidationError

    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        raise ValidationError(f"无法保存文件：{path}（{exc.strerror}）", f"cannot write {path}: {exc}") from exc
    return path


class ServiceCommand(QUndoCommand):
    """An undo step over two core calls. Push it after the first ``redo`` already ran."""

    def __init__(self, page: PageBase, text: str, table: str, redo: Callable[[], Any], undo: Callable[[], Any]):
        super().__init__(text)
        self.page, self.table = page, table
        self._redo, self._undo = redo, undo
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.page.run(lambda _p: self._redo(), lambda _r: self.page.changed(self.table))

    def undo(self) -> None:
        self.page.run(lambda _p: self._undo(), lambda _r: self.page.changed(self.table))


def trash_with_undo(page: PageBase, text: str, table: str, delete: Callable[[], Any],
                    restore: Callable[[], Any]) -> None:
    """Delete now; on success put an undo step on the stack (Ctrl+Z restores)."""

    def done(_result: Any) -> None:
        page.ctx.undo_stack.push(ServiceCommand(page, text, table, delete, restore))
        page.changed(table)
        page.ctx.status_message.emit(f"{text}（可按 Ctrl+Z 撤销）")

    page.run(lambda _p: delete(), done)

