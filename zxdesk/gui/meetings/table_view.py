"""A sortable table view over a RowTableModel that hands back the selected row objects."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from .row_model import SORT_ROLE, RowTableModel


class RowTable(QTableView):
    row_activated = Signal(object)  # double click or Enter on a row

    def __init__(self, model: RowTableModel, parent: QWidget | None = None, *, stretch: int | None = None):
        super().__init__(parent)
        self.source = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # keep the service's order until a header is clicked
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setDefaultSectionSize(26)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        for i, col in enumerate(model.columns):
            if col.width:
                self.setColumnWidth(i, col.width)
        if stretch is not None:
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self.doubleClicked.connect(self._activated)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.row_activated.emit(self.source.row_at(self.proxy.mapToSource(index).row()))

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._activated(self.currentIndex())
            return
        super().keyPressEvent(event)

    def selected(self) -> list[Any]:
        rows = sorted({self.proxy.mapToSource(i).row() for i in self.selectionModel().selectedRows()})
        return [self.source.row_at(r) for r in rows]

    def current(self) -> Any | None:
        chosen = self.selected()
        if chosen:
            return chosen[0]
        index = self.currentIndex()
        return self.source.row_at(self.proxy.mapToSource(index).row()) if index.isValid() else None

    def select_uuid(self, uuid: str) -> bool:
        for r, row in enumerate(self.source.rows):
            if getattr(row, "uuid", None) == uuid:
                index = self.proxy.mapFromSource(self.source.index(r, 0))
                self.selectRow(index.row())
                self.scrollTo(index)
                return True
        return False
