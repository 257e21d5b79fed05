from django import forms
from django.utils.translation import gettext_lazy as _

from incubator.models import Site

from ..models import Category


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
