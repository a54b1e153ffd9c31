"""print: disclosure boards, meeting papers and badges as PDF files."""

from __future__ import annotations

import sys

from .output import emit_json


def register(sub, parent) -> None:
    p = sub.add_parser("print", parents=[parent], help="打印公示栏、会议材料和胸牌为 PDF / print boards, papers, badges")
    what = p.add_subparsers(dest="print_what", metavar="WHAT", required=True, parser_class=type(p))

    b = what.add_parser("board", parents=[parent], help="公示栏 / a disclosure board")
    b.add_argument("--kind", required=True, choices=("performance", "commitments", "assessment", "selection"))
    b.add_argument("--scope", required=True, metavar="station:NAME|sector:NAME|group:NAME|all")
    b.add_argument("--period", required=True, metavar="2023H1|2023")
    b.add_argument("--paper", default="A4", choices=("A4", "A3", "A2"))
    b.add_argument("--landscape", action="store_true", help="横向 / landscape")
    b.add_argument("--date", default=None, metavar="YYYY-MM-DD", help="落款日期（默认今天）/ date printed on the board")
    b.add_argument("--publicity-days", type=int, default=7, help="公示期天数 / length of the publicity period")
    _output(b)
    b.set_defaults(handler=cmd_board)

    for name, zh in (("minutes", "会议纪要"), ("notice", "会议通知"), ("signin", "签到表")):
        m = what.add_parser(name, parents=[parent], help=f"{zh} / meeting {name}")
        m.add_argument("meeting_uuid", metavar="MEETING_UUID")
        m.add_argument("--date", default=None, metavar="YYYY-MM-DD", help="落款日期 / date printed")
        _output(m)
        m.set_defaults(handler=cmd_meeting, paper_kind=name)

    g = what.add_parser("badges", parents=[parent], help="胸牌、桌牌、门牌 / badges, table and door plates")
    g.add_argument("--scope", required=True, metavar="station:NAME|sector:NAME|group:NAME|all")
    g.add_argument("--style", default="badge", choices=("badge", "table", "door"),
                   help="badge 胸牌（默认）、table 桌牌、door 门牌")
    g.add_argument("--size", default="90x55", choices=("90x55", "100x70"), help="胸牌尺寸（毫米）/ badge size in mm")
    _output(g)
    g.set_defaults(handler=cmd_badges)


def _output(p) -> None:
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="输出 PDF 文件 / output PDF file")
    p.add_argument("--json", action="store_true", help="以 JSON 输出结果 / print the result as JSON")


def _date(text):
    import datetime as dt

    from ..core.errors import ValidationError

    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"日期“{text}”无效，应为 YYYY-MM-DD", f"invalid date {text!r}: use YYYY-MM-DD") from None


def _finish(args, doc) -> int:
    from ..core.documents.fonts import describe
    from .output import say

    path = doc.write(args.output)
    if doc.missing:
        sys.stderr.write(f"警告：字体缺少以下字符，已印为“〓”：{describe(doc.missing)} / Warning: the font lacks "
                         f"these characters, printed as a placeholder: {describe(doc.missing)}\n")
    result = {"output": str(path), "kind": doc.kind, "title": doc.title, "pages": doc.pages, "rows": doc.rows,
              "bytes": len(doc.pdf), "missing_characters": doc.missing,
              "publicity_ends_on": doc.publicity_ends_on}
    if args.json:
        emit_json(result)
    else:
        say(f"已生成 / written: {path}（{doc.title}，{doc.pages} 页 / pages）")
    return 0


def cmd_board(args) -> int:
    from ..core.documents.render import render_board
    from .context import open_db

    day = _date(args.date)
    db = open_db(args)
    doc = render_board(db, args.kind, args.scope, args.period, args.paper, args.landscape, day=day,
                       publicity_days=args.publicity_days)
    return _finish(args, doc)


def cmd_meeting(args) -> int:
    from ..core.documents.render import render_meeting_paper
    from .context import open_db

    day = _date(args.date)
    doc = render_meeting_paper(open_db(args), args.paper_kind, args.meeting_uuid, day=day)
    return _finish(args, doc)


def cmd_badges(args) -> int:
    from ..core.documents.render import render_badges
    from .context import open_db

    doc = render_badges(open_db(args), args.scope, style=args.style, size=args.size)
    return _finish(args, doc)
