"""A proposal an organization files for a round, with its budget, activities, documents and screening."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

from incubator.choices import ChoiceLabels
from incubator.files import StoredFile
from orgs.models import Organization

from .rounds import Area, Round

ZERO = Decimal(0)
# The completion deadline (补正期限) staff are offered when they return a proposal: a week to complete it.
COMPLETION_DAYS = 7


def default_completion_deadline():
    return timezone.localdate() + datetime.timedelta(days=COMPLETION_DAYS)


class ProposalState(models.TextChoices):
    DRAFT = "draft", _("Draft (草稿)")
    SUBMITTED = "submitted", _("Submitted (已提交)")
    RETURNED = "returned", _("Returned for completion (退回补正)")
    REJECTED = "rejected", _("Rejected at screening (初审未通过)")
    SCREENED = "screened", _("Passed screening (初审通过)")
    IN_REVIEW = "in_review", _("In expert review (专家评审中)")
    RANKED = "ranked", _("Ranked (已排名)")
    PROPOSED = "proposed", _("Proposed for funding (拟资助)")
    ANNOUNCED = "announced", _("Publicly announced (公示中)")
    AWARDED = "awarded", _("Awarded (确定资助)")
    DECLINED = "declined", _("Not funded (未获资助)")
    SIGNED = "signed", _("Agreement signed (已签约)")
    IN_PROGRESS = "in_progress", _("In progress (实施中)")
    MIDTERM_PASSED = "midterm_passed", _("Mid-term evaluation passed (中期评估通过)")
    MIDTERM_FAILED = "midterm_failed", _("Mid-term evaluation failed (中期评估未通过)")
    FINAL_EVALUATED = "final_evaluated", _("Final evaluation done (结项评估完成)")
    CLOSED = "closed", _("Closed (已结项)")
    WITHDRAWN = "withdrawn", _("Withdrawn (已撤回)")

    # The groups of states the park speaks of, each named once here and used everywhere (selectors, services,
    # views, demo, dashboard, exports); a transition's sources are its own group or a literal of the model.
    @classmethod
    def editable(cls):
        """The organization may still change the proposal and (re)submit it: a draft, or returned for completion."""
        return (cls.DRAFT, cls.RETURNED)

    @classmethod
    def withdrawable(cls):
        """The organization may still withdraw the proposal: up to the end of the expert review."""
        return (cls.DRAFT, cls.SUBMITTED, cls.RETURNED, cls.SCREENED, cls.IN_REVIEW)

    @classmethod
    def in_screening(cls):
        """The screening page's proposals: submitted, and screened either way."""
        return (cls.SUBMITTED, cls.RETURNED, cls.REJECTED, cls.SCREENED)

    @classmethod
    def open_to_experts(cls):
        """Passed screening and not yet ranked: experts may still be assigned (drawn) to it."""
        return (cls.SCREENED, cls.IN_REVIEW)

    @classmethod
    def review_stage(cls):
        """The assignment page's proposals: passed screening, in review and ranked."""
        return (cls.SCREENED, cls.IN_REVIEW, cls.RANKED)

    @classmethod
    def awaiting_outcome(cls):
        """Ranked or announced, the final outcome not yet given: finalizing the awards funds or declines them."""
        return (cls.RANKED, cls.ANNOUNCED)

    @classmethod
    def final_awards(cls):
        """Awards made final, whatever the project reached since: the public list of funded projects."""
        return (cls.AWARDED, *cls.signed())

    @classmethod
    def committed(cls):
        """Proposals holding money of the pool: proposed for funding, announced, and the final awards."""
        return (cls.PROPOSED, cls.ANNOUNCED, *cls.final_awards())

    @classmethod
    def signed(cls):
        """Projects whose agreement is signed: the staff's projects page."""
        return (cls.SIGNED, cls.IN_PROGRESS, cls.MIDTERM_PASSED, cls.MIDTERM_FAILED, cls.FINAL_EVALUATED, cls.CLOSED)

    @classmethod
    def running(cls):
        """Projects being carried out: reports are scheduled for them."""
        return (cls.SIGNED, cls.IN_PROGRESS, cls.MIDTERM_PASSED)

    @classmethod
    def followed(cls):
        """Projects staff still follow (reports, visits, evaluations, closing): running or ending."""
        return (*cls.running(), cls.MIDTERM_FAILED, cls.FINAL_EVALUATED)

    @classmethod
    def reviewed(cls):
        """Every state from the expert review on: the proposals of the aggregated review and of the public panel."""
        return (cls.IN_REVIEW, cls.RANKED, cls.PROPOSED, cls.ANNOUNCED, cls.DECLINED, *cls.final_awards())


S = ProposalState


class Proposal(ChoiceLabels, models.Model):
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("round"))
    number = models.PositiveIntegerField(_("number"), help_text=_("Running number within the round."))
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="venture_proposals", verbose_name=_("organization")
    )
    title = models.CharField(_("project title"), max_length=120)
    area = models.CharField(_("project area"), max_length=20, choices=Area.choices)
    need = models.TextField(_("the need it answers"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    beneficiaries = models.CharField(_("beneficiaries (who)"), max_length=200, blank=True)
    beneficiaries_target = models.PositiveIntegerField(_("beneficiaries (how many)"), null=True, blank=True)
    team = models.TextField(
        _("team"), blank=True, help_text=_("Who carries the project out. Hidden from experts in a blind round.")
    )
    team_size = models.PositiveSmallIntegerField(_("team size"), null=True, blank=True)
    indicators = models.TextField(
        _("outputs and outcome indicators"), blank=True, help_text=_("One indicator per line with its target.")
    )
    state = FSMField(_("status"), default=S.DRAFT, choices=S.choices, protected=True, db_index=True)
    requested_amount = models.DecimalField(_("requested (yuan)"), max_digits=12, decimal_places=2, default=ZERO)
    cofunded_amount = models.DecimalField(_("co-funded (yuan)"), max_digits=12, decimal_places=2, default=ZERO)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    returned_once = models.BooleanField(_("already returned once"), default=False)
    completion_due_on = models.DateField(
        _("completion deadline (补正期限)"),
        null=True,
        blank=True,
        help_text=_("A proposal returned for completion may be resubmitted until this date."),
    )
    decision_reason = models.TextField(_("reason given"), blank=True)
    score = models.DecimalField(_("panel score"), max_digits=5, decimal_places=2, null=True, blank=True)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True, db_index=True)
    passed_over_reason = models.CharField(_("reason for passing over"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["round", "number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="proposal_number_unique_in_round"),
            models.CheckConstraint(condition=models.Q(requested_amount__gte=0), name="proposal_requested_not_negative"),
        ]
        indexes = [models.Index(fields=["round", "state"])]

    def __str__(self):
        return f"{self.code} {self.title}"

    def refresh_from_db(self, *args, **kwargs):
        # The protected state field refuses assignment once set; reloading is not a transition.
        self.__dict__.pop("state", None)
        super().refresh_from_db(*args, **kwargs)

    @property
    def code(self):
        return f"{self.round.code}-{self.number:03d}" if self.round_id else ""

    @property
    def total_budget(self):
        return self.requested_amount + self.cofunded_amount

    @property
    def submission_open_until(self):
        """The last day it may be submitted: a returned proposal has its own completion deadline, which
        may fall after the round's submission deadline."""
        if self.state == S.RETURNED and self.completion_due_on:
            return self.completion_due_on
        return self.round.submission_deadline

    @property
    def submission_closed(self):
        return timezone.localdate() > self.submission_open_until

    # Transitions: each is called by one service, which checks who may do it and writes the log.
    @transition(field=state, source=S.editable(), target=S.SUBMITTED)
    def submit(self):
        self.submitted_at = timezone.now()

    @transition(field=state, source=S.SUBMITTED, target=S.RETURNED, conditions=[lambda p: not p.returned_once])
    def send_back(self, due_on):
        self.returned_once = True
        self.completion_due_on = due_on

    @transition(field=state, source=S.SUBMITTED, target=S.REJECTED)
    def reject(self):
        pass

    @transition(field=state, source=S.SUBMITTED, target=S.SCREENED)
    def pass_screening(self):
        pass

    @transition(field=state, source=S.open_to_experts(), target=S.IN_REVIEW)
    def open_review(self):
        pass

    @transition(field=state, source=S.IN_REVIEW, target=S.RANKED)
    def rank_it(self):
        pass

    @transition(field=state, source=S.RANKED, target=S.PROPOSED)
    def propose_award(self):
        pass

    @transition(field=state, source=S.PROPOSED, target=S.RANKED)
    def cancel_award(self):
        pass

    @transition(field=state, source=S.PROPOSED, target=S.ANNOUNCED)
    def announce(self):
        pass

    @transition(field=state, source=S.ANNOUNCED, target=S.AWARDED)
    def confirm_award(self):
        pass

    @transition(field=state, source=[S.RANKED, S.ANNOUNCED, S.AWARDED], target=S.DECLINED)
    def decline(self):
        pass

    @transition(field=state, source=S.AWARDED, target=S.SIGNED)
    def sign(self):
        pass

    @transition(field=state, source=S.SIGNED, target=S.IN_PROGRESS)
    def start(self):
        pass

    @transition(field=state, source=S.IN_PROGRESS, target=S.MIDTERM_PASSED)
    def pass_midterm(self):
        pass

    @transition(field=state, source=S.IN_PROGRESS, target=S.MIDTERM_FAILED)
    def fail_midterm(self):
        pass

    @transition(field=state, source=[S.IN_PROGRESS, S.MIDTERM_PASSED], target=S.FINAL_EVALUATED)
    def evaluate_final(self):
        pass

    @transition(field=state, source=[S.FINAL_EVALUATED, S.MIDTERM_FAILED], target=S.CLOSED)
    def close(self):
        pass

    @transition(field=state, source=S.withdrawable(), target=S.WITHDRAWN)
    def withdraw(self):
        pass


class BudgetCategory(models.TextChoices):
    PERSONNEL = "personnel", _("Personnel (人员费)")
    ACTIVITIES = "activities", _("Activities (活动费)")
    MATERIALS = "materials", _("Materials and equipment (物资设备费)")
    TRAINING = "training", _("Training and experts (培训专家费)")
    PUBLICITY = "publicity", _("Publicity (宣传费)")
    ADMINISTRATION = "administration", _("Administration (行政管理费)")
    OTHER = "other", _("Other (其他)")


class BudgetLine(models.Model):
    """A line of the budget table: the amount is unit price × quantity; what the organization does not
    co-fund is requested from the round."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="budget_lines")
    category = models.CharField(_("category"), max_length=20, choices=BudgetCategory.choices)
    item = models.CharField(_("item"), max_length=100)
    unit_price = models.DecimalField(
        _("unit price (yuan)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    quantity = models.DecimalField(
        _("quantity"), max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    amount = models.DecimalField(_("amount (yuan)"), max_digits=12, decimal_places=2, editable=False)
    cofunded = models.DecimalField(
        _("co-funded (yuan)"), max_digits=12, decimal_places=2, default=ZERO, validators=[MinValueValidator(0)]
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cofunded__lte=models.F("amount")), name="budget_cofunded_within_amount"
            ),
        ]

    def __str__(self):
        return self.item

    def save(self, *args, **kwargs):
        self.amount = (self.unit_price * self.quantity).quantize(Decimal("0.01"))
        super().save(*args, **kwargs)

    @property
    def requested(self):
        return self.amount - self.cofunded


class Activity(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="activities")
    name = models.CharField(_("activity"), max_length=120)
    starts_on = models.DateField(pgettext_lazy("activity dates", "from"))
    ends_on = models.DateField(pgettext_lazy("activity dates", "to"))
    target = models.CharField(_("target"), max_length=120, blank=True, help_text=_("e.g. 4 classes, 70 women"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["starts_on", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="activity_dates_in_order"
            ),
        ]

    def __str__(self):
        return self.name


class ProposalDocument(StoredFile):
    """An attachment. One that reveals the applicant (a registration certificate, a letterhead) is
    marked identifying and never shown to experts in a blind round."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="documents")
    label = models.CharField(_("document"), max_length=100)
    identifying = models.BooleanField(
        _("reveals the organization"),
        default=False,
        help_text=_("Hidden from experts in a blind round (e.g. a registration certificate)."),
    )

    class Meta:
        verbose_name = _("proposal document")
        verbose_name_plural = _("proposal documents")
        ordering = ["id"]

    def neutral_name(self, position):
        return f"{self.proposal.code}-{position:02d}{self.extension}"


class ScreeningRecord(models.Model):
    """Staff's preliminary screening (初审) against the checklist, with the outcome and its reason."""

    class Outcome(models.TextChoices):
        PASSED = "passed", _("Passed")
        RETURNED = "returned", _("Returned once for completion")
        REJECTED = "rejected", _("Rejected")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="screenings")
    eligible = models.BooleanField(_("organization eligible (track, field, site)"), default=False)
    complete = models.BooleanField(_("all sections complete"), default=False)
    documents = models.BooleanField(_("required documents present"), default=False)
    budget = models.BooleanField(_("budget within the round's limits"), default=False)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    reason = models.TextField(_("reason"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("screening record")
        verbose_name_plural = _("screening records")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.proposal.code} {self.get_outcome_display()}"
