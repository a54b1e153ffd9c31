"""members list / delete / restore, and export members."""

from __future__ import annotations

from .output import emit_json, say
from .parser import ZxArgumentParser


def register(sub, parent) -> None:
    p = sub.add_parser("members", parents=[parent], help="委员台账 / the member ledger")
    msub = p.add_subparsers(dest="members_command", metavar="ACTION", parser_class=ZxArgumentParser, required=True)

    q = msub.add_parser("list", parents=[parent], help="列出委员 / list members")
    q.add_argument("--json", action="store_true", help="以 JSON 输出 / print JSON")
    q.add_argument("--text", default="", help="姓名、拼音或首字母 / name, pinyin or initials")
    q.add_argument("--sector", default="", help="界别名称 / sector name")
    q.add_argument("--station", default="", help="工作站名称 / station name")
    q.add_argument("--status", default="", choices=("", "在任", "离任"))
    q.add_argument("--year", type=int, default=None, help="该年度在任 / serving in that year")
    q.add_argument("--include-left", action="store_true", help="(默认即包含离任委员)")
    q.set_defaults(handler=cmd_list)

    for name, text in (("delete", "移入回收站 / move to the trash"), ("restore", "从回收站恢复 / restore")):
        d = msub.add_parser(name, parents=[parent], help=text)
        d.add_argument("uuids", nargs="+", metavar="UUID")
        d.set_defaults(handler=cmd_delete if name == "delete" else cmd_restore)

    e = sub.add_parser("export", parents=[parent], help="导出 / export to a spreadsheet")
    esub = e.add_subparsers(dest="export_command", metavar="WHAT", parser_class=ZxArgumentParser, required=True)
    em = esub.add_parser("members", parents=[parent], help="导出委员名册 (.xlsx) / export members")
    em.add_argument("file", metavar="FILE.xlsx")
    em.set_defaults(handler=cmd_export)


def _filter(db, args):
    from ..core.errors import NotFoundError
    from ..core.services.members import MemberFilter, member_choices

    choices = member_choices(db)
    sector = station = None
    if args.sector:
        sector = next((u for u, n in choices.sectors if n == args.sector), None)
        if sector is None:
            raise NotFoundError(f"没有名为“{args.sector}”的界别", f"no sector named {args.sector}")
    if args.station:
        station = next((u for u, n in choices.stations if n == args.station), None)
        if station is None:
            raise NotFoundError(f"没有名为“{args.station}”的工作站", f"no station named {args.station}")
    return MemberFilter(text=args.text, sector_uuid=sector, station_uuid=station, status=args.status, year=args.year)


def cmd_list(args) -> int:
    from ..core.services.members import list_members
    from .context import open_db

    db = open_db(args)
    members = list_members(db, _filter(db, args))
    if args.json:
        emit_json([m.as_json() for m in members])
        return 0
    for m in members:
        say(f"{m.name:<6}\t{m.gender}\t{m.birth}\t{m.sector}\t{m.role}\t{m.status}\t{m.phone}")
    say(f"共 {len(members)} 人 / {len(members)} members")
    return 0


def cmd_delete(args) -> int:
    from ..core.services.members import delete_members
    from .context import open_db

    n = delete_members(open_db(args), args.uuids)
    say(f"已移入回收站 {n} 人 / moved {n} members to the trash")
    return 0


def cmd_restore(args) -> int:
    from ..core.services.members import restore_members
    from .context import open_db

    n = restore_members(open_db(args), args.uuids)
    say(f"已恢复 {n} 人 / restored {n} members")
    return 0


def cmd_export(args) -> int:
    from ..core.importing.export import export_members
    from .context import open_db

    n = export_members(open_db(args), args.file)
    say(f"已导出 {n} 名委员到 {args.file} / exported {n} members")
    return 0
