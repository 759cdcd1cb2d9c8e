"""The filing set for the portal: each supporting document as a PDF of its own, the
block-by-block sheet (PDF and CSV, addresses in their parts) and a manifest with each file's
name, size and SHA-256, written into one folder.

SNAP-R and DECCS take supporting documents one file at a time; the combined packet is for
the record and for reading. The limits the files are named and sized by are data
(:data:`PORTAL_LIMITS`), with where they come from.

Nothing is overwritten without asking: the folder must be new or empty unless the caller
says the user agreed to replace files of the same names; no file is ever written over the
open database (the only input).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from licenseapp.errors import LicenseAppError

if TYPE_CHECKING:
    from licenseapp.domain.record import ApplicationRecord
    from licenseapp.pdf.packet.standing import PacketStanding
    from licenseapp.store.database import Database


@dataclass(frozen=True)
class PortalLimits:
    """What a portal accepts as one supporting document."""

    portal: str
    max_bytes: int
    max_name_length: int
    name_characters: str  # a regular expression character class, e.g. "A-Za-z0-9._-"
    source: str


#: Neither BIS nor DDTC publishes these limits in the regulations. Searches of the stored
#: documentation and web pages (2026-12-06: "SNAP-R supporting documents PDF file size limit
#: file name characters", "DECCS attachments file size limit PDF file name characters") found
#: no statement from either agency, so the values are conservative: PDF only (SNAP-R and
#: DECCS both take PDF), at most 5 MB a file, names of ASCII letters, digits, '.', '-' and
#: '_' only, at most 50 characters. A larger file is written and flagged, never cut.
UNCONFIRMED = ("not published in 15 CFR or 22 CFR and not found in the stored documentation "
               "(searched 2026-12-06); conservative values, change them here when confirmed")
PORTAL_LIMITS: dict[str, PortalLimits] = {
    "SNAP-R": PortalLimits("SNAP-R", 5 * 1024 * 1024, 50, "A-Za-z0-9._-", UNCONFIRMED),
    "DECCS": PortalLimits("DECCS", 5 * 1024 * 1024, 50, "A-Za-z0-9._-", UNCONFIRMED),
    "LITE": PortalLimits("LITE", 5 * 1024 * 1024, 50, "A-Za-z0-9._-", UNCONFIRMED),
}
_PORTAL_OF_REGULATOR = {"BIS": "SNAP-R", "DDTC": "DECCS", "ECJU": "LITE"}
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class UploadFile:
    name: str
    document: str  # what it is, in words
    size: int
    sha256: str
    within_limits: bool
    note: str = ""


@dataclass(frozen=True)
class UploadSet:
    ref: str
    folder: Path
    portal: PortalLimits
    files: tuple[UploadFile, ...]
    not_included: tuple[str, ...]  # documents that cannot be a PDF, with why
    errors: int  # the checker's errors: the generated files are marked DRAFT

    @property
    def manifest(self) -> Path:
        return self.folder / MANIFEST


def file_name(ref: str, number: int, what: str, limits: PortalLimits) -> str:
    """``LA-2026-0042_03_passport.pdf``: the reference, the order, what it is; only the
    characters the portal takes, within its length."""
    ascii_what = unicodedata.normalize("NFKD", what).encode("ascii", "ignore").decode()
    stem = re.sub(rf"[^{limits.name_characters}]+", "-", ascii_what.lower()).strip("-.")
    stem = stem or "document"
    head = f"{ref}_{number:02d}_"
    room = limits.max_name_length - len(head) - len(".pdf")
    return f"{head}{stem[:room].rstrip('-.')}.pdf"


def _check_folder(folder: Path, replace_existing: bool) -> None:
    if folder.exists() and not folder.is_dir():
        raise LicenseAppError(f"Cannot write the filing set to {folder}: it is a file, not a "
                              "folder")
    if folder.is_dir() and any(folder.iterdir()) and not replace_existing:
        raise LicenseAppError(
            f"{folder} is not empty: choose a new or empty folder for the filing set, so that "
            "no file there is overwritten")


def _documents(data: ApplicationRecord, standing: PacketStanding
               ) -> tuple[list[tuple[str, bytes]], list[str]]:
    """(what, PDF bytes) in upload order, and the documents left out with why."""
    from licenseapp.domain.enclosures import KIND_WORDS
    from licenseapp.pdf.packet.attachments import plan
    from licenseapp.pdf.packet.upload_files import (
        block_sheet_pdf,
        image_pdf,
        letter_pdf,
        plan_pdf,
    )

    out: list[tuple[str, bytes]] = [("block-by-block sheet", block_sheet_pdf(data, standing))]
    if data.loe_text.strip():
        out.append(("letter of explanation", letter_pdf(data, standing)))
    if data.tcp_text.strip():
        out.append(("technology control plan", plan_pdf(data, standing)))
    left_out: list[str] = []
    for entry in plan(data.attachments).entries:
        att = entry.info
        what = KIND_WORDS.get(att.kind, att.kind)
        if entry.how == "pdf":
            out.append((what, att.content))
        elif entry.how == "image":
            out.append((what, image_pdf(data, att)))
        else:
            left_out.append(f"{what} ({att.file_name}): {entry.reason}")
    return out, left_out


def _sheet_csv(data: ApplicationRecord) -> bytes:
    from licenseapp.domain.block_sheet import block_rows
    from licenseapp.domain.forms import form_spec

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["block", "field", "entry"])
    writer.writerows(block_rows(form_spec(data.form), data))
    return buffer.getvalue().encode("utf-8-sig")  # the BOM: spreadsheets read it as UTF-8


def write_upload_set(db: Database, ref: str, folder: Path, *,
                     replace_existing: bool = False) -> UploadSet:
    """Write the filing set of application ``ref`` into ``folder`` (created if new).

    Refused before anything is written when ``folder`` holds files, unless
    ``replace_existing`` (the user agreed to replace files of the same names)."""
    from licenseapp.services.output.output_files import check_output, write_bytes_atomically
    from licenseapp.services.output.packets import read_for_packet

    folder = Path(folder).expanduser().absolute()
    _check_folder(folder, replace_existing)
    data, standing = read_for_packet(db, ref)
    limits = PORTAL_LIMITS[_PORTAL_OF_REGULATOR.get(data.regulator, "SNAP-R")]
    documents, left_out = _documents(data, standing)
    named = [(file_name(data.ref, n, what, limits), what, content)
             for n, (what, content) in enumerate(documents, start=1)]
    sheet_csv = file_name(data.ref, 1, "block-by-block sheet", limits).removesuffix(".pdf")
    named.append((sheet_csv + ".csv", "block-by-block sheet (CSV, for copying)",
                  _sheet_csv(data)))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LicenseAppError(f"Cannot create the folder {folder}: {exc.strerror or exc}"
                              ) from None
    for name, _, _ in [*named, (MANIFEST, "", b"")]:
        check_output(folder / name, database=db, replace=replace_existing)
    files: list[UploadFile] = []
    for name, what, content in named:
        write_bytes_atomically(folder / name, content)
        fits = len(content) <= limits.max_bytes
        note = "" if fits else (f"larger than the {limits.max_bytes // (1024 * 1024)} MB "
                                f"{limits.portal} is taken to accept: reduce it before uploading")
        files.append(UploadFile(name, what, len(content), hashlib.sha256(content).hexdigest(),
                                fits or name.endswith(".csv"), note))
    result = UploadSet(data.ref, folder, limits, tuple(files), tuple(left_out),
                       len(standing.errors))
    write_bytes_atomically(result.manifest, _manifest(result))
    return result


def _manifest(result: UploadSet) -> bytes:
    limits = result.portal
    document = {
        "application": result.ref,
        "portal": limits.portal,
        "limits": {"max_bytes": limits.max_bytes, "max_name_length": limits.max_name_length,
                   "name_characters": limits.name_characters, "source": limits.source},
        "checker_errors": result.errors,
        "files": [{"name": f.name, "document": f.document, "size": f.size,
                   "sha256": f.sha256, "within_limits": f.within_limits,
                   **({"note": f.note} if f.note else {})} for f in result.files],
        "not_included": list(result.not_included),
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
