"""Helpers the venture services share: saving with the audit trail, and the people to tell."""

from django.urls import reverse

from incubator.roles import Role, holders


def save_logged(obj, by, reason="", **kwargs):
    """Save `obj` with who did it and why in its history (services also run outside a request)."""
    obj._history_user = by
    obj._change_reason = str(reason)[:100] if reason else None
    obj.save(**kwargs)
    return obj


def park_staff():
    return holders(Role.PARK_STAFF)


def proposal_url(proposal):
    return reverse("venture:proposal", args=[proposal.pk])


def expert_url(proposal):
    return reverse("venture:expert_proposal", args=[proposal.pk])
