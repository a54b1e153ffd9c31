"""Personal fields in a sync file are encrypted to the recipient.

One X25519 exchange per file (an ephemeral key with the recipient's public key), HKDF-
SHA256 to a ChaCha20-Poly1305 key bound to the file id, then one AEAD per value with a
counter nonce (unique: the key is new for every file). The associated data binds each
value to its change id, field and side (old/new), so values cannot be swapped around.
"""

from __future__ import annotations

import hashlib

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .errors import InvalidContent
from .keys import b64, unb64

ALGORITHM = "x25519-hkdf-sha256-chacha20poly1305"

# Fields whose values never travel in clear: ID numbers, phones, birth month, the
# parties of a mediation, the residents named at a meeting.
PERSONAL_FIELDS: frozenset[tuple[str, str]] = frozenset({
    ("member", "id_number"),
    ("member", "phone"),
    ("member", "birth"),
    ("mediation_case", "parties"),
    ("meeting", "residents_names"),
})


def _derive(shared: bytes, eph_pub: bytes, recipient_pub: bytes, file_id: str) -> ChaCha20Poly1305:
    key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=eph_pub + recipient_pub,
        info=b"zxdesk-sync personal v1|" + file_id.encode("ascii"),
    ).derive(shared)
    return ChaCha20Poly1305(key)


def _raw(pub) -> bytes:
    return pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def aad(change_id: str, field: str, side: str) -> bytes:
    return f"{change_id}|{field}|{side}".encode("utf-8")


class Sealer:
    """Encrypts the personal values of one file."""

    def __init__(self, recipient_enc_pub: bytes, file_id: str):
        eph = X25519PrivateKey.generate()
        self.eph_pub = _raw(eph.public_key())
        self.recipient_pub = recipient_enc_pub
        shared = eph.exchange(X25519PublicKey.from_public_bytes(recipient_enc_pub))
        self._aead = _derive(shared, self.eph_pub, recipient_enc_pub, file_id)
        self._counter = 0
        self.count = 0

    def seal(self, plaintext: str, associated: bytes) -> str:
        self._counter += 1
        self.count += 1
        nonce = self._counter.to_bytes(12, "big")
        return b64(nonce + self._aead.encrypt(nonce, plaintext.encode("utf-8"), associated))

    def manifest_entry(self) -> dict:
        return {"alg": ALGORITHM, "eph_pub": b64(self.eph_pub),
                "recipient_enc_key": key_id_for_enc(self.recipient_pub)}


def key_id_for_enc(enc_pub: bytes) -> str:
    return hashlib.sha256(b"zxdesk-enc-key-id" + enc_pub).hexdigest()[:16]


class Opener:
    """Decrypts the personal values of one file with our X25519 private key."""

    def __init__(self, private: X25519PrivateKey, entry: dict, file_id: str):
        try:
            if entry.get("alg") != ALGORITHM:
                raise ValueError(f"unknown algorithm {entry.get('alg')!r}")
            eph_pub = unb64(entry["eph_pub"])
            mine = _raw(private.public_key())
            if entry.get("recipient_enc_key") != key_id_for_enc(mine):
                raise ValueError("encrypted to another key")
            shared = private.exchange(X25519PublicKey.from_public_bytes(eph_pub))
        except (ValueError, KeyError, TypeError) as exc:
            raise InvalidContent("个人信息的加密方式无法识别，或不是加密给本站的",
                                 f"personal data is not encrypted for this site: {exc}") from exc
        self._aead = _derive(shared, eph_pub, mine, file_id)

    def open(self, token: str, associated: bytes) -> str:
        try:
            data = unb64(token)
            return self._aead.decrypt(data[:12], data[12:], associated).decode("utf-8")
        except (InvalidTag, ValueError, UnicodeDecodeError) as exc:
            raise InvalidContent("个人信息无法解密（文件被改动过）", "personal data cannot be decrypted") from exc
