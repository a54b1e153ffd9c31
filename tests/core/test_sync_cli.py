"""The sync commands as a clerk types them: names, options, JSON fields, messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from zxdesk.core.storage.database import open_database
from zxdesk.core.storage.models import Member, Station


def zx(*args, stdin=subprocess.DEVNULL):
    env = {k: v for k, v in os.environ.items() if k not in ("ZXDESK_DB", "ZXDESK_KEY_PASSPHRASE")}
    return subprocess.run([sys.executable, "-m", "zxdesk", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=120, stdin=stdin)


def ok(*args):
    out = zx(*args)
    assert out.returncode == 0, out.stderr
    return out


def one_line_error(out) -> str:
    assert out.returncode != 0
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "错误" in lines[0] and "Error" in lines[0] and "Traceback" not in out.stderr, out.stderr
    return lines[0]


@pytest.fixture
def offices(tmp_path):
    county, ws = tmp_path / "county.sqlite3", tmp_path / "ws.sqlite3"
    ok("setup", "--role", "county", "--county", "230381", "--db", county)
    out = ok("setup", "--role", "workstation", "--county", "230381", "--site", "东镇", "--db", ws, "--json")
    assert json.loads(out.stdout)["name"] == "东镇"
    db = open_database(county)
    with db.write() as w:
        station = Station(name="东镇工作站", township="东镇")
        w.session.add(station)
        w.session.flush()
        w.session.add(Member(name="张三", phone="13900001111", station_uuid=station.uuid))
    db.dispose()
    return tmp_path, county, ws


def test_enrol_export_import_conflicts_resolve_status(offices):
    tmp, county, ws = offices
    request = tmp / "request.zxsync"
    out = ok("sync", "enroll-request", "-o", request, "--db", ws)
    fingerprint = next(line.split(":", 1)[1].strip() for line in out.stdout.splitlines() if "fingerprint" in line)
    assert len(fingerprint.replace(" ", "")) == 20
    # Without a terminal or a flag the county refuses to guess.
    assert "--fingerprint" in one_line_error(zx("sync", "enroll", request, "--db", county))
    assert "指纹不一致" in one_line_error(zx("sync", "enroll", request, "--fingerprint", "1111 2222", "--db", county))
    ok("sync", "enroll", request, "--fingerprint", fingerprint, "--db", county)

    roster = tmp / "roster.zxsync"
    out = ok("sync", "export", "-o", roster, "--site", "东镇", "--db", county)
    assert "可以安全拔出U盘" in out.stdout
    report = json.loads(ok("sync", "import", roster, "--json", "--db", ws).stdout)
    assert report["status"] == "imported" and report["applied"] > 0
    assert {"applied", "skipped", "conflicts", "warnings"} <= set(report)

    for db_path, phone in ((ws, "13700000000"), (county, "13600000000")):
        db = open_database(db_path)
        with db.write() as w:
            w.session.query(Member).one().phone = phone
        db.dispose()
    up = tmp / "up.zxsync"
    ok("sync", "export", "-o", up, "--db", ws)
    dry = json.loads(ok("sync", "import", up, "--dry-run", "--json", "--db", county).stdout)
    assert dry["status"] == "dry_run" and dry["conflicts"] == 1
    assert json.loads(ok("sync", "conflicts", "--json", "--db", county).stdout) == []
    text_out = ok("sync", "import", up, "--db", county).stdout
    assert "applied" in text_out and "conflicts" in text_out
    again = json.loads(ok("sync", "import", up, "--json", "--db", county).stdout)
    assert again["status"] == "already_imported" and again["applied"] == 0

    [conflict] = json.loads(ok("sync", "conflicts", "--json", "--db", county).stdout)
    assert conflict["field"] == "phone" and conflict["table"] == "member"
    assert {conflict["local"]["value"], conflict["incoming"]["value"]} == {"13600000000", "13700000000"}
    ok("sync", "resolve", str(conflict["id"]), "--take", "incoming", "--db", county)
    assert json.loads(ok("sync", "conflicts", "--json", "--db", county).stdout) == []
    assert "已经处理过" in one_line_error(zx("sync", "resolve", conflict["id"], "--take", "local", "--db", county))

    status = json.loads(ok("sync", "status", "--json", "--db", county).stdout)
    assert {"sites", "acks", "skew_warnings"} <= set(status)
    [site] = status["sites"]
    assert site["name"] == "东镇" and site["last_file"]["name"] == "up.zxsync"
    ws_status = json.loads(ok("sync", "status", "--json", "--db", ws).stdout)
    assert ws_status["site"]["role"] == "workstation" and ws_status["pending_changes"] > 0

    ok("sync", "revoke", "东镇", "--db", county)
    ok("sync", "export", "-o", tmp / "up2.zxsync", "--db", ws)
    assert "吊销" in one_line_error(zx("sync", "import", tmp / "up2.zxsync", "--db", county))


def test_rejections_are_one_line_and_bilingual(offices):
    tmp, county, ws = offices
    junk = tmp / "junk.zxsync"
    junk.write_text("not a zip", encoding="utf-8")
    assert "不是 zxdesk 同步文件" in one_line_error(zx("sync", "import", junk, "--db", county))
    assert "找不到文件" in one_line_error(zx("sync", "import", tmp / "missing.zxsync", "--db", county))
    assert "--site" in one_line_error(zx("sync", "export", "-o", tmp / "x.zxsync", "--db", county))
    assert "花名册" in one_line_error(zx("sync", "export", "-o", tmp / "x.zxsync", "--db", ws))
    assert "重复设置" in one_line_error(zx("setup", "--role", "county", "--county", "230381", "--db", county))
    assert "--site" in one_line_error(zx("setup", "--role", "workstation", "--county", "230381",
                                         "--db", tmp / "new.sqlite3"))
    assert "没有编号" in one_line_error(zx("sync", "resolve", "99", "--take", "local", "--db", county))
    plain = tmp / "plain.sqlite3"
    ok("init", "--db", plain)
    assert json.loads(ok("sync", "status", "--json", "--db", plain).stdout)["set_up"] is False
    assert "zxdesk setup" in one_line_error(zx("sync", "import", junk, "--db", plain))
