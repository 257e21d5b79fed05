"""Copies of documents without the metadata that names who made them, for blind review.

An Office file (a zip archive) keeps its author, last editor, company, manager and any custom fields in
docProps/core.xml, app.xml and custom.xml; a PDF in its document information dictionary and its XMP stream.
The copies here keep every other part as it is, so the document reads the same; staff keep the original."""

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


def without_identity(f, extension):
    """The bytes of a copy of `f` (named with `extension`) that does not say who made it; None for a kind whose
    metadata is not stripped here (images and the old binary Office formats), and for a file too damaged to be
    rewritten, which is then served as it is: an expert's reader may still open what the library cannot."""
    try:
        if extension in OFFICE_EXTENSIONS:
            return office_without_identity(f)
        if extension == ".pdf":
            return pdf_without_identity(f)
    except (PyPdfError, zipfile.BadZipFile, ValueError, KeyError, EOFError) as error:
        logger.warning("%s document served with its metadata: %s", extension, error)
    finally:
        f.seek(0)
    return None
