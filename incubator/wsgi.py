import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "incubator.settings")
application = get_wsgi_application()

# The web application signs sessions and password-reset links: never with the public development key outside a
# development run (gunicorn and runserver both load this module).
if not settings.DEBUG and settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set and DEBUG is off: set SECRET_KEY to a long random value kept secret, e.g. the output "
        "of `python -c 'import secrets; print(secrets.token_urlsafe(50))'` (or DEBUG=1 for development only)."
    )
