"""import members FILE [--dry-run]; import list; import undo BATCH."""

from __future__ import annotations

from .output import emit_json, say
from .parser import ZxArgumentParser

_OUTCOME = {"imported": "导入", "updated": "更新", "rejected": "未导入"}


def register(sub, parent) -> None:
    p = sub.add_parser("import", parents=[parent], help="从表格导入 / import from a spreadsheet")
    isub = p.add_subparsers(dest="import_command", metavar="WHAT", parser_class=ZxArgumentParser, required=True)

    m = isub.add_parser("members", parents=[parent], help="导入委员名册 (.xlsx/.xls/.csv) / import members")
    m.add_argument("file", metavar="FILE")
    m.add_argument("--dry-run", action="store_true", help="只检查，不写入 / check only, write nothing")
    m.add_argument("--json", action="store_true", help="以 JSON 输出结果 / print the result as JSON")
    m.add_argument("--rejections", metavar="FILE.xlsx", default=None,
                   help="把未导入的行及原因写入 .xlsx / write rejected rows with reasons")
    m.set_defaults(handler=cmd_import_members)

    ls = isub.add_parser("list", parents=[parent], help="导入记录 / past imports")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=cmd_list)

    u = isub.add_parser("undo", parents=[parent], help="撤销一次导入 / undo an import")
    u.add_argument("batch", metavar="BATCH")
    u.set_defaults(handler=cmd_undo)


def cmd_import_members(args) -> int:
    from ..core.importing.members_import import check_import, open_roster, run_import
    from .context import open_db

    db = open_db(args)
    roster = open_roster(db, args.file)
    report = check_import(db, roster) if args.dry_run else run_import(db, roster)
    if args.rejections:
        from ..core.importing.export import export_rejections

        export_rejections(report, roster.headers, args.rejections)
    if args.json:
        emit_json(report.as_json())
        return 0
    for o in report.outcomes:
        if o.outcome == "rejected":
            say(f"  第{o.line}行 {o.name}：{o.reason}")
    verb = "检查结果（未写入）" if args.dry_run else "导入完成"
    say(f"{verb}：新增 {report.count('imported')} 人，更新 {report.count('updated')} 人，"
        f"未导入 {report.count('rejected')} 行 / imported {report.count('imported')}, "
        f"updated {report.count('updated')}, rejected {report.count('rejected')}")
    if report.batch:
        say(f"撤销本次导入 / to undo: zxdesk import undo {report.batch}")
    return 0


def cmd_list(args) -> int:
    from ..core.importing.apply import list_batches
    from .context import open_db

    batches = list_batches(open_db(args))
    if args.json:
        emit_json([{"batch": b.batch, "file": b.filename, "operator": b.operator, "created_at": b.created_at,
                    "imported": b.imported, "updated": b.updated, "rejected": b.rejected,
                    "undone_at": b.undone_at} for b in batches])
        return 0
    for b in batches:
        state = f"已撤销 {b.undone_at:%Y-%m-%d %H:%M}" if b.undone_at else ""
        say(f"{b.batch}  {b.created_at:%Y-%m-%d %H:%M}  {b.filename}  新增{b.imported} 更新{b.updated} {state}")
    return 0


def cmd_undo(args) -> int:
    from ..core.importing.apply import undo_import
    from .context import open_db

    r = undo_import(open_db(args), args.batch)
    say(f"已撤销：{r.removed} 名新增委员移入回收站，{r.reverted} 项修改已还原"
        + (f"，{r.kept} 项导入后又被修改，未还原" if r.kept else "")
        + f" / undone: {r.removed} removed, {r.reverted} fields reverted, {r.kept} kept")
    return 0
