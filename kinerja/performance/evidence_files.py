"""Checking an uploaded evidence file by its content, not only by its name.

A pure module (no Django): the services turn its answers into messages. Each allowed type has a
check of its leading bytes (its "magic") or, for Office and OpenDocument files, of the zip
structure inside; text types must look like text and not like markup. Executables, HTML, SVG and
anything else without a check here are never accepted, whatever the settings list.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

#: How much of a file the checks read.
HEAD_BYTES = 64 * 1024

_OOXML_PARTS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
_ODF_TYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
#: Leading markup that a browser would render (HTML, SVG, XML with scripts).
_MARKUP = re.compile(rb"^\s*<\s*[!?a-zA-Z]")
_MARKUP_ANYWHERE = re.compile(rb"<\s*(script|html|svg|iframe|object|embed)\b", re.IGNORECASE)
_TEXT_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x19\x1b-\x1f\x7f]")


def _head(handle: IO[bytes], size: int = HEAD_BYTES) -> bytes:
    handle.seek(0)
    data = handle.read(size)
    handle.seek(0)
    return data


def _starts_with(*signatures: bytes) -> Callable[[IO[bytes]], bool]:
    def check(handle: IO[bytes]) -> bool:
        head = _head(handle, 16)
        return any(head.startswith(s) for s in signatures)

    return check


def _zip_names(handle: IO[bytes]) -> list[str] | None:
    if not _head(handle, 4).startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(handle) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        handle.seek(0)
    return names


def _ooxml(ext: str) -> Callable[[IO[bytes]], bool]:
    part = _OOXML_PARTS[ext]

    def check(handle: IO[bytes]) -> bool:
        names = _zip_names(handle)
        if names is None or "[Content_Types].xml" not in names:
            return False
        # A macro-enabled document renamed to .docx/.xlsx/.pptx carries its VBA project.
        if any(n.lower().endswith("vbaproject.bin") for n in names):
            return False
        return any(n.startswith(part) for n in names)

    return check


def _odf(ext: str) -> Callable[[IO[bytes]], bool]:
    expected = _ODF_TYPES[ext]

    def check(handle: IO[bytes]) -> bool:
        names = _zip_names(handle)
        if names is None or "mimetype" not in names:
            return False
        try:
            with zipfile.ZipFile(handle) as archive:
                if archive.getinfo("mimetype").file_size > 200:
                    return False
                return archive.read("mimetype").strip() == expected
        except (zipfile.BadZipFile, OSError, ValueError, KeyError):
            return False
        finally:
            handle.seek(0)

    return check


def _text(handle: IO[bytes]) -> bool:
    """Plain text or CSV: no binary control bytes and no markup a browser would render."""
    head = _head(handle)
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if _TEXT_CONTROL.search(head):
        return False
    return not (_MARKUP.match(head) or _MARKUP_ANYWHERE.search(head))


def _pdf(handle: IO[bytes]) -> bool:
    return _head(handle, 1024).lstrip(b"\xef\xbb\xbf\r\n\t ").startswith(b"%PDF-")


@dataclass(frozen=True)
class FileType:
    content_type: str
    check: Callable[[IO[bytes]], bool]


#: Every type the system knows how to check; the setting chooses among these.
KNOWN_TYPES: dict[str, FileType] = {
    "pdf": FileType("application/pdf", _pdf),
    "jpg": FileType("image/jpeg", _starts_with(b"\xff\xd8\xff")),
    "jpeg": FileType("image/jpeg", _starts_with(b"\xff\xd8\xff")),
    "png": FileType("image/png", _starts_with(b"\x89PNG\r\n\x1a\n")),
    "docx": FileType(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", _ooxml("docx")
    ),
    "xlsx": FileType(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ooxml("xlsx")
    ),
    "pptx": FileType(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _ooxml("pptx"),
    ),
    "odt": FileType("application/vnd.oasis.opendocument.text", _odf("odt")),
    "ods": FileType("application/vnd.oasis.opendocument.spreadsheet", _odf("ods")),
    "csv": FileType("text/csv", _text),
    "txt": FileType("text/plain", _text),
}


def allowed_types(configured: Iterable[str]) -> dict[str, FileType]:
    """The configured extensions that the system can check, in the configured order."""
    result: dict[str, FileType] = {}
    for ext in configured:
        key = ext.strip().lower().lstrip(".")
        if key in KNOWN_TYPES:
            result[key] = KNOWN_TYPES[key]
    return result


def extension(name: str) -> str:
    """The lower-case extension of ``name`` without the dot ("" when there is none)."""
    return PurePath(name or "").suffix.lower().lstrip(".")


def content_matches(ext: str, handle: IO[bytes]) -> bool:
    """Whether the content of ``handle`` is really a file of type ``ext``."""
    file_type = KNOWN_TYPES.get(ext)
    return file_type is not None and file_type.check(handle)


_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|;]')


def clean_name(name: str, limit: int = 150) -> str:
    """A file name safe to store and to offer in a download: the last path component only,
    without control or shell-special characters, not hidden, and at most ``limit`` characters
    (the extension kept)."""
    base = PurePath((name or "").replace("\\", "/")).name
    base = unicodedata.normalize("NFC", base)
    base = _UNSAFE_NAME.sub("_", base).strip().lstrip(".")
    if not base:
        return "bukti"
    path = PurePath(base)
    suffix = path.suffix if len(path.suffix) <= 10 else ""
    stem = base[: len(base) - len(suffix)] if suffix else base
    return stem[: max(1, limit - len(suffix))] + suffix
