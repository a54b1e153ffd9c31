"""Follow-ups, mediation and rota pages: dialogs, overdue highlighting, printouts."""

import datetime as dt
import io

import pytest
from PySide6.QtCore import QDate, Qt
from pypdf import PdfReader

from tests.gui.meetings_helpers import build_sample, choose, drive_dialog
from zxdesk.core.services import followups, rota
from zxdesk.gui.meetings.row_model import OVERDUE_BACKGROUND


@pytest.fixture(autouse=True)
def _answer_yes(monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))


@pytest.fixture
def tab(qtbot, ctx, db):
    sample = build_sample(db)
    from zxdesk.gui.tabs.meetings import MeetingsTab

    widget = MeetingsTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    widget.activate()
    for page in (widget.meetings, widget.follow_ups, widget.mediation, widget.rota):
        page.open_after_save = False
    return widget, sample


def pdf_text(path) -> str:
    from pathlib import Path

    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(Path(path).read_bytes())).pages)


# -- follow-ups ------------------------------------------------------------------
def test_follow_up_from_resolution_then_closed(tab, qtbot, db):
    widget, (s, ids) = tab
    page = widget.meetings
    page.table.select_uuid(ids["parking"])
    page.detail.resolutions.setCurrentRow(1)

    def create(dialog):
        assert dialog.ui.titleEdit.toPlainText() == "错时共享车位"  # taken from the chosen resolution
        dialog.ui.categoryCombo.setCurrentIndex(dialog.ui.categoryCombo.findData("conflict"))
        dialog.ui.unitEdit.setText("街道办")
        dialog.ui.dueEdit.setDate(QDate(2024, 8, 1))
        dialog.save()

    drive_dialog(lambda: getattr(page, "dialog", None), create)
    page.detail.new_button.click()
    rows = page.detail.follow_ups.source.rows
    new = next(r for r in rows if r.responsible_unit == "街道办")
    assert (new.category, new.due_on, new.status) == ("conflict", dt.date(2024, 8, 1), "todo")

    def close_it(dialog):
        dialog.ui.statusCombo.setCurrentIndex(dialog.ui.statusCombo.findData("done"))
        dialog.save()  # no result yet: refused, dialog stays
        assert "办理结果" in dialog.ui.errorLabel.text()
        dialog.ui.resultEdit.setPlainText("已协调 30 个错时车位")
        dialog.ui.closedEdit.setDate(QDate(2024, 7, 1))
        dialog.save()

    page.dialog = None
    drive_dialog(lambda: getattr(page, "dialog", None), close_it)
    page.change_status(new)
    (row,) = [r for r in followups.list_follow_ups(db) if r.uuid == new.uuid]
    assert (row.status, row.result, row.closed_on) == ("done", "已协调 30 个错时车位", dt.date(2024, 7, 1))


def test_failed_needs_reason(tab, ctx, qtbot):
    widget, (s, ids) = tab
    from zxdesk.gui.meetings.followup_dialogs import StatusDialog

    (row,) = [r for r in followups.list_follow_ups(ctx.db) if r.uuid == ids["late"]]
    dialog = StatusDialog(ctx, row)
    qtbot.addWidget(dialog)
    dialog.ui.statusCombo.setCurrentIndex(dialog.ui.statusCombo.findData("failed"))
    assert dialog.ui.reasonEdit.isEnabled() and dialog.ui.closedEdit.isEnabled()
    dialog.save()
    assert "原因" in dialog.ui.errorLabel.text()
    dialog.ui.reasonEdit.setPlainText("规划调整，无法实施")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    (row,) = [r for r in followups.list_follow_ups(ctx.db) if r.uuid == ids["late"]]
    assert (row.status, row.reason) == ("failed", "规划调整，无法实施")


def test_overdue_list_is_highlighted_and_counted(tab):
    widget, (s, ids) = tab
    widget.pages.setCurrentIndex(1)
    page = widget.follow_ups
    assert page.overdue_label.text() == "全部会议共有 1 项逾期未办结"
    page.overdue_button.click()
    assert [r.uuid for r in page.model.rows] == [ids["late"]]
    assert page.model.data(page.model.index(0, 1)) == "3"
    assert page.model.data(page.model.index(0, 0), Qt.ItemDataRole.BackgroundRole).color() == OVERDUE_BACKGROUND
    page.overdue_button.click()
    assert len(page.model.rows) == 2
    assert page.model.data(page.model.index(1, 0), Qt.ItemDataRole.BackgroundRole) is None  # closed: plain
    page.granularity.setCurrentIndex(page.granularity.findData("month"))
    assert [(c.label, c.conflicts, c.problems) for c in page.stats_model.rows] == [("2024年5月", 0, 1)]
    assert "破解问题 1 件" in page.stats_total.text()


def test_delete_follow_up_with_undo(tab, ctx):
    widget, (s, ids) = tab
    widget.pages.setCurrentIndex(1)
    page = widget.follow_ups
    page.table.select_uuid(ids["late"])
    page.delete_selected()
    assert ids["late"] not in [r.uuid for r in page.model.rows]
    ctx.undo_stack.undo()
    assert ids["late"] in [r.uuid for r in page.model.rows]


# -- mediation -------------------------------------------------------------------
def test_new_mediation_case_and_masked_ledger(tab, qtbot, db, tmp_path):
    widget, (s, ids) = tab
    widget.pages.setCurrentIndex(2)
    page = widget.mediation
    assert page.summary.text().startswith("共 1 件：调解成功 1 件")

    def fill(dialog):
        dialog.ui.partiesEdit.setPlainText("司马光\n李雷")
        dialog.ui.disputeCombo.setCurrentText("劳动争议")
        dialog.ui.placeEdit.setText("向阳派出所")
        dialog.ui.openedEdit.setDate(QDate(2024, 3, 1))
        dialog.save()
        assert "调解委员" in dialog.ui.errorLabel.text()  # no mediator yet
        choose(qtbot, dialog.picker, "zy", "赵䶮")
        dialog.ui.outcomeCombo.setCurrentIndex(dialog.ui.outcomeCombo.findData("transferred"))
        dialog.ui.closedEdit.setDate(QDate(2024, 3, 5))
        dialog.save()

    drive_dialog(lambda: getattr(page, "dialog", None), fill)
    page.new_button.click()
    case = next(r for r in page.model.rows if r.dispute_type == "劳动争议")
    assert (case.mediator_names, case.outcome, case.closed_on) == ("赵䶮", "transferred", dt.date(2024, 3, 5))
    assert page.model.data(page.model.index(page.model.rows.index(case), 1)) == "司马光、李雷"
    page.mask_box.setChecked(True)
    assert page.model.data(page.model.index(page.model.rows.index(case), 1)) == "司马*、李*"

    target = tmp_path / "台账.pdf"
    page.print_ledger(target=str(target))
    text = pdf_text(target)
    assert "司马*" in text and "欧阳**" in text and "转办" in text
    assert "司马光" not in text and "欧阳娜娜" not in text


def test_mediation_filter_by_outcome(tab):
    widget, _ = tab
    widget.pages.setCurrentIndex(2)
    page = widget.mediation
    status = page.filters.status
    status.setCurrentIndex(status.findData("open"))
    assert page.model.rows == []
    status.setCurrentIndex(status.findData("success"))
    assert len(page.model.rows) == 1


# -- rota ------------------------------------------------------------------------
def test_rota_month_grid_add_remove_and_undo(tab, ctx, db, qtbot):
    widget, (s, ids) = tab
    widget.pages.setCurrentIndex(3)
    page = widget.rota
    today = dt.date.today()
    assert page.month_label.text() == f"{today.year}年{today.month}月"
    entries = rota.month_entries(db, today.year, today.month)
    first = entries[0]
    index = page.grid_model.index_of(first.duty_on)
    assert first.member_name in page.grid_model.data(index)
    page.set_month(2024, 2)
    assert page.month_label.text() == "2024年2月" and page.grid_model.by_day == {}
    page._day_clicked(page.grid_model.index_of(dt.date(2024, 2, 14)))
    choose(qtbot, page.picker, "ww", "王五")
    page.add_place.setText("城关派出所")
    page.add_button.click()
    assert page.day_list.count() == 1 and "王五　城关派出所" == page.day_list.item(0).text()
    assert "王五" in page.grid_model.data(page.grid_model.index_of(dt.date(2024, 2, 14)))
    page.day_list.item(0).setSelected(True)
    page.remove_button.click()
    assert page.day_list.count() == 0
    ctx.undo_stack.undo()
    assert page.day_list.count() == 1


def test_rota_fill_month_dialog_with_undo(tab, ctx, qtbot):
    widget, (s, ids) = tab
    widget.pages.setCurrentIndex(3)
    page = widget.rota
    page.set_month(2024, 2)

    def fill(dialog):
        for query, name in (("ls", "李四"), ("ww", "王五")):
            choose(qtbot, dialog.picker, query, name)
        dialog.station.setCurrentIndex(dialog.station.findData(s.stations["城关镇委员工作站"]))
        dialog.save()

    drive_dialog(lambda: getattr(page, "dialog", None), fill)
    page.fill_button.click()
    assert len(page.entries) == 21  # working days in February 2024
    assert page.entries[0].member_name == "李四" and page.entries[1].member_name == "王五"
    ctx.undo_stack.undo()
    assert page.entries == []
    ctx.undo_stack.redo()
    assert len(page.entries) == 21


def test_rota_pdf_and_print_document(tab, tmp_path):
    from PySide6.QtGui import QPageLayout
    from PySide6.QtPrintSupport import QPrinter

    widget, _ = tab
    widget.pages.setCurrentIndex(3)
    page = widget.rota
    target = tmp_path / "轮值表.pdf"
    page.export_pdf(str(target))
    text = pdf_text(target)
    today = dt.date.today()
    assert f"{today.year}年{today.month}月委员轮值表" in text and "赵䶮" in text
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    page.document().print_(printer)
    printed = pdf_text(tmp_path / "printed.pdf")
    assert "委员轮值表" in printed and "张三" in printed
