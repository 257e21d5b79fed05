"""Uploaded documents: checked by size and by content (not only by name), stored under generated names,
and served only through views that first check who may see them. There is no public URL for uploads."""

import io
import mimetypes
import uuid
import zipfile
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .metadata import without_identity
from .uploads import check_office_archive

# kind -> (extensions accepted, content check)
KINDS = {
    "pdf": ({".pdf"}, lambda head, f: head.startswith(b"%PDF-")),
    "png": ({".png"}, lambda head, f: head.startswith(b"\x89PNG\r\n\x1a\n")),
    "jpeg": ({".jpg", ".jpeg"}, lambda head, f: head.startswith(b"\xff\xd8\xff")),
    "docx": ({".docx"}, lambda head, f: _zip_has(f, "word/")),
    "xlsx": ({".xlsx"}, lambda head, f: _zip_has(f, "xl/")),
    "doc": ({".doc", ".xls"}, lambda head, f: head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")),
}
DOCUMENT_KINDS = ("pdf", "png", "jpeg", "docx", "xlsx", "doc")
ARCHIVE_KINDS = ("docx", "xlsx")
IMAGE_KINDS = ("png", "jpeg")


def _zip_has(f, prefix):
    try:
        f.seek(0)
        with zipfile.ZipFile(f) as archive:
            return any(name.startswith(prefix) for name in archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return False
    finally:
        f.seek(0)


def check_upload(f, kinds=DOCUMENT_KINDS):
    """Raise ValidationError unless `f` is small enough and really is one of `kinds`, by content and name."""
    if f.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB."),
            code="too_large",
            params={"size": round(f.size / 1048576, 1), "limit": settings.UPLOAD_MAX_BYTES // 1048576},
        )
    extension = PurePosixPath(f.name or "").suffix.lower()
    allowed = sorted({ext for kind in kinds for ext in KINDS[kind][0]})
    f.seek(0)
    head = f.read(16)
    f.seek(0)
    for kind in kinds:
        extensions, matches = KINDS[kind]
        if extension in extensions:
            if matches(head, f):
                if kind in ARCHIVE_KINDS:
                    check_office_archive(f)
                return kind
            raise ValidationError(
                _("The file's content does not match its name %(name)s: it is not a real %(ext)s file."),
                code="content_mismatch",
                params={"name": f.name, "ext": extension},
            )
    raise ValidationError(
        _("Files of type %(ext)s are not accepted. Accepted types: %(allowed)s."),
        code="type",
        params={"ext": extension or _("(none)"), "allowed": " ".join(allowed)},
    )


def generated_name(instance, filename):
    """Store under a random name: nothing a user typed reaches the file system."""
    extension = PurePosixPath(filename).suffix.lower()[:8]
    folder = instance._meta.app_label + "/" + instance._meta.model_name
    return f"{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


class StoredFile(models.Model):
    """An uploaded document. Subclasses add what it belongs to (and may narrow `accepted_kinds`); downloads go
    through `serve`. A new file is checked by `check_upload` whenever the record is cleaned or saved, so every
    door (a form, a service, the admin, an import) gets the same refusal, however the file came in."""

    accepted_kinds = DOCUMENT_KINDS

    file = models.FileField(_("file"), upload_to=generated_name, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.original_name

    def save(self, *args, **kwargs):
        self.check_file()
        super().save(*args, **kwargs)

    @property
    def extension(self):
        return PurePosixPath(self.file.name).suffix.lower()

    def attach(self, upload, user=None):
        """Fill the fields from an uploaded file, refusing one that is too large or not what it says."""
        self.file = upload
        self.check_file()
        self.original_name = PurePosixPath(upload.name).name[:200]
        self.size = upload.size
        self.uploaded_by = user

    def check_file(self):
        """Check a file not yet stored (one already stored was checked when it came in)."""
        if self.file and not self.file._committed:
            try:
                check_upload(self.file.file, self.accepted_kinds)
            except ValidationError as error:
                raise ValidationError({"file": error.error_list}) from None

    def clean(self):
        super().clean()
        self.check_file()


def serve(stored, download_name=None, blind=False):
    """The response for a document the caller has already allowed the user to see. `download_name`
    overrides the stored name; `blind` (a blind review) also serves a copy without the metadata naming its
    author (incubator/metadata.py)."""
    name = download_name or stored.original_name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    content = stored.file.open("rb")
    if blind and (copy := without_identity(content, stored.extension)) is not None:
        content.close()
        content = io.BytesIO(copy)
    response = FileResponse(content, as_attachment=True, filename=name, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return response
