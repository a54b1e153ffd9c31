"""The 协商议事 tab: its pages, models, filters, search and deletion with undo."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from tests.gui.meetings_helpers import build_sample
from zxdesk.gui.meetings.row_model import OVERDUE_BACKGROUND


@pytest.fixture
def tab(qtbot, ctx, db):
    sample = build_sample(db)
    from zxdesk.gui.tabs.meetings import MeetingsTab

    widget = MeetingsTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    widget.activate()
    return widget, sample


def test_tab_is_in_the_main_window(main_window):
    from zxdesk.gui.tabs.meetings import MeetingsTab

    main_window.tabs.setCurrentIndex(1)
    tab = main_window.tabs.currentWidget()
    assert isinstance(tab, MeetingsTab)
    assert [tab.pages.tabText(i) for i in range(4)] == ["会议", "跟踪事项/逾期", "人民调解", "轮值表"]
    assert not tab.is_busy()


def test_every_model_passes_the_model_tester(tab, qtmodeltester):
    widget, (_, ids) = tab
    for i in range(4):
        widget.pages.setCurrentIndex(i)
    widget.meetings.table.select_uuid(ids["parking"])
    for model in (widget.meetings.model, widget.meetings.detail.follow_ups.source, widget.follow_ups.model,
                  widget.follow_ups.stats_model, widget.mediation.model, widget.rota.grid_model):
        qtmodeltester.check(model)
        assert model.rowCount() > 0


def test_meeting_list_and_detail(tab):
    widget, (s, ids) = tab
    page = widget.meetings
    assert [r.topic for r in page.model.rows] == ["学习全会精神", "停车难问题协商"]
    assert page.count_label.text() == "共 2 次会议，1 次有逾期事项"
    page.table.select_uuid(ids["parking"])
    assert "错时停车" in page.detail.browser.toPlainText()
    assert "张三" in page.detail.browser.toPlainText()
    assert page.detail.resolutions.count() == 2
    fu = page.detail.follow_ups.source
    assert {r.uuid for r in fu.rows} == {ids["late"], ids["done"]}
    late_row = next(i for i, r in enumerate(fu.rows) if r.uuid == ids["late"])
    assert fu.data(fu.index(late_row, 0), Qt.ItemDataRole.BackgroundRole).color() == OVERDUE_BACKGROUND
    overdue_row = next(i for i, r in enumerate(page.model.rows) if r.uuid == ids["parking"])
    assert page.model.data(page.model.index(overdue_row, 0), Qt.ItemDataRole.BackgroundRole) is not None


def test_filters_and_full_text_search(tab, qtbot):
    widget, (s, ids) = tab
    page = widget.meetings
    f = page.filters
    f.kind.setCurrentIndex(f.kind.findData("学习交流"))
    assert [r.topic for r in page.model.rows] == ["学习全会精神"]
    f.kind.setCurrentIndex(0)
    f.status.setCurrentIndex(f.status.findData("overdue"))
    assert [r.topic for r in page.model.rows] == ["停车难问题协商"]
    f.status.setCurrentIndex(0)
    f.station.setCurrentIndex(f.station.findData(s.stations["城关镇委员工作站"]))
    assert page.model.rows == []
    f.station.setCurrentIndex(0)
    f.period.setCurrentText("自定义")
    f.date_from.setDate(dt.date(2024, 4, 10))
    f.date_to.setDate(dt.date(2024, 4, 10))
    assert [r.topic for r in page.model.rows] == ["学习全会精神"]
    f.period.setCurrentText("全部时间")
    f.search.setText("错时")
    qtbot.waitUntil(lambda: [r.topic for r in page.model.rows] == ["停车难问题协商"])
    assert "background:#ffe27a" in page.detail.browser.toHtml().replace(" ", "").replace("background-color", "background")


def test_delete_meeting_then_undo(tab, ctx, monkeypatch):
    widget, (s, ids) = tab
    page = widget.meetings
    monkeypatch.setattr(page, "confirm", lambda *_a: True)
    page.table.select_uuid(ids["parking"])
    page.delete_selected()
    assert [r.topic for r in page.model.rows] == ["学习全会精神"]
    assert widget.follow_ups.stale or not widget.follow_ups.isVisible()
    ctx.undo_stack.undo()
    assert [r.topic for r in page.model.rows] == ["学习全会精神", "停车难问题协商"]
    ctx.undo_stack.redo()
    assert len(page.model.rows) == 1


def test_meeting_kinds_are_configurable_from_the_page(tab, monkeypatch):
    widget, _ = tab
    page = widget.meetings
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getMultiLineText",
                        staticmethod(lambda *a, **k: ("协商议事\n小板凳议事会", True)))
    page.edit_kinds()
    assert page.kinds == ["协商议事", "小板凳议事会"]
    assert page.filters.kind.findText("小板凳议事会") > 0
