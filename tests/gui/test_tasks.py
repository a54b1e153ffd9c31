"""Background tasks deliver results and errors on the GUI thread."""

import threading

from zxdesk.core.errors import ValidationError
from zxdesk.core.progress import Cancelled
from zxdesk.gui.tasks import TaskRunner


def test_results_arrive_on_the_gui_thread(qtbot):
    runner = TaskRunner()
    got, threads = [], []
    for i in range(50):
        runner.run(lambda _p, i=i: (threading.get_ident(), i), lambda r: (got.append(r[1]), threads.append(r[0])))
    qtbot.waitUntil(lambda: len(got) == 50, timeout=10_000)
    assert sorted(got) == list(range(50))
    assert threading.get_ident() not in threads


def test_errors_go_to_on_error_and_cancel_is_silent(qtbot):
    runner = TaskRunner()
    errors, done = [], []

    def fail(_p):
        raise ValidationError("坏输入", "bad input")

    def cancelled(p):
        p.cancel()
        p.check()

    runner.run(fail, done.append, errors.append)
    runner.run(cancelled, done.append, errors.append)
    qtbot.waitUntil(lambda: runner.pending() == 0, timeout=10_000)
    assert [e.zh for e in errors] == ["坏输入"] and done == []
    assert not any(isinstance(e, Cancelled) for e in errors)


def test_progress_reports_reach_the_dialog(qtbot):
    runner = TaskRunner()
    out = []

    def work(p):
        for i in range(5):
            p.report(i + 1, 5, "处理中")
        return "ok"

    runner.run(work, out.append, title="测试任务")
    qtbot.waitUntil(lambda: out == ["ok"], timeout=10_000)
