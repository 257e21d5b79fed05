"""The applicant's forms: registering an account, the organization's details, the application, documents."""

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from incubator.files import DOCUMENT_KINDS, check_upload
from incubator.models import User

from .. import selectors
from ..models import Application, Need, Organization, OrganizationDocument
from ..validators import normalize_uscc


class ApplicantRegistrationForm(forms.ModelForm):
    """One page on a phone: who you are, then the organization you speak for."""

    username = forms.RegexField(
        label=_("Username"),
        max_length=30,
        regex=r"^[\w.@+-]+$",
        help_text=_("Letters, digits and @ . + - _ only; used to sign in."),
        error_messages={"invalid": _("Use only letters, digits and @ . + - _ in the username.")},
    )
    full_name = forms.CharField(label=_("Your full name"), max_length=60)
    phone = forms.RegexField(
        label=_("Mobile phone"),
        regex=r"^1\d{10}$",
        max_length=11,
        error_messages={"invalid": _("Enter an 11-digit mainland mobile number, e.g. 13800000000.")},
    )
    email = forms.EmailField(label=_("Email"), required=False)
    position = forms.CharField(label=_("Your position in the organization"), max_length=60, required=False)
    password1 = forms.CharField(label=_("Password"), strip=False, widget=forms.PasswordInput(render_value=True))
    password2 = forms.CharField(label=_("Password again"), strip=False, widget=forms.PasswordInput(render_value=True))

    class Meta:
        model = Organization
        fields = [
            "name",
            "registration_type",
            "uscc",
            "category",
            "site",
            "address",
            "person_in_charge",
            "contact_phone",
            "services",
        ]
        widgets = {"services": forms.Textarea(attrs={"rows": 3})}

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is taken; please choose another."))
        return username

    def clean_uscc(self):
        return normalize_uscc(self.cleaned_data.get("uscc"))

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            probe = User(username=cleaned.get("username") or "", full_name=cleaned.get("full_name") or "")
            try:
                password_validation.validate_password(p1, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class OrganizationProfileForm(forms.ModelForm):
    """What an applicant keeps up to date about its own organization (staff change the rest)."""

    class Meta:
        model = Organization
        fields = [
            "short_name",
            "address",
            "contact_name",
            "contact_phone",
            "contact_email",
            "staff_count",
            "volunteer_count",
            "services",
            "beneficiaries",
            "publish_in_directory",
        ]
        widgets = {"services": forms.Textarea(attrs={"rows": 3}), "beneficiaries": forms.Textarea(attrs={"rows": 2})}


class ApplicationForm(forms.ModelForm):
    needs = forms.MultipleChoiceField(
        label=_("What do you need from the park?"),
        choices=Need.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Application
        fields = ["call", "track", "project_title", "project_description", "team", "team_size", "needs", "needs_detail"]
        widgets = {
            "project_description": forms.Textarea(attrs={"rows": 4}),
            "team": forms.Textarea(attrs={"rows": 3}),
            "needs_detail": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, submitting=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["call"].queryset = selectors.open_calls()
        self.submitting = submitting
        self.fields["team_size"].required = False

    def clean_team_size(self):
        return self.cleaned_data.get("team_size") or 0

    def clean(self):
        cleaned = super().clean()
        if self.submitting:
            # A draft may be incomplete; a submitted application may not.
            for name in ("project_description", "team"):
                if not cleaned.get(name):
                    self.add_error(name, _("Needed before you submit."))
            if not cleaned.get("team_size"):
                self.add_error("team_size", _("Give the number of core team members before you submit."))
        return cleaned


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=OrganizationDocument.Kind.choices)
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, Word, Excel, JPEG or PNG; at most %(mb)s MB.") % {"mb": 10}
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload(upload, DOCUMENT_KINDS)
        return upload
