"""Helpers the venture services share: saving with the audit trail, and the people to tell."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from incubator.roles import Role, holders


def save_logged(obj, by, reason="", **kwargs):
    """Save `obj` with who did it and why in its history (services also run outside a request)."""
    obj._history_user = by
    obj._change_reason = str(reason)[:100] if reason else None
    obj.save(**kwargs)
    return obj


CENT = Decimal("0.01")


def parse_amount(amount):
    """A typed amount of money in yuan, to the cent and more than zero."""
    try:
        value = Decimal(str(amount)).quantize(CENT)
    except Exception:
        raise ValidationError({"amount": _("Enter an amount in yuan.")}) from None
    if not value.is_finite() or value <= 0:
        raise ValidationError({"amount": _("The amount must be more than zero.")})
    return value


def park_staff():
    return holders(Role.PARK_STAFF)


def proposal_url(proposal):
    return reverse("venture:proposal", args=[proposal.pk])


def expert_url(proposal):
    return reverse("venture:expert_proposal", args=[proposal.pk])
