"""Helpers for the meetings tab's GUI tests: sample data, dialogs driven while exec() runs."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from tests.meetings_data import at, make_sample
from zxdesk.core.services import followups, mediation, meetings, rota
from zxdesk.core.services.meetings import MeetingInput, ResolutionInput


def build_sample(db, today: dt.date | None = None):
    """Two meetings (one with an overdue item), a mediation case and some rota days."""
    today = today or dt.date.today()
    s = make_sample(db)
    xy = s.stations["向阳镇委员工作站"]
    m1 = meetings.save_meeting(db, MeetingInput(
        "停车难问题协商", at("2024-03-05"), station_uuid=xy, place="同心圆议事厅", host="王主任",
        attendee_uuids=[s.members["张三"], s.members["李四"]], residents_count=5, minutes_opinions="建议错时停车",
        resolutions=[ResolutionInput("划定临时停车位"), ResolutionInput("错时共享车位")]))
    m2 = meetings.save_meeting(db, MeetingInput("学习全会精神", at("2024-04-10"), kind="学习交流"))
    res = meetings.get_meeting(db, m1).resolutions
    late = followups.follow_up_from_resolution(db, res[0].uuid, due_on=today - dt.timedelta(days=3),
                                               responsible_unit="住建局", category="conflict")
    done = followups.follow_up_from_resolution(db, res[1].uuid, due_on=dt.date(2024, 6, 1), responsible_unit="机关")
    followups.set_status(db, done, "done", result="已共享 40 个车位", closed_on=dt.date(2024, 5, 20))
    case = mediation.save_case(db, mediation.MediationInput(
        "张三丰\n欧阳娜娜", dt.date(2024, 2, 1), [s.members["王五"]], "邻里纠纷", "城关派出所",
        outcome="success", closed_on=dt.date(2024, 2, 3)))
    rota.fill_month(db, today.year, today.month, [s.members["张三"], s.members["赵䶮"]], station_uuid=xy)
    return s, {"parking": m1, "study": m2, "late": late, "done": done, "case": case}


def drive_dialog(getter, action) -> None:
    """Run ``action(dialog)`` once the page's dialog is open (exec() is running)."""

    def step() -> None:
        dialog = getter()
        if isinstance(dialog, QDialog) and dialog.isVisible():
            action(dialog)
        else:
            QTimer.singleShot(10, step)

    QTimer.singleShot(0, step)


def close_message_boxes() -> None:
    for w in QApplication.topLevelWidgets():
        if w.isVisible() and w.inherits("QMessageBox"):
            w.close()


def choose(qtbot, picker, query: str, name: str) -> None:
    """Type a pinyin query into a member picker and take the member named ``name``."""
    picker.search.setText(query)

    def shown():
        items = [picker.results.item(i) for i in range(picker.results.count())]
        return next((i for i in items if i.text().startswith(name)), None)

    qtbot.waitUntil(lambda: shown() is not None)
    picker.results.itemActivated.emit(shown())
