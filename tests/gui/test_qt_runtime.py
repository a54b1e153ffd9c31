"""The installed PySide6 does not corrupt reference counts when signals are emitted."""

import sys
import threading

from PySide6.QtCore import QObject, Qt, Signal


class _Emitter(QObject):
    ping = Signal(int)

    def __init__(self):
        super().__init__()
        self.received = 0
        self.ping.connect(self._got, Qt.ConnectionType.QueuedConnection)

    def _got(self, _value):
        self.received += 1


def test_emit_keeps_singleton_refcounts(qapp):
    emitter = _Emitter()
    before = sys.getrefcount(True), sys.getrefcount(False)

    def burst():
        for i in range(2000):
            emitter.ping.emit(i)

    worker = threading.Thread(target=burst)
    worker.start()
    worker.join()
    burst()
    for _ in range(20):
        qapp.processEvents()
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert emitter.received == 4000
    # A broken build loses one reference per emit (thousands); allow normal noise.
    assert abs(after[0] - before[0]) < 100 and abs(after[1] - before[1]) < 100
