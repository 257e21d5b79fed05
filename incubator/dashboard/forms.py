from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from incubator.models import Site


class DashboardFilter(forms.Form):
    site = forms.ModelChoiceField(
        label=gettext_lazy("Site"),
        queryset=Site.objects.filter(is_active=True).order_by("order", "id"),
        required=False,
        empty_label=gettext_lazy("All sites"),
    )
    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].choices = [("", _("All years"))] + [(y, y) for y in range(this_year, 2012, -1)]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"


class ReportYear(forms.Form):
    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].choices = [(y, y) for y in range(this_year, 2012, -1)]
        self.fields["year"].widget.attrs["class"] = "form-select form-select-sm"
