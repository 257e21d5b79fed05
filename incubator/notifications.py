"""The kinds of notification the portal sends, with their names, so each user can choose which ones also
come by email. Apps register their kinds in AppConfig.ready."""

from django.utils.translation import gettext_lazy as _

_kinds = {
    "membership_requested": _("New applicant accounts to confirm"),
    "membership_confirmed": _("My applicant account is confirmed"),
    "membership_declined": _("My applicant account was not confirmed"),
    "job_finished": _("My background work is finished"),
}


def register(kind, label):
    _kinds[kind] = label


def kinds():
    return dict(_kinds)


def label(kind):
    return _kinds.get(kind, kind)
