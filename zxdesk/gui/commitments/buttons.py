"""Chinese texts for standard dialog buttons, whether or not a Qt translation is loaded."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

_TEXTS = {
    QDialogButtonBox.StandardButton.Save: "保存(&S)",
    QDialogButtonBox.StandardButton.Cancel: "取消",
    QDialogButtonBox.StandardButton.Close: "关闭",
    QDialogButtonBox.StandardButton.Ok: "确定",
}


def chinese_buttons(box: QDialogButtonBox) -> QDialogButtonBox:
    for which, text in _TEXTS.items():
        button = box.button(which)
        if button is not None:
            button.setText(text)
    return box
