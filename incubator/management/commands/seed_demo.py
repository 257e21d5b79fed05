"""Load the demo park: the core first, then each app's `demo.seed()` in dependency order. Idempotent."""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from incubator import demo as core_demo

APP_ORDER = ["orgs", "venture", "partybuild"]


class Command(BaseCommand):
    help = "Load (or refresh) the demo park with demo users of every role."

    def handle(self, *args, **options):
        with transaction.atomic():
            logins = core_demo.seed(self.stdout)
            for label in APP_ORDER:
                if not apps.is_installed(label):
                    continue
                try:
                    module = import_module(f"{label}.demo")
                except ModuleNotFoundError as error:
                    if error.name != f"{label}.demo":
                        raise
                    continue
                logins += module.seed(self.stdout) or []
        self.stdout.write(self.style.SUCCESS("Demo park loaded. Sign in with:"))
        # Several apps may name the same demo account: print each once.
        for username, password, role in {login[0]: login for login in logins}.values():
            self.stdout.write(f"  {username:<16} {password:<16} {role}")
