"""`zxdesk print …`: the contract's commands and options, output written atomically,
one-line bilingual errors."""

import json
import os
import subprocess
import sys

import pytest
from pypdf import PdfReader

from tests.printing_data import build


def zx(*args):
    env = {k: v for k, v in os.environ.items() if k != "ZXDESK_DB"}
    return subprocess.run([sys.executable, "-m", "zxdesk", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=120)


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    from zxdesk.core.storage.database import open_database

    path = tmp_path_factory.mktemp("cli") / "cli.sqlite3"
    db = open_database(path, create=True)
    data = build(db, members=12, photos=False)
    db.dispose()
    return path, data


def test_print_board_paper_and_landscape(filled, tmp_path):
    path, _ = filled
    out = tmp_path / "board.pdf"
    r = zx("print", "board", "--kind", "performance", "--scope", "station:新华镇委员工作站", "--period", "2023H1",
           "--paper", "A3", "--landscape", "-o", out, "--db", path, "--json")
    assert r.returncode == 0, r.stderr
    result = json.loads(r.stdout)
    assert result["output"] == str(out) and result["pages"] >= 1 and result["missing_characters"] == []
    box = PdfReader(out).pages[0].mediabox
    assert float(box.width) > float(box.height) > 800  # A3 landscape: 1191 × 842 pt


def test_print_meeting_papers_and_badges(filled, tmp_path):
    path, data = filled
    for what in ("minutes", "notice", "signin"):
        out = tmp_path / f"{what}.pdf"
        r = zx("print", what, data["meeting"], "-o", out, "--db", path)
        assert r.returncode == 0, r.stderr
        assert out.read_bytes().startswith(b"%PDF")
    out = tmp_path / "badges.pdf"
    r = zx("--db", path, "print", "badges", "--scope", "station:新华镇委员工作站", "-o", out)
    assert r.returncode == 0, r.stderr and out.stat().st_size > 1000


@pytest.mark.parametrize("args, fragment", [
    (("board", "--kind", "performance", "--scope", "station:无此站", "--period", "2023"), "无此站"),
    (("board", "--kind", "performance", "--scope", "all", "--period", "2023H5"), "2023H5"),
    (("board", "--kind", "assessment", "--scope", "all", "--period", "2023H1"), "年份"),
    (("board", "--kind", "poster", "--scope", "all", "--period", "2023"), "参数"),
    (("minutes", "no-such-meeting"), "会议"),
])
def test_errors_are_one_line_and_leave_no_file(filled, tmp_path, args, fragment):
    path, _ = filled
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "x.pdf"
    r = zx("print", *args, "-o", out, "--db", path)
    assert r.returncode != 0
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "错误" in lines[0] and "Error" in lines[0] and fragment in lines[0]
    assert "Traceback" not in r.stderr
    assert list(folder.iterdir()) == []
