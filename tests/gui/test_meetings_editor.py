"""The meeting editor: every field, pinyin attendee search, resolutions, attachments."""

import datetime as dt

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select

from tests.gui.meetings_helpers import build_sample, drive_dialog
from tests.meetings_data import make_sample
from zxdesk.core.services import meetings
from zxdesk.core.services.attachments import list_attachments
from zxdesk.core.storage.models import DutyRecord, Station


@pytest.fixture(autouse=True)
def _answer_yes(monkeypatch):
    """Closing a changed editor asks first; at teardown the answer is yes."""
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))


def make_editor(qtbot, ctx, db, detail=None, attachments=()):
    from zxdesk.core.services.member_lookup import list_stations
    from zxdesk.gui.meetings.meeting_editor import MeetingEditorDialog

    dialog = MeetingEditorDialog(ctx, kinds=["协商议事", "学习交流"], stations=list_stations(db), detail=detail,
                                 attachments=list(attachments))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def pick(qtbot, picker, query):
    picker.search.clear()
    qtbot.keyClicks(picker.search, query)
    qtbot.waitUntil(lambda: picker.results.count() > 0 and query in picker.search.text())
    qtbot.waitUntil(lambda: not picker._debounce.isActive())
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)


def test_new_meeting_with_everything(qtbot, ctx, db, tmp_path, monkeypatch):
    s = make_sample(db)
    photo = tmp_path / "现场.png"
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366aa"))
    assert image.save(str(photo))
    dialog = make_editor(qtbot, ctx, db)
    ui = dialog.ui
    ui.kindCombo.setCurrentText("协商议事")
    ui.topicEdit.setText("老旧小区加装电梯协商")
    ui.startsAtEdit.setDateTime(QDateTime(dt.datetime(2024, 5, 8, 14, 30)))
    ui.stationCombo.setCurrentIndex(ui.stationCombo.findData(s.stations["向阳镇委员工作站"]))
    ui.placeEdit.setText("同心圆协商议事厅")
    ui.hostEdit.setText("刘主席")
    ui.residentsNamesEdit.setPlainText("赵大爷\n钱阿姨\n孙师傅")
    assert ui.residentsCountSpin.value() == 3  # follows the names typed
    ui.residentsCountSpin.setValue(12)
    ui.agendaEdit.setPlainText("一、通报\n二、协商")
    ui.briefingEdit.setPlainText("12 栋楼无电梯")
    ui.opinionsEdit.setPlainText("分摊费用")
    ui.consensusEdit.setPlainText("先试点 2 栋")

    pick(qtbot, dialog.picker, "zsf")  # pinyin initials
    pick(qtbot, dialog.picker, "lisi")  # full pinyin
    assert [m.name for m in dialog.picker.selected()] == ["张三丰", "李四"]

    ui.addResolutionButton.click()
    ui.resolutionsList.item(0).setText("先在 3 号楼试点")
    ui.addResolutionButton.click()
    ui.resolutionsList.item(1).setText("申请专项补贴")
    ui.resolutionsList.setCurrentRow(1)
    ui.upResolutionButton.click()

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(photo)], "")))
    ui.addPhotoButton.click()
    assert not ui.attachmentsList.item(0).icon().isNull()  # a thumbnail of the photo

    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    m = meetings.get_meeting(db, dialog.saved_uuid)
    assert (m.topic, m.kind, m.starts_at, m.place, m.host) == (
        "老旧小区加装电梯协商", "协商议事", dt.datetime(2024, 5, 8, 14, 30), "同心圆协商议事厅", "刘主席")
    assert (m.residents_count, m.residents_names) == (12, "赵大爷\n钱阿姨\n孙师傅")
    assert (m.agenda, m.minutes_briefing, m.minutes_opinions, m.minutes_consensus) == (
        "一、通报\n二、协商", "12 栋楼无电梯", "分摊费用", "先试点 2 栋")
    assert [r.text for r in m.resolutions] == ["申请专项补贴", "先在 3 号楼试点"]
    assert sorted(a.name for a in m.attendees) == ["张三丰", "李四"]
    assert [(a.filename, a.caption) for a in list_attachments(db, m.uuid)] == [("现场.png", "照片")]
    with db.read() as session:
        records = session.execute(select(DutyRecord).where(DutyRecord.source_uuid == m.uuid)).scalars().all()
    assert sorted(r.member_uuid for r in records) == sorted([s.members["张三丰"], s.members["李四"]])


def test_refused_save_keeps_dialog_and_input(qtbot, ctx, db):
    s = make_sample(db)
    dialog = make_editor(qtbot, ctx, db)
    dialog.ui.topicEdit.setText("")
    dialog.save()
    assert dialog.isVisible() and "议题" in dialog.ui.errorLabel.text()
    dialog.ui.topicEdit.setText("会议")
    dialog.ui.stationCombo.setCurrentIndex(dialog.ui.stationCombo.findData(s.stations["城关镇委员工作站"]))
    with db.write() as w:  # the station is deleted elsewhere while the dialog is open
        w.session.get(Station, s.stations["城关镇委员工作站"]).deleted = True
    dialog.save()
    assert dialog.isVisible() and "工作站" in dialog.ui.errorLabel.text()
    assert dialog.ui.topicEdit.text() == "会议"
    from zxdesk.core.services.meeting_list import list_meetings

    assert list_meetings(db) == []


def test_edit_existing_meeting_removes_attendee_and_attachment(qtbot, ctx, db, tmp_path):
    s, ids = build_sample(db)
    sheet = tmp_path / "签到表.jpg"
    QImage(10, 10, QImage.Format.Format_RGB32).save(str(sheet))
    detail = meetings.get_meeting(db, ids["parking"])
    meetings.save_meeting(db, detail.as_input(), add_files=[(sheet, "签到表")])
    dialog = make_editor(qtbot, ctx, db, meetings.get_meeting(db, ids["parking"]),
                         list_attachments(db, ids["parking"]))
    assert dialog.ui.topicEdit.text() == "停车难问题协商"
    assert dialog.ui.resolutionsList.count() == 2
    dialog.picker.chosen_list.setCurrentRow(0)  # 李四 (sorted by pinyin)
    dialog.picker.remove_button.click()
    dialog.ui.attachmentsList.setCurrentRow(0)
    dialog.ui.removeAttachmentButton.click()
    dialog.save()
    m = meetings.get_meeting(db, ids["parking"])
    assert [a.name for a in m.attendees] == ["张三"]
    assert list_attachments(db, m.uuid) == []


def test_new_meeting_from_the_page(qtbot, ctx, db):
    make_sample(db)
    from zxdesk.gui.tabs.meetings import MeetingsTab

    tab = MeetingsTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    tab.activate()

    def fill(dialog):
        dialog.ui.topicEdit.setText("社区养老服务协商")
        dialog.save()

    drive_dialog(lambda: getattr(tab.meetings, "editor", None), fill)
    tab.meetings.new_button.click()
    assert [r.topic for r in tab.meetings.model.rows] == ["社区养老服务协商"]
    assert tab.meetings.table.current().topic == "社区养老服务协商"


@pytest.mark.parametrize("answer, stays", [(True, False), (False, True)])
def test_cancel_asks_before_dropping_changes(qtbot, ctx, db, monkeypatch, answer, stays):
    from PySide6.QtWidgets import QMessageBox

    make_sample(db)
    dialog = make_editor(qtbot, ctx, db)
    dialog.ui.topicEdit.setText("写了一半")
    button = QMessageBox.StandardButton.Yes if answer else QMessageBox.StandardButton.No
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: button))
    dialog.reject()
    assert dialog.isVisible() == stays
