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
