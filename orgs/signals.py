"""Signals other apps listen to, so that orgs never imports them (dependencies point one way).

`organization_admitted` is sent inside the admission's transaction: a receiver's work commits or rolls
back with the admission (入驻一家, 覆盖一家)."""

from django.dispatch import Signal

organization_admitted = Signal()  # sender=Organization class; kwargs: organization, by, when
