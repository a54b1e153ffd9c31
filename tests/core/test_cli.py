"""The command line: names, JSON, and one-line bilingual errors (never a traceback)."""

import json
import os
import subprocess
import sys

import pytest


def zx(*args, env_db=None):
    env = {k: v for k, v in os.environ.items() if k != "ZXDESK_DB"}
    if env_db:
        env["ZXDESK_DB"] = str(env_db)
    return subprocess.run([sys.executable, "-m", "zxdesk", *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=120)


def test_init_then_info_json(tmp_path):
    path = tmp_path / "a.sqlite3"
    assert zx("init", "--db", path).returncode == 0
    out = zx("info", "--json", "--db", path)
    assert out.returncode == 0, out.stderr
    info = json.loads(out.stdout)
    assert info["schema_version"] == "0001"
    assert info["location"] == str(path)
    assert info["counts"]["member"] == 0


def test_db_option_before_subcommand_and_env(tmp_path):
    path = tmp_path / "b.sqlite3"
    assert zx("--db", path, "init").returncode == 0
    assert json.loads(zx("info", "--json", env_db=path).stdout)["location"] == str(path)


@pytest.mark.parametrize(
    "args",
    [
        ("info", "--db", "/nonexistent/dir/x.sqlite3"),
        ("info", "--no-such-option"),
        ("demo", "--scale", "galaxy"),
        ("info", "--db", "postgresql+nosuchdriver://x/y"),
    ],
)
def test_bad_input_is_one_line_in_both_languages(args):
    out = zx(*args)
    assert out.returncode != 0
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert "错误" in lines[0] and "Error" in lines[0]
    assert "Traceback" not in out.stderr


def test_unreadable_database_file(tmp_path):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    out = zx("info", "--db", bad)
    assert out.returncode != 0 and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
