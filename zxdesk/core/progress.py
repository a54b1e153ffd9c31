"""Progress and cancellation for long core operations; the GUI polls or listens."""

from __future__ import annotations

import threading
from collections.abc import Callable


class Cancelled(Exception):
    """The user cancelled a long operation; whatever it was writing is rolled back."""


class Progress:
    """Passed into long operations. ``report`` may be called from a worker thread."""

    def __init__(self, callback: Callable[[int, int, str], None] | None = None):
        self._callback = callback
        self._cancel = threading.Event()
        self.done = 0
        self.total = 0
        self.message = ""

    def report(self, done: int, total: int, message: str = "") -> None:
        self.done, self.total, self.message = done, total, message
        if self._callback is not None:
            self._callback(done, total, message)
        self.check()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()


NULL_PROGRESS = Progress()
