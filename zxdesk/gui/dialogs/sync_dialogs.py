"""Dialogs of the 同步 tab: setting up, the import preview, enrolling a workstation."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)


_BUTTON_TEXT = {
    QDialogButtonBox.StandardButton.Ok: "确定",
    QDialogButtonBox.StandardButton.Cancel: "取消",
    QDialogButtonBox.StandardButton.Close: "关闭",
}


def _chinese(box: QDialogButtonBox) -> None:
    """Standard buttons in Chinese whether or not Qt's own translations are installed."""
    for which, text in _BUTTON_TEXT.items():
        button = box.button(which)
        if button is not None:
            button.setText(text)


class SetupDialog(QDialog):
    """Role, county code, township; an optional passphrase for the private keys."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("设置同步")
        self.workstation = QRadioButton("乡镇工作站", self)
        self.county_role = QRadioButton("县政协", self)
        self.workstation.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.workstation)
        group.addButton(self.county_role)
        self.county = QLineEdit(self)
        self.county.setPlaceholderText("行政区划代码，如 230381")
        self.county.setMaxLength(12)
        self.site = QLineEdit(self)
        self.site.setPlaceholderText("乡镇名称，与工作站资料中的“乡镇”一致")
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText("可不填；填写后每次打开需输入")
        self.repeat = QLineEdit(self)
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.hint = QLabel("", self)
        self.hint.setStyleSheet("color: #b45309")
        form = QFormLayout()
        roles = QVBoxLayout()
        roles.addWidget(self.workstation)
        roles.addWidget(self.county_role)
        form.addRow("本机是", roles)
        form.addRow("县代码", self.county)
        form.addRow("乡镇名称", self.site)
        form.addRow("密钥口令", self.passphrase)
        form.addRow("再输一次", self.repeat)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        _chinese(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("设置后会生成本机的签名和加密密钥，私钥保存在数据库旁的文件中，不写入数据库。", self))
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        for widget in (self.county, self.site, self.passphrase, self.repeat):
            widget.textChanged.connect(self._check)
        self.workstation.toggled.connect(self._check)
        self._check()

    def role(self) -> str:
        return "workstation" if self.workstation.isChecked() else "county"

    def _check(self) -> None:
        self.site.setEnabled(self.workstation.isChecked())
        problem = ""
        if not self.county.text().strip():
            problem = "请填写县代码"
        elif self.workstation.isChecked() and not self.site.text().strip():
            problem = "请填写乡镇名称"
        elif self.passphrase.text() != self.repeat.text():
            problem = "两次输入的口令不一致"
        self.hint.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def values(self) -> tuple[str, str, str | None, str | None]:
        site = self.site.text().strip() if self.workstation.isChecked() else None
        return self.role(), self.county.text().strip(), site, self.passphrase.text() or None


class ImportPreviewDialog(QDialog):
    """What a dry run found; the clerk decides whether to import."""

    def __init__(self, report: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("导入前检查")
        already = report.status == "already_imported"
        head = QLabel(f"文件“{report.file}”来自 <b>{report.sender_name or report.sender}</b>"
                      f"（第 {report.file_no} 号文件）", self)
        counts = QLabel(self)
        counts.setObjectName("previewCounts")
        counts.setText(f"将应用 <b>{report.applied}</b> 项修改，跳过 {report.skipped} 项已有的，"
                       f"冲突 <b>{report.conflicts}</b> 处，拒收 {report.refused} 项。")
        self.warnings = QListWidget(self)
        self.warnings.addItems(report.warnings or ["没有需要注意的问题"])
        buttons = QDialogButtonBox(self)
        if already:
            counts.setText("此文件已经导入过，不会做任何改动。")
            buttons.addButton(QDialogButtonBox.StandardButton.Close)
        else:
            self.import_button = buttons.addButton("导入", QDialogButtonBox.ButtonRole.AcceptRole)
            buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        _chinese(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(counts)
        layout.addWidget(QLabel("提示：", self))
        layout.addWidget(self.warnings)
        layout.addWidget(buttons)
        self.resize(520, 320)


class EnrollDialog(QDialog):
    """The county compares the fingerprint the township read out with the file's."""

    def __init__(self, request: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("登记乡镇工作站")
        self.request = request
        big = QFont()
        big.setPointSize(16)
        fingerprint = QLabel(request.fingerprint, self)
        fingerprint.setFont(big)
        fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.typed = QLineEdit(self)
        self.typed.setPlaceholderText("输入工作站念给您或写给您的指纹")
        self.confirmed = QCheckBox("我已核对，指纹一致", self)
        self.state = QLabel("", self)
        form = QFormLayout()
        form.addRow("乡镇", QLabel(request.name, self))
        form.addRow("站点编号", QLabel(request.site_id, self))
        form.addRow("文件中的指纹", fingerprint)
        form.addRow("工作站报来的指纹", self.typed)
        self.buttons = QDialogButtonBox(self)
        self.ok = self.buttons.addButton("登记", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        _chinese(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.confirmed)
        layout.addWidget(self.state)
        layout.addWidget(self.buttons)
        self.typed.textChanged.connect(self._check)
        self.confirmed.toggled.connect(self._check)
        self._check()

    def _check(self) -> None:
        from ...core.sync.keys import normalise_fingerprint

        typed = normalise_fingerprint(self.typed.text())
        wanted = normalise_fingerprint(self.request.fingerprint)
        if typed and typed != wanted and len(typed) >= len(wanted):
            self.state.setText("指纹不一致：文件可能被调换，请勿登记")
            self.state.setStyleSheet("color: #b91c1c")
        elif typed == wanted:
            self.state.setText("指纹一致")
            self.state.setStyleSheet("color: #15803d")
        else:
            self.state.setText("")
        self.ok.setEnabled(typed == wanted or (self.confirmed.isChecked() and not typed))
