from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from incubator.models import User

from .models import Organization
from .validators import normalize_uscc


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
