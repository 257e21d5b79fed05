"""Expert review: assignments (with the expert's conflict declaration), reviews and per-criterion scores.
Proposal reviews and the mid-term and final evaluations of funded projects use the same records."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, FSMModelMixin, transition
from simple_history.models import HistoricalRecords

from incubator.choices import ChoiceLabels
from incubator.models import Criterion

from .proposals import Proposal


class ReviewKind(models.TextChoices):
    PROPOSAL = "proposal", _("Proposal review (专家评审)")
    MIDTERM = "midterm", _("Mid-term evaluation (中期评估)")
    FINAL = "final", _("Final evaluation (结项评估)")


class Assignment(ChoiceLabels, FSMModelMixin, models.Model):
    """An expert drawn for a proposal. The expert declares whether a conflict exists before the proposal
    opens; a declared conflict recuses them and the proposal disappears from their portal. Who changed the
    declaration and when is in the history (services save with the acting user)."""

    class Conflict(models.TextChoices):
        UNDECLARED = "undeclared", _("Not yet declared")
        NONE = "none", _("No conflict declared")
        CONFLICT = "conflict", _("Conflict declared: recused (回避)")

        @classmethod
        def on_panel(cls):
            """The declarations of an expert still on the proposal's panel."""
            return [cls.UNDECLARED, cls.NONE]

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="assignments")
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="venture_assignments",
        verbose_name=_("expert"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ReviewKind.choices, default=ReviewKind.PROPOSAL)
    conflict = FSMField(
        _("conflict of interest"), max_length=10, choices=Conflict.choices, default=Conflict.UNDECLARED, protected=True
    )
    conflict_note = models.CharField(_("conflict explanation"), max_length=300, blank=True)
    declared_at = models.DateTimeField(_("declared"), null=True, blank=True)
    due_on = models.DateField(_("due"), db_index=True)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("expert assignment")
        verbose_name_plural = _("expert assignments")
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "expert", "kind"], name="venture_assignment_once_per_expert"),
        ]

    def __str__(self):
        return f"{self.proposal.code} · {self.expert}"

    @property
    def rubric(self):
        """The proposal review is scored on the round's selection rubric; the mid-term and final evaluations of
        the funded project on its implementation rubric."""
        round_ = self.proposal.round
        return round_.rubric if self.kind == ReviewKind.PROPOSAL else round_.evaluation_rubric

    @transition(field=conflict, source=Conflict.UNDECLARED, target=Conflict.NONE)
    def declare_free(self):
        self.declared_at = timezone.now()

    @transition(field=conflict, source=Conflict.UNDECLARED, target=Conflict.CONFLICT)
    def declare_conflict(self, note):
        self.conflict_note = note
        self.declared_at = timezone.now()

    @transition(field=conflict, source=Conflict.on_panel(), target=Conflict.CONFLICT)
    def leave_panel(self, note):
        """A drawn expert who left the panel: out of the proposal like a recusal, the reason kept."""
        self.conflict_note = note[:300]


class Review(FSMModelMixin, models.Model):
    """One expert's review of one assignment: one row however often the form is posted, made by the first
    save (never by opening the page). Submitted, it is locked until staff reopen it."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", pgettext_lazy("review state", "Submitted")

    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="review")
    state = FSMField(_("status"), max_length=10, choices=State.choices, default=State.DRAFT, protected=True)
    overall_comment = models.TextField(_("overall comment"), blank=True)
    total = models.DecimalField(_("weighted total (of 100)"), max_digits=5, decimal_places=2, null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reopened_reason = models.CharField(_("reason for reopening"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self):
        return f"{self.assignment}"

    @property
    def is_submitted(self):
        return self.state == self.State.SUBMITTED

    @transition(field=state, source=State.DRAFT, target=State.SUBMITTED)
    def submit(self):
        self.submitted_at = timezone.now()

    @transition(field=state, source=State.SUBMITTED, target=State.DRAFT)
    def reopen(self, reason):
        self.submitted_at = None
        self.reopened_reason = reason


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("score"), max_digits=6, decimal_places=2, null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [models.UniqueConstraint(fields=["review", "criterion"], name="venture_score_once_per_criterion")]

    def __str__(self):
        return f"{self.criterion.name}: {self.value}"


class ReviewOverride(models.Model):
    """Staff let the review close although a proposal has fewer submitted reviews than the round needs: who,
    when, why, and how many reviews it had then."""

    proposal = models.OneToOneField(
        Proposal, on_delete=models.CASCADE, related_name="review_override", verbose_name=_("proposal")
    )
    reviews = models.PositiveSmallIntegerField(_("submitted reviews at the time"))
    needed = models.PositiveSmallIntegerField(_("reviews needed"))
    reason = models.CharField(_("reason"), max_length=300)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("allowed by")
    )
    at = models.DateTimeField(_("allowed"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("closing with fewer reviews")
        verbose_name_plural = _("closings with fewer reviews")

    def __str__(self):
        return f"{self.proposal.code} · {self.reviews}/{self.needed}"
