"""The 同步 tab: set up, enrol, export with progress, import after a dry-run preview,
review a conflict side by side, the sites with their last sync, the status bar."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from zxdesk.core.storage.database import open_database
from zxdesk.core.storage.models import DutyRecord, Member, Station


class Answers:
    """Stands in for the clerk: answers the tab's questions, records what it was told."""

    def __init__(self, tab, monkeypatch):
        self.told: list[tuple[str, str]] = []
        self.previews: list = []
        self.paths: list[str] = []
        monkeypatch.setattr(tab, "tell", lambda title, text: self.told.append((title, text)))
        monkeypatch.setattr(tab, "confirm", lambda title, text: True)
        monkeypatch.setattr(tab, "confirm_enroll", lambda request: True)
        monkeypatch.setattr(tab, "ask_save_path", lambda title, name: self.paths.pop(0))
        monkeypatch.setattr(tab, "ask_open_path", lambda title: self.paths.pop(0))

        def preview(report):
            self.previews.append(report)
            return report.status != "already_imported"

        monkeypatch.setattr(tab, "confirm_import", preview)


def make_tab(qtbot, db, register_fonts=True):
    from zxdesk.gui.context import AppContext
    from zxdesk.gui.tabs.sync import SyncTab

    ctx = AppContext()
    ctx.tasks.synchronous = True
    tab = SyncTab(ctx)
    qtbot.addWidget(tab)
    ctx.set_database(db)
    tab.activate()
    return ctx, tab


@pytest.fixture
def offices(tmp_path, qapp):
    from zxdesk.gui.fonts import register_fonts

    register_fonts(qapp)
    county = open_database(tmp_path / "county.sqlite3", create=True)
    ws = open_database(tmp_path / "ws.sqlite3", create=True)
    with county.write() as w:
        station = Station(name="东镇工作站", township="东镇")
        w.session.add(station)
        w.session.flush()
        w.session.add(Member(name="张三", phone="13900001111", station_uuid=station.uuid))
    yield tmp_path, county, ws
    county.dispose()
    ws.dispose()


def test_setup_enrol_export_import_and_resolve(qtbot, offices, monkeypatch, qtmodeltester):
    tmp, county_db, ws_db = offices
    county_ctx, county = make_tab(qtbot, county_db)
    ws_ctx, ws = make_tab(qtbot, ws_db)
    assert "尚未设置" in county.identity_label.text() and county.setup_button.isVisibleTo(county)
    said_county, said_ws = Answers(county, monkeypatch), Answers(ws, monkeypatch)

    county.setup("county", "230381", None)
    ws.setup("workstation", "230381", "东镇")
    assert "县政协" in county.identity_label.text() and "东镇" in ws.identity_label.text()
    assert "花名册" in ws.warning_label.text()

    said_ws.paths.append(str(tmp / "request.zxsync"))
    ws.request_clicked()
    assert "指纹" in said_ws.told[-1][1]
    said_county.paths.append(str(tmp / "request.zxsync"))
    county.enroll_clicked()
    assert said_county.told[-1][0] == "已登记"
    assert county.target.count() == 1 and county.target.currentText() == "东镇"
    assert county.site_model.rowCount() == 1

    said_county.paths.append(str(tmp / "roster.zxsync"))
    county.export_clicked()
    assert "可以安全拔出U盘" in said_county.told[-1][1]
    said_ws.paths.append(str(tmp / "roster.zxsync"))
    ws.import_clicked()
    preview = said_ws.previews[-1]
    assert preview.status == "dry_run" and preview.applied > 0
    with ws_db.read() as s:
        assert s.execute(select(Member.name)).scalar_one() == "张三"

    # The same field changed at both ends: one conflict, both values side by side.
    for db, phone in ((ws_db, "13700000000"), (county_db, "13600000000")):
        with db.write() as w:
            w.session.execute(select(Member)).scalar_one().phone = phone
    said_ws.paths.append(str(tmp / "up.zxsync"))
    ws.export_clicked()
    said_county.paths.append(str(tmp / "up.zxsync"))
    county.import_clicked()
    assert said_county.previews[-1].conflicts == 1
    assert county.conflict_model.rowCount() == 1
    qtmodeltester.check(county.conflict_model)
    qtmodeltester.check(county.site_model)
    texts = county.local_text.toPlainText() + county.incoming_text.toPlainText()
    assert "13600000000" in texts and "13700000000" in texts
    assert "暂定采用" in county.local_box.title() + county.incoming_box.title()
    assert county.pages.tabText(0) == "待处理的冲突（1）"
    county.resolve_current("incoming")
    assert county.conflict_model.rowCount() == 0
    with county_db.read() as s:
        assert s.execute(select(Member.phone)).scalar_one() == "13700000000"

    # Importing the same file again: the preview says so and nothing happens.
    said_county.paths.append(str(tmp / "up.zxsync"))
    county.import_clicked()
    assert said_county.previews[-1].status == "already_imported"
    site_row = county.site_model.row_at(0)
    assert site_row.last_file["name"] == "up.zxsync"
    assert county.site_model.data(county.site_model.index(0, 4)) == "up.zxsync"


def test_a_bad_file_shows_a_clear_error_and_changes_nothing(qtbot, offices, monkeypatch):
    tmp, county_db, _ws = offices
    _ctx, county = make_tab(qtbot, county_db)
    Answers(county, monkeypatch)
    county.setup("county", "230381", None)
    shown = []
    monkeypatch.setattr("zxdesk.gui.tabs.sync.show_error", lambda parent, exc, title: shown.append((title, exc)))
    junk = tmp / "junk.zxsync"
    junk.write_bytes(b"hello")
    county.preview_import(str(junk))
    assert shown and shown[0][0] == "无法导入此文件" and "不是 zxdesk 同步文件" in shown[0][1].zh


def test_main_window_status_bar_shows_the_last_sync(qtbot, main_window, db, tmp_path, monkeypatch):
    from zxdesk.core.sync import export, sites

    tab = next(t for t in main_window.tab_widgets() if type(t).__name__ == "SyncTab")
    assert main_window.sync_label.text() == "上次同步：从未同步"
    Answers(tab, monkeypatch)
    tab.setup("county", "230381", None)
    ws = open_database(tmp_path / "ws.sqlite3", create=True)
    sites.setup(ws, "workstation", "230381", "东镇")
    sites.enroll(db, sites.read_enroll_request(db, sites.make_enroll_request(ws)[0]))
    export.export_file(db, tmp_path / "roster.zxsync", site="东镇")
    tab.refresh()
    assert "导出至东镇" in main_window.sync_label.text()
    with ws.write() as w:
        w.session.add(Station(name="东镇工作站", township="东镇"))
    ws.dispose()


def test_a_workstation_with_pending_changes_says_so(qtbot, offices, monkeypatch):
    tmp, county_db, ws_db = offices
    from zxdesk.core.sync import export, importer, sites

    sites.setup(county_db, "county", "230381")
    sites.setup(ws_db, "workstation", "230381", "东镇")
    sites.enroll(county_db, sites.read_enroll_request(county_db, sites.make_enroll_request(ws_db)[0]))
    importer.import_file(ws_db, export.export_file(county_db, tmp / "r.zxsync", site="东镇").path)
    with ws_db.write() as w:
        member = w.session.execute(select(Member)).scalar_one()
        w.session.add(DutyRecord(member_uuid=member.uuid, duty_type="reading", occurred_on=dt.date(2024, 1, 2),
                                 title="读书", station_uuid=member.station_uuid))
    _ctx, ws = make_tab(qtbot, ws_db)
    assert "尚未被县政协确认" in ws.warning_label.text()
    assert ws.request_button.isVisibleTo(ws) and not ws.enroll_button.isVisibleTo(ws)
    assert ws.site_model.rowCount() == 1 and ws.site_model.data(ws.site_model.index(0, 1)) == "县政协"
