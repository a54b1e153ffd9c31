"""Member and duty-record fields: Chinese labels, and normalising choice values.

Labels are what the form, the change history and the spreadsheets show.
"""

from __future__ import annotations

from .text_norm import clean_text

MEMBER_LABELS: dict[str, str] = {
    "name": "姓名",
    "gender": "性别",
    "ethnicity": "民族",
    "birth": "出生年月",
    "party": "政治面貌",
    "sector_uuid": "界别",
    "unit": "工作单位",
    "title": "职务",
    "phone": "联系电话",
    "id_number": "身份证号",
    "education": "学历",
    "level": "级别",
    "term": "届次",
    "role": "政协职务",
    "status": "状态",
    "joined_on": "任职日期",
    "left_on": "离任日期",
    "station_uuid": "工作站",
    "photo_sha256": "照片",
    "note": "备注",
    "name_pinyin": "姓名拼音",
    "name_initials": "拼音首字母",
    "deleted": "删除",
}

DUTY_LABELS: dict[str, str] = {
    "member_uuid": "委员",
    "duty_type": "类型",
    "occurred_on": "日期",
    "title": "标题",
    "description": "内容",
    "outcome": "成果",
    "points": "分值",
    "station_uuid": "工作站",
    "source_uuid": "来源活动",
    "deleted": "删除",
}

_PARTY_ALIASES = {
    "中共": "中共党员", "党员": "中共党员", "中国共产党党员": "中共党员", "共产党员": "中共党员",
    "中共预备党员": "中共党员",
    "民革": "民革党员", "民盟": "民盟盟员", "民建": "民建会员", "民进": "民进会员",
    "农工党": "农工党党员", "农工": "农工党党员", "致公党": "致公党党员", "九三学社": "九三学社社员",
    "九三": "九三学社社员", "无党派": "无党派人士", "无": "群众",
}
_LEVEL_ALIASES = {
    "全国": "国家", "国家级": "国家", "全国政协": "国家", "省级": "省", "省政协": "省",
    "市级": "市", "市政协": "市", "县级": "县", "县政协": "县", "区": "县", "区级": "县",
}
_ROLE_ALIASES = {"常务委员": "常委", "政协委员": "委员", "副主席(兼)": "副主席"}
_STATUS_ALIASES = {"在职": "在任", "现任": "在任", "离职": "离任", "退出": "离任", "已离任": "离任", "卸任": "离任"}
_GENDER_ALIASES = {"男性": "男", "女性": "女", "m": "男", "f": "女", "male": "男", "female": "女"}


def normalize_party(text: str) -> str:
    value = clean_text(text).replace(" ", "")
    return _PARTY_ALIASES.get(value, value)


def normalize_level(text: str) -> str:
    value = clean_text(text).replace(" ", "")
    return _LEVEL_ALIASES.get(value, value)


def normalize_role(text: str) -> str:
    value = clean_text(text).replace(" ", "")
    return _ROLE_ALIASES.get(value, value)


def normalize_status(text: str) -> str:
    value = clean_text(text).replace(" ", "")
    return _STATUS_ALIASES.get(value, value)


def normalize_gender(text: str) -> str:
    value = clean_text(text).replace(" ", "")
    return _GENDER_ALIASES.get(value.lower(), value)


def normalize_ethnicity(text: str) -> str:
    value = clean_text(text).replace(" ", "")
    if value and not value.endswith("族") and len(value) <= 3:
        value += "族"
    return value
