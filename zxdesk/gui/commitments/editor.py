"""The commitment editor (forms/commitment_editor.ui): owner, period, category,
publication date, content, status and the planned deeds with target dates."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCompleter, QDialog, QDialogButtonBox, QHeaderView, QWidget

from ...core.domain.vocab import COMMITMENT_STATUSES, OWNER_TYPES
from ..context import AppContext
from ..forms.ui_commitment_editor import Ui_CommitmentEditor
from .buttons import chinese_buttons
from .deeds_model import DONE, TARGET, TEXT, DateDelegate, DeedRow, DeedsModel, from_qdate, to_qdate

SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1

if TYPE_CHECKING:
    from ...core.services.commitment_owners import EditorChoices
    from ...core.services.commitments import CommitmentDetail, CommitmentInput


def _error_text(exc: BaseException) -> str:
    return getattr(exc, "zh", None) or "保存失败：程序内部错误，数据未被修改。"


class CommitmentEditor(QDialog):
    """New commitment when ``detail`` is None, else edits it. ``save(input)`` runs on a
    worker thread and returns the uuid; the dialog closes only when it succeeded."""

    def __init__(self, ctx: AppContext, choices: EditorChoices, save: Callable[[CommitmentInput], str],
                 detail: CommitmentDetail | None = None, period: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.choices, self._save, self.detail = ctx, choices, save, detail
        self.saved_uuid: str | None = None
        self.ui = Ui_CommitmentEditor()
        self.ui.setupUi(self)
        self.setWindowTitle("修改承诺" if detail else "新建承诺")
        self._station_touched = False
        self.deeds = DeedsModel(self)
        self._build()
        self._load(detail, period)

    # -- construction ----------------------------------------------------------
    def _build(self) -> None:
        ui = self.ui
        for code, label in OWNER_TYPES.items():
            ui.ownerTypeCombo.addItem(label, code)
        ui.stationCombo.addItem("（未指定）", None)
        for uuid, name in self.choices.stations:
            ui.stationCombo.addItem(name, uuid)
        ui.categoryCombo.addItems(self.choices.categories)
        for code, label in COMMITMENT_STATUSES.items():
            ui.statusCombo.addItem(label, code)
        completer = QCompleter(self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setModel(ui.ownerCombo.model())
        completer.setCompletionRole(SEARCH_ROLE)  # name, pinyin, initials ("zs" finds 张三), unit
        completer.activated[str].connect(self._owner_completed)
        ui.ownerCombo.setCompleter(completer)
        ui.deedsView.setModel(self.deeds)
        delegate = DateDelegate(ui.deedsView)
        ui.deedsView.setItemDelegateForColumn(TARGET, delegate)
        ui.deedsView.setItemDelegateForColumn(DONE, delegate)
        header = ui.deedsView.horizontalHeader()
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        for column in (TARGET, DONE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, 120)
        ui.deedsView.verticalHeader().setVisible(False)
        ui.publishedDate.setDate(QDate.currentDate())
        chinese_buttons(ui.buttonBox)

        ui.ownerTypeCombo.currentIndexChanged.connect(self._fill_owners)
        ui.ownerCombo.currentIndexChanged.connect(self._owner_changed)
        ui.stationCombo.activated.connect(lambda _i: setattr(self, "_station_touched", True))
        ui.publishedCheck.toggled.connect(ui.publishedDate.setEnabled)
        ui.statusCombo.currentIndexChanged.connect(self._status_changed)
        ui.addDeedButton.clicked.connect(self.add_deed)
        ui.removeDeedButton.clicked.connect(self.remove_deed)
        ui.doneDeedButton.clicked.connect(self.mark_deed_done)
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).clicked.connect(self.save)
        clear = QShortcut(QKeySequence.StandardKey.Delete, ui.deedsView)
        clear.setContext(Qt.ShortcutContext.WidgetShortcut)
        clear.activated.connect(self._clear_cell)

    def _load(self, detail: CommitmentDetail | None, period: str | None) -> None:
        from ...core.domain.periods import Period

        ui = self.ui
        current = Period.current()
        periods = {current.code, current.next().code, *(p for p in [period] if p)}
        if detail:
            periods.add(detail.period)
        for code in sorted(periods, reverse=True):
            ui.periodCombo.addItem(Period.parse(code).label, code)
        self._select(ui.periodCombo, detail.period if detail else (period or current.code))
        if detail is None:
            self._fill_owners()
            self._status_changed()
            ui.publishedCheck.setChecked(False)
            ui.publishedDate.setEnabled(False)
            self.add_deed()
            return
        self._select(ui.ownerTypeCombo, detail.owner_type)
        self._fill_owners()
        self._select(ui.ownerCombo, detail.owner_uuid)
        self._select(ui.stationCombo, detail.station_uuid)
        self._station_touched = True
        ui.categoryCombo.setCurrentText(detail.category)
        ui.publishedCheck.setChecked(detail.published_on is not None)
        ui.publishedDate.setEnabled(detail.published_on is not None)
        if detail.published_on:
            ui.publishedDate.setDate(to_qdate(detail.published_on))
        ui.contentEdit.setPlainText(detail.content)
        self._select(ui.statusCombo, detail.status)
        ui.reasonEdit.setText(detail.reason)
        self._status_changed()
        self.deeds.set_deeds([DeedRow(d.text, d.target_on, d.done_on, d.uuid) for d in detail.deeds])

    @staticmethod
    def _select(combo, data) -> None:
        index = combo.findData(data)
        if index >= 0:
            combo.setCurrentIndex(index)

    # -- behaviour -------------------------------------------------------------
    def _fill_owners(self) -> None:
        kind = self.ui.ownerTypeCombo.currentData()
        combo = self.ui.ownerCombo
        combo.blockSignals(True)
        combo.clear()
        for option in self.choices.owners:
            if option.owner_type == kind:
                text = f"{option.name}（{option.detail}）" if option.detail else option.name
                combo.addItem(text, option.uuid)
                combo.setItemData(combo.count() - 1, option.search or option.name, SEARCH_ROLE)
        combo.setCurrentIndex(-1)
        combo.setEditText("")
        combo.blockSignals(False)

    def _owner_completed(self, key: str) -> None:
        index = self.ui.ownerCombo.findData(key, SEARCH_ROLE)
        if index >= 0:
            self.ui.ownerCombo.setCurrentIndex(index)

    def _owner_changed(self) -> None:
        uuid = self.ui.ownerCombo.currentData()
        if self._station_touched or uuid is None:
            return
        option = next((o for o in self.choices.owners if o.uuid == uuid), None)
        if option is not None:
            self._select(self.ui.stationCombo, option.station_uuid)

    def _status_changed(self) -> None:
        unfulfilled = self.ui.statusCombo.currentData() == "unfulfilled"
        self.ui.reasonEdit.setEnabled(unfulfilled)

    def add_deed(self) -> None:
        row = self.deeds.add_deed()
        index = self.deeds.index(row, TEXT)
        self.ui.deedsView.setCurrentIndex(index)
        if self.isVisible():
            self.ui.deedsView.edit(index)

    def remove_deed(self) -> None:
        index = self.ui.deedsView.currentIndex()
        if index.isValid():
            self.deeds.remove_deed(index.row())

    def mark_deed_done(self) -> None:
        index = self.ui.deedsView.currentIndex()
        if index.isValid():
            self.deeds.setData(self.deeds.index(index.row(), DONE), QDate.currentDate())

    def _clear_cell(self) -> None:
        index = self.ui.deedsView.currentIndex()
        if index.isValid() and index.column() in (TARGET, DONE):
            self.deeds.setData(index, None)

    def owner_uuid(self) -> str:
        combo = self.ui.ownerCombo
        text = combo.currentText().strip()
        if combo.currentIndex() >= 0 and combo.itemText(combo.currentIndex()) == text:
            return combo.currentData()
        index = combo.findText(text, Qt.MatchFlag.MatchExactly)
        if index < 0:  # a completion key inserted as typed
            index = combo.findData(text, SEARCH_ROLE)
        if index < 0:  # a bare name typed without the detail in brackets
            matches = [i for i in range(combo.count()) if combo.itemText(i).split("（")[0] == text]
            index = matches[0] if len(matches) == 1 else -1
        return combo.itemData(index) if index >= 0 else ""

    def to_input(self) -> CommitmentInput:
        from ...core.domain.periods import Period
        from ...core.services.commitments import CommitmentInput, DeedInput

        ui = self.ui
        period_text = ui.periodCombo.currentText()
        index = ui.periodCombo.findText(period_text)
        period = ui.periodCombo.itemData(index) if index >= 0 else Period.parse(period_text).code
        return CommitmentInput(
            period=period, owner_type=ui.ownerTypeCombo.currentData(), owner_uuid=self.owner_uuid(),
            content=ui.contentEdit.toPlainText(), category=ui.categoryCombo.currentText(),
            station_uuid=ui.stationCombo.currentData(),
            published_on=from_qdate(ui.publishedDate.date()) if ui.publishedCheck.isChecked() else None,
            status=ui.statusCombo.currentData(), reason=ui.reasonEdit.text(),
            deeds=[DeedInput(d.text, d.target_on, d.done_on, d.uuid) for d in self.deeds.deeds()],
        )

    def save(self) -> None:
        from ...core.errors import ZxError
        from ...core.services.commitments import validate

        self.ui.errorLabel.clear()
        try:
            inp = self.to_input()
            validate(inp)
        except ZxError as exc:
            self.show_error(exc)
            return
        button = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)
        button.setEnabled(False)

        def done(uuid: str) -> None:
            button.setEnabled(True)
            self.saved_uuid = uuid
            self.accept()

        def failed(exc: BaseException) -> None:
            button.setEnabled(True)
            self.show_error(exc)

        self.ctx.tasks.run(lambda _p: self._save(inp), done, failed)

    def show_error(self, exc: BaseException) -> None:
        self.ui.errorLabel.setText(_error_text(exc))
