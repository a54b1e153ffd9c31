"""Running core work off the GUI thread, with a progress dialog that appears late.

``TaskRunner.run(fn, on_done, on_error)`` calls ``fn(progress)`` on a worker thread and
delivers the result or the error back on the GUI thread. The progress dialog shows only
when the work takes longer than ``DIALOG_DELAY_MS``; its Cancel button cancels the
core's Progress, which rolls the work back. Tests set ``synchronous = True`` for
determinism.

Only task ids cross threads through Qt signals; results and errors stay in Python
dicts. (Passing Python objects through queued ``Signal(object)`` connections corrupted
reference counts in PySide6 6.12.)
"""

from __future__ import annotations

import itertools
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..core.progress import Cancelled, Progress

DIALOG_DELAY_MS = 600


@dataclass
class _Task:
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    progress: Progress
    title: str | None = None
    dialog: QProgressDialog | None = None
    timer: QTimer | None = None
    outcome: tuple[bool, Any] | None = None
    last_report: tuple[int, int, str] = field(default=(0, 0, ""))


class TaskRunner(QObject):
    """Owns the worker threads; one per application."""

    error = Signal(object)  # errors of tasks started without on_error (GUI thread only)
    _finished = Signal(int)
    _progressed = Signal(int)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.synchronous = False
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="zxdesk-task")
        self._ids = itertools.count(1)
        self._tasks: dict[int, _Task] = {}
        self._lock = threading.Lock()
        self._futures: set = set()
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._progressed.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)

    def run(
        self,
        fn: Callable[[Progress], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        title: str | None = None,
        parent: QWidget | None = None,
    ) -> Progress:
        task_id = next(self._ids)

        def report(done: int, total: int, message: str) -> None:
            task = self._tasks.get(task_id)
            if task is not None:
                task.last_report = (done, total, message)
                if not self.synchronous:
                    self._progressed.emit(task_id)

        task = _Task(on_done, on_error, Progress(report), title)
        self._tasks[task_id] = task
        if self.synchronous:
            self._execute(task_id, fn)
            self._deliver(task_id)
            return task.progress
        if title is not None:
            self._prepare_dialog(task, parent)
        future = self._pool.submit(self._execute, task_id, fn)
        with self._lock:
            self._futures.add(future)
        future.add_done_callback(self._forget_future)
        return task.progress

    # -- worker side -------------------------------------------------------------
    def _execute(self, task_id: int, fn: Callable[[Progress], Any]) -> None:
        task = self._tasks[task_id]
        try:
            task.outcome = (True, fn(task.progress))
        except BaseException as exc:  # noqa: BLE001 - delivered to the GUI thread
            exc.__zx_traceback__ = traceback.format_exc()  # type: ignore[attr-defined]
            task.outcome = (False, exc)
        if not self.synchronous:
            self._finished.emit(task_id)

    def _forget_future(self, future) -> None:
        with self._lock:
            self._futures.discard(future)

    # -- GUI side ----------------------------------------------------------------
    def _prepare_dialog(self, task: _Task, parent: QWidget | None) -> None:
        dialog = QProgressDialog(task.title or "", "取消", 0, 0, parent)
        dialog.setWindowTitle(task.title or "")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.canceled.connect(task.progress.cancel)
        dialog.hide()
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(dialog.show)
        timer.start(DIALOG_DELAY_MS)
        task.dialog, task.timer = dialog, timer

    @Slot(int)
    def _show_progress(self, task_id: int) -> None:
        task = self._tasks.get(task_id)
        if task is None or task.dialog is None:
            return
        done, total, message = task.last_report
        task.dialog.setMaximum(max(total, 0))
        task.dialog.setValue(min(done, total) if total else 0)
        if message:
            task.dialog.setLabelText(f"{task.title}：{message}")

    @Slot(int)
    def _deliver(self, task_id: int) -> None:
        task = self._tasks.pop(task_id, None)
        if task is None or task.outcome is None:
            return
        if task.timer is not None:
            task.timer.stop()
            task.timer.deleteLater()
        if task.dialog is not None:
            task.dialog.reset()
            task.dialog.deleteLater()
        ok, value = task.outcome
        if ok:
            if task.on_done is not None:
                task.on_done(value)
        elif isinstance(value, Cancelled):
            return
        elif task.on_error is not None:
            task.on_error(value)
        else:
            self.error.emit(value)

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for running work to finish (results are delivered by the event loop)."""
        with self._lock:
            pending = list(self._futures)
        if not pending:
            return True
        _done, not_done = wait(pending, timeout=msecs / 1000)
        return not not_done

    def pending(self) -> int:
        return len(self._tasks)
