"""Helpers of the party pages."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from ..permissions import is_party_staff


def party_staff_only(user):
    if not is_party_staff(user):
        raise PermissionDenied


def form_page(request, form, title, submit, intro=""):
    return render(
        request,
        "partybuild/form.html",
        {"form": form, "page_title": title, "submit_label": submit, "intro": intro},
    )


def apply_errors(form, error):
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)
