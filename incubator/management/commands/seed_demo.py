"""Load the demo park: each contribution's demo module (incubator.protocol), in dependency order. Idempotent."""

from django.core.management.base import BaseCommand
from django.db import transaction

from incubator import protocol


class Command(BaseCommand):
    help = "Load (or refresh) the demo park with demo users of every role."

    def handle(self, *args, **options):
        logins = []
        with transaction.atomic():
            for _label, module in protocol.modules("demo"):
                logins += module.seed(self.stdout) or []
        self.stdout.write(self.style.SUCCESS("Demo park loaded. Sign in with:"))
        # Several apps may name the same demo account: print each once.
        for username, password, role in {login[0]: login for login in logins}.values():
            self.stdout.write(f"  {username:<16} {password:<16} {role}")
