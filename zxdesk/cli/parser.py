"""argparse with one-line, bilingual errors instead of usage dumps."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn


class ZxArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"错误：命令参数有误（{message}）/ Error: bad arguments: {message}\n")
        sys.exit(2)


def db_parent() -> argparse.ArgumentParser:
    """--db accepted after the subcommand as well as before it."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--db", default=argparse.SUPPRESS, metavar="PATH_OR_URL",
                        help="数据库文件或 SQLAlchemy URL / database file or URL")
    return parent
