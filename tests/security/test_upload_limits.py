"""Uploads: no byte past UPLOAD_MAX_BYTES is kept while a file arrives (the limit was checked only once the whole
body had been received and spooled), and an Office file that expands to an absurd size is refused."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from django.urls import reverse

from incubator.files import check_upload
from incubator.uploads import check_office_archive
from orgs.models import OrganizationDocument
from tests.factories import applicant_of
from tests.fuzz_strategies import UPLOAD_LIMIT

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"


@pytest.fixture
def kept_bytes(monkeypatch):
    """How many bytes of uploaded files reached Django's own handlers (memory and the spool file)."""
    kept = []
    for handler in (MemoryFileUploadHandler, TemporaryFileUploadHandler):
        original = handler.receive_data_chunk

        def counting(self, raw_data, start, original=original):
            kept.append(len(raw_data))
            return original(self, raw_data, start)

        monkeypatch.setattr(handler, "receive_data_chunk", counting)
    return kept


@pytest.mark.django_db
def test_an_oversized_upload_is_dropped_as_it_arrives_and_refused_on_the_form(
    client, small_uploads, settings, kept_bytes
):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024  # Django would spool anything larger to disk
    client.force_login(applicant_of())
    big = SimpleUploadedFile("章程.pdf", PDF + b"0" * (UPLOAD_LIMIT * 40))
    response = client.post(reverse("orgs:upload_document"), {"kind": "charter", "file": big})
    assert response.status_code == 200
    assert "文件过大" in response.content.decode()
    assert not OrganizationDocument.objects.exists()
    assert sum(kept_bytes) <= UPLOAD_LIMIT


@pytest.mark.django_db
def test_a_file_within_the_limit_arrives_whole(client, small_uploads, kept_bytes):
    client.force_login(applicant_of())
    content = PDF + b"0" * 1000
    response = client.post(
        reverse("orgs:upload_document"), {"kind": "charter", "file": SimpleUploadedFile("章程.pdf", content)}
    )
    assert response.status_code == 302
    document = OrganizationDocument.objects.get()
    assert document.size == len(content) and document.file.read() == content


def office_file(parts):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_docx_expanding_to_200_mb_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as part:  # written a megabyte at a time
            for _ in range(200):
                part.write(b"0" * 1024 * 1024)
    bomb = buffer.getvalue()
    assert len(bomb) < 1024 * 1024  # a few hundred kilobytes on the wire
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile("方案.docx", bomb))
    assert error.value.code == "archive_bomb"


def test_a_part_packed_absurdly_tightly_is_refused_below_the_size_limit(settings):
    settings.OFFICE_MAX_RATIO = 200
    bomb = office_file({"xl/worksheets/sheet1.xml": b"\0" * (20 * 1024 * 1024)})
    with pytest.raises(ValidationError) as error:
        check_office_archive(SimpleUploadedFile("名册.xlsx", bomb))
    assert error.value.code == "archive_bomb"


def test_an_archive_that_lies_about_its_sizes_is_refused(settings):
    """The size the archive's directory declares is rewritten small: inflating the part finds it out."""
    settings.OFFICE_MAX_EXPANDED_BYTES = 1024 * 1024
    data = bytearray(office_file({"word/document.xml": b"1" * (3 * 1024 * 1024)}))
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(b"word/document.xml"))
    data[central + 24 : central + 28] = (1000).to_bytes(4, "little")  # uncompressed size in the directory
    with pytest.raises(ValidationError):
        check_office_archive(SimpleUploadedFile("方案.docx", bytes(data)))


def test_an_ordinary_office_file_is_accepted():
    real = office_file({"word/document.xml": "<w:t>伊金霍洛旗社会组织双孵化园年度工作方案</w:t>" * 2000})
    assert check_upload(SimpleUploadedFile("方案.docx", real)) == "docx"
