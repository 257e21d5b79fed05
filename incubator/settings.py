"""Settings of the park portal, read from the environment (12-factor).

With no environment at all the portal runs on embedded defaults: a SQLite file and Celery's filesystem
broker, so a newcomer needs no server. Production and CI set DATABASE_URL and CELERY_BROKER_URL.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PARK_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
# The development key is public (it is in this file): a command that serves nobody (makemigrations, check,
# makemessages) may load the settings with it, but the web application refuses to start on it with DEBUG off
# (incubator.wsgi), so it never signs sessions or reset links outside a development run.
DEVELOPMENT_SECRET_KEY = "django-insecure-park-portal-development-key-change-me"
SECRET_KEY = os.environ.get("SECRET_KEY") or DEVELOPMENT_SECRET_KEY
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "django_celery_beat",
    "django_fsm",
    "incubator.lockout.LockoutConfig",  # django-axes
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "incubator",
    "orgs",
    "venture",
    "partybuild",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "incubator.twofactor.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "incubator.urls"
WSGI_APPLICATION = "incubator.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "incubator.context_processors.portal",
            ],
        },
    },
]

# SQLite serves the web server, a worker and beat writing at once: WAL lets readers go on beside a writer, a
# writer waits its turn for up to 20 s instead of failing with "database is locked", and every transaction takes
# the write lock when it begins, since a read transaction that later writes cannot wait for the lock.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=20000; PRAGMA synchronous=NORMAL",
    "transaction_mode": "IMMEDIATE",
}


def database(url):
    config = dj_database_url.parse(url, conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")), conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {**config.get("OPTIONS", {}), **SQLITE_OPTIONS}
        # Tests on SQLite use a file beside it, not memory: threads then share it as the portal's processes do.
        if config["NAME"] != ":memory:":
            name = Path(config["NAME"])
            config["TEST"] = {"NAME": str(name.with_name(f"test_{name.name}"))}
    return config


DATABASES = {"default": database(os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "incubator.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "incubator.passwords.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workspace"
LOGOUT_REDIRECT_URL = "home"

# Park staff, party-building staff and superusers sign in with a second factor (incubator/twofactor.py); the
# demo turns this off (scripts/demo.sh) so its shared accounts open with the password alone.
REQUIRE_TWO_FACTOR = env_bool("REQUIRE_TWO_FACTOR", True)
OTP_TOTP_ISSUER = "伊金霍洛旗社会组织双孵化园"

# How many proxies in front of the portal append to X-Forwarded-For (1 behind the README's TLS proxy). 0, the
# portal exposed directly: the header is ignored, since any client could write it (incubator/addresses.py).
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))

# Login lockout: five failures for one username from one client address lock that pair for an hour; the same
# username from another address is not locked, so nobody can lock someone else out. A password reset lifts it.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "incubator.addresses.client_address"
# An address trying many usernames is throttled after this many failures (django-ratelimit, in the cache below).
SIGN_IN_FAILURES_PER_ADDRESS = os.environ.get("SIGN_IN_FAILURES_PER_ADDRESS", "20/10m")
# The public forms (objections) take this many posts an hour from one address, and for one phone or email.
PUBLIC_POSTS_PER_ADDRESS = os.environ.get("PUBLIC_POSTS_PER_ADDRESS", "10/h")
PUBLIC_POSTS_PER_CONTACT = os.environ.get("PUBLIC_POSTS_PER_CONTACT", "5/h")
# Sign-in goes on if the cache is down (the lockout, in the database, still holds).
RATELIMIT_FAIL_OPEN = True

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    # Uploaded files live outside any URL: every download goes through a permission-checking view.
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if env_bool("PLAIN_STATIC", DEBUG):
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Files browsers ask for at the site's root (favicon.ico), served by WhiteNoise.
WHITENOISE_ROOT = BASE_DIR / "public"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "uploads"))
# Never routed: uploads are served only by views that check permissions (incubator/files.py).
MEDIA_URL = "/private-uploads-are-not-served/"
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
# A file's bytes past UPLOAD_MAX_BYTES are dropped as they arrive, never buffered or spooled (incubator/uploads.py).
FILE_UPLOAD_HANDLERS = [
    "incubator.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# An Office file (a zip archive) expanding past this, or any part of it by more than this ratio, is a zip bomb.
OFFICE_MAX_EXPANDED_BYTES = int(os.environ.get("OFFICE_MAX_EXPANDED_BYTES", str(100 * 1024 * 1024)))
OFFICE_MAX_RATIO = 200

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email: the console by default; SMTP when EMAIL_HOST is set.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
# Where EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend (the demo's) keeps the mail it sends.
EMAIL_FILE_PATH = VAR_DIR / "emails"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "伊金霍洛旗社会组织双孵化园 <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: the filesystem broker needs no server; production and CI use Redis.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "filesystem://")
# The cache the sign-in throttle counts in, shared by every web process: Redis where the broker is Redis (or
# CACHE_URL), else files under PARK_VAR_DIR (the embedded default has no Redis; per-process memory would let each
# process count apart).
CACHE_URL = os.environ.get("CACHE_URL", CELERY_BROKER_URL)
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }
CACHES["default"]["KEY_PREFIX"] = "park"
if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue_dir = VAR_DIR / "celery-queue"
    for _sub in ("out", "processed", "control"):
        (_queue_dir / _sub).mkdir(parents=True, exist_ok=True)
    # Every folder the transport writes, its control (broadcast) folder included, lives under PARK_VAR_DIR:
    # left unset, kombu writes control/ into the working directory.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir / "out"),
        "data_folder_out": str(_queue_dir / "out"),
        "data_folder_processed": str(_queue_dir / "processed"),
        "control_folder": str(_queue_dir / "control"),
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A request that enqueues while the broker is down gives up quickly; the outbox sweep sends later.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER")
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    "heartbeat": {"task": "incubator.tasks.heartbeat", "schedule": 60.0},
    "scan-deadlines": {
        "task": "incubator.tasks.scan_deadlines",
        "schedule": crontab(hour=7, minute=0),
    },
    "send-pending-email": {"task": "incubator.tasks.send_pending_email", "schedule": 300.0},
    "start-waiting-jobs": {"task": "incubator.tasks.start_waiting_jobs", "schedule": 300.0},
}

# Security. HTTPS=1 turns on what a site behind TLS needs; check --deploy passes with it.
HTTPS = env_bool("HTTPS")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY") else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],  # no inline style: an injected style attribute or <style> cannot restyle a page
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # Django's own console handler would print each of its messages a second time when DEBUG is on.
    "loggers": {"django": {"handlers": [], "level": "INFO"}},
}

PARK_NAME = _("Ejin Horo Banner Social Organization Double Incubation Park")
