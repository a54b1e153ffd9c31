"""兑现率统计: rates of a period per owner type, group, station and owner, and per period."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.domain.periods import label as period_label
from ...core.domain.vocab import OWNER_TYPES
from ..context import AppContext
from .buttons import chinese_buttons

if TYPE_CHECKING:
    from ...core.services.commitment_rates import RateReport, RateRow

COLUMNS = ("名称", "类型", "承诺数", "已兑现", "推进中", "未开始", "未兑现", "逾期", "兑现率")
COUNT_FIELDS = ("total", "fulfilled", "in_progress", "not_started", "unfulfilled", "overdue")


def rate_text(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


class RatesModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[RateRow] = []

    def set_rows(self, rows: list[RateRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def _value(self, row: RateRow, column: int) -> Any:
        if column == 0:
            return row.label
        if column == 1:
            return OWNER_TYPES.get(row.kind, row.kind)
        if column == len(COLUMNS) - 1:
            return row.counts.rate
        return getattr(row.counts, COUNT_FIELDS[column - 2])

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            value = self._value(row, column)
            return rate_text(value) if column == len(COLUMNS) - 1 else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()

        def key(r: RateRow):
            value = self._value(r, column)
            return (value is None, value if value is not None else 0)

        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()


class RatesDialog(QDialog):
    """Opens on a period; changing the period recomputes on a worker thread."""

    TABS = (("按主体类型", "by_owner_type"), ("按活动组/支部", "by_group"), ("按工作站", "by_station"),
            ("按承诺主体", "by_owner"), ("各期总览", "by_period"))

    def __init__(self, ctx: AppContext, periods: list[str], period: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("兑现率统计")
        self.resize(900, 560)
        self.period_combo = QComboBox(self)
        for code in periods:
            self.period_combo.addItem(period_label(code), code)
        self.period_combo.setCurrentIndex(max(0, self.period_combo.findData(period)))
        self.summary = QLabel(self)
        self.summary.setObjectName("ratesSummary")
        self.tabs = QTabWidget(self)
        self.models: dict[str, RatesModel] = {}
        for title, key in self.TABS:
            view = QTableView(self.tabs)
            model = RatesModel(view)
            view.setModel(model)
            view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.DescendingOrder)  # core order: best first
            view.setSortingEnabled(True)
            view.verticalHeader().setVisible(False)
            header = view.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            header.setDefaultSectionSize(72)
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            header.resizeSection(1, 96)
            if key in ("by_owner_type", "by_station", "by_period"):
                view.hideColumn(1)
            self.models[key] = model
            self.tabs.addTab(view, title)
        note = QLabel("兑现率 = 已兑现项数 ÷ 承诺总项数（含未开始、推进中）。活动组/支部的统计包含组织本身和其成员的承诺。",
                      self)
        note.setWordWrap(True)
        note.setStyleSheet("color: #666;")
        buttons = chinese_buttons(QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self))
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        caption = QLabel("期别(&P)", self)
        caption.setBuddy(self.period_combo)
        top.addWidget(caption)
        top.addWidget(self.period_combo)
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.period_combo.currentIndexChanged.connect(self.load)
        self.load()

    def load(self) -> None:
        from ...core.services.commitment_rates import commitment_rates, period_rates

        db, period = self.ctx.db, self.period_combo.currentData()
        if period is None:
            self.summary.setText("还没有承诺")
            return
        self.summary.setText("正在统计…")
        self.ctx.tasks.run(lambda _p: (commitment_rates(db, period), period_rates(db)), self.show_report,
                           lambda exc: self.summary.setText(getattr(exc, "zh", "统计失败")))

    def show_report(self, result: tuple[RateReport, list[RateRow]]) -> None:
        report, periods = result
        o = report.overall
        self.summary.setText(f"{period_label(report.period)}：共 {o.total} 项，已兑现 {o.fulfilled} 项，"
                             f"兑现率 {rate_text(o.rate)}，逾期 {o.overdue} 项")
        for key, model in self.models.items():
            model.set_rows(periods if key == "by_period" else getattr(report, key))
