"""回收站: members and duty records moved to the trash, restorable. Nothing is hard-deleted."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ..context import AppContext
from ..errors import show_error
from .member_dialog import set_rows

TABLES = (("member", "委员", "name"), ("duty_record", "履职记录", "title"))


class TrashDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, table: str = "member"):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("回收站")
        self.resize(560, 420)
        self.kind = QComboBox()
        for code, label, _field in TABLES:
            self.kind.addItem(label, code)
        self.kind.setCurrentIndex(max(self.kind.findData(table), 0))
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["名称", "移入回收站的时间"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.restore_button = QPushButton("恢复选中的")
        self.restore_button.clicked.connect(self.restore_selected)
        self.info = QLabel("")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel("类别"))
        top.addWidget(self.kind)
        top.addStretch(1)
        top.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addWidget(self.info)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(lambda _i: self.load())
        self.load()

    def load(self) -> None:
        from ...core.services.trash import list_trash

        code = self.kind.currentData()
        field = next(f for c, _l, f in TABLES if c == code)
        self.items = list_trash(self.ctx.db, code, field)
        set_rows(self.table, [[i.label, i.deleted_at] for i in self.items])
        self.info.setText(f"回收站中有 {len(self.items)} 条{self.kind.currentText()}。恢复后回到原处。")
        self.restore_button.setEnabled(bool(self.items))

    def restore_selected(self) -> None:
        from ...core.services.trash import restore

        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        uuids = [self.items[r].uuid for r in rows]
        if not uuids:
            return
        try:
            restore(self.ctx.db, self.kind.currentData(), uuids)
        except Exception as exc:  # noqa: BLE001 - shown; nothing changed
            show_error(self, exc)
            return
        self.ctx.data_changed.emit(self.kind.currentData())
        self.load()
