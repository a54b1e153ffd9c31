"""The ledger tab's member page and form, on a real database with pytest-qt."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QMessageBox

from tests.ledger_helpers import add_duty, add_member, add_sector, add_station, id_number_with_x


@pytest.fixture
def people(db):
    edu = add_sector(db, "教育界", 1)
    town = add_station(db, "城关工作站")
    out = {"edu": edu, "town": town}
    for name, extra in (("张三", {"sector_uuid": edu, "station_uuid": town, "role": "常委"}),
                        ("张珊珊", {"party": "民盟盟员"}), ("李四", {"status": "离任", "left_on": dt.date(2020, 1, 1)}),
                        ("王五", {"sector_uuid": edu})):
        out[name] = add_member(db, name, **extra)
    return out


@pytest.fixture
def tab(qtbot, ctx, people):
    from zxdesk.gui.tabs.ledger import LedgerTab

    widget = LedgerTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    widget.activate()
    return widget


def type_text(widget, text):
    """Type any characters (QTest.keyClicks only knows ASCII) as key events, like an input method."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def shown(page):
    return [page.model.row_object(r).name for r in range(page.model.rowCount())]


@pytest.fixture
def yes(monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))


def test_member_table_model_passes_the_model_tester(tab, qtmodeltester):
    qtmodeltester.check(tab.members.model)


def test_typing_pinyin_initials_filters_at_once(tab, qtbot):
    page = tab.members
    assert shown(page) == ["李四", "王五", "张三", "张珊珊"]
    assert "共 4 人（在任 3 人）" in page.status_label.text()
    qtbot.keyClicks(page.search, "zs")
    assert shown(page) == ["张三", "张珊珊"]
    assert "当前显示 2 人" in page.status_label.text()
    qtbot.keyClicks(page.search, "s")
    assert shown(page) == ["张珊珊"]
    page.search.clear()
    page.search.setText("zhangsan")
    assert shown(page) == ["张三"]


def test_attribute_filters_and_sorting(tab, people):
    page = tab.members
    page.sector.setCurrentIndex(page.sector.findData(people["edu"]))
    assert shown(page) == ["王五", "张三"]
    page.sector.setCurrentIndex(0)
    page.status.setCurrentIndex(page.status.findData("离任"))
    assert shown(page) == ["李四"]
    page.status.setCurrentIndex(0)
    page.party.setCurrentIndex(page.party.findData("民盟盟员"))
    assert shown(page) == ["张珊珊"]
    page.party.setCurrentIndex(0)
    page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert shown(page)[0] == "张珊珊"
    page.table.sortByColumn(10, Qt.SortOrder.AscendingOrder)  # 政协职务: 常委 before 委员
    assert shown(page)[0] == "张三"


def test_delete_goes_to_trash_undo_and_restore(tab, ctx, yes):
    page = tab.members
    page.table.selectRow(shown(page).index("王五"))
    page.act_delete.trigger()
    assert "王五" not in shown(page)
    ctx.undo_stack.undo()
    assert "王五" in shown(page)
    ctx.undo_stack.redo()
    assert "王五" not in shown(page)
    from zxdesk.gui.ledger.trash_dialog import TrashDialog

    dialog = TrashDialog(ctx, page)
    assert [i.label for i in dialog.items] == ["王五"]
    dialog.table.selectRow(0)
    dialog.restore_selected()
    assert dialog.items == [] and "王五" in shown(page)


def test_form_validates_as_you_type(qtbot, ctx, people):
    from zxdesk.gui.ledger.member_dialog import MemberDialog

    dialog = MemberDialog(ctx, None)
    qtbot.addWidget(dialog)
    ui = dialog.ui
    assert not dialog.save_button.isEnabled()  # no name yet
    type_text(ui.nameEdit, "赵六")
    assert dialog.save_button.isEnabled()
    valid = id_number_with_x("19750315")
    qtbot.keyClicks(ui.idNumberEdit, valid[:-1] + "x")
    assert ui.idNumberEdit.text() == valid  # a lowercase x became X
    assert ui.birthEdit.text() == "1975-03" and ui.genderCombo.currentText() == "男"  # from the ID
    ui.idNumberEdit.setText("")
    qtbot.keyClicks(ui.idNumberEdit, valid[:-2])
    assert "18位" in ui.errorLabel.text() and not dialog.save_button.isEnabled()
    assert ui.idNumberEdit.styleSheet()
    ui.idNumberEdit.setText("")
    qtbot.keyClicks(ui.idNumberEdit, valid)
    ui.birthEdit.setText("")
    qtbot.keyClicks(ui.birthEdit, "1976.01")
    assert "出生年月与身份证号不一致" in ui.errorLabel.text()
    ui.birthEdit.setText("")
    type_text(ui.birthEdit, "1975年3月")
    type_text(ui.phoneEdit, "１３９００００１１１")
    assert ui.phoneEdit.text() == "1390000111"  # full-width digits normalised as typed
    assert "电话" in ui.errorLabel.text()
    type_text(ui.phoneEdit, "１")
    assert ui.errorLabel.text() == "" and dialog.save_button.isEnabled()
    ui.phoneEdit.setText("")
    qtbot.keyClicks(ui.phoneEdit, "0451-8234567")
    assert ui.errorLabel.text() == ""


def test_form_saves_every_field_with_photo_and_shows_history(qtbot, ctx, db, people, tmp_path):
    from zxdesk.core.services.members import get_member
    from zxdesk.gui.ledger.member_dialog import MemberDialog

    photo = tmp_path / "委员照片.png"
    image = QImage(120, 160, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366cc"))
    assert image.save(str(photo))
    dialog = MemberDialog(ctx, people["张三"])
    qtbot.addWidget(dialog)
    ui = dialog.ui
    assert ui.nameEdit.text() == "张三" and ui.sectorCombo.currentText() == "教育界"
    ui.unitEdit.setText("县第一中学")
    ui.titleEdit.setText("校长")
    ui.termEdit.setText("第十届")
    ui.joinedOnEdit.setText("2021年1月")
    ui.noteEdit.setPlainText("特邀")
    dialog.use_photo_file(str(photo))
    assert ui.photoLabel.pixmap() is not None and not ui.photoLabel.pixmap().isNull()
    dialog._edited("unit")
    dialog.accept()
    d = get_member(db, people["张三"]).draft
    assert (d.unit, d.title, d.term, d.joined_on, d.note) == ("县第一中学", "校长", "第十届", dt.date(2021, 1, 1), "特邀")
    assert len(d.photo_sha256) == 64
    again = MemberDialog(ctx, people["张三"])
    qtbot.addWidget(again)
    table = again.ui.historyTable
    fields = [table.item(r, 2).text() for r in range(table.rowCount())]
    assert {"工作单位", "职务", "届次", "任职日期", "照片", "备注"} <= set(fields) and fields[-1] == "新建记录"
    unit_row = fields.index("工作单位")
    assert table.item(unit_row, 4).text() == "县第一中学" and table.item(unit_row, 1).text()


def test_members_records_in_the_form(qtbot, ctx, db, people):
    from zxdesk.gui.ledger.member_dialog import MemberDialog

    add_duty(db, people["张三"], "proposal", dt.date(2023, 3, 1), "关于校车的提案", outcome="立案", points=5)
    dialog = MemberDialog(ctx, people["张三"])
    qtbot.addWidget(dialog)
    assert dialog.ui.recordsTable.rowCount() == 1
    assert dialog.ui.recordsTable.item(0, 2).text() == "关于校车的提案"
    assert "合计 5 分" in dialog.ui.recordsSummary.text()


def test_export_from_the_page(tab, tmp_path):
    import openpyxl

    path = tmp_path / "名册.xlsx"
    tab.members.search.setText("zs")
    tab.members.export_members(str(path))
    ws = openpyxl.load_workbook(path).active
    assert [ws.cell(r, 2).value for r in (3, 4)] == ["张三", "张珊珊"]
