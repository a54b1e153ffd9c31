"""Why a sync file was refused: one class per reason, each with its own message.

Every rejection happens before anything is written, so the database is unchanged.
``code`` is a stable machine-readable name (shown in ``--json`` output).
"""

from __future__ import annotations

from ..errors import ZxError


class SyncError(ZxError):
    code = "sync_error"
    exit_code = 3


class NotASyncFile(SyncError):
    code = "not_a_sync_file"


class CorruptFile(SyncError):
    code = "corrupt"


class TooNew(SyncError):
    code = "too_new"


class WrongCounty(SyncError):
    code = "wrong_county"


class UnknownSite(SyncError):
    code = "unknown_site"


class RevokedSite(SyncError):
    code = "revoked_site"


class BadSignature(SyncError):
    code = "bad_signature"


class HashMismatch(SyncError):
    code = "hash_mismatch"


class WrongRecipient(SyncError):
    code = "wrong_recipient"


class SequenceGap(SyncError):
    code = "sequence_gap"


class ChangeIdClash(SyncError):
    code = "change_id_clash"


class InvalidContent(SyncError):
    code = "invalid_content"


class NotSetUp(SyncError):
    code = "not_set_up"


class KeysError(SyncError):
    """The site's private keys are missing, locked or damaged."""

    code = "keys"


class WriteVerifyFailed(SyncError):
    code = "write_verify_failed"
