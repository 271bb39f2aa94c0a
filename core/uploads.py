"""What an uploaded file may be, and how a permitted one is handed out.

Every upload field (documents, their versions) validates with
`validate_upload`: at most `MAX_UPLOAD_BYTES`, and a type on the allow-list
checked by name *and* by content, so an HTML page or a script renamed to
`.pdf` is refused. `file_response` serves a file the caller has already
checked access to: always as an attachment, never sniffed, sandboxed, and
through the web server (X-Accel-Redirect / X-Sendfile) when one is set.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from typing import Any

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

__all__ = ["ALLOWED", "file_response", "validate_new_upload", "validate_upload"]


@dataclass(frozen=True)
class Allowed:
    """An allowed type: by extension, the content types its bytes may show."""

    mimes: frozenset[str]
    text: bool = False  # plain text: no magic number, checked as UTF-8 text


_ZIP_OFFICE = "application/zip"  # older OOXML files sniff as a plain zip
ALLOWED: dict[str, Allowed] = {
    "pdf": Allowed(frozenset({"application/pdf"})),
    "docx": Allowed(
        frozenset(
            {
                "application/vnd.openxmlformats-officedocument."
                "wordprocessingml.document",
                _ZIP_OFFICE,
            }
        )
    ),
    "xlsx": Allowed(
        frozenset(
            {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                _ZIP_OFFICE,
            }
        )
    ),
    "pptx": Allowed(
        frozenset(
            {
                "application/vnd.openxmlformats-officedocument."
                "presentationml.presentation",
                _ZIP_OFFICE,
            }
        )
    ),
    "odt": Allowed(frozenset({"application/vnd.oasis.opendocument.text", _ZIP_OFFICE})),
    "ods": Allowed(
        frozenset({"application/vnd.oasis.opendocument.spreadsheet", _ZIP_OFFICE})
    ),
    "odp": Allowed(
        frozenset({"application/vnd.oasis.opendocument.presentation", _ZIP_OFFICE})
    ),
    "png": Allowed(frozenset({"image/png"})),
    "jpg": Allowed(frozenset({"image/jpeg"})),
    "jpeg": Allowed(frozenset({"image/jpeg"})),
    "txt": Allowed(frozenset(), text=True),
    "csv": Allowed(frozenset(), text=True),
    "md": Allowed(frozenset(), text=True),
}
# Markup a browser would run if it ever rendered a "text" file inline.
_ACTIVE_MARKUP = (b"<html", b"<script", b"<svg", b"<!doctype", b"<?xml", b"<?php")
_HEAD_BYTES = 8192


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _head(upload: Any) -> bytes:
    upload.seek(0)
    head: bytes = upload.read(_HEAD_BYTES)
    upload.seek(0)
    return head


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is still text.
        if error.start < len(head) - 4:
            return False
    lowered = head.lstrip().lower()
    return not any(marker in lowered for marker in _ACTIVE_MARKUP)


def validate_upload(upload: Any) -> None:
    """Raise ValidationError unless upload is an allowed type within the size."""
    limit = settings.MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is %(limit)s MB."),
            code="too_large",
            params={
                "size": f"{upload.size / 1048576:.1f}",
                "limit": f"{limit / 1048576:g}",
            },
        )
    extension = _extension(upload.name or "")
    allowed = ALLOWED.get(extension)
    names = ", ".join(sorted(ALLOWED))
    if allowed is None:
        raise ValidationError(
            _("Files of this type are not accepted. Allowed: %(types)s."),
            code="type",
            params={"types": names},
        )
    head = _head(upload)
    if allowed.text:
        ok = _looks_like_text(head)
    else:
        kind = filetype.guess(head)
        ok = kind is not None and kind.mime in allowed.mimes
    if not ok:
        raise ValidationError(
            _("The file's content is not a .%(extension)s file."),
            code="content",
            params={"extension": extension},
        )


def validate_new_upload(value: Any) -> None:
    """A model field's validator: check a file being uploaded, not one
    already stored (a later save of the record re-validates nothing), nor
    an empty value (a cleared file)."""
    if not value:
        return
    if isinstance(value, FieldFile) and getattr(value, "_committed", False):
        return
    validate_upload(value)


# A served file runs nothing, even if a browser were tricked into rendering it.
SANDBOX_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'"


def file_response(field_file: FieldFile) -> HttpResponse:
    """Return a download of field_file (its access already checked)."""
    name = field_file.name.rsplit("/", 1)[-1]
    mode = settings.MILEPOST_SENDFILE
    response: HttpResponse
    if mode == "nginx":
        response = HttpResponse()
        response["X-Accel-Redirect"] = (
            settings.MILEPOST_SENDFILE_PREFIX + field_file.name
        )
    elif mode == "apache":
        response = HttpResponse()
        response["X-Sendfile"] = field_file.path
    else:
        response = FileResponse(
            field_file.open("rb"), as_attachment=True, filename=name
        )
    if mode:
        response["Content-Type"] = (
            mimetypes.guess_type(name)[0] or "application/octet-stream"
        )
        response["Content-Disposition"] = content_disposition_header(True, name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_CSP
    response["Cache-Control"] = "private, no-store"
    return response
