"""Table models of the 同步 tab: the conflict queue and the known sites.

Both hold plain dataclasses from ``zxdesk.core.sync`` (never ORM objects).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

Index = QModelIndex | QPersistentModelIndex
ROLE_LABELS = {"county": "县政协", "workstation": "乡镇工作站"}
STATUS_LABELS = {"enrolled": "已登记", "revoked": "已吊销", "pending": "待登记", "self": "本机"}
WARN = QColor("#b45309")


class _ListModel(QAbstractTableModel):
    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.HEADERS):
                return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(item, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(item, index.column())
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(item, index.column())
        return None

    def text(self, item: Any, column: int) -> str:
        raise NotImplementedError

    def tooltip(self, item: Any, column: int) -> str | None:
        return None

    def foreground(self, item: Any, column: int) -> QBrush | None:
        return None


class ConflictModel(_ListModel):
    HEADERS = ("编号", "类别", "记录", "内容", "本机的值", "传入的值", "暂定采用")

    def text(self, c: Any, column: int) -> str:
        if column == 0:
            return f"#{c.id}"
        if column == 1:
            return c.table_label
        if column == 2:
            return c.record_label or c.record[:8]
        if column == 3:
            return c.field_label
        if column == 4:
            return f"{c.local.display}（{c.local.site_name}）"
        if column == 5:
            return f"{c.incoming.display}（{c.incoming.site_name}）"
        return "本机的值" if c.winner == "local" else "传入的值"

    def tooltip(self, c: Any, column: int) -> str | None:
        if column in (4, 5):
            side = c.local if column == 4 else c.incoming
            return f"{side.display}\n{side.site_name} · {side.operator} · {side.wall_time}"
        return None


class SiteModel(_ListModel):
    HEADERS = ("站点", "角色", "状态", "上次收到文件", "最近的文件", "已收到其变更至", "时钟")

    def text(self, s: Any, column: int) -> str:
        if column == 0:
            return s.name
        if column == 1:
            return ROLE_LABELS.get(s.role, s.role)
        if column == 2:
            return STATUS_LABELS.get(s.status, s.status)
        if column == 3:
            return s.last_sync or "—"
        if column == 4:
            return s.last_file["name"] if s.last_file else "—"
        if column == 5:
            return f"第 {s.changes_held} 号" if s.changes_held else "—"
        if not s.skew_warning:
            return "正常"
        return f"{'快' if s.skew_days > 0 else '慢'} {abs(s.skew_days)} 天"

    def tooltip(self, s: Any, column: int) -> str | None:
        if column == 6 and s.skew_warning:
            return s.skew_warning
        if column == 0:
            return f"站点编号 {s.site_id}\n指纹 {s.fingerprint}"
        return None

    def foreground(self, s: Any, column: int) -> QBrush | None:
        if (column == 6 and s.skew_warning) or (column == 2 and s.status == "revoked"):
            return QBrush(WARN)
        return None
