"""The staff workbench: importing the register, applicant accounts, the responsible staff member, calls."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubator.files import check_upload
from incubator.forms import DateField
from incubator.models import User

from .. import selectors
from ..models import RecruitmentCall, Track


class RegisterImportForm(forms.Form):
    """An existing register (Excel) for the import job; the headings are the register's Chinese ones."""

    file = forms.FileField(label=_("Register (Excel .xlsx)"))
    check_only = forms.BooleanField(
        label=_("Only check the file, write nothing"),
        required=False,
        help_text=_("The report lists every row that would be new, updated or wrong."),
    )

    def clean_file(self):
        f = self.cleaned_data["file"]
        check_upload(f, kinds=("xlsx",))
        return f


class MembershipDecisionForm(forms.Form):
    """Staff confirm an applicant account, or decline it with the reason the applicant is told; each button
    posts the same form to its own address."""

    # A decline needs its reason: orgs.services.decline_membership says so, onto this field.
    reason = forms.CharField(label=_("Reason (when declining)"), required=False, max_length=500)


class ResponsibleStaffForm(forms.Form):
    """The staff member who follows the organization: stage reminders go to them rather than to all staff."""

    staff = forms.ModelChoiceField(
        label=_("Responsible staff member"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Nobody (all park staff are reminded)"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = selectors.park_staff_members()


class RecruitmentCallForm(forms.ModelForm):
    """A recruitment call (招募公告): who is recruited, where, when, and what to bring."""

    tracks = forms.MultipleChoiceField(
        label=_("Tracks recruited"), choices=Track.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = RecruitmentCall
        fields = ["title", "tracks", "sites", "opens_on", "closes_on", "body", "materials", "published"]
        field_classes = {"opens_on": DateField, "closes_on": DateField}
        widgets = {
            "sites": forms.CheckboxSelectMultiple,
            "body": forms.Textarea(attrs={"rows": 8}),
            "materials": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sites"].queryset = selectors.active_sites()
        self.fields["opens_on"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The call cannot close before it opens."))
        return data
