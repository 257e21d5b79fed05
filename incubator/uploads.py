"""Uploads refused by their size while they arrive, and Office files (zip archives) refused by what they expand to.

The proxy in front caps a request's body (README, Production); within that cap, no byte of a file past
UPLOAD_MAX_BYTES is kept, in memory or on disk: the file reaches the form as an empty stand-in of the size it had,
which the upload check (incubator.files.check_upload) refuses with its message on the form.
"""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.translation import gettext_lazy as _

CHUNK = 64 * 1024


class SizeLimitUploadHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: passes a file's bytes on to Django's handlers up to UPLOAD_MAX_BYTES, then
    passes nothing more and hands the form a stand-in instead."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        # None keeps the chunk from the handlers after this one: nothing past the limit is buffered or spooled.
        return raw_data if self.received <= settings.UPLOAD_MAX_BYTES else None

    def file_complete(self, file_size):
        if self.received <= settings.UPLOAD_MAX_BYTES:
            return None  # the next handler's file, whole
        stand_in = SimpleUploadedFile(self.file_name, b"", self.content_type)
        stand_in.size = self.received
        return stand_in


def check_office_archive(f):
    """Raise ValidationError if the Office file `f` (a zip archive: .docx, .xlsx, .pptx) expands to more than
    OFFICE_MAX_EXPANDED_BYTES or any part of it by more than OFFICE_MAX_RATIO times its packed size (a zip bomb).
    The parts are inflated a chunk at a time and counted, since the sizes an archive declares can lie."""
    limit, ratio = settings.OFFICE_MAX_EXPANDED_BYTES, settings.OFFICE_MAX_RATIO
    refused = ValidationError(
        _("The file %(name)s expands to an implausible size when opened (over %(limit)s MB); it is refused."),
        code="archive_bomb",
        params={"name": f.name, "limit": limit // 1048576},
    )
    try:
        f.seek(0)
        with zipfile.ZipFile(f) as archive:
            members = archive.infolist()
            if sum(m.file_size for m in members) > limit:
                raise refused
            expanded = 0
            for member in members:
                with archive.open(member) as part:
                    inflated = 0
                    while chunk := part.read(CHUNK):
                        inflated += len(chunk)
                        expanded += len(chunk)
                        if expanded > limit or inflated > max(member.compress_size, 1) * ratio + CHUNK:
                            raise refused
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as error:
        raise ValidationError(
            _("The file %(name)s is damaged and cannot be opened."), code="archive_damaged", params={"name": f.name}
        ) from error
    finally:
        f.seek(0)
