"""Duty records page, record dialog with attachments, quick entry, assessment view and rules."""

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from tests.ledger_helpers import add_duty, add_member

Y = 2023


@pytest.fixture
def data(db):
    zs, ls, ww = add_member(db, "张三"), add_member(db, "李四"), add_member(db, "王五")
    for t, outcome in [("proposal", "立案"), ("sentiment", ""), ("research", ""), ("deed", ""), ("reading", ""),
                       ("duty_report", "")]:
        add_duty(db, zs, t, dt.date(Y, 5, 1), f"张三的{t}", outcome=outcome)
    add_duty(db, ls, "reading", dt.date(Y, 6, 1), "读《乡土中国》")
    return {"张三": zs, "李四": ls, "王五": ww}


@pytest.fixture
def tab(qtbot, ctx, data):
    from zxdesk.gui.tabs.ledger import LedgerTab

    widget = LedgerTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    widget.activate()
    return widget


@pytest.fixture
def yes(monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))


def test_records_page_lists_filters_and_models_correctly(tab, qtmodeltester, data):
    page = tab.records
    tab.pages.setCurrentWidget(page)
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 7 and page.status_label.text() == "共 7 条履职记录"
    page.search.setText("ls")
    assert [page.model.row_object(r).title for r in range(page.model.rowCount())] == ["读《乡土中国》"]
    page.search.setText("")
    page.type_combo.setCurrentIndex(page.type_combo.findData("proposal"))
    assert page.model.rowCount() == 1
    page.type_combo.setCurrentIndex(0)
    tab.members.table.selectRow(tab.members.model.row_of(data["张三"]))
    tab.members.act_records.trigger()
    assert tab.pages.currentWidget() is page and page.model.rowCount() == 6
    assert "张三" in page.member_label.text()


def test_record_dialog_saves_with_attachment_and_delete_is_undoable(tab, ctx, db, data, tmp_path, yes):
    from zxdesk.core.services.duty_records import DutyFilter, get_duty, list_duties
    from zxdesk.gui.ledger.record_dialog import RecordDialog

    page = tab.records
    tab.pages.setCurrentWidget(page)
    evidence = tmp_path / "调研照片.jpg"
    evidence.write_bytes(b"jpeg bytes")
    dialog = RecordDialog(ctx, None, page, member_uuid=data["王五"])
    ui = dialog.ui
    ui.typeCombo.setCurrentIndex(ui.typeCombo.findData("research"))
    assert ui.pointsSpin.value() == 3.0  # the type's points from the rules
    assert [ui.outcomeCombo.itemText(i) for i in range(ui.outcomeCombo.count())] == ["（无）", "形成报告", "未形成报告"]
    ui.outcomeCombo.setCurrentIndex(1)
    ui.dateEdit.setDate(QDate(Y, 7, 1))
    dialog.accept()
    assert "标题" in ui.errorLabel.text()  # not saved without a title
    ui.titleEdit.setText("农村养老调研")
    dialog.add_files([str(evidence)])
    dialog.accept()
    assert dialog.result()
    rows = list_duties(db, DutyFilter(member_uuid=data["王五"]))
    assert [(r.title, r.outcome, r.attachments) for r in rows] == [("农村养老调研", "形成报告", 1)]
    assert get_duty(db, rows[0].uuid)[1][0].filename == "调研照片.jpg"

    page.requery()
    page.table.selectRow(page.model.row_of(rows[0].uuid))
    page.delete_records()
    assert page.model.row_of(rows[0].uuid) == -1
    ctx.undo_stack.undo()
    assert page.model.row_of(rows[0].uuid) >= 0


def test_quick_entry_gives_each_checked_attendee_a_record(qtbot, ctx, db, data):
    from zxdesk.core.services.duty_records import DutyFilter, list_duties
    from zxdesk.gui.ledger.quick_entry import QuickEntryDialog

    dialog = QuickEntryDialog(ctx)
    qtbot.addWidget(dialog)
    ui = dialog.ui
    ui.titleEdit.setText("小板凳协商议事会")
    ui.dateEdit.setDate(QDate(Y, 9, 9))
    dialog.accept()
    assert "勾选" in ui.errorLabel.text()
    ui.searchEdit.setText("ww")  # pinyin initials narrow the list
    visible = [ui.membersList.item(i).text() for i in range(ui.membersList.count())
               if not ui.membersList.item(i).isHidden()]
    assert visible == ["王五"]
    ui.selectAllButton.click()
    ui.searchEdit.setText("")
    for i in range(ui.membersList.count()):
        if ui.membersList.item(i).text() == "李四":
            ui.membersList.item(i).setCheckState(Qt.CheckState.Checked)
    assert ui.selectedLabel.text() == "已选 2 人"
    dialog.accept()
    made = list_duties(db, DutyFilter(duty_type="consultation"))
    assert sorted(r.member_name for r in made) == ["李四", "王五"] and len({r.source_uuid for r in made}) == 1


def test_assessment_view_ticks_evidence_selection_and_export(tab, ctx, data, monkeypatch, qtmodeltester, tmp_path):
    import openpyxl

    from zxdesk.gui.ledger import assessment_page

    page = tab.assessment
    page.year.setValue(Y)
    tab.pages.setCurrentWidget(page)
    qtmodeltester.check(page.model)
    model = page.model
    names = [model.data(model.index(r, 1)) for r in range(model.rowCount())]
    assert names[0] == "张三"  # ranked by points
    assert model.data(model.index(0, 3)) == "18"  # points, next to the name
    assert [model.data(model.index(0, c)) for c in range(4, 10)] == ["✓"] * 6
    ls = names.index("李四")
    assert model.data(model.index(ls, 4)) == "✗" and model.data(model.index(ls, 8)) == "✓"
    assert page.short_list.count() == 2 and page.short_list.item(0).text().startswith("李四：缺")

    opened = []
    monkeypatch.setattr(assessment_page.EvidenceDialog, "exec", lambda self: opened.append(self) or 0)
    page.cell_clicked(model.index(0, 4))
    assert opened and opened[0].table.item(0, 2).text() == "张三的proposal"
    page.cell_clicked(model.index(ls, 4))  # a ✗ opens nothing
    assert len(opened) == 1

    page.only_short.setChecked(True)
    assert model.rowCount() == 2
    page.only_short.setChecked(False)
    page.table.selectRow(0)
    monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(lambda *a, **k: ("五项全部完成", True)))
    page.select_member()
    row = next(r for r in model.rows if r.name == "张三")
    assert row.selected and row.reason == "五项全部完成"
    path = tmp_path / "考核.xlsx"
    page.export(str(path))
    wb = openpyxl.load_workbook(path)
    assert wb["优秀委员"].cell(3, 2).value == "张三"


def test_rules_dialog_changes_the_assessment(tab, ctx):
    from zxdesk.core.services.assessment_rules import load_rules
    from zxdesk.gui.ledger.rules_dialog import RulesDialog

    dialog = RulesDialog(ctx)
    ui = dialog.ui
    assert ui.rulesTable.rowCount() == 6
    ui.rulesTable.setCurrentCell(4, 0)  # 一本好书
    ui.rulesTable.cellWidget(4, 2).setValue(2)
    ui.rulesTable.setCurrentCell(0, 0)  # the proposal: allow any outcome
    for i in range(ui.outcomesList.count()):
        ui.outcomesList.item(i).setCheckState(Qt.CheckState.Unchecked)
    ui.rulesTable.setCurrentCell(5, 0)
    dialog.remove_rule()
    dialog.point_spins["reading"].setValue(4)
    dialog.accept()
    rules = load_rules(ctx.db)
    assert [r.code for r in rules.indicators] == ["proposal", "sentiment", "research", "deed", "reading"]
    assert rules.indicators[4].min_count == 2 and rules.indicators[0].outcomes == []
    assert rules.points["reading"] == 4
    tab.assessment.year.setValue(Y)
    tab.assessment.refresh()
    assert tab.assessment.model.columnCount() == 4 + 5 + 3

    bad = RulesDialog(ctx)
    bad.ui.rulesTable.setCurrentCell(0, 0)
    for i in range(bad.ui.typesList.count()):
        bad.ui.typesList.item(i).setCheckState(Qt.CheckState.Unchecked)
    bad.accept()
    assert "至少要选一种履职类型" in bad.ui.errorLabel.text() and not bad.result()
