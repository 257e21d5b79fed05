"""Public pages for anyone, signed in or not: the directory of incubated and resident organizations (only those
that agreed to be listed, and only what they agreed to publish: name, field, site and services)."""

from django.core.paginator import Paginator
from django.shortcuts import render

from ..forms import DirectoryFilter
from ..selectors import directory_entries


def directory(request):
    form = DirectoryFilter(request.GET or None)
    criteria = form.cleaned_data if form.is_valid() else {}
    entries = directory_entries(criteria.get("q", "").strip(), criteria.get("category", ""), criteria.get("site"))
    page = Paginator(entries, 30).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "orgs/directory.html", {"form": form, "page": page, "query": query.urlencode()})
