"""Stage evaluations by expert panels (入壳评估, 成长评估).

The panel is a set of assignments, each recording how the expert came onto the panel (chosen by staff now;
a random draw from the expert pool later fills the same rows with method=draw). The arithmetic lives in
incubator.scoring."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, FSMModelMixin, transition
from simple_history.models import HistoricalRecords

from incubator.choices import ChoiceLabels
from incubator.models import Criterion, Rubric

from .registry import Organization


class EvaluationKind(models.TextChoices):
    ADMISSION = "admission", _("Admission evaluation (入壳评估)")
    GROWTH = "growth", _("Growth evaluation (成长评估)")


class Evaluation(ChoiceLabels, FSMModelMixin, models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Scoring (评分中)")
        CLOSED = "closed", _("Scores closed (待决定)")
        DECIDED = "decided", _("Decided (已决定)")

        @classmethod
        def undecided(cls):
            """Scoring or waiting for staff's decision: the evaluations staff still have to decide."""
            return (cls.OPEN, cls.CLOSED)

    class Decision(models.TextChoices):
        PASSED = "passed", _("Passed")
        FAILED = "failed", pgettext_lazy("evaluation decision", "Failed")
        EXTENDED = "extended", _("Failed, more time given")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("organization")
    )
    kind = models.CharField(_("evaluation"), max_length=20, choices=EvaluationKind.choices)
    rubric = models.ForeignKey(Rubric, on_delete=models.PROTECT, related_name="+", verbose_name=_("rubric"))
    status = FSMField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN, protected=True)
    due_on = models.DateField(_("scores due"), db_index=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    result = models.DecimalField(_("panel result"), max_digits=5, decimal_places=2, null=True, blank=True)
    decision = models.CharField(_("decision"), max_length=12, choices=Decision.choices, blank=True)
    decision_note = models.TextField(_("reasons given"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("decided by")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("stage evaluation")
        verbose_name_plural = _("stage evaluations")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.organization} · {self.get_kind_display()}"

    @property
    def passes(self):
        return self.result is not None and self.result >= self.rubric.pass_mark

    @transition(field=status, source=Status.OPEN, target=Status.CLOSED)
    def close(self, result):
        self.result = result

    @transition(field=status, source=Status.CLOSED, target=Status.DECIDED)
    def decide(self, by, decision, note):
        self.decision = decision
        self.decision_note = note
        self.decided_by = by
        self.decided_at = timezone.now()


class Assignment(FSMModelMixin, models.Model):
    """An expert on an evaluation's panel: waiting for their scores, scored (they may correct them until the
    evaluation closes), or off the panel (recused, replaced). Who moved it and when is in its history."""

    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("Scores awaited")
        SUBMITTED = "submitted", _("Scores submitted")
        RECUSED = "recused", _("Recused: conflict declared (回避)")
        REPLACED = "replaced", _("Replaced")

        @classmethod
        def on_panel(cls):
            """The states of an expert still on the panel."""
            return [cls.ASSIGNED, cls.SUBMITTED]

    class Method(models.TextChoices):
        CHOSEN = "chosen", _("Chosen by staff")
        DRAW = "draw", _("Random draw from the expert pool")

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("evaluation")
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="evaluation_assignments",
        verbose_name=_("expert"),
    )
    method = models.CharField(_("how assigned"), max_length=10, choices=Method.choices, default=Method.CHOSEN)
    status = FSMField(_("status"), max_length=10, choices=Status.choices, default=Status.ASSIGNED, protected=True)
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("assigned by")
    )
    conflict_declared_at = models.DateTimeField(_("conflict declared"), null=True, blank=True)
    conflict_note = models.TextField(_("conflict of interest"), blank=True)
    replaced_at = models.DateTimeField(_("replaced"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("scores submitted"), null=True, blank=True)
    total = models.DecimalField(_("weighted total"), max_digits=5, decimal_places=2, null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("panel assignment")
        verbose_name_plural = _("panel assignments")
        ordering = ["assigned_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "expert"], name="evaluation_assignment_once_per_expert")
        ]

    def __str__(self):
        return f"{self.expert} · {self.evaluation}"

    @property
    def is_active(self):
        """On the panel: not conflicted, not replaced."""
        return self.status in self.Status.on_panel()

    @transition(field=status, source=Status.on_panel(), target=Status.SUBMITTED)
    def submit(self, total, comment):
        self.total = total
        self.comment = comment
        self.submitted_at = timezone.now()

    @transition(field=status, source=Status.on_panel(), target=Status.RECUSED)
    def recuse(self, note):
        self.conflict_note = note
        self.conflict_declared_at = timezone.now()

    @transition(field=status, source=Status.on_panel(), target=Status.REPLACED)
    def replace(self):
        self.replaced_at = timezone.now()


class Score(models.Model):
    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="scores", verbose_name=_("assignment")
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+", verbose_name=_("criterion"))
    value = models.DecimalField(_("score"), max_digits=6, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="evaluation_score_once_per_criterion")
        ]

    def __str__(self):
        return f"{self.criterion.name}: {self.value}"
