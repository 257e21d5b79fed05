"""The crawl's own checks: what it reads on a page and what it reports."""

from tests.crawl.crawler import Page, normalise, read_text_findings, same_site

CODES = {"charity", "in_shell"}


def page(html):
    parsed = Page()
    parsed.feed(html)
    return parsed


def findings(html):
    return read_text_findings(page(html).texts, CODES)


def test_debug_text_raw_codes_and_english_are_found():
    found = findings(
        "<p>已抽取 — seed=2014-03-21 pool=8 panel=[22, 35, 28]</p><td>None</td>"
        "<dd>5 名专家 · charity</dd><span>Not Found</span>"
    )
    assert any("'seed=2'" in f for f in found)
    assert any("'None'" in f and f.startswith("debug text") for f in found)
    assert "raw choice code ['charity'] in '5 名专家 · charity'" in found
    assert "English ['Found', 'Not'] in 'Not Found'" in found


def test_formats_codes_addresses_other_languages_and_hidden_text_are_not_english():
    assert (
        findings(
            "<title>导出 Excel</title><p>PDF、Word、Excel、JPEG 或 PNG，最大 10 MB。</p>"
            "<p>统一社会信用代码 52150627MJ0000000X · staff@example.org · 报表.xlsx</p>"
            '<code>random.Random("2014").sample(ids, 5)</code>'
            '<button lang="en">English</button><script>var hidden = "words";</script><style>.x{}</style>'
        )
        == []
    )


def test_links_and_get_forms_with_their_default_values():
    parsed = page(
        '<a href="/orgs/?b=2&a=1#top">x</a><a href="mailto:a@b.cn">m</a><a href="https://example.org/">e</a>'
        '<form action="/orgs/staff/organizations/"><input name="q" value="">'
        '<select name="stage"><option value="">全部</option><option value="in_shell" selected>入壳</option></select>'
        '<input type="checkbox" name="overdue" value="1"><input type="checkbox" name="mine" value="1" checked>'
        '<button name="go" value="1">筛选</button></form>'
        '<form method="post" action="/accounts/logout/"><button>退出</button></form>'
    )
    links = [same_site("/", href) for href in parsed.links]
    assert links == ["/orgs/?a=1&b=2", None, None]
    assert list(parsed.get_forms()) == [("/orgs/staff/organizations/", "q=&mine=1&stage=in_shell&go=1")]
    assert normalise("/x/?stage=&q=%E4%B8%AD") == "/x/?q=%E4%B8%AD&stage="
