"""An archive encrypted with a passphrase: a stream of authenticated chunks.

The encrypted file is:

- a header: the magic ``LICENSEAPP-ENC1\\n`` (16 bytes), scrypt's log2(n), r and p (one byte
  each), the chunk size (4 bytes, big-endian), a random 16-byte salt and a random 8-byte nonce
  prefix, then a 16-byte key check (the AES-GCM tag of nothing, so a wrong passphrase is told
  apart from damage);
- then the zip archive in chunks of ``CHUNK`` bytes (the last one shorter, possibly empty),
  each AES-256-GCM encrypted with the key scrypt derives from the passphrase and salt
  (n=2**15, r=8, p=1), nonce = the prefix + the chunk's 4-byte counter, associated data = the
  header + the chunk's index + a flag set on the last chunk only, so a truncated, cut or
  reordered file does not decrypt.
"""

from __future__ import annotations

import io
import os
import struct
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from licenseapp.errors import LicenseAppError

#: A passphrase, or a function asked for it only when the archive turns out to be encrypted.
Passphrase = str | Callable[[], str] | None
MAGIC = b"LICENSEAPP-ENC1\n"
CHUNK = 1 << 20
SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P = 15, 8, 1
_FIXED = struct.Struct(">16sBBBI16s8s")  # magic, log2 n, r, p, chunk size, salt, nonce prefix
_TAG = 16
HEADER_SIZE = _FIXED.size + _TAG
_CHECK_COUNTER = 0xFFFFFFFF  # the key check's nonce; chunks count from 0 below it
PASSPHRASE_ENV = "LICENSEAPP_BACKUP_PASSPHRASE"
MIN_PASSPHRASE = 8


def _derive_key(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=1 << log2_n, r=r, p=p).derive(
        passphrase.encode("utf-8"))


def _chunk_ad(fixed: bytes, index: int, final: bool) -> bytes:
    return fixed + struct.pack(">QB", index, 1 if final else 0)


class EncryptingWriter:
    """A write-only stream (no seek, so :mod:`zipfile` streams into it) that encrypts."""

    def __init__(self, out: IO[bytes], passphrase: str) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        salt, self._prefix = os.urandom(16), os.urandom(8)
        self._fixed = _FIXED.pack(MAGIC, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P, CHUNK, salt,
                                  self._prefix)
        self._aead = AESGCM(_derive_key(passphrase, salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P))
        check = self._aead.encrypt(self._prefix + struct.pack(">I", _CHECK_COUNTER), b"",
                                   self._fixed)
        self._out = out
        out.write(self._fixed + check)
        self._buffer = bytearray()
        self._index = 0
        self._position = 0

    def _emit(self, data: bytes, final: bool) -> None:
        if self._index >= _CHECK_COUNTER:
            raise LicenseAppError("the backup is too large to encrypt (over 4 TiB)")
        nonce = self._prefix + struct.pack(">I", self._index)
        self._out.write(self._aead.encrypt(nonce, data, _chunk_ad(self._fixed, self._index,
                                                                   final)))
        self._index += 1

    def write(self, data: bytes | bytearray | memoryview) -> int:
        self._buffer += data
        self._position += len(data)
        while len(self._buffer) > CHUNK:  # keep at least one byte back for the final chunk
            self._emit(bytes(self._buffer[:CHUNK]), final=False)
            del self._buffer[:CHUNK]
        return len(data)

    def tell(self) -> int:
        return self._position

    def flush(self) -> None:
        pass

    def finish(self) -> None:
        """The last chunk (possibly empty), marked final."""
        if len(self._buffer) == CHUNK:
            self._emit(bytes(self._buffer), final=False)
            self._buffer.clear()
        self._emit(bytes(self._buffer), final=True)
        self._buffer.clear()
        self._out.flush()


class DecryptingReader(io.RawIOBase):
    """The plain archive inside an encrypted backup, seekable, decrypted a chunk at a time.

    Opening checks the passphrase and then authenticates every chunk once (a truncated,
    cut or reordered file is refused before anything is read); every chunk read later is
    authenticated again.
    """

    def __init__(self, path: Path, passphrase: str) -> None:
        super().__init__()
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self._invalid = InvalidTag
        self._name = path.name
        self._file = path.open("rb")
        try:
            header = self._file.read(HEADER_SIZE)
            if len(header) < HEADER_SIZE:
                raise LicenseAppError(f"{path.name} is an encrypted backup cut short (its "
                                      "header is incomplete); nothing was restored")
            self._fixed = header[:_FIXED.size]
            _magic, log2_n, r, p, chunk, salt, self._prefix = _FIXED.unpack(self._fixed)
            if not (14 <= log2_n <= 20 and 1 <= r <= 16 and p == 1
                    and 4096 <= chunk <= 16 << 20):
                raise LicenseAppError(f"{path.name} is an encrypted backup with settings this "
                                      "version does not read; nothing was restored")
            self._chunk = chunk
            self._aead = AESGCM(_derive_key(passphrase, salt, log2_n, r, p))
            try:
                self._aead.decrypt(self._prefix + struct.pack(">I", _CHECK_COUNTER),
                                   header[_FIXED.size:], self._fixed)
            except InvalidTag:
                raise LicenseAppError(f"wrong passphrase for {path.name} (or its header is "
                                      "damaged); nothing was restored") from None
            body = os.fstat(self._file.fileno()).st_size - HEADER_SIZE
            stored = chunk + _TAG
            full, rest = divmod(body, stored)
            if rest < _TAG:  # the last chunk always carries its tag, even when empty
                raise self._damaged(full)
            self._count = full + 1
            if self._count > _CHECK_COUNTER:
                raise self._damaged(full)
            self._size = full * chunk + rest - _TAG
            self._position = 0
            self._cached: tuple[int, bytes] | None = None
            for index in range(self._count):  # authenticate everything once, up front
                self._decrypt(index)
        except BaseException:
            self._file.close()
            raise

    def _damaged(self, index: int) -> LicenseAppError:
        return LicenseAppError(
            f"{self._name} is damaged or truncated: part {index + 1} of the encrypted backup "
            "does not authenticate; nothing was restored")

    def _decrypt(self, index: int) -> bytes:
        if self._cached is not None and self._cached[0] == index:
            return self._cached[1]
        final = index == self._count - 1
        self._file.seek(HEADER_SIZE + index * (self._chunk + _TAG))
        length = (self._size - index * self._chunk if final else self._chunk) + _TAG
        data = self._file.read(length)
        try:
            plain = self._aead.decrypt(self._prefix + struct.pack(">I", index), data,
                                       _chunk_ad(self._fixed, index, final))
        except self._invalid:
            raise self._damaged(index) from None
        self._cached = (index, plain)
        return plain

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: self._size}[whence]
        if base + offset < 0:
            raise OSError("seek before the start")
        self._position = base + offset
        return self._position

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        done = 0
        while done < len(view) and self._position < self._size:
            index, skip = divmod(self._position, self._chunk)
            plain = self._decrypt(index)
            piece = plain[skip:skip + len(view) - done]
            view[done:done + len(piece)] = piece
            done += len(piece)
            self._position += len(piece)
        return done

    def close(self) -> None:
        self._file.close()
        super().close()


def is_encrypted(path: Path) -> bool:
    """Whether ``path`` is an encrypted backup (by its first bytes)."""
    try:
        with path.open("rb") as fh:
            return fh.read(len(MAGIC)) == MAGIC
    except OSError:
        return False
