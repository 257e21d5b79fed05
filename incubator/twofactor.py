"""The second factor at sign-in (django-otp): a code from a phone app (TOTP), or one of ten recovery codes.

Park staff, party-building staff and superusers must have one while REQUIRE_TWO_FACTOR is on (the default):
signed in with the password only, every page sends them to set it up, or to type a code if they have. Anyone else
may turn it on, and is then asked for a code at each sign-in too. The administration shares this sign-in."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device

# The pages an account waiting for its second factor may still open: these two, signing out, the language.
OPEN_BEFORE_SECOND_FACTOR = {"two_factor_setup", "two_factor_verify", "logout", "set_language", "healthz"}


def must_use_second_factor(user):
    return settings.REQUIRE_TWO_FACTOR and (user.is_superuser or user.is_park_staff or user.is_party_staff)


def _url_name(request):
    try:
        return resolve(request.path_info).url_name
    except Resolver404:
        return None


class SecondFactorMiddleware:
    """After django-otp's OTPMiddleware: a signed-in account that owes its second factor reaches only the pages
    that let it give one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and _url_name(request) not in OPEN_BEFORE_SECOND_FACTOR:
            if user_has_device(user):
                return redirect(f"{reverse('two_factor_verify')}?{urlencode({'next': request.get_full_path()})}")
            if must_use_second_factor(user):
                return redirect(f"{reverse('two_factor_setup')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())
