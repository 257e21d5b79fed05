"""Recruitment calls (招募公告), online applications and the organization's documents."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from simple_history.models import HistoricalRecords

from incubator.files import StoredFile
from incubator.models import Site

from .registry import Organization, Track


class RecruitmentCall(models.Model):
    title = models.CharField(_("title"), max_length=150)
    tracks = models.JSONField(_("tracks"), default=list, help_text=_("Codes of the tracks recruited."))
    sites = models.ManyToManyField(Site, related_name="recruitment_calls", verbose_name=_("sites"))
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"), null=True, blank=True, help_text=_("Leave empty to recruit all year."))
    body = models.TextField(_("announcement"))
    materials = models.TextField(_("materials required"))
    published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("recruitment call")
        verbose_name_plural = _("recruitment calls")
        ordering = ["-opens_on", "-id"]

    def __str__(self):
        return self.title

    def is_open(self, today=None):
        today = today or timezone.localdate()
        return self.published and self.opens_on <= today and (self.closes_on is None or self.closes_on >= today)

    def track_labels(self):
        return [Track(t).label for t in self.tracks]


class Need(models.TextChoices):
    OFFICE_SPACE = "office_space", _("Office space")
    EQUIPMENT = "equipment", _("Equipment")
    TRAINING = "training", _("Training")
    FUNDING = "funding", _("Funding")
    COACHING = "coaching", _("Project design and coaching")
    RESOURCES = "resources", _("Resource matching")


class Application(ConcurrentTransitionMixin, models.Model):
    """An organization's online application to one recruitment call (or, outside a call, to the all-year
    recruitment); a draft until submitted. An organization applies to each call anew: every application is kept,
    one per organization and call."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft (草稿)")
        SUBMITTED = "submitted", _("Submitted (已提交)")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="applications", verbose_name=_("organization")
    )
    call = models.ForeignKey(
        RecruitmentCall,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("recruitment call"),
        help_text=_("Leave empty to apply outside a call: the park recruits all year."),
    )
    track = models.CharField(_("track applied for"), max_length=12, choices=Track.choices, default=Track.INCUBATION)
    project_title = models.CharField(_("project or service to grow"), max_length=150)
    project_description = models.TextField(_("project description"), blank=True)
    team = models.TextField(_("team"), blank=True, help_text=_("Core members, their roles and experience."))
    team_size = models.PositiveSmallIntegerField(_("core team size"), default=0)
    needs = models.JSONField(_("needs"), default=list, blank=True)
    needs_detail = models.TextField(_("needs in detail"), blank=True)
    status = FSMField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, protected=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("last saved"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # Who changed it, when and why (the history's reason: "submitted", a staff note).
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "call"],
                name="one_application_per_organization_per_call",
                violation_error_message=_("Your organization has already applied to this recruitment call."),
            ),
            # Outside a call there is no call to tell applications apart: one draft at a time.
            models.UniqueConstraint(
                fields=["organization"],
                condition=models.Q(status="draft"),
                name="one_draft_application_per_organization",
                violation_error_message=_("Your organization already has an application in progress."),
            ),
        ]

    def __str__(self):
        return f"{self.organization} · {self.project_title}"

    def need_labels(self):
        return [Need(n).label for n in self.needs]

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    # -- the workflow ---------------------------------------------------------------------------------------
    @transition(field=status, source=Status.DRAFT, target=Status.SUBMITTED)
    def submit(self, when):
        self.submitted_at = when


class OrganizationDocument(StoredFile):
    class Kind(models.TextChoices):
        CHARTER = "charter", _("Charter (章程)")
        CERTIFICATE = "certificate", _("Registration certificate (登记证书)")
        APPLICATION = "application", _("Application material (申请材料)")
        REPORT = "report", _("Inspection or evaluation report")
        AGREEMENT = "agreement", _("Agreement (协议)")
        OTHER = "other", _("Other")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="documents", verbose_name=_("organization")
    )
    kind = models.CharField(_("document"), max_length=20, choices=Kind.choices)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at", "-id"]
