"""Helpers of the party pages."""

from django.shortcuts import render

from incubator.roles import Role, require_role


def party_staff_only(user):
    require_role(user, Role.PARTY_STAFF)


def form_page(request, form, title, submit, intro=""):
    return render(
        request,
        "partybuild/form.html",
        {"form": form, "page_title": title, "submit_label": submit, "intro": intro},
    )
