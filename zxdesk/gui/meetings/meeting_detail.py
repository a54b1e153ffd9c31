"""The right-hand panel of the meetings page: the record, its resolutions and follow-ups."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from .columns import follow_up_columns, is_overdue, where
from .row_model import RowTableModel
from .table_view import RowTable

UUID_ROLE = Qt.ItemDataRole.UserRole


def _mark(text: str, terms: list[str]) -> str:
    out = html.escape(text).replace("\n", "<br>")
    for term in terms:
        out = out.replace(html.escape(term), f'<span style="background:#ffe27a">{html.escape(term)}</span>')
    return out


def meeting_html(d: Any, terms: list[str], attachments: list) -> str:
    """The meeting as rich text, search words highlighted."""
    m = lambda t: _mark(t, terms)  # noqa: E731
    place = where(d.station_name, d.place) or "—"
    names = "、".join(a.name for a in d.attendees) or "（未登记）"
    residents = f"{d.residents_count} 人" + (f"（{m('、'.join(d.residents_names.split()))}）" if d.residents_names else "")
    parts = [
        f"<h3>{m(d.topic)}</h3>",
        f"<p><b>{html.escape(d.kind)}</b>　{d.starts_at:%Y-%m-%d %H:%M}　{m(place)}"
        + (f"　主持：{m(d.host)}" if d.host else "") + "</p>",
        f"<p><b>参会委员（{len(d.attendees)} 人）：</b>{html.escape(names)}<br><b>参会群众：</b>{residents}</p>",
    ]
    for title, text in (("议程", d.agenda), ("情况通报", d.minutes_briefing), ("意见建议", d.minutes_opinions),
                        ("协商共识", d.minutes_consensus)):
        if text:
            parts.append(f"<p><b>{title}</b><br>{m(text)}</p>")
    if d.resolutions:
        items = "".join(f"<li>{m(r.text)}</li>" for r in d.resolutions)
        parts.append(f"<p><b>协商成果</b></p><ol>{items}</ol>")
    if attachments:
        files = "、".join(html.escape(f"{a.caption}：{a.filename}" if a.caption else a.filename) for a in attachments)
        parts.append(f"<p><b>附件：</b>{files}</p>")
    return "".join(parts)


class MeetingDetailPanel(QWidget):
    new_follow_up = Signal(object)  # resolution uuid or None
    edit_follow_up = Signal(object)  # FollowUpRow
    change_status = Signal(object)  # FollowUpRow

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.detail: Any = None
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("meetingText")
        self.browser.setOpenLinks(False)
        self.resolutions = QListWidget(self)
        self.resolutions.setObjectName("resolutionList")
        self.resolutions.setWordWrap(True)
        self.follow_ups = RowTable(RowTableModel(follow_up_columns(with_meeting=False), self, highlight=is_overdue),
                                   self)
        self.follow_ups.setObjectName("meetingFollowUps")
        for w, h in ((self.browser, 60), (self.resolutions, 36), (self.follow_ups, 48)):
            w.setMinimumHeight(h)  # let the splitter shrink them on small screens
        self.new_button = QPushButton("由所选成果生成跟踪事项", self)
        self.edit_button = QPushButton("编辑事项", self)
        self.status_button = QPushButton("更新办理状态…", self)

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.browser)
        res_box = QWidget(split)
        res_layout = QVBoxLayout(res_box)
        res_layout.setContentsMargins(0, 0, 0, 0)
        res_layout.addWidget(QLabel("协商成果", res_box))
        res_layout.addWidget(self.resolutions)
        res_layout.addWidget(self.new_button)
        split.addWidget(res_box)
        fu_box = QWidget(split)
        fu_layout = QVBoxLayout(fu_box)
        fu_layout.setContentsMargins(0, 0, 0, 0)
        fu_layout.addWidget(QLabel("跟踪事项（红色为逾期）", fu_box))
        fu_layout.addWidget(self.follow_ups)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.status_button)
        buttons.addStretch(1)
        fu_layout.addLayout(buttons)
        split.addWidget(fu_box)
        split.setSizes([320, 120, 200])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

        self.new_button.clicked.connect(lambda: self.new_follow_up.emit(self._resolution()))
        self.resolutions.itemDoubleClicked.connect(lambda _i: self.new_follow_up.emit(self._resolution()))
        self.edit_button.clicked.connect(lambda: self._emit_row(self.edit_follow_up))
        self.status_button.clicked.connect(lambda: self._emit_row(self.change_status))
        self.follow_ups.row_activated.connect(self.change_status)
        self.show_meeting(None, [], [], [])

    def _resolution(self) -> str | None:
        item = self.resolutions.currentItem()
        return item.data(UUID_ROLE) if item is not None else None

    def _emit_row(self, signal) -> None:
        row = self.follow_ups.current()
        if row is not None:
            signal.emit(row)

    def show_meeting(self, detail: Any, follow_ups: list, attachments: list, terms: list[str]) -> None:
        self.detail = detail
        self.resolutions.clear()
        self.follow_ups.source.set_rows(follow_ups)
        enabled = detail is not None
        for w in (self.new_button, self.edit_button, self.status_button):
            w.setEnabled(enabled)
        if detail is None:
            self.browser.setHtml("<p style='color:#666'>选择左侧的会议查看纪要、成果和跟踪事项。</p>")
            return
        self.browser.setHtml(meeting_html(detail, terms, attachments))
        for r in detail.resolutions:
            item = QListWidgetItem(f"{r.seq}. {r.text}")
            item.setData(UUID_ROLE, r.uuid)
            self.resolutions.addItem(item)
        if detail.resolutions:
            self.resolutions.setCurrentRow(0)
