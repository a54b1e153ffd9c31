"""A site's keys: Ed25519 to sign its files, X25519 to receive encrypted personal data.

Where the private keys live, and what protects them (the threat model)
----------------------------------------------------------------------
The private keys are never stored in the database. They live in one small file in the
database's data folder (``<db>-files/keys/site-<site id>.key``), created with owner-only
permissions (0600 in a 0700 folder on Linux; on Windows the file inherits the ACL of the
user's profile folder, which by default only that user and administrators can read).

- With a passphrase (environment variable ``ZXDESK_KEY_PASSPHRASE`` at ``setup``; the
  GUI asks for it) the secret is encrypted with ChaCha20-Poly1305 under a key derived
  with scrypt (n=2^17, r=8, p=1). A copied key file is then useless without the
  passphrase, short of guessing it (each guess costs ~0.3 s of CPU and 128 MiB).
- Without a passphrase the file is protected only by the operating system's file
  permissions. Anyone who can read the user's files (an administrator, malware running
  as the clerk, someone with the unencrypted disk) can sign files as this workstation
  until the county revokes it. They could also read this database directly, which holds
  the same personal data in clear, so the passphrase protects the *ability to sign*,
  not the data already on the PC. Disk encryption (BitLocker) is what protects that.

What the keys protect in transit: a lost USB stick reveals no ID number, phone, birth
month or mediation party (encrypted to the recipient), and a forged or altered file is
refused (Ed25519 signature over the manifest, which carries the payload's SHA-256).
Public keys are exchanged by hand: the county compares a short fingerprint read aloud or
on paper before enrolling a workstation; a workstation pins the county's key from the
first roster file it imports (trust on first use, fingerprint shown).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from .errors import BadSignature, KeysError

PASSPHRASE_ENV = "ZXDESK_KEY_PASSPHRASE"
KEY_FORMAT = "zxdesk-site-keys"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1
_RAW = serialization.Encoding.Raw
_RAW_PUB = serialization.PublicFormat.Raw
_RAW_PRIV = serialization.PrivateFormat.Raw
_NO_ENC = serialization.NoEncryption()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def key_id(sign_pub: bytes) -> str:
    return hashlib.sha256(b"zxdesk-key-id" + sign_pub).hexdigest()[:16]


def fingerprint(sign_pub: bytes, enc_pub: bytes) -> str:
    """Twenty digits in groups of four: easy to read aloud and compare on paper."""
    digest = hashlib.sha256(b"zxdesk-fingerprint" + sign_pub + enc_pub).digest()
    number = int.from_bytes(digest[:10], "big") % 10**20
    digits = f"{number:020d}"
    return " ".join(digits[i : i + 4] for i in range(0, 20, 4))


def normalise_fingerprint(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


@dataclass
class SiteKeys:
    sign: Ed25519PrivateKey
    enc: X25519PrivateKey

    @property
    def sign_pub(self) -> bytes:
        return self.sign.public_key().public_bytes(_RAW, _RAW_PUB)

    @property
    def enc_pub(self) -> bytes:
        return self.enc.public_key().public_bytes(_RAW, _RAW_PUB)

    @property
    def key_id(self) -> str:
        return key_id(self.sign_pub)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.sign_pub, self.enc_pub)

    def sign_bytes(self, data: bytes) -> bytes:
        return self.sign.sign(data)


def generate() -> SiteKeys:
    return SiteKeys(Ed25519PrivateKey.generate(), X25519PrivateKey.generate())


def verify(sign_pub: bytes, signature: bytes, data: bytes) -> None:
    try:
        Ed25519PublicKey.from_public_bytes(sign_pub).verify(signature, data)
    except (InvalidSignature, ValueError) as exc:
        raise BadSignature("签名无效：文件被改动过，或不是该站点生成的",
                           "bad signature: the file was altered or not made by that site") from exc


def key_path(key_dir: Path, site_id: str) -> Path:
    return key_dir / f"site-{site_id}.key"


def _scrypt(salt: bytes, passphrase: str) -> bytes:
    return Scrypt(salt=salt, length=32, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P).derive(passphrase.encode("utf-8"))


def save(keys: SiteKeys, key_dir: Path, site_id: str, passphrase: str | None) -> Path:
    """Write the key file with owner-only permissions; refuses to overwrite one."""
    secret = keys.sign.private_bytes(_RAW, _RAW_PRIV, _NO_ENC) + keys.enc.private_bytes(_RAW, _RAW_PRIV, _NO_ENC)
    doc: dict = {"format": KEY_FORMAT, "version": 1, "site_id": site_id,
                 "sign_pub": b64(keys.sign_pub), "enc_pub": b64(keys.enc_pub)}
    if passphrase:
        salt, nonce = os.urandom(16), os.urandom(12)
        sealed = ChaCha20Poly1305(_scrypt(salt, passphrase)).encrypt(nonce, secret, site_id.encode())
        doc.update(protection="scrypt-chacha20poly1305", n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P,
                   salt=b64(salt), nonce=b64(nonce), secret=b64(sealed))
    else:
        doc.update(protection="file-permissions", secret=b64(secret))
    key_dir.mkdir(parents=True, exist_ok=True)
    if sys.platform != "win32":
        os.chmod(key_dir, 0o700)
    path = key_path(key_dir, site_id)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    except FileExistsError as exc:
        raise KeysError(f"密钥文件已存在：{path}", f"key file already exists: {path}") from exc
    with os.fdopen(fd, "wb") as fh:
        fh.write(json.dumps(doc, indent=1).encode("utf-8"))
        fh.flush()
        os.fsync(fh.fileno())
    return path


_cache: dict[tuple[str, float], SiteKeys] = {}
_cache_lock = threading.Lock()


def is_locked(key_dir: Path, site_id: str) -> bool:
    """True when the key file needs a passphrase that is not in the environment."""
    path = key_path(key_dir, site_id)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    cached = (str(path), path.stat().st_mtime) in _cache
    return doc.get("protection") != "file-permissions" and not cached and not os.environ.get(PASSPHRASE_ENV)


def load(key_dir: Path, site_id: str, passphrase: str | None = None) -> SiteKeys:
    path = key_path(key_dir, site_id)
    try:
        raw = path.read_bytes()
        stamp = path.stat().st_mtime
    except FileNotFoundError as exc:
        raise KeysError(f"找不到本站的密钥文件：{path}（请从备份恢复，或重新设置并登记）",
                        f"this site's key file is missing: {path}") from exc
    except OSError as exc:
        raise KeysError(f"无法读取本站的密钥文件：{path}", f"cannot read the key file {path}: {exc}") from exc
    with _cache_lock:
        hit = _cache.get((str(path), stamp))
    if hit is not None:
        return hit
    try:
        doc = json.loads(raw.decode("utf-8"))
        if doc.get("format") != KEY_FORMAT or doc.get("site_id") != site_id:
            raise ValueError("not this site's key file")
        if doc["protection"] == "file-permissions":
            secret = unb64(doc["secret"])
        else:
            passphrase = passphrase or os.environ.get(PASSPHRASE_ENV)
            if not passphrase:
                raise KeysError("本站密钥已用口令加密，请输入口令（或设置环境变量 ZXDESK_KEY_PASSPHRASE）",
                                "the site's keys are protected by a passphrase; set ZXDESK_KEY_PASSPHRASE")
            salt = unb64(doc["salt"])
            kdf = Scrypt(salt=salt, length=32, n=int(doc["n"]), r=int(doc["r"]), p=int(doc["p"]))
            key = kdf.derive(passphrase.encode("utf-8"))
            try:
                secret = ChaCha20Poly1305(key).decrypt(unb64(doc["nonce"]), unb64(doc["secret"]), site_id.encode())
            except InvalidTag as exc:
                raise KeysError("密钥口令不正确", "wrong passphrase for the site's keys") from exc
        keys = SiteKeys(Ed25519PrivateKey.from_private_bytes(secret[:32]),
                        X25519PrivateKey.from_private_bytes(secret[32:64]))
        if b64(keys.sign_pub) != doc["sign_pub"] or b64(keys.enc_pub) != doc["enc_pub"]:
            raise ValueError("public keys do not match")
    except KeysError:
        raise
    except (ValueError, KeyError, TypeError) as exc:
        raise KeysError(f"密钥文件已损坏：{path}", f"the key file is damaged: {path} ({exc})") from exc
    with _cache_lock:
        _cache[(str(path), stamp)] = keys
    return keys
