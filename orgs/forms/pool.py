"""Forms of the expert pool and its draws: drawing a panel, leaving it, the pledge, signed scans, suspension and
the expert's own profile."""

from django import forms
from django.utils.translation import gettext_lazy as _

from incubator.files import DOCUMENT_KINDS, check_upload

from ..models import Expertise, Organization, SignedSheet


class DrawForm(forms.Form):
    panel_size = forms.IntegerField(label=_("Experts on the panel"), min_value=1, max_value=15, initial=5)
    reserve_count = forms.IntegerField(label=_("Reserves"), min_value=0, max_value=10, initial=2)
    fields = forms.MultipleChoiceField(
        label=_("From these fields (any expert if none ticked)"),
        choices=Expertise.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    witnesses = forms.CharField(
        label=_("Witnesses present (one name per line)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


class LeaveForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=500)
    conflict = forms.BooleanField(label=_("It is a conflict of interest (回避)"), required=False)


class PledgeTextForm(forms.Form):
    pledge_text = forms.CharField(label=_("Integrity pledge (承诺书)"), widget=forms.Textarea(attrs={"rows": 6}))


class SheetForm(forms.Form):
    kind = forms.ChoiceField(label=_("Signed sheet"), choices=SignedSheet.Kind.choices)
    file = forms.FileField(label=_("Scan (PDF or image)"))

    def clean_file(self):
        check_upload(self.cleaned_data["file"], DOCUMENT_KINDS)
        return self.cleaned_data["file"]


class SuspendForm(forms.Form):
    reason = forms.CharField(label=_("Reason for suspension"), widget=forms.Textarea(attrs={"rows": 2}), max_length=500)


class ExpertProfileForm(forms.Form):
    """The expert's own edit; it waits for staff approval."""

    affiliation = forms.CharField(label=_("Affiliation (organization, employer)"), max_length=100, required=False)
    title = forms.CharField(label=_("Professional title"), max_length=60, required=False)
    fields = forms.MultipleChoiceField(
        label=_("Fields of expertise"), choices=Expertise.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    tied_organizations = forms.ModelMultipleChoiceField(
        label=_("Organizations you hold a role in, advise, or where a close relative works"),
        queryset=Organization.objects.order_by("name"),
        required=False,
    )
    relatives = forms.CharField(
        label=_("Close relatives and where they work or serve"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    available = forms.BooleanField(label=_("Available for panels"), required=False)

    def change(self):
        data = dict(self.cleaned_data)
        data["tied_organizations"] = [o.pk for o in data["tied_organizations"]]
        return data
