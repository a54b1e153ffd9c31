"""The 工作站与界别 dialog on a real database."""

import datetime as dt

import pytest
from PySide6.QtWidgets import QMessageBox

from zxdesk.core.domain.member_form import MemberDraft
from zxdesk.core.services import base_data as bd
from zxdesk.core.services import members as member_service
from zxdesk.gui.dialogs.base_data import BaseDataDialog, CheckinDialog


@pytest.fixture
def dialog(qtbot, ctx):
    d = BaseDataDialog(ctx)
    qtbot.addWidget(d)
    return d


def test_add_station_tick_checklist_and_save(dialog, ctx):
    page = dialog.stations
    assert page.model.rowCount() == 0 and not page.checkin_box.isEnabled()
    page.new_station()
    page.save()  # no name: refused inline, nothing saved
    assert "名称不能为空" in page.error_label.text()
    assert bd.list_stations(ctx.db) == [] and not dialog.changed
    page.name_edit.setText("东风镇委员工作站")
    page.township_edit.setText("东风镇")
    for field in ("has_staff", "has_premises", "has_rules"):
        page.checks[field].setChecked(True)
    assert page.count_label.text().startswith("六有 3/6")
    page.save()
    assert page.error_label.text() == "" and dialog.changed
    [saved] = bd.list_stations(ctx.db)
    assert (saved.name, saved.township, saved.checklist_label) == ("东风镇委员工作站", "东风镇", "六有 3/6")
    assert page.model.rowCount() == 1 and page.model.index(0, 3).data() == "3/6"
    assert page.current.uuid == saved.uuid and page.checkin_box.isEnabled()
    # A second station with the same name is refused with the Chinese message.
    page.new_station()
    page.name_edit.setText("东风镇委员工作站")
    page.save()
    assert "已有名为" in page.error_label.text() and len(bd.list_stations(ctx.db)) == 1


def test_check_in_a_member_picked_by_pinyin(dialog, ctx, qtbot):
    member = member_service.save_member(ctx.db, None, MemberDraft(name="张三", gender="男"))
    member_service.save_member(ctx.db, None, MemberDraft(name="李四", gender="女"))
    station = bd.save_station(ctx.db, bd.StationData(name="西林社区委员工作室", kind="工作室"))
    dialog.stations.reload(station.uuid)
    picker_dialog = CheckinDialog(ctx, station.name, dialog)
    qtbot.addWidget(picker_dialog)
    picker_dialog.picker.search.setText("zs")
    picker_dialog.picker._run_search()
    assert picker_dialog.picker.results.count() == 1
    picker_dialog.picker.results.setCurrentRow(0)
    picker_dialog.picker._take_current()
    member_uuid, day, _note = picker_dialog.values()
    assert member_uuid == member and day == dt.date.today()
    dialog.stations.check_in(member_uuid, dt.date(2024, 5, 6), "接待群众")
    assert [(c.member_name, c.note) for c in dialog.stations.checkin_model.rows] == [("张三", "接待群众")]
    assert dialog.stations.checkin_box.title() == "进站报到（1 人次）"


def test_sectors_tab(dialog, ctx, monkeypatch, qtmodeltester):
    page = dialog.sectors
    page.add_defaults()
    assert page.model.rowCount() == len(bd.list_sectors(ctx.db)) > 20 and dialog.changed
    qtmodeltester.check(page.model)
    qtmodeltester.check(dialog.stations.model)
    qtmodeltester.check(dialog.stations.checkin_model)
    page.add_sector("退休人员界")
    assert page.selected().name == "退休人员界"
    page.move(-1)
    names = [s.name for s in bd.list_sectors(ctx.db)]
    assert names[-2:] == ["退休人员界", "退役军人"] and page.selected().name == "退休人员界"
    page.rename_sector("离退休人员界")
    page.toggle_active()
    row = bd.list_sectors(ctx.db)[-2]
    assert (row.name, row.active) == ("离退休人员界", False)
    assert page.buttons["active"].text() == "启用"
    shown = []
    monkeypatch.setattr("zxdesk.gui.dialogs.base_data_sectors.show_error", lambda _p, exc: shown.append(exc.zh))
    page.add_sector("教育界")
    assert shown and "已有名为" in shown[0]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.delete_sector()
    assert "离退休人员界" not in [s.name for s in bd.list_sectors(ctx.db)]


def test_menu_opens_the_dialog_and_refreshes(main_window, monkeypatch):
    seen = []
    main_window.ctx.data_changed.connect(seen.append)
    action = next(a for a in main_window.edit_menu.actions() if a.text() == "工作站与界别(&S)…")

    def fake_exec(self):
        self.sectors.add_defaults()
        return 0

    monkeypatch.setattr(BaseDataDialog, "exec", fake_exec)
    action.trigger()
    assert seen == ["*"]
