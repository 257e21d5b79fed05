"""The park's Celery app: configured from Django settings (CELERY_*), tasks found in each app's tasks.py."""

import os

from celery import Celery

from . import broker  # noqa: F401  (the atomic filesystem transport for the embedded broker)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "incubator.settings")

app = Celery("incubator")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
