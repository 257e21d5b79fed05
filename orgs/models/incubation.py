"""The five-stage incubation (项目申请—考察辅导—入壳评估—成长评估—后续服务) and the resident track (入驻类).

The stages and every move between them are declared here, once. Services call the transitions; they also
set the dates, write the StageLog and notify."""

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from simple_history.models import HistoricalRecords

from incubator.choices import ChoiceLabels

from .registry import Organization, Track


class Stage(models.TextChoices):
    APPLICATION = "application", _("Application (项目申请)")
    INSPECTION = "inspection", _("Inspection and coaching (考察辅导)")
    ADMISSION_EVALUATION = "admission_evaluation", _("Admission evaluation (入壳评估)")
    IN_SHELL = "in_shell", _("In shell (壳内孵化)")
    GROWTH_EVALUATION = "growth_evaluation", _("Growth evaluation (成长评估)")
    FOLLOW_UP = "follow_up", _("Exited, follow-up services (出壳·后续服务)")
    RESIDENT = "resident", _("Resident (入驻)")
    COMPLETED = "completed", _("Completed (结束)")
    DECLINED = "declined", _("Declined (未通过)")
    WITHDRAWN = "withdrawn", _("Withdrawn (退出)")
    TERMINATED = "terminated", _("Terminated (终止)")

    # Groups of stages that mean something to the park, named once here and used everywhere.
    @classmethod
    def pipeline(cls):
        """The way through the park, application to completion, in order (the board's columns)."""
        return (
            cls.APPLICATION,
            cls.INSPECTION,
            cls.ADMISSION_EVALUATION,
            cls.IN_SHELL,
            cls.GROWTH_EVALUATION,
            cls.FOLLOW_UP,
            cls.RESIDENT,
            cls.COMPLETED,
        )

    @classmethod
    def in_order(cls):
        """The pipeline, then the ways out of it before its end."""
        return (*cls.pipeline(), cls.DECLINED, cls.WITHDRAWN, cls.TERMINATED)

    @classmethod
    def active(cls):
        """The park still works with the organization: staff have something to do and a date to do it by."""
        return tuple(s for s in cls.pipeline() if s != cls.COMPLETED)

    @classmethod
    def before_admission(cls):
        return (cls.APPLICATION, cls.INSPECTION, cls.ADMISSION_EVALUATION)

    @classmethod
    def in_park(cls):
        """Admitted and not yet gone: in the shell, being evaluated for exit, in the follow-up year, or resident."""
        return (cls.IN_SHELL, cls.GROWTH_EVALUATION, cls.FOLLOW_UP, cls.RESIDENT)

    @classmethod
    def in_the_park_premises(cls):
        """Working in the park's premises: in the shell until exit (出壳), or resident for the agreement period.
        Only these stages may hold the park's spaces and equipment."""
        return (cls.IN_SHELL, cls.GROWTH_EVALUATION, cls.RESIDENT)

    @classmethod
    def under_evaluation(cls):
        """An expert panel is scoring the organization; staff decide the outcome on the evaluation."""
        return (cls.ADMISSION_EVALUATION, cls.GROWTH_EVALUATION)

    @classmethod
    def admitted(cls):
        """Admitted (入壳 or 入驻) at some point: in the park now, or completed or terminated after it."""
        return (*cls.in_park(), cls.COMPLETED, cls.TERMINATED)

    @classmethod
    def exited_the_shell(cls):
        """Past the growth evaluation: out of the shell (出壳), in the follow-up year or done with it."""
        return (cls.FOLLOW_UP, cls.COMPLETED)

    @classmethod
    def gone(cls):
        """Stages an organization leaves the park by (the declined were never admitted)."""
        return (cls.COMPLETED, cls.WITHDRAWN, cls.TERMINATED)

    @classmethod
    def may_apply_again(cls):
        """Closed without the park putting an end to it: declined, withdrawn or completed organizations may apply
        to a new recruitment call (a terminated one is for staff to take back)."""
        return (cls.DECLINED, cls.WITHDRAWN, cls.COMPLETED)


# Days staff have to move an organization on from these stages before it shows as overdue.
STAGE_DAYS = {Stage.APPLICATION: 30, Stage.INSPECTION: 90, Stage.ADMISSION_EVALUATION: 30, Stage.GROWTH_EVALUATION: 30}


def is_incubation_track(incubation):
    return incubation.organization.track == Track.INCUBATION


def is_resident_track(incubation):
    return incubation.organization.track == Track.RESIDENT


class Incubation(ChoiceLabels, ConcurrentTransitionMixin, models.Model):
    """An organization's way through the park: one per organization."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="incubation", verbose_name=_("organization")
    )
    stage = FSMField(_("stage"), max_length=30, choices=Stage.choices, default=Stage.APPLICATION, protected=True)
    stage_since = models.DateField(_("in this stage since"), default=timezone.localdate)
    stage_due_on = models.DateField(
        _("stage due"), null=True, blank=True, db_index=True, help_text=_("When this stage should be over.")
    )
    responsible_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible staff"),
    )
    applied_on = models.DateField(_("applied"), default=timezone.localdate)
    admitted_on = models.DateField(_("admitted (入壳)"), null=True, blank=True)
    in_shell_until = models.DateField(_("in shell until"), null=True, blank=True, db_index=True)
    exited_on = models.DateField(_("exited (出壳)"), null=True, blank=True)
    follow_up_until = models.DateField(_("follow-up until"), null=True, blank=True, db_index=True)
    agreement_until = models.DateField(_("resident agreement until"), null=True, blank=True, db_index=True)
    closing_reason = models.TextField(_("reason for closing"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("incubation")
        verbose_name_plural = _("incubations")
        indexes = [models.Index(fields=["stage", "stage_due_on"])]

    def __str__(self):
        return f"{self.organization} · {self.get_stage_display()}"

    @staticmethod
    def on_application(organization, when):
        """The fields of a new incubation starting at 项目申请 on `when`."""
        return {
            "organization": organization,
            "applied_on": when,
            "stage_since": when,
            "stage_due_on": when + relativedelta(days=STAGE_DAYS[Stage.APPLICATION]),
        }

    @property
    def is_active(self):
        return self.stage in Stage.active()

    @property
    def is_under_evaluation(self):
        return self.stage in Stage.under_evaluation()

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.is_active and self.stage_due_on is not None and self.stage_due_on < today

    def days_left(self, date, today=None):
        return None if date is None else (date - (today or timezone.localdate())).days

    @property
    def in_shell_days_left(self):
        return self.days_left(self.in_shell_until)

    @property
    def follow_up_days_left(self):
        return self.days_left(self.follow_up_until)

    @property
    def agreement_days_left(self):
        return self.days_left(self.agreement_until)

    # -- the workflow ---------------------------------------------------------------------------------------
    @transition(field=stage, source=Stage.may_apply_again(), target=Stage.APPLICATION)
    def apply_again(self, when):
        """A new application after the last one ended: the way through starts again; the stage log keeps the old
        one."""
        self.admitted_on = self.in_shell_until = self.exited_on = self.follow_up_until = self.agreement_until = None
        self.closing_reason = ""
        self.applied_on = when
        self._enter(when, STAGE_DAYS[Stage.APPLICATION])

    @transition(field=stage, source=Stage.APPLICATION, target=Stage.INSPECTION)
    def start_inspection(self, when):
        self._enter(when, STAGE_DAYS[Stage.INSPECTION])

    @transition(
        field=stage, source=Stage.INSPECTION, target=Stage.ADMISSION_EVALUATION, conditions=[is_incubation_track]
    )
    def start_admission_evaluation(self, when):
        self._enter(when, STAGE_DAYS[Stage.ADMISSION_EVALUATION])

    @transition(field=stage, source=Stage.ADMISSION_EVALUATION, target=Stage.IN_SHELL, conditions=[is_incubation_track])
    def admit(self, when):
        self.admitted_on = when
        self.in_shell_until = when + relativedelta(months=self.organization.site.in_shell_months)
        self._enter(when, None, due=self.in_shell_until)

    @transition(
        field=stage, source=[Stage.APPLICATION, Stage.INSPECTION], target=Stage.RESIDENT, conditions=[is_resident_track]
    )
    def admit_resident(self, when, months):
        self.admitted_on = when
        self.agreement_until = when + relativedelta(months=months)
        self._enter(when, None, due=self.agreement_until)

    @transition(field=stage, source=Stage.IN_SHELL, target=Stage.GROWTH_EVALUATION)
    def start_growth_evaluation(self, when):
        self._enter(when, STAGE_DAYS[Stage.GROWTH_EVALUATION])

    @transition(field=stage, source=Stage.GROWTH_EVALUATION, target=Stage.IN_SHELL)
    def extend(self, when, months):
        """A failed growth evaluation may be given more time in the shell."""
        self.in_shell_until = max(self.in_shell_until or when, when) + relativedelta(months=months)
        self._enter(when, None, due=self.in_shell_until)

    @transition(field=stage, source=Stage.GROWTH_EVALUATION, target=Stage.FOLLOW_UP)
    def exit_shell(self, when):
        self.exited_on = when
        self.follow_up_until = when + relativedelta(months=self.organization.site.follow_up_months)
        self._enter(when, None, due=self.follow_up_until)

    @transition(field=stage, source=[Stage.FOLLOW_UP, Stage.RESIDENT], target=Stage.COMPLETED)
    def complete(self, when):
        self._enter(when, None)

    @transition(field=stage, source=Stage.before_admission(), target=Stage.DECLINED)
    def decline(self, when, reason):
        self.closing_reason = reason
        self._enter(when, None)

    @transition(field=stage, source=[*Stage.before_admission(), Stage.IN_SHELL, Stage.RESIDENT], target=Stage.WITHDRAWN)
    def withdraw(self, when, reason):
        self.closing_reason = reason
        self._enter(when, None)

    @transition(field=stage, source=[Stage.IN_SHELL, Stage.GROWTH_EVALUATION, Stage.RESIDENT], target=Stage.TERMINATED)
    def terminate(self, when, reason):
        self.closing_reason = reason
        self._enter(when, None)

    def _enter(self, when, days, due=None):
        self.stage_since = when
        self.stage_due_on = due if due is not None else (when + relativedelta(days=days) if days else None)


class StageLog(models.Model):
    """One move of an incubation: from, to, who, when, why."""

    incubation = models.ForeignKey(
        Incubation, on_delete=models.CASCADE, related_name="logs", verbose_name=_("incubation")
    )
    from_stage = models.CharField(
        pgettext_lazy("stage change", "from"), max_length=30, choices=Stage.choices, blank=True
    )
    to_stage = models.CharField(pgettext_lazy("stage change", "to"), max_length=30, choices=Stage.choices)
    action = models.CharField(_("action"), max_length=40)
    on = models.DateField(_("date"))
    at = models.DateTimeField(_("recorded"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("stage log entry")
        verbose_name_plural = _("stage log")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.incubation.organization}: {self.from_stage} → {self.to_stage}"
