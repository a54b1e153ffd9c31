"""Chinese names of tables and fields, for conflict review and reports."""

from __future__ import annotations

from typing import Any

TABLE_LABELS = {
    "committee": "政协委员会", "setting": "设置", "sector": "界别", "station": "委员工作站",
    "station_checkin": "进站报到", "org_group": "活动组/党支部", "group_member": "组员",
    "member": "委员", "member_term": "任职", "duty_record": "履职记录", "attachment": "附件",
    "meeting": "会议", "meeting_attendee": "参会委员", "resolution": "协商成果", "follow_up": "跟踪事项",
    "mediation_case": "调解案件", "mediation_mediator": "调解员", "rota_entry": "轮值",
    "commitment": "承诺", "commitment_deed": "拟办实事", "commitment_update": "践诺进展",
    "commitment_update_record": "进展关联记录", "assessment_indicator": "考核指标", "duty_points": "积分规则",
    "assessment_result": "考核结果", "board_settings": "公示栏设置", "board_posting": "公示栏张贴",
}

FIELD_LABELS = {
    "name": "姓名/名称", "gender": "性别", "ethnicity": "民族", "birth": "出生年月", "party": "党派",
    "unit": "工作单位", "title": "标题/职务", "phone": "电话", "id_number": "身份证号", "education": "学历",
    "level": "级别", "term": "届次", "role": "职务", "status": "状态", "note": "备注", "deleted": "删除",
    "township": "乡镇", "address": "地址", "topic": "议题", "place": "地点", "content": "内容",
    "description": "内容", "outcome": "结果", "points": "积分", "occurred_on": "日期", "text": "内容",
    "station_uuid": "所属工作站", "member_uuid": "委员", "sector_uuid": "界别", "contact_phone": "联系电话",
    "result": "结果", "reason": "原因", "due_on": "期限", "closed_on": "办结日期",
}

# Where a field means something else in one table.
TABLE_FIELD_LABELS = {
    ("member", "title"): "职务", ("member", "name"): "姓名", ("member", "unit"): "工作单位",
    ("duty_record", "title"): "标题", ("station", "name"): "名称", ("meeting", "topic"): "议题",
}

_LABEL_FIELDS = ("name", "title", "topic", "content", "text", "key", "filename", "period")


def table_label(table: str) -> str:
    return TABLE_LABELS.get(table, table)


def field_label(field: str, table: str = "") -> str:
    return TABLE_FIELD_LABELS.get((table, field)) or FIELD_LABELS.get(field, field)


def record_label(row: dict[str, Any] | None) -> str:
    if not row:
        return ""
    for key in _LABEL_FIELDS:
        value = row.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()[:40]
    return ""


def show_value(value: Any) -> str:
    if value is None or value == "":
        return "（空）"
    if value is True:
        return "是"
    if value is False:
        return "否"
    return str(value)
