"""Save a PNG of the main window on a database, one per tab (for looking, not testing).

    xvfb-run -a .venv/bin/python tools/screenshot.py --db DB --out out/shots [--size 1280x800]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", default="out/shots")
    parser.add_argument("--size", default="1280x800")
    args = parser.parse_args()
    from PySide6.QtCore import QElapsedTimer

    from zxdesk.core.storage.database import open_database
    from zxdesk.gui.app import make_application
    from zxdesk.gui.context import AppContext
    from zxdesk.gui.main_window import MainWindow

    app = make_application(["zxdesk"])
    ctx = AppContext()
    window = MainWindow(ctx)
    width, height = (int(v) for v in args.size.split("x"))
    window.resize(width, height)
    window.show()
    ctx.set_database(open_database(args.db))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    timer = QElapsedTimer()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        timer.start()
        while timer.elapsed() < 3000:
            app.processEvents()
            ctx.tasks.wait(20)
        path = out / f"tab{index + 1}.png"
        window.grab().save(str(path))
        print(path)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
