"""Form parts every app uses."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.http import Http404


class SignInForm(AuthenticationForm):
    """Django's sign-in form sets the username's length limit on the input only; here a longer username is
    refused before it reaches the backends (the record of failed attempts cannot hold it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))


def row_named(queryset, value):
    """The row of `queryset` whose primary key a request parameter gives; 404 for anything else a client
    may send (an unknown key, text, an overflowing number)."""
    try:
        return forms.ModelChoiceField(queryset).clean(value)
    except ValidationError as error:
        raise Http404 from error
