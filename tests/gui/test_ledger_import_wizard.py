"""The import wizard: file → mapping (corrected, saved) → dry run with reasons → import → undo."""

import openpyxl
import pytest
from PySide6.QtWidgets import QMessageBox, QWizard

from tests.ledger_helpers import id_number, write_xlsx


@pytest.fixture
def roster(tmp_path):
    return write_xlsx(tmp_path / "名册.xlsx", [
        ["县政协委员名册"],
        ["序号", "姓名", "身份证号", "联系方式", "所属党派"],
        [1, "张三", id_number("19750315", 1), "13900001111", "民盟"],
        [2, "王五", 2.3030219621e17, "13900003333", "群众"],
        [3, "李四", id_number("19800501", 2, male=False), "0451-8234567", "中共"],
        ["合计", "3人"],
    ], merges=["A1:E1"])


@pytest.fixture
def yes(monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))


def test_wizard_end_to_end(qtbot, ctx, db, roster, tmp_path, yes):
    from zxdesk.core.services.members import list_members
    from zxdesk.gui.ledger.import_wizard import ImportWizard

    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(tmp_path / "nothing.xlsx"))
    wizard.next()
    assert wizard.currentPage() is wizard.file_page and "找不到" in wizard.file_page.error.text()
    wizard.file_page.path.setText(str(roster))
    wizard.next()

    page = wizard.mapping_page
    assert wizard.currentPage() is page
    assert page.mapping() == ["", "name", "id_number", "phone", ""]  # 所属党派 is not a known header
    assert "表头在第 2 行" in page.info.text()
    assert page.table.item(2, 1).text() == "张三"
    page.combos[1].setCurrentIndex(0)
    wizard.next()
    assert wizard.currentPage() is page and "姓名" in page.error.text()
    page.combos[1].setCurrentIndex(page.combos[1].findData("name"))
    page.combos[4].setCurrentIndex(page.combos[4].findData("party"))
    page.save.setChecked(True)
    wizard.next()

    check = wizard.check_page
    assert wizard.currentPage() is check
    assert list_members(db) == []  # the dry run wrote nothing
    assert check.summary.text().startswith("新增 2 人，更新 0 人，未导入 1 行")
    rows = {check.table.item(r, 1).text(): check.table.item(r, 3).text() for r in range(check.table.rowCount())}
    assert "Excel" in rows["王五"]
    check.only_rejected.setChecked(True)
    assert check.table.rowCount() == 1
    saved = tmp_path / "未导入.xlsx"
    check.save_rejections(str(saved))
    assert [c.value for c in openpyxl.load_workbook(saved).active[3]][3] == "王五"
    assert wizard.button(QWizard.WizardButton.CommitButton).text() == "开始导入"
    wizard.next()

    result = wizard.result_page
    assert wizard.currentPage() is result
    assert "新增 2 人" in result.summary.text()
    people = {m.name: m for m in list_members(db)}
    assert set(people) == {"张三", "李四"} and people["张三"].party == "民盟盟员"
    result.undo.click()
    assert list_members(db) == [] and "已撤销" in result.summary.text()

    again = ImportWizard(ctx)
    qtbot.addWidget(again)
    again.show()
    again.file_page.path.setText(str(roster))
    again.next()
    assert again.mapping_page.mapping()[4] == "party" and "保存过" in again.mapping_page.info.text()


def test_history_dialog_undoes_an_import(qtbot, ctx, db, roster, yes, monkeypatch):
    from zxdesk.core.importing.members_import import import_members
    from zxdesk.core.services.members import list_members
    from zxdesk.gui.ledger.import_history import ImportHistoryDialog

    import_members(db, roster)
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok))
    dialog = ImportHistoryDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 3).text() == "2"
    dialog.table.selectRow(0)
    dialog.undo_selected()
    assert list_members(db) == [] and dialog.table.item(0, 5).text() == "已撤销"
