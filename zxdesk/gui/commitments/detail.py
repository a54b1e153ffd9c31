"""The detail panel beside the table: the commitment, its deeds, progress updates with
evidence and linked duty records, and the review. Links open evidence or delete an
update."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from ...core.domain.commitment_terms import review_label
from ...core.domain.periods import label as period_label
from ...core.domain.vocab import COMMITMENT_STATUSES, DUTY_TYPES, OWNER_TYPES

if TYPE_CHECKING:
    from ...core.services.commitment_progress import UpdateInfo
    from ...core.services.commitments import CommitmentDetail

STYLE = """
<style>
 h3 { margin: 0 0 4px 0; }
 .muted { color: #666; }
 .late { color: #a1281b; font-weight: bold; }
 .done { color: #1d7a3a; }
 .update { margin: 6px 0; }
</style>
"""


def _d(value: dt.date | None) -> str:
    return value.isoformat() if value else "—"


def render(detail: CommitmentDetail, updates: list[UpdateInfo], today: dt.date) -> str:
    e = escape
    status = COMMITMENT_STATUSES.get(detail.status, detail.status)
    late = ' <span class="late">逾期</span>' if detail.overdue else ""
    parts = [STYLE, f"<h3>{e(detail.owner_name)}<span class='muted'>（{OWNER_TYPES.get(detail.owner_type, '')}）"
             f"</span></h3>",
             f"<p class='muted'>{period_label(detail.period)} · {e(detail.category or '未分类')} · "
             f"{e(detail.station_name or '未指定工作站')} · 公开日期 {_d(detail.published_on)}</p>",
             f"<p><b>状态：</b>{status}{late}"]
    if detail.status == "unfulfilled" and detail.reason:
        parts.append(f"　<b>原因：</b>{e(detail.reason)}")
    parts.append("</p>")
    if detail.carried_from_uuid:
        parts.append(f"<p class='muted'>由{period_label(detail.carried_from_period) or '上期'}结转而来</p>")
    parts.append(f"<p>{e(detail.content).replace(chr(10), '<br>')}</p>")
    parts.append("<p><b>拟办实事</b></p>")
    if detail.deeds:
        for d in detail.deeds:
            if d.done_on:
                state = f"<span class='done'>已于 {_d(d.done_on)} 完成</span>"
            elif d.target_on and d.target_on < today:
                state = "<span class='late'>已过目标日期，未完成</span>"
            else:
                state = "未完成"
            parts.append(f"<div>• {e(d.text)}　<span class='muted'>目标 {_d(d.target_on)}</span>　{state}</div>")
    else:
        parts.append("<p class='muted'>（未填写）</p>")
    parts.append(f"<p><b>践诺进展</b>（{len(updates)} 条）</p>")
    for u in updates:
        parts.append(f"<div class='update'><b>{_d(u.updated_on)}</b>　{e(u.text)}"
                     f"　<a href='del-update:{u.uuid}'>删除</a>")
        for a in u.attachments:
            parts.append(f"<br>　材料：<a href='att:{a.sha256}:{e(a.filename)}'>{e(a.filename)}</a>")
        for r in u.records:
            parts.append(f"<br>　关联履职：{_d(r.occurred_on)} {DUTY_TYPES.get(r.duty_type, r.duty_type)}："
                         f"{e(r.title)}（{e(r.member_name)}）")
        parts.append("</div>")
    if detail.review_result:
        parts.append(f"<p><b>期末评议：</b>{review_label(detail.review_result)}　{e(detail.reviewed_by)}　"
                     f"{_d(detail.reviewed_on)}<br>{e(detail.review_remark)}</p>")
    else:
        parts.append("<p class='muted'>尚未评议</p>")
    return "".join(parts)


class DetailPanel(QTextBrowser):
    attachment_requested = Signal(str, str)  # sha256, file name
    delete_update_requested = Signal(str)  # update uuid

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._anchor)
        self.show_empty()

    def show_empty(self, text: str = "选择一项承诺查看详情") -> None:
        self.setHtml(f"<p style='color:#666'>{escape(text)}</p>")

    def show_detail(self, detail: CommitmentDetail, updates: list[UpdateInfo], today: dt.date) -> None:
        self.setHtml(render(detail, updates, today))

    def _anchor(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("att:"):
            _, sha, name = text.split(":", 2)
            self.attachment_requested.emit(sha, name)
        elif text.startswith("del-update:"):
            self.delete_update_requested.emit(text.split(":", 1)[1])
