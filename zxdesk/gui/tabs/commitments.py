"""承诺践诺: the commitments of members, activity groups and sector party branches.

The table shows compact rows fetched by the core in one query (filters in SQL, sorting
in memory); overdue commitments are highlighted. The detail panel shows deeds,
progress with evidence, and the review. Editing, progress, status, review, carrying
over, rates and the trash are in ``zxdesk.gui.commitments``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ...core.domain.periods import label as period_label
from ...core.domain.vocab import COMMITMENT_STATUSES, OWNER_TYPES
from ..commitments.actions import CommitmentActions
from ..commitments.detail import DetailPanel
from ..commitments.table_model import COLUMNS, UUID_ROLE, CommitmentTableModel
from ..context import AppContext
from .base import TabBase

ALL = "__all__"
RELOAD_TABLES = {"commitment", "commitment_update", "member", "org_group", "station", "*"}
SETTINGS_SPLITTER = "commitments/splitter"
SETTINGS_PERIOD = "commitments/period"


def _combo(parent: QWidget, first: str, name: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName(name)
    combo.addItem(first, ALL)
    combo.setToolTip(first.replace("全部", "按") + "筛选")
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(5)
    return combo


class CommitmentsTab(TabBase):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self._loading = False
        self._generation = 0
        self._stale = False
        self._options: Any = None
        self._rows_today: Any = None
        self._select_after_load: str | None = None
        self._pending_period: str | None = None
        self.dialog: QDialog | None = None  # the dialog the actions opened, while open

        self.period_combo = _combo(self, "全部期别", "periodFilter")
        self.owner_type_combo = _combo(self, "全部主体", "ownerTypeFilter")
        for code, label in OWNER_TYPES.items():
            self.owner_type_combo.addItem(label, code)
        self.station_combo = _combo(self, "全部工作站", "stationFilter")
        self.status_combo = _combo(self, "全部状态", "statusFilter")
        for code, label in COMMITMENT_STATUSES.items():
            self.status_combo.addItem(label, code)
        self.category_combo = _combo(self, "全部类别", "categoryFilter")
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setPlaceholderText("查找承诺内容或主体（Ctrl+F）")
        self.search_edit.setClearButtonEnabled(True)
        self.overdue_check = QCheckBox("只看逾期", self)

        self.model = CommitmentTableModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("commitmentsTable")
        self.view.setModel(self.model)
        self._setup_view()
        self.detail = DetailPanel(self)
        self.detail.setObjectName("commitmentDetail")
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.summary = QLabel("", self)
        self.summary.setObjectName("commitmentsSummary")
        legend = QLabel("<span style='background:#fde4e1;color:#a1281b'>&nbsp;红底&nbsp;</span> 为逾期", self)
        legend.setToolTip("逾期：有拟办实事过了目标日期仍未完成，或承诺期已结束仍未兑现")
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        self.actions_ = CommitmentActions(self)
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in self.actions_.all():
            if action is None:
                self.toolbar.addSeparator()
            else:
                self.toolbar.addAction(action)
                self.addAction(action)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addActions([a for a in self.actions_.all()[:-1] if a is not None])
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            open_key = QShortcut(QKeySequence(key), self.view)
            open_key.setContext(Qt.ShortcutContext.WidgetShortcut)
            open_key.activated.connect(self.actions_.edit)
        find = QAction("查找", self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(lambda: (self.search_edit.setFocus(), self.search_edit.selectAll()))
        self.addAction(find)

        filters = QHBoxLayout()
        for widget in (self.period_combo, self.owner_type_combo, self.station_combo, self.status_combo,
                       self.category_combo):
            filters.addWidget(widget, 1)
        filters.addWidget(self.overdue_check)
        filters.addWidget(self.search_edit, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(legend)
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)

        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(250)
        self._reload_timer.timeout.connect(self.reload_rows)
        self._detail_timer = QTimer(self)
        self._detail_timer.setSingleShot(True)
        self._detail_timer.setInterval(60)
        self._detail_timer.timeout.connect(self.load_detail)
        for combo in (self.period_combo, self.owner_type_combo, self.station_combo, self.status_combo,
                      self.category_combo):
            combo.currentIndexChanged.connect(self.reload_rows)
        self.overdue_check.toggled.connect(self.reload_rows)
        self.search_edit.textChanged.connect(lambda _t: self._reload_timer.start())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.view.doubleClicked.connect(lambda _i: self.actions_.edit())
        self.detail.attachment_requested.connect(self.actions_.open_attachment)
        self.detail.delete_update_requested.connect(self.actions_.delete_update)
        ctx.data_changed.connect(self._data_changed)
        self._restore_layout()
        self._selection_changed()

    def _setup_view(self) -> None:
        view = self.view
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setWordWrap(False)
        view.setAlternatingRowColors(True)
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the core's order
        view.setSortingEnabled(True)
        vertical = view.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(view.fontMetrics().height() + 8)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        unit = view.fontMetrics().horizontalAdvance("中")
        for column, (_title, field, width) in enumerate(COLUMNS):
            if field == "content":
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            else:
                header.resizeSection(column, int(unit * width) + 14)

    # -- TabBase -----------------------------------------------------------------
    def activate(self) -> None:
        if self._activated and self._stale and self.ctx.db is not None:
            self._stale = False
            self.refresh()
        super().activate()

    def refresh(self) -> None:
        """Reload the filter choices and the rows."""
        self._load(with_options=True)

    def is_busy(self) -> bool:
        return self._loading

    def reload_rows(self) -> None:
        self._reload_timer.stop()
        if self._options is not None:
            self._load(with_options=False)

    # -- loading -------------------------------------------------------------------
    def current_filter(self, period: str | None = None):
        from ...core.services.commitment_list import CommitmentFilter

        def value(combo: QComboBox) -> str | None:
            data = combo.currentData()
            return None if data in (ALL, None) else data

        return CommitmentFilter(
            period=period if period is not None else value(self.period_combo),
            owner_type=value(self.owner_type_combo), station_uuid=value(self.station_combo),
            status=value(self.status_combo), category=value(self.category_combo),
            text=self.search_edit.text(), overdue_only=self.overdue_check.isChecked())

    def _load(self, with_options: bool) -> None:
        db = self.ctx.db
        if db is None:
            return
        from ...core.services.commitment_list import filter_options, table_rows

        self._generation += 1
        generation = self._generation
        self._loading = True
        first = self._options is None
        wanted_period = QSettings().value(SETTINGS_PERIOD, "", type=str) if first else None
        flt = self.current_filter()
        if self._pending_period:
            flt = replace(flt, period=self._pending_period)
            self._pending_period = None

        def work(_progress):
            # Runs on a worker thread: only plain values from here on.
            options = filter_options(db) if with_options else None
            f = flt
            if first and options is not None:
                if wanted_period == ALL:
                    period = None
                elif wanted_period in options.periods:
                    period = wanted_period
                else:
                    period = options.periods[0] if options.periods else None
                f = replace(f, period=period)
            return options, f, table_rows(db, f)

        self.summary.setText("正在读取承诺…")
        self.ctx.tasks.run(work, lambda result: self._loaded(generation, *result), self._failed)

    def _failed(self, exc: BaseException) -> None:
        self._loading = False
        self.summary.setText(f"读取失败：{getattr(exc, 'zh', exc)}")

    def _loaded(self, generation: int, options, flt, rows) -> None:
        if generation != self._generation:
            return
        if options is not None:
            self._options = options
            self._fill_options(options, flt.period)
        self._rows_today = rows.today
        selected = self._select_after_load or self.actions_.current_uuid()
        self._select_after_load = None
        self.model.set_rows(rows.rows)
        self._update_summary()
        if selected:
            self.select_uuid(selected)
        self._loading = False

    def _fill_options(self, options, period: str | None) -> None:
        def refill(combo: QComboBox, items: list[tuple[str, Any]], keep: Any) -> None:
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for text, data in items:
                combo.addItem(text, data)
            index = combo.findData(keep)
            combo.setCurrentIndex(index if index >= 0 else 0)
            combo.blockSignals(False)

        refill(self.period_combo, [(period_label(p), p) for p in options.periods], period or ALL)
        refill(self.station_combo, [(name, uuid) for uuid, name in options.stations],
               self.station_combo.currentData())
        refill(self.category_combo, [(c, c) for c in options.categories], self.category_combo.currentData())

    def _update_summary(self) -> None:
        from ...core.domain.commitment_terms import COL

        rows = self.model.rows()
        total = len(rows)
        status, overdue = COL["status"], COL["overdue"]
        fulfilled = sum(1 for r in rows if r[status] == "fulfilled")
        late = sum(1 for r in rows if r[overdue])
        rate = f"{fulfilled / total * 100:.1f}%" if total else "—"
        self.summary.setText(f"共 {total:,} 项 · 已兑现 {fulfilled:,} 项 · 兑现率 {rate} · 逾期 {late:,} 项")

    # -- selection and detail --------------------------------------------------------
    def selected_uuids(self) -> list[str]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.index(r, 0).data(UUID_ROLE) for r in rows]

    def select_uuid(self, uuid: str) -> None:
        row = self.model.row_of(uuid)
        if row >= 0:
            index = self.model.index(row, 0)
            self.view.setCurrentIndex(index)
            self.view.selectRow(row)
            self.view.scrollTo(index)

    def _selection_changed(self) -> None:
        count = len(self.selected_uuids())
        self.actions_.update_enabled(count)
        self._detail_timer.start()

    def load_detail(self) -> None:
        uuids = self.selected_uuids()
        db = self.ctx.db
        if len(uuids) != 1 or db is None:
            self.detail.show_empty("选择一项承诺查看详情" if not uuids else f"已选择 {len(uuids)} 项承诺")
            return
        from ...core.services.commitment_progress import list_updates
        from ...core.services.commitments import get_commitment

        uuid, today = uuids[0], self._rows_today

        def shown(result) -> None:
            if self.selected_uuids() == [uuid]:
                self.detail.show_detail(*result, today)

        self.ctx.tasks.run(lambda _p: (get_commitment(db, uuid, today), list_updates(db, uuid)), shown,
                           lambda exc: self.detail.show_empty(getattr(exc, "zh", "读取失败")))

    # -- changes elsewhere -------------------------------------------------------------
    def _data_changed(self, table: str) -> None:
        if table not in RELOAD_TABLES or not self._activated:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def show_period(self, period: str) -> None:
        """Show this period on the next load (it may be new to the filter)."""
        self._pending_period = period

    def after_write(self, select: str | None = None) -> None:
        """Called by the actions after a successful write."""
        self._select_after_load = select
        self.ctx.data_changed.emit("commitment")
        if not self.isVisible():
            self.refresh()

    def _restore_layout(self) -> None:
        state = QSettings().value(SETTINGS_SPLITTER)
        if state is not None:
            self.splitter.restoreState(state)
        else:
            self.splitter.setSizes([420, 260])
        self.splitter.splitterMoved.connect(
            lambda *_: QSettings().setValue(SETTINGS_SPLITTER, self.splitter.saveState()))
        self.period_combo.currentIndexChanged.connect(
            lambda _i: QSettings().setValue(SETTINGS_PERIOD, self.period_combo.currentData() or ""))
