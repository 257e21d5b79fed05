from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class IncubatorConfig(AppConfig):
    name = "incubator"
    verbose_name = _("Park core")
    role_models = {
        "park_staff": ["site", "parkprofile", "rubric", "criterion", "reminder", "notification"],
        "party_staff": ["rubric", "criterion"],
    }

    def ready(self):
        from . import navigation
        from .dashboard import figures, report  # noqa: F401  (register the dashboard's Excel jobs)
        from .dashboard import nav as dashboard_nav
        from .roles import grant_role_permissions

        navigation.register(navigation.core_items)
        navigation.register(dashboard_nav.items)
        post_migrate.connect(grant_role_permissions, dispatch_uid="grant_role_permissions")
