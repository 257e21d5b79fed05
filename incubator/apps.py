from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class IncubatorConfig(AppConfig):
    """The park's core. What each app brings to the park is declared in its `park.py` (incubator.protocol);
    the core's own is in incubator/park.py."""

    name = "incubator"
    verbose_name = _("Park core")

    def ready(self):
        from . import protocol
        from .role_permissions import grant_role_permissions

        protocol.discover()
        post_migrate.connect(grant_role_permissions, dispatch_uid="grant_role_permissions")
