from django import forms
from django.utils.translation import gettext_lazy as _


class AccountSearchForm(forms.Form):
    q = forms.CharField(label=_("Login, name or phone"), max_length=50, required=False)
