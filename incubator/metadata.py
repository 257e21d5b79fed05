"""Copies of documents without the metadata that names who made them, for blind review.

An Office file (a zip archive) keeps its author, last editor, company, manager and any custom fields in
docProps/core.xml, app.xml and custom.xml; a PDF in its document information dictionary and its XMP stream.
A photo keeps the camera's owner, the place and the author in EXIF, XMP and IPTC segments (JPEG) or text chunks
(PNG). The copies here keep every other part as it is, so the document reads the same; staff keep the original."""

import io
import logging
import shutil
import zipfile

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError

logger = logging.getLogger(__name__)

# The properties parts, each replaced by an empty one of its kind (removing them would leave the package's
# relationships pointing at nothing, which Word reports as a damaged file).
EMPTY_PROPERTIES = {
    "docProps/core.xml": b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"/>',
    "docProps/app.xml": b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"/>',
    "docProps/custom.xml": b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"/>',
}
OFFICE_EXTENSIONS = {".docx", ".xlsx", ".pptx"}


def office_without_identity(f):
    """The bytes of a copy of the Office file `f` with its core, extended and custom properties emptied."""
    out = io.BytesIO()
    f.seek(0)
    with zipfile.ZipFile(f) as source, zipfile.ZipFile(out, "w") as copy:
        for info in source.infolist():
            if info.filename in EMPTY_PROPERTIES:
                copy.writestr(info, EMPTY_PROPERTIES[info.filename], compress_type=zipfile.ZIP_DEFLATED)
                continue
            # A part at a time, as it is packed: a large document is never held whole in memory twice.
            with source.open(info) as part, copy.open(info, "w") as target:
                shutil.copyfileobj(part, target, 64 * 1024)
    return out.getvalue()


def pdf_without_identity(f):
    """The bytes of a copy of the PDF `f` with its document information and XMP metadata left out: its pages are
    carried over into a new file, which has neither."""
    f.seek(0)
    reader = PdfReader(f)
    if reader.is_encrypted:
        reader.decrypt("")
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
        if "/Metadata" in page:
            del writer.pages[-1]["/Metadata"]
    writer.metadata = None
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# JPEG segments that describe rather than draw: APP1 (EXIF, XMP), APP13 (IPTC), comments.
JPEG_DESCRIPTIONS = {0xE1, 0xED, 0xFE}
# JPEG markers that stand alone, without a length: TEM and the restart markers.
JPEG_STANDALONE = {0x01, *range(0xD0, 0xD8)}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_DESCRIPTIONS = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}


def jpeg_without_identity(f):
    """The bytes of a copy of the JPEG `f` without its EXIF, XMP, IPTC and comment segments."""
    f.seek(0)
    data = f.read()  # an upload, within UPLOAD_MAX_BYTES
    if data[:2] != b"\xff\xd8":
        raise ValueError("not a JPEG")
    kept, i = [data[:2]], 2
    while i + 1 < len(data):
        if data[i] != 0xFF:
            raise ValueError("JPEG segment expected")
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte before a marker
            i += 1
            continue
        if marker == 0xDA:  # start of scan: the picture itself, to the end
            kept.append(data[i:])
            break
        if marker in JPEG_STANDALONE:
            kept.append(data[i : i + 2])
            i += 2
            continue
        end = i + 2 + int.from_bytes(data[i + 2 : i + 4], "big")
        if marker not in JPEG_DESCRIPTIONS:
            kept.append(data[i:end])
        i = end
    return b"".join(kept)


def png_without_identity(f):
    """The bytes of a copy of the PNG `f` without its text, EXIF and time chunks."""
    f.seek(0)
    data = f.read()
    if data[:8] != PNG_SIGNATURE:
        raise ValueError("not a PNG")
    kept, i = [PNG_SIGNATURE], 8
    while i + 8 <= len(data):
        kind = data[i + 4 : i + 8]
        end = i + 12 + int.from_bytes(data[i : i + 4], "big")  # length, type, data, CRC
        if kind not in PNG_DESCRIPTIONS:
            kept.append(data[i:end])
        i = end
        if kind == b"IEND":
            break
    return b"".join(kept)


STRIPPERS = {
    **dict.fromkeys(OFFICE_EXTENSIONS, office_without_identity),
    ".pdf": pdf_without_identity,
    ".jpg": jpeg_without_identity,
    ".jpeg": jpeg_without_identity,
    ".png": png_without_identity,
}


def without_identity(f, extension):
    """The bytes of a copy of `f` (named with `extension`) that does not say who made it; None for a kind whose
    metadata is not stripped here (the old binary Office formats, .doc and .xls), and for a file too damaged to be
    rewritten, which is then served as it is: an expert's reader may still open what the library cannot."""
    try:
        if strip := STRIPPERS.get(extension):
            return strip(f)
    except (PyPdfError, zipfile.BadZipFile, ValueError, KeyError, EOFError) as error:
        logger.warning("%s document served with its metadata: %s", extension, error)
    finally:
        f.seek(0)
    return None
