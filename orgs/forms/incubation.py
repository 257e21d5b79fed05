"""The staff organization page: the stage steps, spaces, the services log and government bids."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubator.forms import DateField

from .. import selectors, services
from ..models import GovernmentBid, ServiceEntry, Space


class StageActionForm(forms.Form):
    """One stage step on the organization page, each step with its own form and address (evaluation outcomes
    are decided on the evaluation)."""

    on = DateField(label=_("Date"), initial=timezone.localdate)
    months = forms.IntegerField(
        label=_("Agreement period (months)"), required=False, min_value=1, max_value=60,
        help_text=_("Resident organizations only."),
    )  # fmt: skip
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, step, **kwargs):
        # The steps' forms share the page: the fields keep their names, the ids carry the step.
        kwargs.setdefault("auto_id", f"id_{step}_%s")
        super().__init__(*args, **kwargs)
        self.step = step
        if step != "admit_resident":
            del self.fields["months"]

    def clean(self):
        cleaned = super().clean()
        if self.step == "admit_resident" and not cleaned.get("months"):
            self.add_error("months", _("Give the agreement period in months."))
        if services.ACTIONS[self.step][1] and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Give the reason; the organization is told why."))
        return cleaned


class AllocateSpaceForm(forms.Form):
    space = forms.ModelChoiceField(label=_("Free space or equipment"), queryset=Space.objects.none())
    on = DateField(label=_("From"), initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), required=False, max_length=200)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["space"].queryset = selectors.free_spaces(organization.site)


class ServiceEntryForm(forms.ModelForm):
    class Meta:
        model = ServiceEntry
        fields = ["kind", "on", "hours", "notes"]
        field_classes = {"on": DateField}
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class GovernmentBidForm(forms.ModelForm):
    class Meta:
        model = GovernmentBid
        fields = ["purchaser", "project", "amount", "submitted_on", "result", "notes"]
        field_classes = {"submitted_on": DateField}
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}
