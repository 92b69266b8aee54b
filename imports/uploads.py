"""Uploaded files waiting between the preview and the member's confirmation.

The file goes to private storage (never served) under a random name; the preview form
carries a signed token naming it, its uploader and the member it is for, so the confirm
step needs no database row and another member's token is refused. Files are deleted on
confirm, and by the daily cleanup once their token has expired.
"""

import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.core import signing

from fitness.accounts.models import User

UPLOAD_MAX_AGE = 12 * 60 * 60  # seconds a preview can be confirmed
_SALT = "imports.uploads"
_PREFIX = "upload-"


class UploadExpired(Exception):
    """The token is too old, altered, or its file is gone: upload the file again."""


class UploadGone(UploadExpired):
    """The token is good but its file is gone: confirmed already, or cleaned up."""

    def __init__(self, kept: "KeptUpload"):
        super().__init__()
        self.kept = kept


class UploadNotYours(Exception):
    """A token another member (or a former staff member) was given: answered by a 404."""


def private_dir() -> Path:
    path = Path(settings.PRIVATE_STORAGE_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def copy_to(fileobj: BinaryIO, path: Path) -> int:
    """Copy an upload (or any file object) to `path` in 1 MB chunks; returns the size."""
    source = getattr(fileobj, "file", fileobj)  # Django's upload wrapper → the real file
    source.seek(0)
    size = 0
    with open(path, "wb") as target:
        while chunk := source.read(1024 * 1024):
            target.write(chunk)
            size += len(chunk)
    source.seek(0)
    return size


@dataclass(frozen=True)
class KeptUpload:
    id: str  # hex of a random uuid: the file's name in private storage
    uploader_id: str
    member_id: str
    file_name: str
    format: str
    size: int

    @property
    def path(self) -> Path:
        return private_dir() / f"{_PREFIX}{self.id}.csv"

    @property
    def token(self) -> str:
        payload = {
            "id": self.id,
            "by": self.uploader_id,
            "for": self.member_id,
            "name": self.file_name,
            "format": self.format,
            "size": self.size,
        }
        return signing.dumps(payload, salt=_SALT, compress=True)

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)


def upload_keep(
    *, fileobj: BinaryIO, uploader: User, member: User, file_name: str, format: str
) -> KeptUpload:
    kept_id = uuid.uuid4().hex
    path = private_dir() / f"{_PREFIX}{kept_id}.csv"
    size = copy_to(fileobj, path)
    return KeptUpload(
        id=kept_id,
        uploader_id=str(uploader.pk),
        member_id=str(member.pk),
        file_name=file_name[:255],
        format=format or "auto",
        size=size,
    )


def upload_open(*, token: str, uploader: User) -> KeptUpload:
    """The upload a preview form names, for the member who made it. Raises UploadExpired
    (too old or altered), UploadGone (already confirmed, or cleaned up) or UploadNotYours."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=UPLOAD_MAX_AGE)
        kept = KeptUpload(
            id=uuid.UUID(data["id"]).hex,
            uploader_id=str(data["by"]),
            member_id=str(data["for"]),
            file_name=str(data["name"]),
            format=str(data["format"]),
            size=int(data["size"]),
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise UploadExpired from None
    if kept.uploader_id != str(uploader.pk):
        raise UploadNotYours
    if not kept.path.is_file():
        raise UploadGone(kept)
    return kept


def uploads_cleanup(*, now: float | None = None) -> int:
    """Delete kept uploads whose preview can no longer be confirmed. Returns how many."""
    limit = (now or time.time()) - UPLOAD_MAX_AGE
    deleted = 0
    for path in private_dir().glob(f"{_PREFIX}*.csv"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
                deleted += 1
        except FileNotFoundError:
            continue  # confirmed meanwhile
    return deleted
