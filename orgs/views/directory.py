"""Public pages for anyone, signed in or not: the directory of incubated and resident organizations (only those
that agreed to be listed, and only what they agreed to publish: name, field, site and services)."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from incubator.models import Site

from ..models import Category
from ..selectors import directory as listed_organizations


class DirectoryFilter(forms.Form):
    q = forms.CharField(label=_("Search by name or service"), required=False, max_length=50)
    category = forms.ChoiceField(label=_("Field of work"), required=False)
    site = forms.ModelChoiceField(
        label=_("Incubated at"),
        queryset=Site.objects.filter(is_active=True).order_by("order", "id"),
        required=False,
        empty_label=_("All sites"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("All fields"))] + list(Category.choices)
        for name, field in self.fields.items():
            field.widget.attrs["class"] = (
                "form-control form-control-sm" if name == "q" else "form-select form-select-sm"
            )


def directory_entries(q="", category="", site=None):
    """Listed organizations the park has taken in (admitted to the shell or as residents)."""
    qs = (
        listed_organizations()
        .filter(incubation__admitted_on__isnull=False)
        .only("name", "short_name", "category", "services", "site__name")
        .order_by("site__order", "name")
    )
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(short_name__icontains=q) | Q(services__icontains=q))
    if category:
        qs = qs.filter(category=category)
    if site:
        qs = qs.filter(site=site)
    return qs


def directory(request):
    form = DirectoryFilter(request.GET or None)
    criteria = form.cleaned_data if form.is_valid() else {}
    entries = directory_entries(criteria.get("q", "").strip(), criteria.get("category", ""), criteria.get("site"))
    page = Paginator(entries, 30).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "orgs/directory.html", {"form": form, "page": page, "query": query.urlencode()})
