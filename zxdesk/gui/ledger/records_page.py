"""The 履职记录 page: duty records of all members or one, filtered in SQL; add, edit, trash,
and quick entry for everyone who attended an activity."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..context import AppContext
from ..errors import show_error
from .row_model import Column, RowIdModel

RECORD_COLUMNS = [
    Column("occurred_on", "日期", lambda r: r.occurred_on.isoformat()),
    Column("member", "委员", lambda r: r.member_name),
    Column("duty_type", "类型", lambda r: r.type_label),
    Column("title", "标题", lambda r: r.title),
    Column("outcome", "成果", lambda r: r.outcome),
    Column("points", "分值", lambda r: f"{r.points:g}", align_right=True),
    Column("", "附件", lambda r: str(r.attachments) if r.attachments else "", align_right=True),
]


class DeleteRecords(QUndoCommand):
    def __init__(self, page: RecordsPage, uuids: list[str]):
        super().__init__(f"删除履职记录 {len(uuids)} 条")
        self.page, self.uuids = page, uuids

    def redo(self) -> None:
        from ...core.services.duty_records import delete_duties

        delete_duties(self.page.ctx.db, self.uuids)
        self.page.changed()

    def undo(self) -> None:
        from ...core.services.duty_records import restore_duties

        restore_duties(self.page.ctx.db, self.uuids)
        self.page.changed()


class RecordsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.member_uuid: str | None = None
        self._generation = 0
        self._sort = ("occurred_on", True)
        self.busy = False

        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索：委员姓名、拼音首字母或标题中的字")
        self.search.setClearButtonEnabled(True)
        self.type_combo = QComboBox()
        self.type_combo.addItem("全部类型", "")
        from ...core.domain.vocab import DUTY_TYPES

        for code, label in DUTY_TYPES.items():
            self.type_combo.addItem(label, code)
        self.year_combo = QComboBox()
        self.member_label = QLabel("")
        self.member_clear = QToolButton()
        self.member_clear.setText("显示全部委员")
        self.member_clear.clicked.connect(lambda: self.show_member(None, ""))
        self.member_clear.setVisible(False)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(QLabel("类型"))
        filters.addWidget(self.type_combo)
        filters.addWidget(QLabel("年度"))
        filters.addWidget(self.year_combo)
        filters.addWidget(self.member_label)
        filters.addWidget(self.member_clear)

        self.model = RowIdModel(RECORD_COLUMNS, self._fetch, self)
        self.table = QTableView()
        self.table.setObjectName("recordTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        for col, width in enumerate((90, 80, 100, 360, 80, 50, 40)):
            self.table.setColumnWidth(col, width)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.edit_record())

        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._action("新增记录", self.new_record, QKeySequence.StandardKey.New)
        self._action("编辑", self.edit_record, "Return")
        self._action("删除", self.delete_records, QKeySequence.StandardKey.Delete)
        self.toolbar.addSeparator()
        self._action("批量录入（活动参加者）…", self.quick_entry, "Ctrl+Shift+N")
        self.toolbar.addSeparator()
        self._action("回收站…", self.show_trash)

        self.status_label = QLabel("")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 2)
        layout.addWidget(self.toolbar)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_label)

        self.search.textChanged.connect(lambda _t: self.requery())
        self.type_combo.currentIndexChanged.connect(lambda _i: self.requery())
        self.year_combo.currentIndexChanged.connect(lambda _i: self.requery())
        ctx.data_changed.connect(self._data_changed)
        self.model.sort_requested.connect(self._sort_by)  # after the initial sort indicator

    def _action(self, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.toolbar.addAction(action)
        self.addAction(action)
        return action

    def _fetch(self, ids: list[str]) -> dict:
        from ...core.services.duty_records import fetch_duty_rows

        return fetch_duty_rows(self.ctx.db, ids)

    def refresh(self) -> None:
        from ...core.services.duty_records import duty_years

        years = duty_years(self.ctx.db)
        current = self.year_combo.currentData()
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        self.year_combo.addItem("全部年度", None)
        for y in years:
            self.year_combo.addItem(f"{y}年", y)
        self.year_combo.setCurrentIndex(max(self.year_combo.findData(current), 0) if current else 0)
        self.year_combo.blockSignals(False)
        self.requery()

    def show_member(self, uuid: str | None, name: str) -> None:
        self.member_uuid = uuid
        self.member_label.setText(f"只看委员：{name}" if uuid else "")
        self.member_clear.setVisible(bool(uuid))
        self.requery()

    def current_filter(self):
        from ...core.services.duty_records import DutyFilter

        return DutyFilter(text=self.search.text(), member_uuid=self.member_uuid,
                          duty_type=self.type_combo.currentData() or "", year=self.year_combo.currentData())

    def requery(self) -> None:
        if self.ctx.db is None:
            return
        from ...core.services.duty_records import query_duty_ids

        db, flt, (sort, desc) = self.ctx.db, self.current_filter(), self._sort
        self._generation += 1
        generation = self._generation
        self.busy = True
        self.ctx.tasks.run(lambda _p: query_duty_ids(db, flt, sort, desc),
                           lambda ids: self._shown(generation, ids), self._failed)

    def _shown(self, generation: int, ids: list[str]) -> None:
        if generation != self._generation:
            return
        self.model.set_ids(ids)
        self.status_label.setText(f"共 {len(ids):,} 条履职记录")
        self.busy = False

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        show_error(self, exc)

    def _sort_by(self, key: str, descending: bool) -> None:
        self._sort = (key, descending)
        self.requery()

    def _data_changed(self, table: str) -> None:
        if table in ("duty_record", "member", "*") and self.year_combo.count():  # once the page has loaded
            self.requery()

    def changed(self) -> None:
        self.ctx.data_changed.emit("duty_record")

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.id_at(r) for r in rows if r < self.model.rowCount()]

    def new_record(self) -> None:
        from .record_dialog import RecordDialog

        if RecordDialog(self.ctx, None, self, member_uuid=self.member_uuid).exec():
            self.changed()

    def edit_record(self) -> None:
        from .record_dialog import RecordDialog

        ids = self.selected_ids()
        if ids and RecordDialog(self.ctx, ids[0], self).exec():
            self.changed()

    def delete_records(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        answer = QMessageBox.question(self, "删除履职记录", f"把选中的 {len(ids)} 条记录移入回收站？\n可在回收站恢复，或按 Ctrl+Z 撤销。")
        if answer == QMessageBox.StandardButton.Yes:
            try:
                self.ctx.undo_stack.push(DeleteRecords(self, ids))
            except Exception as exc:  # noqa: BLE001 - nothing changed
                show_error(self, exc)

    def quick_entry(self) -> None:
        from .quick_entry import QuickEntryDialog

        if QuickEntryDialog(self.ctx, self).exec():
            self.changed()

    def show_trash(self) -> None:
        from .trash_dialog import TrashDialog

        TrashDialog(self.ctx, self, table="duty_record").exec()
