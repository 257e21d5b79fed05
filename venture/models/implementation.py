"""Following a funded project: progress reports by the organization, coaching and site visits by staff."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from incubator.files import StoredFile

from .proposals import Proposal


class ProgressReport(models.Model):
    class Kind(models.TextChoices):
        PERIODIC = "periodic", _("Progress report (进度报告)")
        MIDTERM = "midterm", _("Mid-term report (中期报告)")
        FINAL = "final", _("Final report (结项报告)")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PERIODIC)
    due_on = models.DateField(_("due"), db_index=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, db_index=True)
    activities_done = models.TextField(_("activities carried out"), blank=True)
    beneficiaries_reached = models.PositiveIntegerField(_("beneficiaries reached"), null=True, blank=True)
    spent = models.DecimalField(_("spent so far (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True)
    spent_explanation = models.TextField(
        _("why more than the award was spent"),
        blank=True,
        help_text=_("Needed when the spending exceeds the award, e.g. the co-funding was spent as well."),
    )
    narrative = models.TextField(_("results and difficulties"), blank=True)
    history = HistoricalRecords()

    # What the organization writes; the rest is the schedule and the submission.
    WRITTEN_FIELDS = ("activities_done", "beneficiaries_reached", "spent", "spent_explanation", "narrative")

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["due_on", "id"]

    def __str__(self):
        return f"{self.proposal.code} {self.get_kind_display()} {self.due_on}"

    @property
    def is_draft(self):
        return self.submitted_at is None

    @property
    def is_overdue(self):
        return self.submitted_at is None and self.due_on < timezone.localdate()


class ReportDocument(StoredFile):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="documents")

    class Meta:
        verbose_name = _("report attachment")
        verbose_name_plural = _("report attachments")


class CoachingRecord(models.Model):
    class Kind(models.TextChoices):
        COACHING = "coaching", _("Coaching (实时辅导)")
        SITE_VISIT = "site_visit", _("Site visit (实地督导)")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="coaching")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    on = models.DateField(_("date"))
    notes = models.TextField(_("notes"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("coaching or site visit")
        verbose_name_plural = _("coaching and site visits")
        ordering = ["-on"]

    def __str__(self):
        return f"{self.proposal.code} {self.get_kind_display()} {self.on}"
