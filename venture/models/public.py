"""Panels that include the public: a public or beneficiary panel's score per proposal (counting for the
round's public share) and bonus items (e.g. secured co-funding), capped per proposal by the round."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .proposals import Proposal
from .rounds import Round


class PublicScore(models.Model):
    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="public_score")
    score = models.DecimalField(
        _("public panel's score (of 100)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    voters = models.PositiveIntegerField(_("members of the public panel"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("public panel score")
        verbose_name_plural = _("public panel scores")

    def __str__(self):
        return f"{self.proposal.code}: {self.score}"


class BonusItem(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="bonus_items")
    name = models.CharField(_("bonus item"), max_length=100)
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bonus item")
        verbose_name_plural = _("bonus items")
        ordering = ["round", "id"]

    def __str__(self):
        return f"{self.name} (+{self.points})"


class ProposalBonus(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="bonuses")
    item = models.ForeignKey(BonusItem, on_delete=models.PROTECT, related_name="grants")
    note = models.CharField(_("evidence"), max_length=200)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bonus granted")
        verbose_name_plural = _("bonuses granted")
        constraints = [models.UniqueConstraint(fields=["proposal", "item"], name="venture_proposalbonus_once")]

    def __str__(self):
        return f"{self.proposal.code} · {self.item}"
