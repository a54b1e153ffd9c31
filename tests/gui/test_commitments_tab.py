"""The commitments tab end to end on a real database: load, filter, create, edit,
progress, status, review, delete/undo, trash, carry over, rates."""

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog, QMessageBox

from tests.commitment_data import add_commitment, make_world
from zxdesk.core.domain.periods import Period
from zxdesk.core.services import commitment_progress as prog
from zxdesk.core.services import commitments as svc
from zxdesk.core.services.commitment_list import CommitmentFilter, table_rows
from zxdesk.gui.commitments.table_model import UUID_ROLE

TODAY = dt.date.today()
NOW = Period.current()


@pytest.fixture
def world(db):
    w = make_world(db)
    w.late = add_commitment(db, w, "张三", period=NOW.code, deeds=[("送教下乡", TODAY - dt.timedelta(days=2))],
                            content="送教下乡四次")
    w.fine = add_commitment(db, w, "李䶮", period=NOW.code, status="fulfilled", category="建言献策")
    w.old = add_commitment(db, w, "王喆", period=NOW.previous().code, status="in_progress",
                           station="红旗街道委员工作室")
    return w


@pytest.fixture
def tab(qtbot, ctx, world):
    from zxdesk.gui.tabs.commitments import CommitmentsTab

    widget = CommitmentsTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    widget.activate()
    return widget


def uuids(tab):
    return {tab.model.index(r, 0).data(UUID_ROLE) for r in range(tab.model.rowCount())}


def yes(monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))


def save(dialog):
    dialog.button_box.button(QDialogButtonBox.StandardButton.Save).click() if hasattr(dialog, "button_box") \
        else dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).click()


def test_opens_on_latest_period_with_summary(tab, world):
    assert tab.period_combo.currentData() == NOW.code
    assert uuids(tab) == {world.late, world.fine}
    assert not tab.is_busy()
    assert "共 2 项" in tab.summary.text() and "兑现率 50.0%" in tab.summary.text() and "逾期 1 项" in tab.summary.text()


def test_main_window_has_the_tab(main_window):
    from zxdesk.gui.tabs.commitments import CommitmentsTab

    index = [main_window.tabs.tabText(i) for i in range(main_window.tabs.count())].index("承诺践诺")
    assert isinstance(main_window.tabs.widget(index), CommitmentsTab)
    main_window.tabs.setCurrentIndex(index)
    assert main_window.tabs.widget(index).model.rowCount() == 0  # empty database


def test_filters(tab, world, qtbot):
    tab.period_combo.setCurrentIndex(0)  # all periods
    assert uuids(tab) == {world.late, world.fine, world.old}
    tab.status_combo.setCurrentIndex(tab.status_combo.findData("fulfilled"))
    assert uuids(tab) == {world.fine}
    tab.status_combo.setCurrentIndex(0)
    tab.station_combo.setCurrentIndex(tab.station_combo.findText("红旗街道委员工作室"))
    assert uuids(tab) == {world.old}
    tab.station_combo.setCurrentIndex(0)
    tab.overdue_check.setChecked(True)
    assert uuids(tab) == {world.late, world.old}
    tab.overdue_check.setChecked(False)
    tab.category_combo.setCurrentIndex(tab.category_combo.findText("建言献策"))
    assert uuids(tab) == {world.fine}
    tab.category_combo.setCurrentIndex(0)
    tab.owner_type_combo.setCurrentIndex(tab.owner_type_combo.findData("group"))
    assert uuids(tab) == set()
    tab.owner_type_combo.setCurrentIndex(0)
    tab.search_edit.setText("送教")
    qtbot.waitUntil(lambda: uuids(tab) == {world.late})


def test_detail_panel_shows_selected(tab, world, qtbot):
    prog.add_update(db := tab.ctx.db, world.late, prog.UpdateInput(TODAY, "第一次送教完成"))
    assert db is not None
    tab.refresh()
    tab.select_uuid(world.late)
    qtbot.waitUntil(lambda: "第一次送教完成" in tab.detail.toPlainText())
    text = tab.detail.toPlainText()
    assert "张三" in text and "送教下乡四次" in text and "已过目标日期" in text and "逾期" in text


def test_create_with_editor(tab, world, qtbot):
    tab.actions_.new.trigger()
    editor = tab.dialog
    ui = editor.ui
    assert ui.periodCombo.currentData() == NOW.code
    ui.ownerTypeCombo.setCurrentIndex(ui.ownerTypeCombo.findData("branch"))
    ui.ownerCombo.setCurrentIndex(ui.ownerCombo.findData(world.groups["民盟界别党支部"]))
    assert ui.stationCombo.currentText() == "红旗街道委员工作室"  # the branch's station
    ui.categoryCombo.setCurrentText("为民办实事")
    ui.contentEdit.setPlainText("组织义诊进社区")
    editor.deeds.setData(editor.deeds.index(0, 0), "义诊四次")
    editor.deeds.setData(editor.deeds.index(0, 1), QDate(NOW.end.year, NOW.end.month, NOW.end.day))
    save(editor)
    new = uuids(tab) - {world.late, world.fine}
    assert len(new) == 1
    d = svc.get_commitment(tab.ctx.db, new.pop())
    assert (d.owner_name, d.owner_type, d.content, d.station_name) == (
        "民盟界别党支部", "branch", "组织义诊进社区", "红旗街道委员工作室")
    assert [(x.text, x.target_on) for x in d.deeds] == [("义诊四次", NOW.end)]
    assert tab.selected_uuids() == [d.uuid]


def test_owner_found_by_pinyin_initials(tab, world):
    tab.actions_.new.trigger()
    editor = tab.dialog
    completer = editor.ui.ownerCombo.completer()
    completer.setCompletionPrefix("zs")
    assert completer.completionCount() == 1
    completer.activated[str].emit(completer.currentCompletion())
    assert editor.owner_uuid() == world.members["张三"]
    editor.ui.ownerCombo.setEditText("王喆")  # a bare name typed in full
    assert editor.owner_uuid() == world.members["王喆"]
    editor.reject()


def test_editor_keeps_bad_input_and_saves_nothing(tab, world):
    tab.actions_.new.trigger()
    editor = tab.dialog
    editor.ui.ownerCombo.setCurrentIndex(0)
    save(editor)
    assert "承诺内容不能为空" in editor.ui.errorLabel.text()
    assert editor.isVisible()
    editor.ui.contentEdit.setPlainText("有内容")
    editor.ui.statusCombo.setCurrentIndex(editor.ui.statusCombo.findData("unfulfilled"))
    save(editor)
    assert "原因" in editor.ui.errorLabel.text() and editor.isVisible()
    editor.ui.periodCombo.setEditText("2023H7")
    save(editor)
    assert "期别" in editor.ui.errorLabel.text()
    assert len(table_rows(tab.ctx.db, CommitmentFilter()).rows) == 3
    editor.reject()


def test_edit_existing(tab, world):
    tab.select_uuid(world.late)
    tab.actions_.edit_action.trigger()
    editor = tab.dialog
    assert editor.ui.contentEdit.toPlainText() == "送教下乡四次"
    assert editor.deeds.rowCount() == 1
    editor.ui.deedsView.setCurrentIndex(editor.deeds.index(0, 0))
    editor.ui.doneDeedButton.click()
    editor.ui.contentEdit.setPlainText("送教下乡五次")
    save(editor)
    d = svc.get_commitment(tab.ctx.db, world.late)
    assert d.content == "送教下乡五次" and d.deeds[0].done_on == TODAY
    assert not d.overdue


def test_status_change_needs_reason(tab, world):
    tab.select_uuid(world.late)
    tab.actions_.status.trigger()
    dialog = tab.dialog
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("unfulfilled"))
    save(dialog)
    assert "原因" in dialog.error_label.text()
    assert svc.get_commitment(tab.ctx.db, world.late).status == "not_started"
    dialog.reason_edit.setText("学校停课")
    save(dialog)
    d = svc.get_commitment(tab.ctx.db, world.late)
    assert (d.status, d.reason) == ("unfulfilled", "学校停课")


def test_progress_update_with_evidence_and_record(tab, world, tmp_path):
    photo = tmp_path / "送教照片.png"
    photo.write_bytes(b"\x89PNG fake")
    tab.select_uuid(world.late)
    tab.actions_.progress.trigger()
    dialog = tab.dialog
    assert dialog.ui.recordsList.count() >= 0
    dialog.add_files([str(photo)])
    for i in range(dialog.ui.recordsList.count()):
        item = dialog.ui.recordsList.item(i)
        if item.data(Qt.ItemDataRole.UserRole):
            item.setCheckState(Qt.CheckState.Checked)
    save(dialog)
    assert "请填写进展情况" in dialog.ui.errorLabel.text()
    dialog.ui.textEdit.setPlainText("送教一次")
    save(dialog)
    updates = prog.list_updates(tab.ctx.db, world.late)
    assert [u.text for u in updates] == ["送教一次"]
    assert [a.filename for a in updates[0].attachments] == ["送教照片.png"]
    assert svc.get_commitment(tab.ctx.db, world.late).status == "in_progress"


def test_review_of_several(tab, world):
    tab.view.selectAll()
    tab.actions_.review.trigger()
    dialog = tab.dialog
    assert "2 项" in dialog.ui.scopeLabel.text()
    save(dialog)
    assert "评议人" in dialog.ui.errorLabel.text()
    dialog.ui.reviewerEdit.setText("镇政协委员工作室")
    dialog.ui.resultCombo.setCurrentIndex(dialog.ui.resultCombo.findData("优秀"))
    dialog.ui.remarkEdit.setPlainText("群众评价好")
    save(dialog)
    for uuid in (world.late, world.fine):
        d = svc.get_commitment(tab.ctx.db, uuid)
        assert (d.reviewed_by, d.review_result, d.review_remark, d.reviewed_on) == (
            "镇政协委员工作室", "优秀", "群众评价好", TODAY)
    tab.select_uuid(world.fine)
    tab.actions_.review.trigger()
    assert tab.dialog.ui.reviewerEdit.text() == "镇政协委员工作室"  # prefilled from its review
    assert tab.dialog.ui.resultCombo.currentData() == "优秀"
    assert tab.dialog.ui.remarkEdit.toPlainText() == "群众评价好"
    tab.dialog.reject()
    prog.clear_review(tab.ctx.db, [world.fine])
    tab.actions_.review.trigger()
    assert tab.dialog.ui.reviewerEdit.text() == "镇政协委员工作室"  # remembered from last time
    assert tab.dialog.ui.resultCombo.currentData() == "合格"  # the default grade
    tab.dialog.reject()


def test_delete_undo_and_trash(tab, world, monkeypatch, qtbot):
    yes(monkeypatch)
    tab.select_uuid(world.late)
    tab.actions_.delete.trigger()
    assert uuids(tab) == {world.fine}
    tab.ctx.undo_stack.undo()
    assert uuids(tab) == {world.late, world.fine}
    tab.ctx.undo_stack.redo()
    assert uuids(tab) == {world.fine}
    tab.actions_.trash.trigger()
    dialog = tab.dialog
    assert dialog.list.count() == 1
    dialog.list.item(0).setSelected(True)
    dialog.restore_button.click()
    assert dialog.list.count() == 0
    dialog._close()
    assert uuids(tab) == {world.late, world.fine}


def test_carry_over_action(tab, world, monkeypatch):
    yes(monkeypatch)
    target = NOW.code
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(
        lambda parent, title, label, items, current, editable: (items[current], True)))
    tab.actions_.carry.trigger()  # the filtered period is the target: copies 王喆's open one
    assert tab.period_combo.currentData() == target
    rows = table_rows(tab.ctx.db, CommitmentFilter(period=target)).rows
    assert len(rows) == 3
    told = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda parent, title, text: told.append(text)))
    tab.actions_.carry.trigger()  # nothing twice
    assert len(table_rows(tab.ctx.db, CommitmentFilter(period=target)).rows) == 3
    assert told and "没有需要结转的承诺（已结转过 1 项）" in told[0]


def test_rates_dialog(tab, world):
    tab.actions_.rates.trigger()
    dialog = tab.dialog
    assert "兑现率 50.0%" in dialog.summary.text()
    assert dialog.models["by_owner"].rowCount() == 2
    assert dialog.models["by_period"].rowCount() == 2
    dialog.period_combo.setCurrentIndex(dialog.period_combo.findData(NOW.previous().code))
    assert "共 1 项" in dialog.summary.text()
    dialog.reject()


def test_keyboard_return_opens_editor_and_context_menu_has_actions(tab, world, qtbot):
    tab.select_uuid(world.late)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    assert tab.dialog is not None and tab.dialog.ui.contentEdit.toPlainText() == "送教下乡四次"
    tab.dialog.reject()
    texts = [a.text() for a in tab.view.actions()]
    assert {"新建承诺", "修改", "记录进展", "期末评议", "删除"} <= set(texts)
