"""Names of the documents zxdesk prints (importing this loads no reportlab)."""

BOARD_KINDS = {
    "performance": "政协委员业绩公示栏",
    "commitments": "承诺公示",
    "assessment": "年度履职考核结果公示",
    "selection": "优秀委员评选公示",
}
MEETING_PAPERS = {"notice": "会议通知", "minutes": "会议纪要", "signin": "签到表"}
BADGE_STYLES = {"badge": "胸牌", "table": "桌牌", "door": "门牌"}
PAPERS = ("A4", "A3", "A2")
