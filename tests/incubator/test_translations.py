"""zh-hans is the default language and must be complete: every string the code and templates mark for
translation has a Chinese translation, in the catalog of the part of the project it belongs to."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIP = shutil.ignore_patterns(".venv", "var", "static", ".git", "tests", "__pycache__", "*.mo", "db.sqlite3")


def untranslated(po_text):
    entries = po_text.split("\n\n")[1:]  # the first entry is the header
    missing = []
    for entry in entries:
        if "#, fuzzy" in entry:
            missing.append(entry)
            continue
        msgstr = entry.split("\nmsgstr", 1)[-1] if "\nmsgstr" in entry else ""
        if re.fullmatch(r'(\[\d+\])? ""\s*', msgstr):
            missing.append(entry)
    return missing


def test_every_marked_string_has_a_chinese_translation(tmp_path):
    """Extract the strings afresh from a copy of the sources, so a new string without translation fails."""
    copy = tmp_path / "src"
    shutil.copytree(ROOT, copy, ignore=SKIP)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "incubator.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path}/x.db",
        "PARK_VAR_DIR": str(tmp_path / "var"),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--no-location", "--no-obsolete"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    catalogs = sorted(copy.glob("**/locale/zh_Hans/LC_MESSAGES/django.po"))
    assert catalogs
    problems = {
        str(po.relative_to(copy)): [e.split("msgid", 1)[-1][:80] for e in untranslated(po.read_text("utf-8"))]
        for po in catalogs
    }
    assert {k: v for k, v in problems.items() if v} == {}


def test_compiled_catalogs_are_up_to_date(tmp_path):
    """The committed .mo files are what compilemessages makes of the .po files (`make messages`)."""
    for po in ROOT.glob("*/locale/zh_Hans/LC_MESSAGES/django.po"):
        fresh = tmp_path / "fresh.mo"
        subprocess.run(["msgfmt", "--check-format", "-o", fresh, po], check=True)
        assert po.with_suffix(".mo").read_bytes() == fresh.read_bytes(), f"run `make messages` for {po}"


def test_a_chinese_gloss_in_the_source_is_not_said_twice_in_the_translation():
    """The source "Integrity pledge (承诺书)" reads 廉洁承诺书, not 廉洁承诺书（承诺书）: the gloss helps the translator once."""
    repeated = []
    for po in ROOT.glob("*/locale/zh_Hans/LC_MESSAGES/django.po"):
        text = po.read_text("utf-8").replace('"\n"', "")  # a wrapped string on one line
        for msgid, msgstr in re.findall(r'\nmsgid "(.*?)"\nmsgstr "(.*?)"\n', text):
            for gloss in re.findall(r"\(([^)]*[\u4e00-\u9fff][^)]*)\)", msgid):
                if msgstr.count(gloss) > 1:
                    repeated.append(f"{po.parent.parent.parent.parent.name}: {msgstr}")
    assert repeated == []
