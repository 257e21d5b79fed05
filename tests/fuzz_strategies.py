"""Hostile input for the form fuzz tests, and the checks every fuzz test makes.

Strategies: text with control characters (NUL included), emoji, mixed scripts (Mongolian, Chinese, Arabic,
Hebrew with direction marks), text beyond a field's maximum length, formula-like text for fields that reach an
Excel export, numbers that are negative, huge, not a number or not ASCII, malformed dates, and uploads that are
too large, empty or not what their name says.

Checks: each generated example runs in a savepoint that is rolled back (examples start from the same rows);
`rendered_fields` reads the form values back from a re-rendered page, so a test can assert that what the user
typed is still there; `assert_valid` runs the model's own rules over the stored rows; `assert_no_formula`
reads an exported workbook with openpyxl."""

import datetime
import io
import os
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser

from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from incubator.spreadsheets import FORMULA_STARTS

# Examples per test: enough to meet every kind of hostile value, few enough that the fuzz tests stay quick.
# The suite's own run is repeatable (the same examples every time, so a run is never red by chance);
# FUZZ_EXAMPLES=500 runs a fresh, deeper search (each bug the fuzz tests found is also an explicit @example).
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "20")),
    derandomize="FUZZ_EXAMPLES" not in os.environ,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FUZZ_SLOW_PAGE = settings(FUZZ, max_examples=int(os.environ.get("FUZZ_EXAMPLES", "15")))

# -- text ------------------------------------------------------------------------------------------------------
CONTROL = [
    "\x00",  # PostgreSQL refuses NUL in text: a form must refuse it first
    "\x01",
    "\x07",
    "\x08",
    "\x0b",
    "\x0c",
    "\x1b[31m",
    "\x7f",
    "\x85",
    "\u200b",
    "\u2028",
    "\ufeff",
    "\r\n",
    "\t",
]
EMOJI = ["😀", "👩‍👩‍👧‍👦", "🇨🇳", "🏳️‍🌈", "❤️", "🧑🏽‍💻"]
SCRIPTS = [
    "ᠮᠣᠩᠭᠣᠯ",
    "ᠡᠵᠡᠨ ᠬᠣᠷᠤᠭ᠎ᠠ",
    "伊金霍洛旗社会组织",
    "𠀀𪚥",
    "مرحبا بالعالم",
    "\u200fשלום\u200e",
    "\u202eevil\u202c",
    "Ёжик",
    "ﾃｽﾄ",
    "Z̸̧a̵l̶g̷o̸",
]
FORMULAS = [
    '=HYPERLINK("http://example.com","点我")',
    "+1",
    "-2+3",
    "@SUM(A1)",
    "=1+1",
    "\t=1+1",
    "\r=2",
    "=cmd|'/C calc'!A0",
]

_piece = st.one_of(
    st.text(max_size=8),
    st.sampled_from(CONTROL),
    st.sampled_from(EMOJI),
    st.sampled_from(SCRIPTS),
    st.sampled_from(FORMULAS),
)
mixed_text = st.lists(_piece, max_size=6).map("".join)
formula_text = st.tuples(st.sampled_from(FORMULAS), st.sampled_from(["", "项目", " ᠮᠣᠩᠭᠣᠯ"])).map("".join)
_LONG_PIECES = ["长", "ᠮ", "😀", "a", "ع", "👩‍👩‍👧‍👦"]


def long_text(beyond):
    """Text longer than `beyond` characters (Python's count; a grapheme may be several)."""
    return st.tuples(st.sampled_from(_LONG_PIECES), st.integers(1, 40)).map(
        lambda t: t[0] * (beyond // len(t[0]) + t[1])
    )


def text(max_length=None):
    """Anything a user might paste: mixed scripts, controls, emoji, formulas, or more than `max_length`
    (5,000 characters for a field without a limit)."""
    return st.one_of(mixed_text, formula_text, long_text(max_length or 5000))


# True about three times in four: pick the valid value, or now and then a hostile one. A form then gets
# all-valid data often enough to save it, and one or two hostile fields at a time, so that each field's
# refusal is exercised on its own.
mostly = st.sampled_from([True, True, True, False])


def valid_or(valid, hostile):
    return mostly.flatmap(lambda ok: st.just(valid) if ok else hostile)


def text_or(valid, max_length=None):
    return valid_or(valid, text(max_length))


# -- numbers ---------------------------------------------------------------------------------------------------
NUMBER_WORDS = [
    "",
    "NaN",
    "sNaN",
    "-Infinity",
    "inf",
    "1e400",
    "-1e-400",
    "1E+50",
    "-0",
    "٣",
    "²",
    "１２",
    "1_000",
    "0x1A",
    " 7 ",
    "1,5",
    "三",
    "9" * 40,
    "\x00",
]
numbers = st.one_of(
    st.integers(-(10**20), 10**20).map(str),
    st.integers(-5, 120).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(repr),
    st.sampled_from(NUMBER_WORDS),
)

# -- dates -----------------------------------------------------------------------------------------------------
MALFORMED_DATES = [
    "2026-02-30",
    "31/12/2026",
    "",
    "9999-99-99",
    "0000-00-00",
    "2026-13-01",
    "1899-12-31",
    "2026-03-01T10:00",
    "٢٠٢٦-٠٣-٠١",
    "2026-03-01\x00",
    "明天",
    "-2026-01-01",
]
# Valid dates for the valid branch: something that happened (forms refuse a future meeting, payment...) and
# something due.
A_MONTH_AGO = (datetime.date.today() - datetime.timedelta(days=30)).isoformat()
IN_A_MONTH = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
EDGE_DATES = ["9999-12-31", "9999-01-01", "0001-01-01", "1900-01-01", "2099-12-31"]
dates = st.one_of(
    st.sampled_from(EDGE_DATES),  # where date arithmetic (due dates, periods, calendars) overflows
    st.sampled_from(MALFORMED_DATES),
    st.dates(datetime.date(2010, 1, 1), datetime.date(2035, 12, 31)).map(datetime.date.isoformat),
    st.dates(datetime.date(1, 1, 1), datetime.date(9999, 12, 31)).map(datetime.date.isoformat),
)

# -- choices and references ------------------------------------------------------------------------------------


def choice(valid, junk=("", "boss", "0", "\x00", "ᠮᠣᠩᠭᠣᠯ", "-1")):
    """A valid choice (about three times in four) or something that is not one."""
    return mostly.flatmap(lambda ok: st.sampled_from(list(valid) if ok else list(junk)))


def reference(pks):
    """The primary key of a row the form offers, or one it does not (unknown, not a number, overflowing)."""
    return st.one_of(
        st.sampled_from([str(pk) for pk in pks] or ["1"]),
        st.sampled_from(["", "0", "-1", "999999999", "99999999999999999999", "abc", "1.5", "\x00", "٣", "²"]),
    )


def references(pks):
    return st.lists(reference(pks), max_size=4)


# -- uploads ---------------------------------------------------------------------------------------------------
UPLOAD_LIMIT = 4096  # the tests lower UPLOAD_MAX_BYTES to this; an oversized file is a few bytes more
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00PE\x00\x00"


def _docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@dataclass(frozen=True)
class Upload:
    name: str
    content: bytes
    acceptable: bool  # a document form must take this file (and only such files)

    def file(self):
        """A fresh uploaded file (the test client reads it when posting)."""
        return SimpleUploadedFile(self.name, self.content)


_good = [("章程.pdf", PDF), ("现场照片.png", PNG), ("scan.JPG", JPEG), ("方案.docx", _docx())]
_bad = [
    ("photo.pdf", PNG),  # a PNG named .pdf
    ("setup.pdf", EXE),  # a program named .pdf
    ("setup.exe", EXE),
    ("报告.pdf.exe", PDF),
    ("\u202efdp.exe", EXE),  # shown as "exe.pdf" by a right-to-left override
    ("table.xlsx", b"PK\x03\x04 not a zip"),
    ("empty.pdf", b""),
    ("no-extension", PDF),
]
uploads = st.one_of(
    st.sampled_from(_good).map(lambda f: Upload(f[0], f[1], True)),
    st.sampled_from(_bad).map(lambda f: Upload(f[0], f[1], False)),
    # oversized: a real PDF a little beyond the limit
    st.integers(1, 2000).map(lambda n: Upload("大文件.pdf", PDF + b"0" * (UPLOAD_LIMIT - len(PDF) + n), False)),
    # odd names on a real PDF: controls, emoji, Mongolian, a name far too long
    st.tuples(st.sampled_from(["\x01", "😀", "ᠮᠣᠩᠭᠣᠯ", "\u200f", "长" * 300]), st.just(PDF)).map(
        lambda f: Upload(f"申请书{f[0]}.pdf", f[1], True)
    ),
)


# -- running and checking --------------------------------------------------------------------------------------
WITNESS = "乌兰木伦镇幸福路8号"  # a valid value typed next to the hostile ones: it must survive a re-render


def logged_in(user):
    """A client of its own for `user` (a test may hold several, one per role)."""
    client = Client()
    client.force_login(user)
    return client


@contextmanager
def each_example():
    """Run one generated example in a savepoint and roll it back: every example starts from the fixtures, and
    from an empty cache (an example is a visitor of its own, not one more post from the last one)."""
    caches["default"].clear()
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


class _Fields(HTMLParser):
    def __init__(self):
        super().__init__()
        self.values = {}
        self._select = self._textarea = None
        self._text = []

    def _add(self, name, value):
        self.values.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._add(a["name"], a.get("value", "on"))
            elif kind not in ("submit", "file", "button"):
                self._add(a["name"], a.get("value", ""))
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self._add(self._select, a.get("value", ""))
        elif tag == "textarea":
            self._textarea, self._text = a.get("name"), []

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            value = "".join(self._text)
            self._add(self._textarea, value[1:] if value.startswith("\n") else value)
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)


def rendered_fields(response):
    """The value(s) each form field shows on the page: {name: [value, ...]}."""
    parser = _Fields()
    parser.feed(response.content.decode())
    return parser.values


def assert_kept(response, **typed):
    """On a re-rendered page, every named field still shows what the user typed (a list: every ticked value).
    Text of white space only is blank whatever its characters (the form templates collapse white space
    between tags), so it is not compared."""
    assert response.status_code == 200
    shown = rendered_fields(response)
    for name, value in typed.items():
        if isinstance(value, list | tuple):
            assert set(value) <= set(shown.get(name, [])), (name, value, shown.get(name))
        elif value.strip():
            assert value in shown.get(name, []), (name, value, shown.get(name))


def assert_valid(rows, exclude=()):
    """Every stored row passes its model's own rules (field limits, choices, validators, clean())."""
    for row in rows:
        # A protected state field is set only by its transitions; full_clean may not write it back.
        protected = [f for f in row._meta.concrete_fields if getattr(f, "protected", False)]
        for field in protected:
            assert getattr(row, field.attname) in {value for value, _label in field.choices}
        # A nullable column the services fill in (created_by, decided_at...) may be empty whatever `blank` says.
        unset = [f.name for f in row._meta.concrete_fields if f.null and getattr(row, f.attname) is None]
        row.full_clean(exclude=[*exclude, *(f.name for f in protected), *unset])


def assert_no_formula(content):
    """No cell of an exported workbook is a formula or text that a spreadsheet would run as one."""
    book = load_workbook(io.BytesIO(content))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                assert not (isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS)), (
                    sheet.title,
                    cell.coordinate,
                    cell.value,
                )
