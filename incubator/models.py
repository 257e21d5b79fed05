"""The park's core records: people and roles, the sites, the rubrics every panel scores against,
notifications, reminders and the worker heartbeat."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import lookups  # noqa: F401  (IN on integers alike on every database)
from .roles import STAFF_ROLES, Role


class User(AbstractUser):
    """A person who signs in: staff, an applicant organization's member, an expert or an instructor."""

    full_name = models.CharField(_("full name"), max_length=60, blank=True)
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    calendar_token = models.UUIDField(_("calendar feed token"), default=uuid.uuid4, editable=False)
    email_muted_kinds = models.JSONField(
        _("notifications not sent by email"),
        default=list,
        blank=True,
        help_text=_("Kinds of notification this user reads only in the portal."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.username

    def get_short_name(self):
        """The name the administration greets a user by: the portal's name for them, not the login."""
        return str(self)

    @cached_property
    def role_names(self):
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, role):
        if not self.is_authenticated or not self.is_active:
            return False
        if self.is_superuser and role in STAFF_ROLES:
            return True
        return role in self.role_names

    @property
    def is_park_staff(self):
        return self.has_role(Role.PARK_STAFF)

    @property
    def is_party_staff(self):
        return self.has_role(Role.PARTY_STAFF)

    @property
    def is_expert(self):
        return self.has_role(Role.EXPERT)

    @property
    def is_applicant(self):
        return self.has_role(Role.APPLICANT)

    @property
    def is_instructor(self):
        return self.has_role(Role.INSTRUCTOR)


class ParkProfile(models.Model):
    """The park-wide figures staff keep up to date (one row)."""

    banner_population = models.PositiveIntegerField(
        _("banner resident population"), default=238000, help_text=_("Permanent residents (常住人口).")
    )
    population_year = models.PositiveSmallIntegerField(_("population year"), default=2014)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_address = models.CharField(_("contact address"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("park profile")
        verbose_name_plural = _("park profile")

    def __str__(self):
        return str(_("Park profile"))

    @classmethod
    def current(cls):
        profile, _created = cls.objects.get_or_create(pk=1)
        return profile


class Site(models.Model):
    """The main park, the branch park and the community incubators (旗、社区两级)."""

    class Kind(models.TextChoices):
        MAIN_PARK = "main", _("Main park")
        BRANCH_PARK = "branch", _("Branch park")
        COMMUNITY = "community", _("Community incubator")

    class Level(models.TextChoices):
        BANNER = "banner", _("Banner level")
        COMMUNITY = "community", _("Community level")

    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    address = models.CharField(_("address"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    residents = models.PositiveIntegerField(
        _("residents served"), null=True, blank=True, help_text=_("For the organizations-per-10,000 figure.")
    )
    in_shell_months = models.PositiveSmallIntegerField(
        _("in-shell period (months)"), default=10, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    follow_up_months = models.PositiveSmallIntegerField(
        _("follow-up period (months)"), default=12, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["order", "id"]

    def __str__(self):
        return self.short_name or self.name


class Rubric(models.Model):
    """A scoring sheet: criteria with weights adding to 100 and a pass mark. Stage evaluations and
    venture reviews both score against one."""

    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    pass_mark = models.DecimalField(
        _("pass mark"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("60"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    class Meta:
        verbose_name = _("rubric")
        verbose_name_plural = _("rubrics")

    def __str__(self):
        return self.name

    @property
    def total_weight(self):
        return sum((c.weight for c in self.criteria.all()), Decimal(0))


class Criterion(models.Model):
    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("rubric"))
    name = models.CharField(_("criterion"), max_length=100)
    guidance = models.TextField(_("guidance"), blank=True)
    weight = models.DecimalField(
        _("weight (points of 100)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(100)],
    )
    max_score = models.DecimalField(
        _("maximum score"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.name} ({self.weight})"


class Notification(models.Model):
    """Everything the portal tells a user; also the outbox of its emails (sent by Celery, retried by a
    periodic sweep so that nothing is lost when the broker is down)."""

    class Email(models.TextChoices):
        PENDING = "pending", _("To be emailed")
        SENT = "sent", _("Emailed")
        SKIPPED = "skipped", _("Not emailed")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=50)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    email = models.CharField(_("email"), max_length=10, choices=Email.choices, default=Email.SKIPPED)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["email", "created_at"]),
        ]

    def __str__(self):
        return self.title


class Reminder(models.Model):
    """A reminder that was sent. The unique key (object, kind, due date) makes a repeated or concurrent
    deadline scan send each reminder once."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("kind"), max_length=50)
    due_date = models.DateField(_("due date"))
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind", "due_date"], name="reminder_once_per_due_date"
            )
        ]
        indexes = [models.Index(fields=["due_date"])]

    def __str__(self):
        return f"{self.kind} {self.due_date}"


class Heartbeat(models.Model):
    """Written by a periodic Celery task; /healthz shows it to prove beat and worker run end to end."""

    name = models.CharField(max_length=50, unique=True)
    beat_at = models.DateTimeField()
    hostname = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self):
        return f"{self.name} {self.beat_at:%Y-%m-%d %H:%M:%S}"


class Job(models.Model):
    """Long-running work (an Excel import, a large export, the annual report) done by Celery while the user
    watches its progress; the result is a file only its owner can download."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", pgettext_lazy("background work", "Failed")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs", verbose_name=_("owner")
    )
    kind = models.CharField(_("kind"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    params = models.JSONField(default=dict, blank=True)
    # The file the job reads (an uploaded register to import); kept, like the result, for its owner only.
    source = models.FileField(_("source file"), upload_to="jobs/sources/%Y/%m/", blank=True, max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.TextField(_("message"), blank=True)
    result = models.FileField(_("result"), upload_to="jobs/%Y/%m/", blank=True, max_length=200)
    result_name = models.CharField(_("result file name"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)
