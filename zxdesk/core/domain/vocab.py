"""Fixed vocabularies of the member-work domain (see shared design notes)."""

from __future__ import annotations

# Duty record types: code -> label. Codes are stored; labels are shown.
DUTY_TYPES: dict[str, str] = {
    "proposal": "提案",
    "sentiment": "社情民意信息",
    "research": "调研",
    "inspection": "视察",
    "deed": "为群众办实事",
    "reading": "读书",
    "contact": "联系界别群众",
    "consultation": "协商议事",
    "mediation": "调解",
    "lecture": "微讲堂",
    "duty_report": "述职",
}

# Outcomes that make sense per duty type (empty outcome is always allowed).
DUTY_OUTCOMES: dict[str, tuple[str, ...]] = {
    "proposal": ("立案", "采纳", "办结", "不予立案"),
    "sentiment": ("采用", "未采用"),
    "research": ("形成报告", "未形成报告"),
    "inspection": ("形成报告", "未形成报告"),
    "deed": ("已办结", "办理中"),
    "mediation": ("调解成功", "未成功", "转办"),
}

LEVELS = ("国家", "省", "市", "县")
ROLES = ("主席", "副主席", "常委", "委员")
STATUSES = ("在任", "离任")
GENDERS = ("男", "女")

SECTORS = (
    "中共", "民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "无党派人士", "共青团",
    "工会", "妇联", "工商联", "科技界", "经济界", "农业和农村界", "教育界", "医药卫生界",
    "社会福利和社会保障界", "文化艺术界", "体育界", "新闻出版界", "少数民族界", "宗教界", "特邀人士",
    "退役军人",
)

PARTIES = (
    "中共党员", "民革党员", "民盟盟员", "民建会员", "民进会员", "农工党党员", "致公党党员",
    "九三学社社员", "无党派人士", "群众",
)

MEETING_KINDS = ("协商议事", "学习交流", "调研视察", "宣传宣讲", "咨询服务")

FOLLOW_UP_STATUSES: dict[str, str] = {
    "todo": "待办",
    "doing": "办理中",
    "done": "已办结",
    "failed": "无法办结",
}
FOLLOW_UP_CATEGORIES: dict[str, str] = {"conflict": "化解矛盾", "problem": "破解问题"}

MEDIATION_OUTCOMES: dict[str, str] = {"success": "调解成功", "failed": "未成功", "transferred": "转办"}

COMMITMENT_STATUSES: dict[str, str] = {
    "not_started": "未开始",
    "in_progress": "推进中",
    "fulfilled": "已兑现",
    "unfulfilled": "未兑现",
}
OWNER_TYPES: dict[str, str] = {"member": "委员", "group": "委员活动组", "branch": "界别党支部"}

# Jixi's five "at least one" indicators plus the duty-report requirement: the default rules.
DEFAULT_INDICATORS: tuple[dict, ...] = (
    {"code": "proposal", "label": "一件高质量提案", "duty_types": ["proposal"],
     "outcomes": ["立案", "采纳", "办结"], "min_count": 1, "kind": "indicator"},
    {"code": "sentiment", "label": "一条社情民意信息", "duty_types": ["sentiment"],
     "outcomes": [], "min_count": 1, "kind": "indicator"},
    {"code": "research", "label": "一次视察或调研活动", "duty_types": ["research", "inspection"],
     "outcomes": [], "min_count": 1, "kind": "indicator"},
    {"code": "deed", "label": "一件为群众办的实事", "duty_types": ["deed"],
     "outcomes": [], "min_count": 1, "kind": "indicator"},
    {"code": "reading", "label": "一本好书", "duty_types": ["reading"],
     "outcomes": [], "min_count": 1, "kind": "indicator"},
    {"code": "duty_report", "label": "向专委会述职", "duty_types": ["duty_report"],
     "outcomes": [], "min_count": 1, "kind": "requirement"},
)

DEFAULT_POINTS: dict[str, float] = {
    "proposal": 5, "sentiment": 3, "research": 3, "inspection": 3, "deed": 4, "reading": 1,
    "contact": 1, "consultation": 2, "mediation": 3, "lecture": 2, "duty_report": 2,
}


def period_label(period: str) -> str:
    """'2023H1' -> '2023年上半年'."""
    year, half = period[:4], period[4:]
    return f"{year}年{'上' if half == 'H1' else '下'}半年"
