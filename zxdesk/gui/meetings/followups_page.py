"""跟踪事项/逾期: follow-up items across all meetings, overdue ones in red, closure counts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...core.domain.vocab import FOLLOW_UP_STATUSES
from ..context import AppContext
from .columns import follow_up_columns, is_overdue
from .filter_bar import FilterBar
from .page_base import PageBase, trash_with_undo
from .row_model import Column, RowTableModel
from .table_view import RowTable

STATUS_FILTERS = (("overdue", "逾期未办结"), ("open", "未办结"), *FOLLOW_UP_STATUSES.items())
GRANULARITIES = (("month", "按月"), ("quarter", "按季度"), ("half", "按半年"), ("year", "按年"))


class FollowUpsPage(PageBase):
    tables = ("meeting", "follow_up", "member", "station")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.filters = FilterBar(self, statuses=STATUS_FILTERS, search_hint="搜索事项、责任单位、结果或会议议题",
                                 period_caption="办理期限")
        self.overdue_button = QPushButton("只看逾期", self)
        self.overdue_button.setCheckable(True)
        self.edit_button = QPushButton("编辑", self)
        self.status_button = QPushButton("更新办理状态…", self)
        self.delete_button = QPushButton("删除", self)
        self.overdue_label = QLabel(self)
        self.overdue_label.setObjectName("overdueLabel")
        self.overdue_label.setStyleSheet("color: #9b1c1c; font-weight: bold;")
        self.model = RowTableModel(follow_up_columns(), self, highlight=is_overdue)
        self.table = RowTable(self.model, self, stretch=3)
        self.table.setObjectName("followUpTable")

        self.granularity = QComboBox(self)
        for code, label in GRANULARITIES:
            self.granularity.addItem(label, code)
        self.granularity.setCurrentIndex(1)
        self.stats_model = RowTableModel([
            Column("期间", lambda c: c.label, width=140),
            Column("化解矛盾（件）", lambda c: c.conflicts, align_right=True, width=110),
            Column("破解问题（件）", lambda c: c.problems, align_right=True, width=110),
            Column("合计", lambda c: c.total, align_right=True, width=70),
        ], self)
        self.stats = RowTable(self.stats_model, self)
        self.stats.setMinimumHeight(48)
        self.table.setMinimumHeight(60)
        self.stats.setObjectName("closureStats")
        self.stats_total = QLabel(self)

        top = QHBoxLayout()
        for w in (self.overdue_button, self.edit_button, self.status_button, self.delete_button):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.overdue_label)
        box = QGroupBox("已办结事项统计（按办结日期，受工作站、类型筛选）", self)
        box_layout = QVBoxLayout(box)
        row = QHBoxLayout()
        row.addWidget(self.granularity)
        row.addWidget(self.stats_total, 1)
        box_layout.addLayout(row)
        box_layout.addWidget(self.stats)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(box)
        split.setSizes([480, 200])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addWidget(split, 1)

        self.filters.changed.connect(self.refresh)
        self.granularity.currentIndexChanged.connect(lambda _i: self.refresh())
        self.overdue_button.toggled.connect(self._overdue_toggled)
        self.edit_button.clicked.connect(lambda: self._with_current(self.edit_item))
        self.status_button.clicked.connect(lambda: self._with_current(self.change_status))
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.row_activated.connect(self.change_status)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_selected)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)

    def _overdue_toggled(self, on: bool) -> None:
        combo = self.filters.status
        combo.setCurrentIndex(combo.findData("overdue") if on else 0)

    def _with_current(self, fn) -> None:
        row = self.table.current()
        if row is not None:
            fn(row)

    def refresh(self) -> None:
        if self.ctx.db is None:
            return
        from ...core.services.followup_stats import closure_counts
        from ...core.services.followups import FollowUpFilter, list_follow_ups, overdue_follow_ups
        from ...core.services.member_lookup import list_stations
        from ...core.services.meeting_kinds import get_meeting_kinds

        v = self.filters.values()
        self.overdue_button.blockSignals(True)
        self.overdue_button.setChecked(v.status == "overdue")
        self.overdue_button.blockSignals(False)
        f = FollowUpFilter(status=v.status, station_uuid=v.station_uuid, kind=v.kind, date_from=v.date_from,
                           date_to=v.date_to, text=v.text)
        db, granularity = self.ctx.db, self.granularity.currentData()

        def work(_p):
            return (list_stations(db), get_meeting_kinds(db), list_follow_ups(db, f), len(overdue_follow_ups(db)),
                    closure_counts(db, granularity, station_uuid=v.station_uuid, kind=v.kind))

        self.run(work, self._show)

    def _show(self, result: tuple) -> None:
        stations, kinds, rows, overdue, counts = result
        self.filters.set_stations(stations)
        self.filters.set_kinds(kinds)
        self.model.set_rows(rows)
        self.overdue_label.setText(f"全部会议共有 {overdue} 项逾期未办结" if overdue else "没有逾期事项")
        self.stats_model.set_rows(counts)
        conflicts, problems = sum(c.conflicts for c in counts), sum(c.problems for c in counts)
        self.stats_total.setText(f"累计：化解矛盾 {conflicts} 件，破解问题 {problems} 件")

    def edit_item(self, row: Any) -> None:
        from ...core.services.member_lookup import members_by_uuid
        from ...core.services.meetings import get_meeting

        db = self.ctx.db
        ids = [row.responsible_member_uuid] if row.responsible_member_uuid else []
        self.run(lambda _p: (get_meeting(db, row.meeting_uuid), members_by_uuid(db, ids)),
                 lambda r: self._open_editor(row, *r))

    def _open_editor(self, row: Any, meeting: Any, members: dict) -> None:
        from .followup_dialogs import FollowUpEditorDialog

        self.dialog = FollowUpEditorDialog(self.ctx, meeting, row=row, members=members, parent=self)
        if self.dialog.exec():
            self.changed("follow_up")

    def change_status(self, row: Any) -> None:
        from .followup_dialogs import StatusDialog

        self.dialog = StatusDialog(self.ctx, row, self)
        if self.dialog.exec():
            self.changed("follow_up")

    def delete_selected(self) -> None:
        rows = self.table.selected()
        if not rows or not self.confirm("删除跟踪事项", f"将选中的 {len(rows)} 项跟踪事项移入回收站？（可撤销）"):
            return
        from ...core.services.followups import delete_follow_ups, restore_follow_ups

        db, uuids = self.ctx.db, [r.uuid for r in rows]
        trash_with_undo(self, f"删除 {len(uuids)} 项跟踪事项", "follow_up",
                        lambda: delete_follow_ups(db, uuids), lambda: restore_follow_ups(db, uuids))
