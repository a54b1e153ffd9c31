"""setup, and sync: enrolment, export, import, conflicts, status.

Private keys protected by a passphrase read it from ZXDESK_KEY_PASSPHRASE.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .output import emit_json, say
from .parser import ZxArgumentParser


def register(sub, parent) -> None:
    p = sub.add_parser("setup", parents=[parent],
                       help="设置本机为县政协或乡镇工作站并生成密钥 / set this database up for sync")
    p.add_argument("--role", required=True, choices=("workstation", "county"))
    p.add_argument("--county", required=True, metavar="CODE", help="县（行政区划）代码")
    p.add_argument("--site", metavar="NAME", help="乡镇名称（工作站必填）")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_setup)

    sync = sub.add_parser("sync", help="与县政协/工作站同步 / sync by file")
    ss = sync.add_subparsers(dest="sync_command", metavar="SUBCOMMAND", required=True,
                             parser_class=ZxArgumentParser)

    p = ss.add_parser("enroll-request", parents=[parent], help="生成登记申请文件（工作站）")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.set_defaults(handler=cmd_enroll_request)

    p = ss.add_parser("enroll", parents=[parent], help="登记工作站（县政协）")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--fingerprint", metavar="FP", help="工作站报来的指纹，一致才登记")
    p.add_argument("--yes", action="store_true", help="不核对指纹直接登记")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_enroll)

    p = ss.add_parser("revoke", parents=[parent], help="吊销工作站（县政协）")
    p.add_argument("site", metavar="SITE", help="乡镇名称或站点编号")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_revoke)

    p = ss.add_parser("export", parents=[parent], help="导出同步文件")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.add_argument("--site", metavar="NAME", help="县政协：发往哪个乡镇工作站")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_export)

    p = ss.add_parser("import", parents=[parent], help="导入同步文件")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_import)

    p = ss.add_parser("conflicts", parents=[parent], help="列出待处理的冲突")
    p.add_argument("--json", action="store_true")
    p.add_argument("--all", action="store_true", help="包括已处理的")
    p.set_defaults(handler=cmd_conflicts)

    p = ss.add_parser("resolve", parents=[parent], help="处理一个冲突")
    p.add_argument("conflict_id", metavar="CONFLICT_ID")
    p.add_argument("--take", required=True, choices=("local", "incoming"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_resolve)

    p = ss.add_parser("status", parents=[parent], help="同步状态")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_status)


def _db(args, create: bool = False):
    from .context import open_db

    return open_db(args, create=create)


def cmd_setup(args) -> int:
    from ..core.sync import keys, sites

    db = _db(args, create=True)
    me = sites.setup(db, args.role, args.county, args.site, passphrase=os.environ.get(keys.PASSPHRASE_ENV))
    path = keys.key_path(sites.key_dir(db), me.site_id)
    if args.json:
        emit_json({"site_id": me.site_id, "role": me.role, "county": me.county, "name": me.name,
                   "fingerprint": me.fingerprint, "key_file": str(path)})
        return 0
    say(f"已设置为{sites.ROLE_LABELS[me.role]} / set up as {me.role}: {me.county} {me.name} (site {me.site_id})")
    say(f"密钥指纹 / fingerprint: {me.fingerprint}")
    say(f"私钥文件 / key file: {path}")
    return 0


def cmd_enroll_request(args) -> int:
    from ..core.sync import sites
    from ..core.sync.atomic_write import write_verified

    db = _db(args)
    data, fingerprint = sites.make_enroll_request(db)
    write_verified(Path(args.output), data)
    say(f"登记申请已写入 / request written: {args.output}")
    say(f"指纹 / fingerprint: {fingerprint}")
    say("请把此文件交县政协，并把指纹念给或写给县政协核对 / give the file to the county and read them the fingerprint")
    return 0


def _confirm(prompt: str) -> bool | None:
    """True/False from the user, or None when nobody can answer (no stdin)."""
    stream = sys.stdin
    if stream is None or stream.closed:
        return None
    try:
        if stream.isatty():
            answer = input(prompt)
        else:
            answer = stream.readline()
            if not answer:
                return None
    except (EOFError, OSError):
        return None
    return answer.strip().lower() in ("y", "yes", "是", "对")


def cmd_enroll(args) -> int:
    from ..core.errors import ValidationError
    from ..core.sync import fileformat, keys, sites

    db = _db(args)
    request = sites.read_enroll_request(db, fileformat.read_path(Path(args.file)))
    say(f"工作站 / workstation: {request.name} (site {request.site_id})")
    say(f"指纹 / fingerprint: {request.fingerprint}")
    if args.fingerprint:
        if keys.normalise_fingerprint(args.fingerprint) != keys.normalise_fingerprint(request.fingerprint):
            raise ValidationError("指纹不一致，未登记（文件可能被调换，请向工作站核实）",
                                  "fingerprint mismatch: not enrolled")
    elif not args.yes:
        ok = _confirm("指纹与工作站报来的一致吗？一致请输入 y / Does it match? [y/N] ")
        if ok is None:
            raise ValidationError("无法确认指纹：请加 --fingerprint 指纹 或 --yes 后再运行",
                                  "cannot confirm the fingerprint without input: pass --fingerprint FP or --yes")
        if not ok:
            raise ValidationError("已取消，未登记", "cancelled, not enrolled")
    site, new = sites.enroll(db, request)
    if args.json:
        emit_json({"site_id": site.site_id, "name": site.name, "status": site.status,
                   "fingerprint": site.fingerprint, "newly_enrolled": new})
        return 0
    say(("已登记 / enrolled: " if new else "此前已登记 / already enrolled: ") + f"{site.name} ({site.site_id})")
    say("登记结果会随下一个发往该乡镇的花名册文件带回 / the answer travels in the next roster file")
    return 0


def cmd_revoke(args) -> int:
    from ..core.sync import sites

    site = sites.revoke(_db(args), args.site)
    if args.json:
        emit_json({"site_id": site.site_id, "name": site.name, "status": site.status})
        return 0
    say(f"已吊销 / revoked: {site.name} ({site.site_id})；此后不再接受它的文件")
    return 0


def cmd_export(args) -> int:
    from ..core.progress import Progress
    from ..core.sync import export

    db = _db(args)
    result = export.export_file(db, Path(args.output), site=args.site, progress=Progress())
    if args.json:
        emit_json(result.as_json())
        return 0
    say(f"已导出 / exported: {result.path}")
    say(f"  发往 / to: {result.recipient_name}  第 {result.file_no} 号文件  变更 / changes: {result.changes}"
        f"  加密的个人信息 / encrypted personal values: {result.personal_values}")
    say(f"  SHA-256: {result.sha256}")
    say(f"已读回校验，{result.message} / verified after writing: safe to remove the stick")
    return 0


def cmd_import(args) -> int:
    from ..core.sync import importer

    report = importer.import_file(_db(args), Path(args.file), dry_run=args.dry_run)
    if args.json:
        emit_json(report.as_json())
        return 0
    head = {"imported": "已导入 / imported", "dry_run": "试导入（未写入）/ dry run, nothing written",
            "already_imported": "此文件已导入过，未做改动 / already imported, nothing changed"}[report.status]
    say(f"{head}: {report.file}（来自 / from {report.sender_name or report.sender}，第 {report.file_no} 号）")
    say(f"  applied 应用: {report.applied}   skipped 跳过: {report.skipped}   conflicts 冲突: {report.conflicts}"
        f"   refused 拒收: {report.refused}")
    for warning in report.warnings:
        say(f"  warning 提示: {warning}")
    return 0


def cmd_conflicts(args) -> int:
    from ..core.sync import conflicts

    views = conflicts.list_conflicts(_db(args), include_closed=args.all)
    if args.json:
        emit_json([v.as_json() for v in views])
        return 0
    if not views:
        say("没有待处理的冲突 / no open conflicts")
    for v in views:
        mark = "（暂定）" if v.winner == "local" else ""
        mark_in = "（暂定）" if v.winner == "incoming" else ""
        say(f"#{v.id} {v.table_label}“{v.record_label}” {v.field_label} [{v.status}]")
        say(f"    本机 local:    {v.local.display}{mark}  ← {v.local.site_name}")
        say(f"    传入 incoming: {v.incoming.display}{mark_in}  ← {v.incoming.site_name}")
    return 0


def cmd_resolve(args) -> int:
    from ..core.sync import conflicts

    view = conflicts.resolve(_db(args), args.conflict_id, args.take)
    if args.json:
        emit_json(view.as_json())
        return 0
    chosen = view.local if args.take == "local" else view.incoming
    say(f"冲突 #{view.id} 已处理 / resolved: 采用 {chosen.display}（{chosen.site_name}）")
    return 0


def cmd_status(args) -> int:
    from ..core.sync import status

    st = status.sync_status(_db(args))
    if args.json:
        emit_json(st.as_json())
        return 0
    if not st.set_up:
        say("本机尚未设置同步 / not set up: zxdesk setup --role ...")
        return 0
    me = st.site
    say(f"本机 / this site: {me['role_label']} {me['county']} {me['name']} ({me['site_id']})  指纹 {me['fingerprint']}")
    say(f"上次同步 / last sync: {st.last_sync or '从未'}   待处理冲突 / open conflicts: {st.open_conflicts}")
    if me["role"] == "workstation":
        say(f"尚未被县政协确认的变更 / changes not yet acknowledged: {st.pending_changes}")
    for site in st.sites:
        last = site.last_file["name"] if site.last_file else "—"
        say(f"  {site.name:12s} {site.role:11s} {site.status:8s} 最近文件 {last}  {site.last_sync or ''}")
    for warning in st.skew_warnings:
        say(f"  时钟提示 / clock: {warning}")
    return 0
