"""A breadth-first crawl of the portal as one role sees it, with the test client.

From the home page it follows every same-site link and submits every GET form with its default values, and
reports what a user should never meet: a server error, a link to a page that does not exist for them, debug
text, and English words in the Chinese interface."""

import re
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from django.db import models

# Pages a crawl does not open: signing out ends the role's session, a language switch leaves the Chinese
# interface, and the administration beyond its index is Django's own. (What starts a job, an export or an
# import, is a POST: a crawl only reads.)
SKIPPED = (
    re.compile(r"^/accounts/logout/"),
    re.compile(r"^/i18n/"),
    re.compile(r"^/admin/.+"),
)
# A role sees at most this many pages; the same page for different records (digits in the path) at most
# PER_SHAPE times, and the same page with other values of the same query parameters at most PER_QUERY times.
MAX_PAGES = 1500
PER_SHAPE = 150
PER_QUERY = 10
LOGIN = "/accounts/login/"

# Latin words that belong in the Chinese interface: names of file formats, products, codes and keys.
ALLOWED_WORDS = {"excel", "word", "pdf", "jpeg", "png", "python", "ctrl"}
DEBUG_PATTERNS = (
    re.compile(r"\b(seed|pool|panel)=\S"),
    re.compile(r"Traceback \(most recent call last\)"),
    re.compile(r"<(?:[a-z_.]+\.)?[A-Z]\w+ object(?: \(\d+\))?>"),
    re.compile(r"\b(?:None|True|False)\b"),
    re.compile(r"\{[{%]|[}%]\}"),
)
PORTAL_APPS = {"incubator", "orgs", "venture", "partybuild"}
CODE = r"[a-z][a-z_]+[a-z]"
# A word of three Latin letters or more (a code may have underscores), not part of a code, number or address.
LATIN_WORD = re.compile(r"(?<![A-Za-z0-9_@./-])[A-Za-z][A-Za-z_]+[A-Za-z](?![A-Za-z0-9_@/-])")
ADDRESS = re.compile(r"\S+@\S+\.\w+|https?://\S+|\b[\w-]+\.(?:xlsx|pdf|ics|csv|docx?|png|jpe?g)\b")


def choice_codes():
    """Codes of the portal's choices that are words (e.g. `charity`): shown raw, they are debug text."""
    codes, kinds = set(), [models.Choices]
    while kinds:
        kind = kinds.pop()
        kinds += kind.__subclasses__()
        if kind.__module__.split(".")[0] in PORTAL_APPS:
            codes |= {value for value in kind.values if isinstance(value, str) and re.fullmatch(CODE, value)}
    return codes


@dataclass
class Form:
    action: str
    method: str
    fields: list = field(default_factory=list)
    submit: tuple | None = None
    selects: dict = field(default_factory=dict)


class Page(HTMLParser):
    """Links, GET forms and the visible text of a page."""

    INVISIBLE = {"script", "style", "template"}
    # Code as typed (a formula to repeat a draw, say) is not words of the interface.
    CODE = {"code", "kbd", "samp"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self.forms = []
        self.texts = []
        self._hidden = 0
        self._code = 0
        # Elements marked as another language (the language switch's "English") and still open.
        self._foreign = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        foreign = self._foreign or not (attrs.get("lang") or "zh").lower().startswith("zh")
        if foreign and tag not in self.VOID:
            self._foreign.append(tag)
        if tag in self.INVISIBLE:
            self._hidden += 1
        elif tag in self.CODE:
            self._code += 1
        elif tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self._form = Form(attrs.get("action") or "", (attrs.get("method") or "get").lower())
            self.forms.append(self._form)
        elif self._form is not None and "disabled" not in attrs:
            self._field(tag, attrs)

    def _field(self, tag, attrs):
        name = attrs.get("name")
        kind = (attrs.get("type") or ("submit" if tag == "button" else "text")).lower()
        if tag == "select" and name:
            self._select = name
            self._form.selects[name] = {"multiple": "multiple" in attrs, "first": None, "chosen": []}
        elif tag == "option" and self._select:
            select = self._form.selects[self._select]
            value = attrs.get("value", "")
            if select["first"] is None:
                select["first"] = value
            if "selected" in attrs:
                select["chosen"].append(value)
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag in ("input", "button") and name:
            if kind in ("submit", "image"):
                self._form.submit = self._form.submit or (name, attrs.get("value", ""))
            elif kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._form.fields.append((name, attrs.get("value", "on")))
            elif kind not in ("file", "reset", "button"):
                self._form.fields.append((name, attrs.get("value", "")))

    def handle_endtag(self, tag):
        if self._foreign and self._foreign[-1] == tag:
            self._foreign.pop()
        if tag in self.INVISIBLE:
            self._hidden = max(0, self._hidden - 1)
        elif tag in self.CODE:
            self._code = max(0, self._code - 1)
        elif tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea and self._form is not None:
            self._form.fields.append(tuple(self._textarea))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data
        if not self._hidden and not self._foreign and data.strip():
            self.texts.append((" ".join(data.split()), self._code > 0))

    def get_forms(self):
        """Each GET form as a query string of its default values."""
        for form in self.forms:
            if form.method != "get":
                continue
            values = list(form.fields)
            for name, select in form.selects.items():
                chosen = select["chosen"] or (
                    [] if select["multiple"] or select["first"] is None else [select["first"]]
                )
                values += [(name, value) for value in chosen]
            if form.submit:
                values.append(form.submit)
            yield form.action, urlencode(values)


def normalise(url):
    """The URL with its query parameters in order and without a fragment: each page is opened once."""
    parts = urlsplit(url)
    return parts.path + ("?" + urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True))) if parts.query else "")


def same_site(base, href):
    href = href.strip()
    if href.startswith(("mailto:", "tel:", "javascript:", "data:", "#")):
        return None
    url = urljoin("http://testserver" + base, href)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc != "testserver":
        return None
    return normalise(parts.path + ("?" + parts.query if parts.query else ""))


def shape(path):
    return re.sub(r"\d+", "N", path)


def read_text_findings(texts, codes):
    """Debug text, raw choice codes and English words in the visible text of a page."""
    found = []
    for text, is_code in texts:
        found += [f"debug text {m.group(0)!r} in {text[:120]!r}" for p in DEBUG_PATTERNS if (m := p.search(text))]
        if is_code:
            continue
        words = set(LATIN_WORD.findall(ADDRESS.sub(" ", text)))
        if raw := sorted(word for word in words if word in codes):
            found.append(f"raw choice code {raw} in {text[:120]!r}")
        if english := sorted(word for word in words if word not in codes and word.lower() not in ALLOWED_WORDS):
            found.append(f"English {english} in {text[:120]!r}")
    return found


@dataclass
class Crawl:
    client: object
    codes: set
    signed_in: bool
    # Each page opened, with the same-site links and GET forms on it.
    visited: dict = field(default_factory=dict)
    findings: list = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)

    def run(self, start="/"):
        queue = deque([(normalise(start), "(start)")])
        seen = {normalise(start)}
        kept = Counter()
        while queue and len(self.visited) < MAX_PAGES:
            url, referrer = queue.popleft()
            self.visit(url, referrer)
            for found in self.visited[url]:
                if found in seen or any(pattern.match(found) for pattern in SKIPPED):
                    continue
                seen.add(found)
                # The same page for other records, or with other values of the same filters, finds little new.
                parts = urlsplit(found)
                kind = (shape(parts.path), tuple(sorted({key for key, _v in parse_qsl(parts.query, True)})))
                if kept[kind] >= (PER_QUERY if kind[1] else PER_SHAPE):
                    self.skipped[kind[0]] += 1
                    continue
                kept[kind] += 1
                queue.append((found, url))
        self.skipped["(over the page limit)"] += len(queue)
        return self

    def report(self):
        """Each finding once, with the pages it was found on."""
        pages = {}
        for url, finding in self.findings:
            pages.setdefault(finding, {})[url] = True
        lines = []
        for finding, urls in pages.items():
            more = f" and {len(urls) - 3} more pages" if len(urls) > 3 else ""
            lines.append(f"{finding}\n    at {', '.join(list(urls)[:3])}{more}")
        return "\n".join(lines)

    def visit(self, url, referrer):
        response = self.client.get(url)
        status = response.status_code
        self.visited[url] = []
        where = f"{url} (linked from {referrer})"
        if status >= 500:
            error = getattr(response, "exc_info", None)
            self.findings.append((where, f"{status} {error[1]!r}" if error else str(status)))
            return
        if status in (403, 404):
            self.findings.append((where, f"{status}: a link to a page this role may not open"))
        elif status in (301, 302, 303, 307, 308):
            target = same_site(url, response["Location"])
            if target and urlsplit(target).path == LOGIN and self.signed_in:
                self.findings.append((where, "a link that sends a signed-in user to the login page"))
            elif target:
                self.visited[url].append(target)
            return
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
            response.close()
            return
        if not response.get("Content-Type", "").startswith("text/html"):
            return
        self.read(url, response)

    def read(self, url, response):
        parsed = Page()
        parsed.feed(response.content.decode(response.charset or "utf-8"))
        for text_finding in read_text_findings(parsed.texts, self.codes):
            self.findings.append((url, text_finding))
        if response.status_code != 200:
            return
        links = self.visited[url]
        links += [target for href in parsed.links if (target := same_site(url, href))]
        for action, query in parsed.get_forms():
            if base := same_site(url, action or url):
                links.append(normalise(urlsplit(base).path + ("?" + query if query else "")))
