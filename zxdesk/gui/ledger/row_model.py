"""A table model over row ids: the view asks for rows, the model fetches them a page at a time.

Sorting and filtering happen in the database (the owner re-queries the ids and calls
``set_ids``); the model keeps only the ids in display order and a cache of fetched rows,
as Anki's browser does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from ..column_headers import ColumnHeaders

PAGE = 100
Index = QModelIndex | QPersistentModelIndex
# Roles as plain ints: data() runs for every cell and role on each repaint.
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
USER = int(Qt.ItemDataRole.UserRole)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class Column:
    key: str  # the sort key the core understands ("" = not sortable)
    title: str
    text: Callable[[Any], str]
    align_right: bool = False


class RowIdModel(ColumnHeaders, QAbstractTableModel):
    """Rows are ids; ``fetch(ids) -> {id: row}`` loads the rows a page at a time."""

    sort_requested = Signal(str, bool)  # sort key, descending

    def __init__(self, columns: list[Column], fetch: Callable[[list[str]], dict[str, Any]], parent=None):
        super().__init__(parent)
        self.columns = columns
        self._fetch = fetch
        self._ids: list[str] = []
        self._cache: dict[str, Any] = {}

    # -- content ---------------------------------------------------------------
    def set_ids(self, ids: list[str]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._cache.clear()
        self.endResetModel()

    def invalidate(self) -> None:
        """Forget the fetched rows (after an edit); the view repaints from fresh data."""
        self._cache.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.columns) - 1))

    @property
    def ids(self) -> list[str]:
        return list(self._ids)

    def id_at(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, uuid: str) -> int:
        try:
            return self._ids.index(uuid)
        except ValueError:
            return -1

    def row_object(self, row: int) -> Any:
        uuid = self._ids[row]
        found = self._cache.get(uuid)
        if found is None:
            start = max(0, row - PAGE // 4)
            page = [u for u in self._ids[start:start + PAGE] if u not in self._cache]
            self._cache.update(self._fetch(page))
            found = self._cache.get(uuid)
        return found

    # -- Qt model API ----------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        role = int(role)
        if role != DISPLAY and role != ALIGN and role != USER:
            return None
        r = index.row()
        if not index.isValid() or not 0 <= r < len(self._ids):
            return None
        if role == DISPLAY:
            uuid = self._ids[r]
            row = self._cache.get(uuid) or self.row_object(r)
            return "" if row is None else self.columns[index.column()].text(row)
        if role == ALIGN:
            return RIGHT if self.columns[index.column()].align_right else None
        return self._ids[r]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(self.columns) and self.columns[column].key:
            self.sort_requested.emit(self.columns[column].key, order == Qt.SortOrder.DescendingOrder)
