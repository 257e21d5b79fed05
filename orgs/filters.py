"""The staff organization list's filters (django-filter); the export uses the same filters."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from incubator.models import Site

from .models import Category, Grade, Stage, Track
from .selectors import overdue_q, reached_q


class OverdueSelect(forms.NullBooleanSelect):
    """All, overdue only, or not overdue: Django's own select offers 未知 / 是 / 否 and starts on 未知."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("unknown", _("All")), ("true", _("Overdue only")), ("false", _("Not overdue"))]


class OrganizationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name or code"), method="filter_q")
    track = django_filters.ChoiceFilter(label=_("Track"), choices=Track.choices)
    stage = django_filters.ChoiceFilter(label=_("Stage"), field_name="incubation__stage", choices=Stage.choices)
    site = django_filters.ModelChoiceFilter(label=_("Site"), queryset=Site.objects.filter(is_active=True))
    category = django_filters.ChoiceFilter(label=_("Field"), choices=Category.choices)
    grade = django_filters.ChoiceFilter(label=_("Evaluation grade"), choices=Grade.choices)
    reached = django_filters.ChoiceFilter(label=_("Reached the stage"), choices=Stage.choices, method="filter_reached")
    applied = django_filters.NumberFilter(
        label=_("Applied in (year)"), field_name="incubation__applied_on", lookup_expr="year", min_value=1990
    )
    overdue = django_filters.BooleanFilter(
        label=pgettext_lazy("organization filter", "Overdue"), method="filter_overdue", widget=OverdueSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            css = "form-select" if hasattr(field, "choices") else "form-control"
            field.widget.attrs["class"] = f"{css} form-select-sm form-control-sm"
            if isinstance(field.widget, forms.Select):
                # The same markup as Django's select without an included template per option and attribute:
                # the list and the board render these seven fields on every request.
                field.widget.template_name = "orgs/widgets/select.html"

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(name__icontains=value) | Q(short_name__icontains=value) | Q(uscc__iexact=value))

    def filter_reached(self, queryset, name, value):
        return queryset.filter(reached_q(value))

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(overdue_q()) if value else queryset.exclude(overdue_q())
