import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from incubator.files import IMAGE_KINDS, check_upload

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [("章程.pdf", PDF, "pdf"), ("照片.PNG", PNG, "png"), ("方案.docx", docx_bytes(), "docx")],
)
def test_real_documents_are_accepted_by_content(name, content, kind):
    assert check_upload(SimpleUploadedFile(name, content)) == kind


def test_a_file_whose_content_does_not_match_its_name_is_refused_clearly():
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile("登记证书.pdf", b"MZ\x90\x00 an executable"))
    assert error.value.code == "content_mismatch"


def test_a_zip_renamed_to_docx_without_a_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.exe", "x")
    with pytest.raises(ValidationError):
        check_upload(SimpleUploadedFile("方案.docx", buffer.getvalue()))


def test_an_unlisted_type_is_refused_with_the_accepted_types_named():
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile("run.exe", b"MZ"), kinds=IMAGE_KINDS)
    message = error.value.messages[0]
    assert ".exe" in message and ".png" in message and ".jpg" in message


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile("大文件.pdf", PDF + b"0" * 2048))
    assert error.value.code == "too_large"
