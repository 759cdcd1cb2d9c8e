"""The seal key and the audit witness: what vouches for a database lives outside it.

Each database carries a random id (``database_id`` in ``licenseapp_meta``). Its seal key, 32
random bytes used for HMAC-SHA256 over record seals and audit entries, is a 0600 file
``<config dir>/keys/<database id>.key`` created when the database is first keyed (migration
0006); for PostgreSQL ``$LICENSEAPP_SEAL_KEY_FILE`` names it instead (the administrator
hands it out). Without the key nobody — the app included — can make a seal that verifies.

The witness ``<config dir>/witness/<database id>.json`` records the newest audit entry this
computer wrote (id, hash, time), so ``verify`` notices the chain was cut or recomputed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import text

from licenseapp import paths

log = logging.getLogger(__name__)

KEY_FILE_ENV = "LICENSEAPP_SEAL_KEY_FILE"
DATABASE_ID_KEY = "database_id"
#: ``<last legacy audit id>:<mac>``: entries up to that id were chained before keys existed.
CHAIN_KEYED_KEY = "chain_keyed"
_INFO = "licenseapp_key_context"
_ID = re.compile(r"[0-9a-f]{32}")


@dataclass(frozen=True)
class KeyContext:
    database_id: str | None
    key_path: Path | None
    key: bytes | None


def key_path(dialect: str, database_id: str) -> Path:
    override = os.environ.get(KEY_FILE_ENV, "").strip()
    if dialect == "postgresql" and override:
        return Path(override)
    return paths.user_config_dir() / "keys" / f"{database_id}.key"


def witness_path(database_id: str) -> Path:
    return paths.user_config_dir() / "witness" / f"{database_id}.json"


def _read_key(path: Path) -> bytes | None:
    try:
        raw = path.read_text(encoding="ascii").strip()
        key = bytes.fromhex(raw)
    except (OSError, ValueError):
        return None
    return key if len(key) >= 32 else None


def _private_write(path: Path, data: str, *, exclusive: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if exclusive:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(data)
        return
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(data)
    os.replace(tmp, path)


def _database_id(conn: Any) -> str | None:
    """The id, only in its own shape (it names files: '../' must never get through)."""
    value = conn.execute(
        text("SELECT value FROM licenseapp_meta WHERE key = :k"), {"k": DATABASE_ID_KEY}
    ).scalar()
    return str(value) if isinstance(value, str) and _ID.fullmatch(value) else None


def _dialect(conn: Any) -> str:
    return str(conn.get_bind().dialect.name if hasattr(conn, "get_bind") else conn.dialect.name)


def context(conn: Any) -> KeyContext:
    """This database's id and key (None when the key file is missing), once per session."""
    cached = conn.info.get(_INFO)
    if isinstance(cached, KeyContext):
        return cached
    db_id = _database_id(conn)
    if db_id is None:
        found = KeyContext(None, None, None)
    else:
        path = key_path(_dialect(conn), db_id)
        found = KeyContext(db_id, path, _read_key(path))
    conn.info[_INFO] = found
    return found


def ensure_key(conn: Any) -> KeyContext:
    """Give this database an id and a key if it has none (migration 0006, first use)."""
    db_id = _database_id(conn)
    if db_id is None:
        conn.execute(text("DELETE FROM licenseapp_meta WHERE key = :k"), {"k": DATABASE_ID_KEY})
        db_id = uuid.uuid4().hex
        conn.execute(text("INSERT INTO licenseapp_meta (key, value) VALUES (:k, :v)"),
                     {"k": DATABASE_ID_KEY, "v": db_id})
    path = key_path(_dialect(conn), db_id)
    key = _read_key(path)
    if key is None:
        if path.exists():
            raise OSError(f"the seal key file {path} is unreadable or not a LicenseApp key")
        _private_write(path, secrets.token_hex(32) + "\n", exclusive=True)
        log.info("created the seal key %s", path)
        key = _read_key(path)
    conn.info.pop(_INFO, None)
    return KeyContext(db_id, path, key)


def mac(key: bytes | None, material: bytes) -> str:
    """HMAC-SHA256 with the key; without one, the plain SHA-256 of before keys existed."""
    if key is None:
        return hashlib.sha256(material).hexdigest()
    return hmac.new(key, material, hashlib.sha256).hexdigest()


def chain_keyed_value(key: bytes, database_id: str, last_legacy_id: int) -> str:
    tag = mac(key, f"{CHAIN_KEYED_KEY}:{database_id}:{last_legacy_id}".encode())
    return f"{last_legacy_id}:{tag}"


def last_legacy_audit_id(value: str | None, key: bytes, database_id: str) -> int | None:
    """The id up to which audit entries may carry unkeyed hashes; None if the marker is
    missing or was altered."""
    try:
        number = int((value or "").split(":", 1)[0])
    except ValueError:
        return None
    expected = chain_keyed_value(key, database_id, number)
    return number if value and hmac.compare_digest(value, expected) else None


@dataclass(frozen=True)
class Witness:
    last_id: int
    hash: str
    written_at: str


def read_witness(database_id: str) -> Witness | None:
    try:
        data = json.loads(witness_path(database_id).read_text(encoding="utf-8"))
        return Witness(int(data["last_id"]), str(data["hash"]), str(data.get("written_at", "")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_witness(database_id: str, last_id: int, digest: str) -> None:
    """Record the newest audit entry written; never fails the user's action."""
    old = read_witness(database_id)
    if old is not None and old.last_id > last_id:
        return  # another session of this user already wrote a newer one
    data = {"database_id": database_id, "last_id": last_id, "hash": digest,
            "written_at": datetime.now(UTC).isoformat(timespec="seconds")}
    try:
        _private_write(witness_path(database_id), json.dumps(data, indent=2) + "\n",
                       exclusive=False)
    except OSError as exc:
        log.warning("could not write the audit witness: %s", exc)
