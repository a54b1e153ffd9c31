"""Command line: `zxdesk` opens the GUI; subcommands work on the database.

Each command group lives in a module ``cmd_<name>`` with ``register(subparsers, parent)``.
A handler receives the parsed args and returns an exit code. Handlers import what they
need lazily, so ``zxdesk --help`` and the GUI start stay fast.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import os
import sys

from .. import __version__
from .output import say
from .parser import ZxArgumentParser, db_parent

# Command groups in the order of `zxdesk --help`; a module not present is skipped.
COMMAND_MODULES = (
    "core",
    "members",
    "assess",
    "imports",
    "meetings",
    "commitments",
    "printing",
    "sync",
)


def build_parser() -> ZxArgumentParser:
    parser = ZxArgumentParser(
        prog="zxdesk",
        description="政协委员履职工作台 zxdesk。不带子命令时打开图形界面。",
    )
    parser.add_argument("--version", action="version", version=f"zxdesk {__version__}")
    parser.add_argument("--db", default=None, metavar="PATH_OR_URL",
                        help="数据库文件或 SQLAlchemy URL（默认：环境变量 ZXDESK_DB 或用户数据目录）")
    parser.add_argument("--smoke-test", action="store_true",
                        help="离屏打开主窗口、逐个显示各页签，打印首次绘制耗时后退出")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=ZxArgumentParser)
    parent = db_parent()
    for name in COMMAND_MODULES:
        modname = f"{__name__}.cmd_{name}"
        if importlib.util.find_spec(modname) is None:
            continue
        importlib.import_module(modname).register(sub, parent)
    return parser


def _run_gui(args) -> int:
    from ..gui.app import run

    return run(db=args.db, smoke_test=args.smoke_test)


def main(argv: list[str] | None = None) -> int:
    from ..core.errors import ZxError

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return _run_gui(args)
        return int(args.handler(args) or 0)
    except ZxError as exc:
        sys.stderr.write(exc.one_line() + "\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("已取消 / Cancelled\n")
        return 130
    except Exception as exc:  # noqa: BLE001 - a bug: one line, the traceback on request
        if os.environ.get("ZXDESK_DEBUG"):
            raise
        sys.stderr.write(
            f"错误：程序内部错误（{type(exc).__name__}: {exc}）。设置 ZXDESK_DEBUG=1 可查看详情"
            f" / Error: internal error ({type(exc).__name__}: {exc}); set ZXDESK_DEBUG=1 for details\n"
        )
        return 1


__all__ = ["main", "build_parser", "say"]
