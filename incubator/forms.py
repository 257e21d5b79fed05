"""Form parts every app uses."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404


def row_named(queryset, value):
    """The row of `queryset` whose primary key a request parameter gives; 404 for anything else a client
    may send (an unknown key, text, an overflowing number)."""
    try:
        return forms.ModelChoiceField(queryset).clean(value)
    except ValidationError as error:
        raise Http404 from error
