"""Progress update, status change and period-end review dialogs.

Each collects plain values, runs its core service on a worker thread, and closes only
when the save succeeded; on failure it shows the Chinese message and keeps the input.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.domain.commitment_terms import REVIEW_RESULTS
from ...core.domain.vocab import COMMITMENT_STATUSES, DUTY_TYPES
from ..context import AppContext
from ..forms.ui_commitment_review import Ui_CommitmentReviewDialog
from ..forms.ui_commitment_update import Ui_CommitmentUpdateDialog
from .buttons import chinese_buttons
from .deeds_model import from_qdate

UUID_ROLE = Qt.ItemDataRole.UserRole


def _message(exc: BaseException) -> str:
    return getattr(exc, "zh", None) or "保存失败：程序内部错误，数据未被修改。"


class _SavingDialog(QDialog):
    """Runs ``work()`` on the task runner when Save is pressed."""

    ctx: AppContext
    error_label: QLabel
    button_box: QDialogButtonBox

    def run_save(self, work: Callable[[], Any]) -> None:
        self.error_label.clear()
        button = self.button_box.button(QDialogButtonBox.StandardButton.Save)
        button.setEnabled(False)

        def done(_result: Any) -> None:
            button.setEnabled(True)
            self.accept()

        def failed(exc: BaseException) -> None:
            button.setEnabled(True)
            self.error_label.setText(_message(exc))

        self.ctx.tasks.run(lambda _p: work(), done, failed)


class UpdateDialog(_SavingDialog):
    """记录践诺进展: date, text, evidence files and duty records to link."""

    def __init__(self, ctx: AppContext, commitment_uuid: str, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.commitment_uuid = ctx, commitment_uuid
        self.ui = Ui_CommitmentUpdateDialog()
        self.ui.setupUi(self)
        self.error_label, self.button_box = self.ui.errorLabel, chinese_buttons(self.ui.buttonBox)
        self.ui.commitmentLabel.setText(f"承诺：{title}")
        self.ui.dateEdit.setDate(QDate.currentDate())
        self.ui.dateEdit.setMaximumDate(QDate.currentDate())
        self.ui.addFileButton.clicked.connect(self.choose_files)
        self.ui.removeFileButton.clicked.connect(self.remove_file)
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).clicked.connect(self.save)
        self.ui.recordsList.addItem("正在读取履职记录…")
        self._load_records()

    def _load_records(self) -> None:
        from ...core.services.commitment_progress import linkable_duty_records

        db, uuid = self.ctx.db, self.commitment_uuid
        self.ctx.tasks.run(lambda _p: linkable_duty_records(db, uuid), self.set_records,
                           lambda exc: self.ui.errorLabel.setText(_message(exc)))

    def set_records(self, records) -> None:
        self.ui.recordsList.clear()
        if not records:
            self.ui.recordsList.addItem("（本期没有可关联的履职记录）")
            return
        for r in records:
            item = QListWidgetItem(f"{r.occurred_on}  {DUTY_TYPES.get(r.duty_type, r.duty_type)}  "
                                   f"{r.title}（{r.member_name}）")
            item.setData(UUID_ROLE, r.uuid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.ui.recordsList.addItem(item)

    def add_files(self, paths: list[str]) -> None:
        present = {self.ui.filesList.item(i).data(UUID_ROLE) for i in range(self.ui.filesList.count())}
        for path in paths:
            if path and path not in present:
                item = QListWidgetItem(Path(path).name)
                item.setToolTip(path)
                item.setData(UUID_ROLE, path)
                self.ui.filesList.addItem(item)

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "选择佐证材料", "",
                                                "照片和文件 (*.jpg *.jpeg *.png *.pdf *.doc *.docx *.xlsx);;所有文件 (*)")
        self.add_files(paths)

    def remove_file(self) -> None:
        for item in self.ui.filesList.selectedItems():
            self.ui.filesList.takeItem(self.ui.filesList.row(item))

    def checked_records(self) -> list[str]:
        out = []
        for i in range(self.ui.recordsList.count()):
            item = self.ui.recordsList.item(i)
            if item.data(UUID_ROLE) and item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(UUID_ROLE))
        return out

    def save(self) -> None:
        from ...core.services.commitment_progress import UpdateInput, add_update

        text = self.ui.textEdit.toPlainText().strip()
        if not text:
            self.ui.errorLabel.setText("请填写进展情况")
            return
        files = [self.ui.filesList.item(i).data(UUID_ROLE) for i in range(self.ui.filesList.count())]
        inp = UpdateInput(from_qdate(self.ui.dateEdit.date()), text, files, self.checked_records())
        db, uuid = self.ctx.db, self.commitment_uuid
        self.run_save(lambda: add_update(db, uuid, inp))


class StatusDialog(_SavingDialog):
    """更改状态 of one or more commitments; 未兑现 asks for the reason."""

    def __init__(self, ctx: AppContext, uuids: list[str], current: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.uuids = ctx, uuids
        self.setWindowTitle("更改状态")
        self.status_combo = QComboBox(self)
        for code, label in COMMITMENT_STATUSES.items():
            self.status_combo.addItem(label, code)
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(current)))
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setPlaceholderText("未兑现的原因（必填）")
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet("color: #a1281b;")
        self.button_box = chinese_buttons(QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self))
        form = QFormLayout()
        form.addRow("状态(&Z)", self.status_combo)
        form.addRow("原因(&R)", self.reason_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"将更改所选 {len(uuids)} 项承诺的状态。" if len(uuids) > 1 else "", self))
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.button_box)
        self.status_combo.currentIndexChanged.connect(self._changed)
        self.button_box.rejected.connect(self.reject)
        self.button_box.button(QDialogButtonBox.StandardButton.Save).clicked.connect(self.save)
        self._changed()

    def _changed(self) -> None:
        self.reason_edit.setEnabled(self.status_combo.currentData() == "unfulfilled")

    def save(self) -> None:
        from ...core.services.commitments import set_status

        status, reason = self.status_combo.currentData(), self.reason_edit.text()
        if status == "unfulfilled" and not reason.strip():
            self.error_label.setText("状态为“未兑现”时必须填写原因")
            self.reason_edit.setFocus()
            return
        db, uuids = self.ctx.db, list(self.uuids)
        self.run_save(lambda: set_status(db, uuids, status, reason))


class ReviewDialog(_SavingDialog):
    """期末评议 of one or more commitments: reviewer, date, result, remark."""

    def __init__(self, ctx: AppContext, uuids: list[str], scope: str, parent: QWidget | None = None,
                 reviewer: str = ""):
        super().__init__(parent)
        self.ctx, self.uuids = ctx, uuids
        self.ui = Ui_CommitmentReviewDialog()
        self.ui.setupUi(self)
        self.error_label, self.button_box = self.ui.errorLabel, chinese_buttons(self.ui.buttonBox)
        self.ui.scopeLabel.setText(scope)
        for code, label in REVIEW_RESULTS.items():
            self.ui.resultCombo.addItem(label, code)
        self.ui.resultCombo.setCurrentIndex(self.ui.resultCombo.findData("合格"))
        self.ui.dateEdit.setDate(QDate.currentDate())
        self.ui.reviewerEdit.setText(reviewer)
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).clicked.connect(self.save)

    def show_existing(self, detail) -> None:
        """Prefill from a commitment that was reviewed before (editing its review)."""
        if not detail.review_result:
            return
        self.ui.reviewerEdit.setText(detail.reviewed_by)
        self.ui.resultCombo.setCurrentIndex(max(0, self.ui.resultCombo.findData(detail.review_result)))
        self.ui.remarkEdit.setPlainText(detail.review_remark)
        if detail.reviewed_on:
            on = detail.reviewed_on
            self.ui.dateEdit.setDate(QDate(on.year, on.month, on.day))

    def save(self) -> None:
        from ...core.services.commitment_progress import ReviewInput, review_commitments

        who = self.ui.reviewerEdit.text().strip()
        if not who:
            self.ui.errorLabel.setText("请填写评议人")
            self.ui.reviewerEdit.setFocus()
            return
        inp = ReviewInput(who, self.ui.resultCombo.currentData(), self.ui.remarkEdit.toPlainText(),
                          from_qdate(self.ui.dateEdit.date()))
        db, uuids = self.ctx.db, list(self.uuids)
        self.run_save(lambda: review_commitments(db, uuids, inp))
