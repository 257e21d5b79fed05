"""Awards, the public announcement's objections, agreements and their tranches."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

from .proposals import Proposal, ProposalState
from .rounds import Round, TrancheCondition


class AwardQuerySet(models.QuerySet):
    def committed(self):
        """The awards holding money of their round's pool: every figure of money committed starts here."""
        return self.filter(proposal__state__in=ProposalState.committed())


class Award(models.Model):
    """The money a round commits to a proposal. The sum over a round never exceeds its pool."""

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="award")
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="awards")
    amount = models.DecimalField(
        _("amount (yuan)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    partial_reason = models.CharField(_("reason for partial funding"), max_length=300, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()
    objects = AwardQuerySet.as_manager()

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="award_positive")]

    def __str__(self):
        return f"{self.proposal.code} ¥{self.amount}"

    @classmethod
    def committed_in(cls, round_):
        """Money of the round's pool committed (the round's clean keeps the pool from going below it)."""
        return cls.objects.committed().filter(round=round_).aggregate(total=models.Sum("amount"))["total"] or 0


class Objection(models.Model):
    """An objection (异议) anyone files during the public announcement; staff resolve it once, through
    venture.services.handle_objection (workbench and admin alike), which records who, when and how."""

    class Outcome(models.TextChoices):
        OPEN = "open", _("Being handled")
        DISMISSED = "dismissed", _("Dismissed: the award stands")
        UPHELD = "upheld", _("Upheld: the award is withdrawn")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="objections")
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="objections", verbose_name=_("proposal objected to")
    )
    name = models.CharField(_("your name"), max_length=60)
    contact = models.CharField(_("phone or email"), max_length=100)
    text = models.TextField(_("objection"))
    # A public form: what one visitor may type is bounded (a 5 MB objection was once accepted).
    TEXT_LIMIT = 2000
    filed_at = models.DateTimeField(_("filed"), default=timezone.now)
    outcome = FSMField(_("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.OPEN, protected=True)
    handling = models.TextField(_("how it was handled"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["-filed_at"]

    def __str__(self):
        return f"{self.proposal.code} · {self.filed_at:%Y-%m-%d}"

    def refresh_from_db(self, *args, **kwargs):
        # The protected outcome refuses assignment once set; reloading is not a transition.
        self.__dict__.pop("outcome", None)
        super().refresh_from_db(*args, **kwargs)

    def _resolve(self, by, handling):
        self.handling = handling
        self.handled_by = by
        self.handled_at = timezone.now()

    @transition(field=outcome, source=Outcome.OPEN, target=Outcome.DISMISSED)
    def dismiss(self, by, handling):
        self._resolve(by, handling)

    @transition(field=outcome, source=Outcome.OPEN, target=Outcome.UPHELD)
    def uphold(self, by, handling):
        self._resolve(by, handling)


class Agreement(models.Model):
    """The funding agreement (协议) of an award, with tranches copied from the round's plan."""

    award = models.OneToOneField(Award, on_delete=models.CASCADE, related_name="agreement")
    number = models.CharField(_("agreement number"), max_length=40, unique=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self):
        return self.number


class Tranche(models.Model):
    """One instalment of an agreement. It waits for its condition (signing, a passed evaluation), is then
    released to be paid, and is paid once; a failed evaluation stops it. Each step is a transition below,
    called by one service that writes who did it in the history."""

    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting for its condition")
        RELEASED = "released", _("Released: to be paid")
        PAID = "paid", _("Paid")
        STOPPED = "stopped", _("Stopped (evaluation failed)")

        @classmethod
        def unsettled(cls):
            """Neither paid nor stopped: what a failed evaluation stops."""
            return [cls.WAITING, cls.RELEASED]

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="tranches")
    order = models.PositiveSmallIntegerField(_("order"))
    percentage = models.DecimalField(_("share (%)"), max_digits=5, decimal_places=2)
    condition = models.CharField(_("released when"), max_length=10, choices=TrancheCondition.choices)
    amount = models.DecimalField(_("amount (yuan)"), max_digits=12, decimal_places=2)
    state = FSMField(_("status"), max_length=10, choices=State.choices, default=State.WAITING, protected=True)
    released_at = models.DateTimeField(_("released"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    paid_amount = models.DecimalField(_("amount paid (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tranche")
        verbose_name_plural = _("tranches")
        ordering = ["agreement", "order"]
        constraints = [models.UniqueConstraint(fields=["agreement", "order"], name="tranche_order_unique")]

    def __str__(self):
        return f"{self.agreement} #{self.order} ¥{self.amount}"

    def refresh_from_db(self, *args, **kwargs):
        # The protected state field refuses assignment once set; reloading is not a transition.
        self.__dict__.pop("state", None)
        super().refresh_from_db(*args, **kwargs)

    @transition(field=state, source=State.WAITING, target=State.RELEASED)
    def release(self):
        self.released_at = timezone.now()

    @transition(field=state, source=State.RELEASED, target=State.PAID)
    def pay(self, paid_on, by):
        # Only the whole tranche is paid: the amount is the agreement's, never typed.
        self.paid_on = paid_on
        self.paid_amount = self.amount
        self.recorded_by = by

    @transition(field=state, source=State.unsettled(), target=State.STOPPED)
    def stop(self):
        pass
