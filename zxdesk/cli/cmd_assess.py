"""assess: the yearly assessment, the excellent-member selection, and its export."""

from __future__ import annotations

import datetime as dt

from .output import emit_json, say


def register(sub, parent) -> None:
    p = sub.add_parser("assess", parents=[parent], help="年度考核 / yearly assessment")
    p.add_argument("--year", type=int, default=dt.date.today().year, help="考核年度 / the year")
    p.add_argument("--json", action="store_true", help="以 JSON 输出 / print JSON")
    p.add_argument("--export", metavar="FILE.xlsx", default=None, help="导出考核表 / write the assessment")
    p.add_argument("--select", metavar="UUID", default=None, help="评为优秀委员 / select a member")
    p.add_argument("--reason", default="", help="评选理由 / why selected")
    p.add_argument("--unselect", metavar="UUID", default=None, help="取消评选 / withdraw a selection")
    p.set_defaults(handler=cmd_assess)


def cmd_assess(args) -> int:
    from ..core.services.assessment import assess_year, set_selection
    from .context import open_db

    db = open_db(args)
    if args.select:
        set_selection(db, args.year, args.select, True, args.reason)
    if args.unselect:
        set_selection(db, args.year, args.unselect, False)
    if args.export:
        from ..core.importing.assessment_export import export_assessment

        n = export_assessment(db, args.year, args.export)
        if not args.json:
            say(f"已导出 {args.year} 年度考核（{n} 人）到 {args.export} / exported")
    a = assess_year(db, args.year)
    if args.json:
        emit_json([r.as_json() for r in a.rows])
        return 0
    if args.export:
        return 0
    say("名次\t姓名\t" + "\t".join(r.label for r in a.rules) + "\t积分\t优秀")
    for r in a.rows:
        marks = "\t".join("✓" if r.met[x.code] else "✗" for x in a.rules)
        say(f"{r.rank}\t{r.name}\t{marks}\t{r.points:g}\t{'★' if r.selected else ''}")
    say(f"{a.year} 年度：{len(a.rows)} 人，未达标 {len(a.short)} 人，优秀委员 {len(a.selected)} 人")
    return 0
