"""axe-core in Chromium on the pages a role's crawl reached, served by the test client; and what the content
security policy refused on them, or a script error.

The test client fetches each page on the test database, in the test's transaction, and the browser is served
those pages through a route: the audit needs no live server and runs on SQLite as on PostgreSQL."""

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.staticfiles import finders

from .crawler import shape

BASE = "http://testserver"
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}
# WCAG 2.2 A and AA, with the rules of the 2.2 target size among them.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
BLOCKING = {"critical", "serious"}
# The main action of a page (a primary button) is a thumb's width high on a phone.
PRIMARY_ACTIONS_TOO_SMALL = """() => [...document.querySelectorAll('.btn-primary, .btn-success, .btn-danger')]
  .filter(el => el.offsetParent !== null)
  .map(el => [el, el.getBoundingClientRect()])
  .filter(([el, box]) => box.height < 44 || box.width < 44)
  .map(([el, box]) => `${el.textContent.trim().slice(0, 20)} ${Math.round(box.width)}×${Math.round(box.height)}`)"""


def _refused(message):
    return message.type == "error" and "Content Security Policy" in message.text


def representatives(urls):
    """One page of each shape (the same page for other records or other filters looks the same to axe)."""
    chosen = {}
    for url in urls:
        chosen.setdefault(shape(urlsplit(url).path), url)
    return sorted(chosen.values())


def fetch(client, urls):
    """Each page as the test client answers it (following redirects), before the browser starts: the browser's
    event loop must not run while the ORM works in this thread (its requests would use another connection that
    does not see the test's transaction)."""
    pages = {}
    for url in urls:
        response = client.get(url, follow=True)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue  # downloads and refusals are not pages; the crawl reports refusals
        body = response.content
        headers = {key: value for key, value in response.items() if key.lower() != "content-length"}
        pages[url] = (response.status_code, headers, body)
    return pages


def serve(pages):
    """A Playwright route handler that answers the browser with the fetched pages and the static files."""

    def handle(route, request):
        parts = urlsplit(request.url)
        if parts.netloc != "testserver":
            return route.abort()
        if parts.path.startswith("/static/"):
            found = finders.find(parts.path.removeprefix("/static/"))
            return route.fulfill(path=found) if found else route.fulfill(status=404, body="")
        if (public := settings.WHITENOISE_ROOT / parts.path.lstrip("/")).is_file():
            return route.fulfill(path=public)
        url = parts.path + ("?" + parts.query if parts.query else "")
        if request.method != "GET" or url not in pages:
            return route.fulfill(status=404, body="")
        status, headers, body = pages[url]
        return route.fulfill(status=status, headers=headers, body=body)

    return handle


@dataclass
class Audit:
    browser: object
    pages: dict
    audited: int = 0
    findings: list = field(default_factory=list)

    def run(self):
        axe = Axe()
        for width, viewport in WIDTHS.items():
            context = self.browser.new_context(locale="zh-CN", viewport=viewport, base_url=BASE)
            context.route("**/*", serve(self.pages))
            page = context.new_page()
            # What the content security policy refused, and scripts that failed: a page that is not as built.
            broken = []
            page.on(
                "console", lambda message, broken=broken: broken.append(message.text) if _refused(message) else None
            )
            page.on("pageerror", lambda error, broken=broken: broken.append(f"script error: {error}"))
            for url in self.pages:
                broken.clear()
                page.goto(BASE + url, wait_until="load")
                result = axe.run(page, options=AXE_OPTIONS).response
                self.audited += 1
                for violation in result["violations"]:
                    if violation["impact"] in BLOCKING:
                        targets = [" ".join(node["target"]) for node in violation["nodes"][:3]]
                        first = violation["nodes"][0]
                        why = next((check["message"] for check in first["any"] + first["all"]), "")
                        self.findings.append(
                            (url, width, f"{violation['id']} ({violation['impact']}): {targets} {why}")
                        )
                self.findings += [(url, width, text[:200]) for text in broken]
                if width == "phone":
                    for small in page.evaluate(PRIMARY_ACTIONS_TOO_SMALL):
                        self.findings.append((url, width, f"primary action under 44 px: {small}"))
            context.close()
        return self

    def report(self):
        pages = {}
        for url, width, finding in self.findings:
            pages.setdefault(re.sub(r"(?<![×\d])\d+(?![×\d])", "N", finding), set()).add(f"{url} @{width}")
        return "\n".join(
            f"{finding}\n    at {', '.join(sorted(where)[:3])}{' …' if len(where) > 3 else ''}"
            for finding, where in pages.items()
        )
