"""The 委员 page: an instant filter over the member table, and the member actions."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ..context import AppContext
from ..errors import show_error
from .row_model import Column, RowIdModel

MEMBER_COLUMNS = [
    Column("name", "姓名", lambda r: r.name),
    Column("gender", "性别", lambda r: r.gender),
    Column("birth", "出生年月", lambda r: r.birth),
    Column("ethnicity", "民族", lambda r: r.ethnicity),
    Column("party", "政治面貌", lambda r: r.party),
    Column("sector", "界别", lambda r: r.sector),
    Column("unit", "工作单位", lambda r: r.unit),
    Column("", "职务", lambda r: r.title),
    Column("phone", "联系电话", lambda r: r.phone),
    Column("level", "级别", lambda r: r.level),
    Column("role", "政协职务", lambda r: r.role),
    Column("station", "工作站", lambda r: r.station),
    Column("status", "状态", lambda r: r.status),
]
ALL = "全部"


def _combo(tip: str, chars: int = 4) -> QComboBox:
    box = QComboBox()
    box.setToolTip(tip)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(chars)
    return box


class DeleteMembers(QUndoCommand):
    """Moving members to the trash, undoable from the Edit menu."""

    def __init__(self, page: MembersPage, uuids: list[str], label: str):
        super().__init__(f"删除委员 {label}")
        self.page, self.uuids = page, uuids

    def redo(self) -> None:
        from ...core.services.members import delete_members

        delete_members(self.page.ctx.db, self.uuids)
        self.page.changed()

    def undo(self) -> None:
        from ...core.services.members import restore_members

        restore_members(self.page.ctx.db, self.uuids)
        self.page.changed()


class MembersPage(QWidget):
    open_records = Signal(str, str)  # member uuid, name

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._generation = 0
        self._sort = ("name", False)
        self._loading = False
        self._totals = {"total": 0, "serving": 0}
        self.busy = False

        self.search = QLineEdit()
        self.search.setObjectName("memberSearch")
        self.search.setPlaceholderText("搜索：姓名、拼音或首字母（如 zs）、电话")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(120)
        self.sector = _combo("界别", 5)
        self.station = _combo("工作站", 5)
        self.party = _combo("政治面貌", 4)
        self.level = _combo("级别", 2)
        self.role = _combo("政协职务", 3)
        self.status = _combo("状态", 2)
        self.year = _combo("在任年度", 4)
        for box, items in ((self.level, ("国家", "省", "市", "县")), (self.role, ("主席", "副主席", "常委", "委员")),
                           (self.status, ("在任", "离任"))):
            box.addItem(ALL, "")
            for text in items:
                box.addItem(text, text)

        filters = QVBoxLayout()
        rows = (QHBoxLayout(), QHBoxLayout())
        rows[0].addWidget(self.search, 2)
        for n, (text, box) in enumerate((("界别", self.sector), ("工作站", self.station), ("年度", self.year),
                                         ("政治面貌", self.party), ("级别", self.level), ("职务", self.role),
                                         ("状态", self.status))):
            rows[min(n // 3, 1)].addWidget(QLabel(text))
            rows[min(n // 3, 1)].addWidget(box)
        rows[1].addStretch(1)
        for row in rows:
            filters.addLayout(row)

        self.model = RowIdModel(MEMBER_COLUMNS, self._fetch, self)
        self.table = QTableView()
        self.table.setObjectName("memberTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((80, 44, 74, 60, 90, 110, 200, 100, 110, 50, 70, 120)):
            self.table.setColumnWidth(col, width)
        self.table.doubleClicked.connect(lambda _i: self.edit_member())

        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.act_new = self._action("新增委员", self.new_member, QKeySequence.StandardKey.New)
        self.act_edit = self._action("编辑", self.edit_member, "Return")
        self.act_delete = self._action("删除", self.delete_members, QKeySequence.StandardKey.Delete)
        self.act_records = self._action("履职记录", self.show_records, "Ctrl+R")
        self.toolbar.addSeparator()
        self.act_import = self._action("导入名册…", self.import_roster, "Ctrl+I")
        self.act_export = self._action("导出名册…", self.export_members, "Ctrl+E")
        self.act_batches = self._action("导入记录…", self.show_batches)
        self.toolbar.addSeparator()
        self.act_trash = self._action("回收站…", self.show_trash)
        self.act_find = QAction("查找", self)
        self.act_find.setShortcut(QKeySequence.StandardKey.Find)
        self.act_find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.act_find.triggered.connect(lambda: (self.search.setFocus(), self.search.selectAll()))
        self.addAction(self.act_find)

        self.status_label = QLabel("")
        self.status_label.setObjectName("memberStatus")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 2)
        layout.addWidget(self.toolbar)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_label)

        self.search.textChanged.connect(lambda _t: self.requery())
        for box in (self.sector, self.station, self.party, self.level, self.role, self.status, self.year):
            box.currentIndexChanged.connect(lambda _i: self.requery())
        ctx.data_changed.connect(self._data_changed)
        self.model.sort_requested.connect(self._sort_by)  # after the initial sort indicator

    def _action(self, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(f"{text}（{action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}）")
        action.triggered.connect(slot)
        self.toolbar.addAction(action)
        self.addAction(action)
        return action

    # -- loading ---------------------------------------------------------------
    def _fetch(self, ids: list[str]) -> dict:
        from ...core.services.members import fetch_member_rows

        return fetch_member_rows(self.ctx.db, ids)

    def refresh(self) -> None:
        """Reload the combo choices, then the rows."""
        from ...core.services.members import count_members, member_choices

        db = self.ctx.db
        self.busy = True
        self.ctx.tasks.run(lambda _p: (member_choices(db), count_members(db)), self._choices_loaded, self._failed)

    def _choices_loaded(self, result) -> None:
        choices, self._totals = result
        self._loading = True
        for box, items in ((self.sector, choices.sectors), (self.station, choices.stations)):
            self._refill(box, [(name, uuid) for uuid, name in items])
        self._refill(self.party, [(p, p) for p in choices.parties])
        self._refill(self.year, [(f"{y}年", y) for y in choices.years])
        self._loading = False
        self.requery()

    @staticmethod
    def _refill(box: QComboBox, items: list[tuple[str, object]]) -> None:
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(ALL, None)
        for text, data in items:
            box.addItem(text, data)
        index = box.findData(current) if current is not None else 0
        box.setCurrentIndex(max(index, 0))
        box.blockSignals(False)

    def current_filter(self):
        from ...core.services.members import MemberFilter

        return MemberFilter(text=self.search.text(), sector_uuid=self.sector.currentData() or None,
                            station_uuid=self.station.currentData() or None, party=self.party.currentData() or "",
                            level=self.level.currentData() or "", role=self.role.currentData() or "",
                            status=self.status.currentData() or "", year=self.year.currentData() or None)

    def requery(self) -> None:
        """Filter and sort in the database, at once: for a committee's members (a thousand or
        two) the indexed query takes 1–3 ms, less than handing it to a worker thread costs,
        so each keystroke updates the table without waiting for a thread to be scheduled."""
        if self._loading or self.ctx.db is None:
            return
        from ...core.services.members import query_member_ids

        self._generation += 1
        try:
            ids = query_member_ids(self.ctx.db, self.current_filter(), *self._sort)
        except Exception as exc:  # noqa: BLE001 - shown; the table keeps what it showed
            self._failed(exc)
            return
        self._shown(self._generation, ids)

    def _shown(self, generation: int, ids: list[str]) -> None:
        if generation != self._generation:
            return
        counts = {**self._totals, "shown": len(ids)}
        selected = self.selected_ids()
        self.model.set_ids(ids)
        for uuid in selected[:1]:
            row = self.model.row_of(uuid)
            if row >= 0:
                self.table.selectRow(row)
        text = (f"共 {counts['total']:,} 人（在任 {counts['serving']:,} 人）"
                f" · 当前显示 {counts['shown']:,} 人")
        self.status_label.setText(text)
        self.ctx.status_message.emit(f"委员台账：{text}")
        self.busy = False

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        show_error(self, exc)

    def _sort_by(self, key: str, descending: bool) -> None:
        self._sort = (key, descending)
        self.requery()

    def _data_changed(self, table: str) -> None:
        if table in ("member", "sector", "station", "*"):
            self.refresh()  # choices and totals, then the rows

    def changed(self) -> None:
        self.ctx.data_changed.emit("member")

    # -- actions ---------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.id_at(r) for r in rows if r < self.model.rowCount()]

    def new_member(self) -> None:
        from .member_dialog import MemberDialog

        dialog = MemberDialog(self.ctx, None, self)
        if dialog.exec():
            self.changed()

    def edit_member(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        from .member_dialog import MemberDialog

        dialog = MemberDialog(self.ctx, ids[0], self)
        if dialog.exec():
            self.changed()

    def delete_members(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        names = [self.model.row_object(self.model.row_of(u)).name for u in ids[:5]]
        label = "、".join(names) + (f" 等 {len(ids)} 人" if len(ids) > 5 else "")
        answer = QMessageBox.question(self, "删除委员", f"把 {label} 移入回收站？\n可在“回收站”中恢复，或用 Ctrl+Z 撤销。")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.ctx.undo_stack.push(DeleteMembers(self, ids, label))
        except Exception as exc:  # noqa: BLE001 - shown to the user, nothing was changed
            show_error(self, exc)

    def show_records(self) -> None:
        ids = self.selected_ids()
        if ids:
            row = self.model.row_object(self.model.row_of(ids[0]))
            self.open_records.emit(ids[0], row.name)

    def show_trash(self) -> None:
        from .trash_dialog import TrashDialog

        TrashDialog(self.ctx, self).exec()

    def import_roster(self) -> None:
        from .import_wizard import ImportWizard

        ImportWizard(self.ctx, self).exec()

    def show_batches(self) -> None:
        from .import_history import ImportHistoryDialog

        ImportHistoryDialog(self.ctx, self).exec()

    def export_members(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, "导出委员名册", "委员名册.xlsx", "Excel 工作簿 (*.xlsx)")
            if not path:
                return
            if not path.lower().endswith(".xlsx"):
                path += ".xlsx"
        from ...core.importing.export import export_members

        db, flt = self.ctx.db, self.current_filter()
        self.ctx.tasks.run(lambda _p: export_members(db, path, flt),
                           lambda n: self.ctx.status_message.emit(f"已导出 {n} 名委员到 {path}"),
                           self._failed, title="导出委员名册", parent=self)
