"""Blind review through metadata: a document's neutral file name hid the organization, but its author field did
not. An expert of a blind round gets a copy without the identifying metadata; staff keep the original."""

import io
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader, PdfWriter

from incubator.metadata import office_without_identity, without_identity
from tests.factories import ExpertProfileFactory, OrganizationFactory, StaffFactory, applicant_of
from tests.venture.factories import ProposalFactory, RoundFactory
from tests.venture.helpers import pledged, screened
from venture import services

ORG_NAME = "乌日达妇女手工制作中心"
PHONE = "13912345678"
BODY = "<w:document><w:t>项目实施方案</w:t></w:document>"

CORE = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
 xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>{ORG_NAME} {PHONE}</dc:creator>
<cp:lastModifiedBy>{ORG_NAME}</cp:lastModifiedBy></cp:coreProperties>"""
APP = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">
<Company>{ORG_NAME}</Company><Manager>{PHONE}</Manager></Properties>"""
CUSTOM = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
 xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">
<property name="联系电话" pid="2" fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}"><vt:lpwstr>{PHONE}</vt:lpwstr></property>
</Properties>"""


def office(body_part="word/document.xml"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(body_part, BODY)
        archive.writestr("docProps/core.xml", CORE)
        archive.writestr("docProps/app.xml", APP)
        archive.writestr("docProps/custom.xml", CUSTOM)
    return buffer.getvalue()


def pdf():
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_metadata({"/Author": PHONE, "/Creator": "Uridaa handicraft centre", "/Title": PHONE})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def unpacked(content):
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name).decode() for name in archive.namelist()}


@pytest.fixture
def blind_round_document(db):
    """A blind round's proposal with a .docx and a PDF whose metadata name the organization; an assigned expert."""
    staff, expert = StaffFactory(), ExpertProfileFactory().user
    organization = OrganizationFactory(name=ORG_NAME)
    proposal = ProposalFactory(round=RoundFactory(blind=True, experts_per_proposal=2), organization=organization)
    applicant = applicant_of(organization)
    for name, content in ((f"{ORG_NAME}项目书.docx", office()), (f"{ORG_NAME}预算.pdf", pdf())):
        services.add_document(applicant, proposal, SimpleUploadedFile(name, content), "项目书", False)
    screened(proposal, staff)
    assignment = services.assign_expert(staff, proposal, expert)
    pledged(proposal.round, expert)
    services.declare_conflict(expert, assignment, False)
    return staff, expert, proposal


def download(client, document):
    response = client.get(reverse("venture:document", args=[document.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_the_expert_of_a_blind_round_gets_a_docx_without_its_authors(client, blind_round_document):
    _staff, expert, proposal = blind_round_document
    document = proposal.documents.get(original_name__endswith=".docx")
    client.force_login(expert)
    parts = unpacked(download(client, document))
    assert parts["word/document.xml"] == BODY  # the document reads the same
    for text in parts.values():
        assert ORG_NAME not in text and PHONE not in text


def test_the_expert_of_a_blind_round_gets_a_pdf_without_its_author(client, blind_round_document):
    _staff, expert, proposal = blind_round_document
    document = proposal.documents.get(original_name__endswith=".pdf")
    client.force_login(expert)
    content = download(client, document)
    assert PHONE.encode() not in content
    copy = PdfReader(io.BytesIO(content))
    assert len(copy.pages) == 1
    assert not (copy.metadata or {}).get("/Author")


def test_staff_keep_the_original(client, blind_round_document):
    staff, _expert, proposal = blind_round_document
    client.force_login(staff)
    for document in proposal.documents.all():
        assert download(client, document) == document.file.open("rb").read()
    docx = proposal.documents.get(original_name__endswith=".docx")
    assert PHONE in unpacked(download(client, docx))["docProps/core.xml"]


@pytest.mark.parametrize("body_part", ["xl/workbook.xml", "ppt/presentation.xml"])
def test_spreadsheets_and_presentations_lose_their_properties_too(body_part):
    parts = unpacked(office_without_identity(io.BytesIO(office(body_part))))
    assert parts[body_part] == BODY
    assert set(parts) == {
        "[Content_Types].xml",
        body_part,
        "docProps/core.xml",
        "docProps/app.xml",
        "docProps/custom.xml",
    }
    assert not any(PHONE in text or ORG_NAME in text for text in parts.values())


def jpeg():
    exif = b"Exif\0\0" + f"Artist={PHONE}".encode()
    segment = lambda marker, body: b"\xff" + bytes([marker]) + (len(body) + 2).to_bytes(2, "big") + body  # noqa: E731
    quantization = segment(0xDB, b"\0" + bytes(64))
    return (
        b"\xff\xd8"
        + segment(0xE1, exif)
        + segment(0xFE, PHONE.encode())
        + quantization
        + b"\xff\xda\0\x02PIXELS\xff\xd9"
    )


def png():
    def chunk(kind, body):
        return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")

    header = chunk(b"IHDR", (1).to_bytes(4, "big") * 2 + b"\x08\x00\x00\x00\x00")
    text = chunk(b"tEXt", b"Author\0" + PHONE.encode())
    return b"\x89PNG\r\n\x1a\n" + header + text + chunk(b"IDAT", zlib.compress(b"\0\0")) + chunk(b"IEND", b"")


@pytest.mark.parametrize(("extension", "content", "kept"), [(".jpg", jpeg, b"PIXELS"), (".png", png, b"IDAT")])
def test_photos_lose_their_exif_and_text(extension, content, kept):
    original = content()
    copy = without_identity(io.BytesIO(original), extension)
    assert PHONE.encode() in original and PHONE.encode() not in copy
    assert copy[:2] == original[:2] and kept in copy and len(copy) < len(original)
