"""The content security policy allows no inline style: a style attribute or <style> element that someone
manages to inject into a page cannot restyle it (hide a warning, overlay a form). So no template of the portal
carries one, and the pages' own scripts and styles come from the portal itself."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.I)


def test_the_policy_allows_no_inline_style_or_script():
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert "'unsafe-inline'" not in directives["style-src"]
    assert "'unsafe-inline'" not in directives["script-src"]


def test_no_template_of_the_portal_carries_an_inline_style():
    templates = [
        path for path in ROOT.glob("**/templates/**/*.html") if ".venv" not in path.parts and "var" not in path.parts
    ]
    assert len(templates) > 50
    inline = [str(path.relative_to(ROOT)) for path in templates if INLINE_STYLE.search(path.read_text("utf-8"))]
    assert inline == []


def test_the_policy_is_sent_with_every_page(client, db):
    policy = client.get("/")["Content-Security-Policy"]
    assert "style-src 'self'" in policy and "unsafe-inline" not in policy
