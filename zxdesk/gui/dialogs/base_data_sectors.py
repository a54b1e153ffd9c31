"""The 界别 tab of the base-data dialog: add, rename, reorder, deactivate; add the common ones."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.services import base_data as bd
from ..context import AppContext
from ..errors import show_error
from ..meetings.row_model import Column, Index, RowTableModel

INACTIVE = QColor("#8a8a8a")


class SectorModel(RowTableModel):
    """Sectors in display order; deactivated ones greyed out."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.ForegroundRole and index.isValid()
                and 0 <= index.row() < len(self.rows) and not self.rows[index.row()].active):
            return QBrush(INACTIVE)
        return super().data(index, role)


class SectorsPage(QWidget):
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = SectorModel([
            Column("序号", lambda s: s.sort_order + 1, align_right=True),
            Column("界别", lambda s: s.name),
            Column("状态", lambda s: s.status),
            Column("委员人数", lambda s: s.members, align_right=True),
        ], self)
        self.view = QTableView(self)
        self.view.setObjectName("sectorTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda _i: self.rename_sector())
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())

        self.buttons: dict[str, QPushButton] = {}
        side = QVBoxLayout()
        for key, text, slot, shortcut in (
            ("add", "添加…", lambda: self.add_sector(), "Ctrl+N"),
            ("rename", "重命名…", lambda: self.rename_sector(), "F2"),
            ("up", "上移", lambda: self.move(-1), "Ctrl+Up"),
            ("down", "下移", lambda: self.move(1), "Ctrl+Down"),
            ("active", "停用", self.toggle_active, None),
            ("delete", "删除", self.delete_sector, QKeySequence.StandardKey.Delete),
            ("defaults", "添加常用界别", self.add_defaults, None),
        ):
            button = QPushButton(text, self)
            button.setObjectName(f"sector_{key}")
            button.clicked.connect(slot)
            if shortcut is not None:
                button.setShortcut(QKeySequence(shortcut))
            if key == "defaults":
                side.addSpacing(16)
            side.addWidget(button)
            self.buttons[key] = button
        side.addStretch(1)
        self.hint = QLabel("停用的界别仍保留在已有委员身上，但不再出现在选择列表中。", self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #666;")
        row = QHBoxLayout()
        row.addWidget(self.view, 1)
        row.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.hint)
        self._update_buttons()

    # -- loading ---------------------------------------------------------------
    def reload(self, keep: str | None = None) -> None:
        db = self.ctx.db
        keep = keep or (self.selected().uuid if self.selected() else None)
        self.ctx.tasks.run(lambda _p: bd.list_sectors(db), lambda rows: self._show(rows, keep))

    def _show(self, rows: list[bd.SectorRow], keep: str | None) -> None:
        self.model.set_rows(rows)
        index = next((i for i, s in enumerate(rows) if s.uuid == keep), None)
        if index is not None:
            self.view.selectRow(index)
        self._update_buttons()

    def selected(self) -> bd.SectorRow | None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isRowSelected(index.row()):
            return None
        return self.model.row_at(index.row())

    def _update_buttons(self) -> None:
        s = self.selected()
        for key in ("rename", "up", "down", "active", "delete"):
            self.buttons[key].setEnabled(s is not None)
        self.buttons["active"].setText("启用" if s is not None and not s.active else "停用")

    # -- actions ---------------------------------------------------------------
    def _ask_name(self, title: str, text: str = "") -> str | None:
        name, ok = QInputDialog.getText(self, title, "界别名称：", text=text)
        return name if ok else None

    def add_sector(self, name: str | None = None) -> None:
        name = name if name is not None else self._ask_name("添加界别")
        if name is None:
            return
        db = self.ctx.db
        self._run(lambda: bd.add_sector(db, name), keep_result=True)

    def rename_sector(self, name: str | None = None) -> None:
        s = self.selected()
        if s is None:
            return
        name = name if name is not None else self._ask_name("重命名界别", s.name)
        if name is None:
            return
        db = self.ctx.db
        self._run(lambda: bd.rename_sector(db, s.uuid, name))

    def move(self, step: int) -> None:
        s = self.selected()
        if s is not None:
            db = self.ctx.db
            self._run(lambda: bd.move_sector(db, s.uuid, step))

    def toggle_active(self) -> None:
        s = self.selected()
        if s is not None:
            db = self.ctx.db
            self._run(lambda: bd.set_sector_active(db, s.uuid, not s.active))

    def delete_sector(self) -> None:
        s = self.selected()
        if s is None:
            return
        answer = QMessageBox.question(self, "删除界别", f"把界别“{s.name}”移入回收站？")
        if answer == QMessageBox.StandardButton.Yes:
            db = self.ctx.db
            self._run(lambda: bd.delete_sector(db, s.uuid))

    def add_defaults(self) -> None:
        db = self.ctx.db

        def done(added: list[str]) -> None:
            if added:
                self.changed.emit()
            self.ctx.status_message.emit(f"已添加 {len(added)} 个常用界别" if added else "常用界别都已存在")
            self.hint.setText(f"已添加 {len(added)} 个常用界别。" if added else "常用界别都已存在，未添加。")
            self.reload()

        self.ctx.tasks.run(lambda _p: bd.add_default_sectors(db), done, lambda exc: show_error(self, exc))

    def _run(self, work: Callable[[], Any], keep_result: bool = False) -> None:
        def done(result: Any) -> None:
            self.changed.emit()
            self.reload(result.uuid if keep_result else None)

        self.ctx.tasks.run(lambda _p: work(), done, lambda exc: show_error(self, exc))
