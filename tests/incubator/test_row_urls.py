"""{% row_url %} gives each row the link {% url %} would, reversing the view once per rendering."""

from unittest import mock

from django.template import engines
from django.urls import reverse

ROWS = "{% load row_urls %}{% for pk in ids %}{% row_url 'orgs:organization' pk %} {% endfor %}"


def test_each_row_gets_the_url_reverse_gives():
    ids = [1, 7, 42, 987654321, 1000000]
    html = engines["django"].from_string(ROWS).render({"ids": ids})
    assert html.split() == [reverse("orgs:organization", args=[pk]) for pk in ids]


def test_the_view_is_reversed_once_per_rendering():
    template = engines["django"].from_string(ROWS)
    with mock.patch("incubator.templatetags.row_urls.reverse", wraps=reverse) as spy:
        template.render({"ids": range(50)})
        template.render({"ids": range(50)})
    assert spy.call_count == 2


def test_as_stores_the_url_like_the_url_tag():
    template = engines["django"].from_string(
        "{% load row_urls %}{% row_url 'venture:award' 5 as action %}<form action=\"{{ action }}\">"
    )
    assert template.render({}) == f'<form action="{reverse("venture:award", args=[5])}">'
