"""Form parts every app uses."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from .signin import address_throttled

# The years a typed date may fall in: periods, due dates and calendar entries are computed from it, and a date
# in year 1 or 9999 leaves no room to add a month or a day.
EARLIEST_DATE, LATEST_DATE = datetime.date(1900, 1, 1), datetime.date(2099, 12, 31)


def validate_date_in_range(value):
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s."),
            code="date_range",
            params={"earliest": EARLIEST_DATE.isoformat(), "latest": LATEST_DATE.isoformat()},
        )


class DateField(forms.DateField):
    """A date typed into a form: in a browser's date picker, which takes only ISO dates (in the Chinese
    locale's 2026/03/01 it would show empty), and between 1900 and 2099."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    default_validators = [validate_date_in_range]


class SignInForm(AuthenticationForm):
    """Django's sign-in form sets the username's length limit on the input only; here a longer username is
    refused before it reaches the backends (the record of failed attempts cannot hold it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))

    def clean(self):
        """An address that has failed too many sign-ins, whatever the usernames, waits before it may try again."""
        if address_throttled(self.request):
            raise ValidationError(
                _("Too many failed sign-ins from your network. Wait ten minutes, then try again."), code="throttled"
            )
        try:
            return super().clean()
        except ValidationError:
            address_throttled(self.request, failed=True)
            raise


def row_named(queryset, value):
    """The row of `queryset` whose primary key a request parameter gives; 404 for anything else a client
    may send (an unknown key, text, an overflowing number)."""
    try:
        return forms.ModelChoiceField(queryset).clean(value)
    except ValidationError as error:
        raise Http404 from error


def apply_errors(form, error):
    """Show a service's refusal (a ValidationError) on the form: on the field it names, else above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def run_command(request, form, action, *, done, again, success=""):
    """The one way a command typed into a form runs, in every app: once the form is valid, `action(data)` calls
    the service; done, the `success` message and `done` (a response, or a function of what the service returned);
    refused by the form or by the service (its reasons put on the form), `again()`: the page the command came
    from, with what was typed and why."""
    if form.is_valid():
        try:
            result = action(form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if success:
                messages.success(request, success)
            return done(result) if callable(done) else done
    return again()
