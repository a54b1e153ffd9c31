"""init, demo and info."""

from __future__ import annotations

import time

from .output import emit_json, say


def register(sub, parent) -> None:
    p = sub.add_parser("init", parents=[parent], help="创建或升级数据库 / create or upgrade the database")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("demo", parents=[parent], help="生成演示数据 / fill the database with demo data")
    p.add_argument("--scale", choices=("station", "county", "province"), default="county")
    p.add_argument("--seed", type=int, default=2024)
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("info", parents=[parent], help="数据库概况 / counts, schema version, location")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_info)


def cmd_init(args) -> int:
    from .context import open_db

    db = open_db(args, create=True)
    say(f"数据库已就绪 / database ready: {db.location.display()} (schema {db.revision})")
    return 0


def cmd_demo(args) -> int:
    from ..core.demo import generate
    from ..core.progress import Progress
    from .context import open_db

    db = open_db(args, create=True)
    started = time.perf_counter()
    last = [0.0]

    def show(done: int, total: int, message: str) -> None:
        now = time.perf_counter()
        if now - last[0] > 1.0 or done == total:
            last[0] = now
            say(f"  {message} {done}/{total}")

    summary = generate(db, scale=args.scale, seed=args.seed, progress=Progress(show))
    elapsed = time.perf_counter() - started
    say(f"演示数据已生成 / demo data generated: {summary} in {elapsed:.1f} s")
    return 0


def cmd_info(args) -> int:
    from ..core.services.info import database_info
    from .context import open_db

    info = database_info(open_db(args))
    if args.json:
        emit_json(info.as_json())
        return 0
    say(f"数据库 / database: {info.location}")
    say(f"结构版本 / schema: {info.schema_version}   站点 / site: {info.site_id}")
    for table, n in info.counts.items():
        say(f"  {table:28s} {n:>9d}")
    say(f"  {'change_log':28s} {info.change_log:>9d}")
    return 0
