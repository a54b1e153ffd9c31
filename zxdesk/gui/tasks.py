"""Running core work off the GUI thread, with a progress dialog that appears late.

``TaskRunner.run(fn, ...)`` calls ``fn(progress)`` on a worker thread and delivers the
result or the error back on the GUI thread. The progress dialog shows only when the
work takes longer than ``DIALOG_DELAY_MS``; its Cancel button cancels the core's
Progress, which rolls the work back. Tests set ``synchronous = True`` for determinism.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..core.progress import Cancelled, Progress

DIALOG_DELAY_MS = 600


class _Relay(QObject):
    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int, str)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[Progress], Any], relay: _Relay, progress: Progress):
        super().__init__()
        self.fn, self.relay, self.progress = fn, relay, progress

    def run(self) -> None:
        try:
            result = self.fn(self.progress)
        except BaseException as exc:  # noqa: BLE001 - delivered to the GUI thread
            exc.__zx_traceback__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.relay.failed.emit(exc)
        else:
            self.relay.finished.emit(result)


class TaskRunner(QObject):
    """Owns the worker pool; one per application."""

    error = Signal(object)  # errors of tasks started without on_error

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self.synchronous = False
        self._live: set[_Relay] = set()

    def run(
        self,
        fn: Callable[[Progress], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        title: str | None = None,
        parent: QWidget | None = None,
    ) -> Progress:
        relay = _Relay()
        self._live.add(relay)
        dialog: QProgressDialog | None = None
        timer: QTimer | None = None
        progress = Progress(lambda d, t, m: relay.progressed.emit(d, t, m))

        if title is not None and not self.synchronous:
            dialog = QProgressDialog(title, "取消", 0, 0, parent)
            dialog.setWindowTitle(title)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(0)
            dialog.canceled.connect(progress.cancel)
            dialog.hide()
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(dialog.show)
            timer.start(DIALOG_DELAY_MS)

            def show_progress(done: int, total: int, message: str) -> None:
                dialog.setMaximum(max(total, 0))
                dialog.setValue(min(done, total) if total else 0)
                if message:
                    dialog.setLabelText(f"{title}：{message}")

            relay.progressed.connect(show_progress)

        def cleanup() -> None:
            if timer is not None:
                timer.stop()
            if dialog is not None:
                dialog.reset()
                dialog.deleteLater()
            self._live.discard(relay)

        def done(result: Any) -> None:
            cleanup()
            if on_done is not None:
                on_done(result)

        def failed(exc: BaseException) -> None:
            cleanup()
            if isinstance(exc, Cancelled):
                return
            if on_error is not None:
                on_error(exc)
            else:
                self.error.emit(exc)

        relay.finished.connect(done)
        relay.failed.connect(failed)
        job = _Job(fn, relay, progress)
        if self.synchronous:
            job.run()
        else:
            self.pool.start(job)
        return progress

    def wait(self, msecs: int = 30_000) -> bool:
        return self.pool.waitForDone(msecs)
