"""Keys: made at setup, never in the database, protected at rest; personal values sealed."""

from __future__ import annotations

import json
import os
import stat
import sys

import pytest

import syncsupport as sx
from zxdesk.core.sync import fileformat, keys, sealed, sites
from zxdesk.core.sync.errors import BadSignature, InvalidContent, KeysError


def raw_private(k: keys.SiteKeys) -> bytes:
    from cryptography.hazmat.primitives import serialization as ser

    return k.sign.private_bytes(ser.Encoding.Raw, ser.PrivateFormat.Raw, ser.NoEncryption())


def test_setup_makes_keys_outside_the_database_with_owner_only_permissions(tmp_path):
    db = sx.new_db(tmp_path / "ws.sqlite3")
    me = sites.setup(db, "workstation", sx.COUNTY, "东镇")
    path = keys.key_path(sites.key_dir(db), me.site_id)
    loaded = sites.site_keys(db, me)
    assert keys.b64(loaded.sign_pub) == me.sign_pub and loaded.fingerprint == me.fingerprint
    assert len(me.fingerprint.split()) == 5 and all(len(g) == 4 and g.isdigit() for g in me.fingerprint.split())
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    db.engine.dispose()
    secret = raw_private(loaded)
    assert secret not in db.location.path.read_bytes()
    assert keys.b64(secret).encode() not in db.location.path.read_bytes()


def test_a_passphrase_encrypts_the_key_file(tmp_path, monkeypatch):
    db = sx.new_db(tmp_path / "ws.sqlite3")
    monkeypatch.delenv(keys.PASSPHRASE_ENV, raising=False)
    me = sites.setup(db, "workstation", sx.COUNTY, "东镇", passphrase="正确的口令")
    path = keys.key_path(sites.key_dir(db), me.site_id)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["protection"] == "scrypt-chacha20poly1305"
    assert keys.is_locked(sites.key_dir(db), me.site_id)
    with pytest.raises(KeysError, match="口令"):
        sites.site_keys(db, me)
    with pytest.raises(KeysError, match="口令不正确"):
        sites.site_keys(db, me, passphrase="错误")
    monkeypatch.setenv(keys.PASSPHRASE_ENV, "正确的口令")
    loaded = sites.site_keys(db, me)
    assert keys.b64(raw_private(loaded)) not in path.read_text(encoding="utf-8")


def test_a_damaged_or_missing_key_file_is_a_clear_error(tmp_path):
    db = sx.new_db(tmp_path / "ws.sqlite3")
    me = sites.setup(db, "workstation", sx.COUNTY, "东镇")
    path = keys.key_path(sites.key_dir(db), me.site_id)
    path.write_text("{}", encoding="utf-8")
    os.utime(path, (1, 1))
    with pytest.raises(KeysError, match="损坏"):
        sites.site_keys(db, me)
    path.unlink()
    with pytest.raises(KeysError, match="找不到"):
        sites.site_keys(db, me)


def test_sealed_values_open_only_for_the_recipient_and_their_own_place():
    recipient, other = keys.generate(), keys.generate()
    sealer = sealed.Sealer(recipient.enc_pub, "f" * 32)
    token = sealer.seal('"13900001111"', sealed.aad("s:1", "phone", "new"))
    opener = sealed.Opener(recipient.enc, sealer.manifest_entry(), "f" * 32)
    assert opener.open(token, sealed.aad("s:1", "phone", "new")) == '"13900001111"'
    with pytest.raises(InvalidContent):
        opener.open(token, sealed.aad("s:2", "phone", "new"))  # moved to another change
    with pytest.raises(InvalidContent):
        sealed.Opener(other.enc, sealer.manifest_entry(), "f" * 32)
    with pytest.raises(InvalidContent):
        sealed.Opener(recipient.enc, sealer.manifest_entry(), "e" * 32).open(token, sealed.aad("s:1", "phone", "new"))


def test_a_tampered_enrolment_request_is_refused(tmp_path):
    county = sx.county(tmp_path)
    ws = sx.workstation(tmp_path, "东镇")
    request, fp = sites.make_enroll_request(ws)
    box = fileformat.unpack(request)
    manifest = json.loads(box.manifest_bytes)
    manifest["site_name"] = "西镇"
    forged = fileformat.pack(fileformat.encode_manifest(manifest), box.payload, box.signature)
    with pytest.raises(BadSignature):
        sites.read_enroll_request(county, forged)
    good = sites.read_enroll_request(county, request)
    assert good.fingerprint == fp and good.name == "东镇"
    site, new = sites.enroll(county, good)
    assert new and site.status == "enrolled"
    assert sites.enroll(county, good)[1] is False  # enrolling twice is harmless
    with pytest.raises(Exception, match="已有登记"):
        other = sx.workstation(tmp_path, "东镇", name="东镇2")
        sites.enroll(county, sites.read_enroll_request(county, sites.make_enroll_request(other)[0]))
