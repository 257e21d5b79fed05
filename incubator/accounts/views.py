from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from . import selectors, services
from .forms import AccountSearchForm


def _park_staff_only(request):
    if not request.user.is_park_staff:
        raise PermissionDenied


@login_required
@require_safe
def reset_links(request):
    """Find the account of someone who called the park; it has no email address to receive a reset link."""
    _park_staff_only(request)
    form = AccountSearchForm(request.GET)
    found = selectors.accounts_matching(form.cleaned_data["q"]) if form.is_valid() else []
    return render(request, "incubator/accounts/reset_links.html", {"form": form, "found": found, "days": _days_valid()})


def _days_valid():
    return settings.PASSWORD_RESET_TIMEOUT // 86400


@login_required
@require_POST
def issue_reset_link(request, pk):
    _park_staff_only(request)
    account = get_object_or_404(get_user_model(), pk=pk)
    try:
        path = services.issue_reset_link(request.user, account)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
        return redirect("reset_links")
    link = request.build_absolute_uri(path)
    return render(
        request,
        "incubator/accounts/reset_link_issued.html",
        {"account": account, "link": link, "days": _days_valid()},
    )
