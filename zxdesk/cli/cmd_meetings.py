"""meetings and followups: consultation meetings and their follow-up items.

    zxdesk meetings list --json [--from YYYY-MM-DD --to YYYY-MM-DD] [--kind K] [--search WORDS]
    zxdesk followups overdue --json
    zxdesk followups stats --json [--by month|quarter|half|year]
    zxdesk meetings rota-pdf --month YYYY-MM --out FILE.pdf
"""

from __future__ import annotations

import datetime as dt

from .output import emit_json, say
from .parser import ZxArgumentParser


def register(sub, parent) -> None:
    meetings = sub.add_parser("meetings", help="协商议事会议 / consultation meetings")
    msub = meetings.add_subparsers(dest="meetings_command", metavar="ACTION", required=True,
                                   parser_class=ZxArgumentParser)
    p = msub.add_parser("list", parents=[parent], help="列出会议 / list meetings")
    p.add_argument("--json", action="store_true", help="JSON 输出")
    p.add_argument("--from", dest="date_from", type=_date, metavar="YYYY-MM-DD", help="起始日期（含）")
    p.add_argument("--to", dest="date_to", type=_date, metavar="YYYY-MM-DD", help="截止日期（含）")
    p.add_argument("--kind", help="会议类型，如 协商议事")
    p.add_argument("--search", default="", metavar="WORDS", help="在议题、议程、纪要和协商成果中搜索")
    p.set_defaults(handler=cmd_list)

    p = msub.add_parser("rota-pdf", parents=[parent], help="导出月度轮值表 PDF / the month's duty rota as PDF")
    p.add_argument("--month", required=True, type=_month, metavar="YYYY-MM")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.set_defaults(handler=cmd_rota_pdf)

    followups = sub.add_parser("followups", help="跟踪事项 / follow-up items of meetings")
    fsub = followups.add_subparsers(dest="followups_command", metavar="ACTION", required=True,
                                    parser_class=ZxArgumentParser)
    p = fsub.add_parser("overdue", parents=[parent], help="逾期未办结事项 / overdue items across all meetings")
    p.add_argument("--json", action="store_true", help="JSON 输出")
    p.set_defaults(handler=cmd_overdue)

    p = fsub.add_parser("stats", parents=[parent], help="按期统计办结事项 / closed items per period")
    p.add_argument("--json", action="store_true", help="JSON 输出")
    p.add_argument("--by", choices=("month", "quarter", "half", "year"), default="quarter")
    p.add_argument("--from", dest="date_from", type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_date, metavar="YYYY-MM-DD")
    p.set_defaults(handler=cmd_stats)


def _date(text: str) -> dt.date:
    import argparse

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD 格式：{text} / date must be YYYY-MM-DD") from None


def _month(text: str) -> tuple[int, int]:
    import argparse

    try:
        day = dt.date.fromisoformat(f"{text}-01")
    except ValueError:
        raise argparse.ArgumentTypeError(f"月份应为 YYYY-MM 格式：{text} / month must be YYYY-MM") from None
    return day.year, day.month


def _check_range(args) -> None:
    from ..core.errors import ValidationError

    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise ValidationError("起始日期晚于截止日期", "--from is after --to")


def cmd_list(args) -> int:
    from ..core.services.meeting_list import MeetingFilter, meeting_records
    from .context import open_db

    _check_range(args)
    db = open_db(args)
    today = dt.date.today()
    records = meeting_records(db, MeetingFilter(date_from=args.date_from, date_to=args.date_to, kind=args.kind,
                                                text=args.search, today=today))
    if args.json:
        emit_json([r.as_json(today) for r in records])
        return 0
    for r in records:
        row = r.row
        open_items = sum(1 for f in r.follow_ups if f.status in ("todo", "doing"))
        say(f"{row.starts_at:%Y-%m-%d %H:%M}  {row.kind}  {row.topic}  @{row.station_name or row.place}  "
            f"委员 {len(r.attendees)} 人 · 群众 {row.residents_count} 人 · 成果 {row.resolutions_count} 项 · "
            f"跟踪 {len(r.follow_ups)} 项（未办结 {open_items}）")
    say(f"共 {len(records)} 次会议 / {len(records)} meetings")
    return 0


def cmd_overdue(args) -> int:
    from ..core.services.followups import overdue_follow_ups
    from .context import open_db

    db = open_db(args)
    items = overdue_follow_ups(db, dt.date.today())
    if args.json:
        emit_json([{
            "uuid": i.uuid, "meeting_uuid": i.meeting_uuid, "meeting_topic": i.meeting_topic,
            "meeting_date": i.meeting_date.isoformat(), "title": i.title, "responsible": i.responsible,
            "responsible_unit": i.responsible_unit, "responsible_member_uuid": i.responsible_member_uuid,
            "due_on": i.due_on.isoformat() if i.due_on else None, "days_overdue": i.days_overdue,
            "status": i.status, "status_label": i.status_label, "category": i.category,
            "category_label": i.category_label, "station": i.station_name,
            "meeting": {"uuid": i.meeting_uuid, "topic": i.meeting_topic, "date": i.meeting_date.isoformat(),
                        "kind": i.meeting_kind},
        } for i in items])
        return 0
    for i in items:
        say(f"逾期 {i.days_overdue:>4} 天  期限 {i.due_on}  {i.status_label}  {i.title}  "
            f"责任：{i.responsible or '—'}  会议：{i.meeting_topic}")
    say(f"共 {len(items)} 项逾期 / {len(items)} overdue")
    return 0


def cmd_stats(args) -> int:
    from ..core.services.followup_stats import closure_counts
    from .context import open_db

    _check_range(args)
    counts = closure_counts(open_db(args), args.by, date_from=args.date_from, date_to=args.date_to)
    if args.json:
        emit_json([{"period": c.period, "label": c.label, "conflicts": c.conflicts, "problems": c.problems,
                    "total": c.total} for c in counts])
        return 0
    for c in counts:
        say(f"{c.label}：化解矛盾 {c.conflicts} 件，破解问题 {c.problems} 件")
    return 0


def cmd_rota_pdf(args) -> int:
    from pathlib import Path

    from ..core.errors import ValidationError
    from ..core.services.rota import rota_pdf
    from .context import open_db

    year, month = args.month
    data = rota_pdf(open_db(args), year, month)
    out = Path(args.out)
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise ValidationError(f"无法写入文件：{out}", f"cannot write {out}: {exc.strerror}") from exc
    say(f"已导出 / written: {out}")
    return 0
