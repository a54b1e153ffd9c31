"""The ledger commands: members list --json, export members, import members, assess --json."""

import datetime as dt
import json
import os
import subprocess
import sys

import openpyxl

from tests.ledger_helpers import add_duty, add_member, id_number, write_xlsx

MEMBER_FIELDS = ["uuid", "name", "gender", "ethnicity", "birth", "party", "sector", "level", "role", "unit", "phone",
                 "id_number", "station", "status"]


def zx(*args):
    env = {k: v for k, v in os.environ.items() if k != "ZXDESK_DB"}
    return subprocess.run([sys.executable, "-m", "zxdesk", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=120)


def test_import_dry_run_then_import_then_list_and_export(db, db_path, tmp_path):
    roster = write_xlsx(tmp_path / "名册.xlsx", [
        ["县政协委员名册"],
        ["姓名", "身份证号", "界别", "联系电话", "工作站"],
        ["张三", id_number("19750315", 1), "教育界", "13900001111", "城关工作站"],
        ["王五", 2.303021962112e17, "经济界", None, None],
    ], merges=["A1:E1"])
    out = zx("import", "members", roster, "--dry-run", "--db", db_path)
    assert out.returncode == 0, out.stderr
    assert "新增 1 人" in out.stdout and "第4行" in out.stdout
    assert json.loads(zx("members", "list", "--json", "--db", db_path).stdout) == []

    rejected = tmp_path / "rejected.xlsx"
    out = zx("import", "members", roster, "--json", "--rejections", rejected, "--db", db_path)
    report = json.loads(out.stdout)
    assert (report["imported"], report["updated"], report["rejected"]) == (1, 0, 1)
    assert report["rows"][1]["outcome"] == "rejected" and "Excel" in report["rows"][1]["reason"]
    assert openpyxl.load_workbook(rejected).active.cell(3, 3).value == "王五"

    members = json.loads(zx("members", "list", "--json", "--db", db_path).stdout)
    assert [list(m) for m in members] == [MEMBER_FIELDS]
    m = members[0]
    assert (m["name"], m["gender"], m["birth"], m["sector"], m["station"], m["status"]) == \
        ("张三", "男", "1975-03", "教育界", "城关工作站", "在任")

    exported = tmp_path / "导出.xlsx"
    out = zx("export", "members", exported, "--db", db_path)
    assert out.returncode == 0, out.stderr
    ws = openpyxl.load_workbook(exported).active
    assert ws.cell(3, 2).value == "张三"

    out = zx("import", "undo", report["batch"], "--db", db_path)
    assert out.returncode == 0, out.stderr
    assert json.loads(zx("members", "list", "--json", "--db", db_path).stdout) == []


def test_assess_json(db, db_path):
    zs = add_member(db, "张三")
    for t in ("proposal", "sentiment", "research", "deed", "reading", "duty_report"):
        add_duty(db, zs, t, dt.date(2023, 4, 1), t, outcome="立案" if t == "proposal" else "")
    ls = add_member(db, "李四")
    add_duty(db, ls, "reading", dt.date(2023, 4, 1), "书")
    out = zx("assess", "--year", "2023", "--json", "--select", zs, "--reason", "全部完成", "--db", db_path)
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert [list(r) for r in rows] == [["uuid", "name", "indicators", "points", "passed", "selected"]] * 2
    assert rows[0]["uuid"] == zs and rows[0]["selected"] is True and rows[0]["passed"] is True
    assert rows[1]["indicators"]["reading"] is True and rows[1]["indicators"]["proposal"] is False
    assert rows[1]["selected"] is False and rows[0]["points"] > rows[1]["points"]


def test_bad_input_is_one_bilingual_line(db_path, tmp_path):
    zx("init", "--db", db_path)
    for args in (("import", "members", tmp_path / "missing.xlsx"), ("export", "members", tmp_path / "x.pdf"),
                 ("assess", "--year", "1800"), ("import", "undo", "no-such-batch")):
        out = zx(*args, "--db", db_path)
        assert out.returncode != 0
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and "错误" in lines[0] and "Error" in lines[0], out.stderr
