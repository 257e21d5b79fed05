"""A round of the competition: the call, its limits, timetable, rubric and tranche plan."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from incubator.models import Rubric, Site
from orgs.models import Category, Track


class Area(models.TextChoices):
    """The project areas the park's rounds favour (from the article)."""

    ELDERLY_CARE = "elderly_care", _("Home care for the elderly (社区老人居家养老服务)")
    COMMUNITY_CULTURE = "community_culture", _("Community culture and publicity (城乡社区文化宣传和社会组织宣传)")
    YOUTH_WORK = "youth_work", _("Youth social work (青少年社会工作服务)")
    ORG_DEVELOPMENT = "org_development", _("Professional services that grow organizations (公益组织培育发展)")
    LIVELIHOOD = "livelihood", _("Other livelihood projects (其他民生项目)")


class TrancheCondition(models.TextChoices):
    SIGNING = "signing", _("On signing the agreement (签约后)")
    MIDTERM = "midterm", _("After the mid-term evaluation is passed (中期评估通过后)")
    FINAL = "final", _("After the final evaluation is passed (结项评估通过后)")


class TieBreak(models.TextChoices):
    """How a round orders proposals equal on the score (ranks are standard competition ranks: 1, 2, 2, 4)."""

    PANEL = (
        "panel",
        _(
            "Equal scores: the higher trimmed mean of the experts, then their higher mean, then the more experts "
            "scoring it above the other; still equal, the rank is shared"
        ),
    )
    SHARED = "shared", _("Equal scores share the rank")


class Round(models.Model):
    """A call for proposals with a fixed fund pool (公益创投大赛)."""

    title = models.CharField(_("title"), max_length=120)
    code = models.SlugField(_("code"), max_length=20, unique=True, help_text=_("Short code used in proposal numbers."))
    description = models.TextField(_("call text"), blank=True)
    fund_pool = models.DecimalField(
        _("fund pool (yuan)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    max_grant = models.DecimalField(
        _("maximum grant per project (yuan)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    cofunding_share = models.DecimalField(
        _("required co-funding share (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Share of the budget the organization must fund itself (配套资金); 0 if none."),
    )
    eligible_tracks = models.JSONField(
        _("eligible tracks"), default=list, blank=True, help_text=_("Empty: every track.")
    )
    eligible_categories = models.JSONField(
        _("eligible fields"), default=list, blank=True, help_text=_("Empty: every field.")
    )
    eligible_sites = models.ManyToManyField(
        Site, blank=True, verbose_name=_("eligible sites"), help_text=_("Empty: every site.")
    )
    favoured_areas = models.JSONField(_("favoured project areas"), default=list, blank=True)
    opens_on = models.DateField(_("call opens"))
    submission_deadline = models.DateField(_("submission deadline"), db_index=True)
    review_starts_on = models.DateField(_("review starts"))
    review_deadline = models.DateField(_("review deadline"), db_index=True)
    announcement_starts_on = models.DateField(_("public announcement starts"))
    announcement_ends_on = models.DateField(_("public announcement ends"), db_index=True)
    signing_by = models.DateField(_("agreements signed by"))
    experts_per_proposal = models.PositiveSmallIntegerField(
        _("experts per proposal"), default=5, validators=[MinValueValidator(1), MaxValueValidator(15)]
    )
    blind = models.BooleanField(_("blind review"), default=True, help_text=_("Experts do not see who applied."))
    public_share = models.PositiveSmallIntegerField(
        _("public panel's share of the score (%)"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("0: experts only. E.g. 30: experts count 70%, the public or beneficiary panel 30%."),
    )
    bonus_cap = models.DecimalField(
        _("bonus points cap"),
        max_digits=5,
        decimal_places=2,
        default=0,
        help_text=_("Most bonus points one proposal can add, e.g. 10 for secured co-funding."),
    )
    tie_break = models.CharField(
        _("rule for equal scores"), max_length=10, choices=TieBreak.choices, default=TieBreak.PANEL
    )
    rubric = models.ForeignKey(
        Rubric,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("selection rubric"),
        help_text=_("The experts score the proposals on it."),
    )
    implementation_rubric = models.ForeignKey(
        Rubric,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("implementation rubric"),
        help_text=_("The mid-term and final evaluations of the funded projects are scored on it."),
    )
    min_reviews = models.PositiveSmallIntegerField(
        _("submitted reviews needed to close"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(15)],
        help_text=_("Per proposal, before the review can close. Empty: the number of experts per proposal."),
    )
    required_documents = models.TextField(
        _("documents required"), blank=True, help_text=_("One document per line, e.g. 登记证书复印件.")
    )
    review_closed_at = models.DateTimeField(_("review closed"), null=True, blank=True)
    announced_at = models.DateTimeField(_("announcement published"), null=True, blank=True)
    finalized_at = models.DateTimeField(_("awards final"), null=True, blank=True)
    published = models.BooleanField(_("call published"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("venture philanthropy round")
        verbose_name_plural = _("venture philanthropy rounds")
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_grant__lte=models.F("fund_pool")), name="round_grant_within_pool"
            ),
            models.CheckConstraint(
                condition=models.Q(submission_deadline__gte=models.F("opens_on"))
                & models.Q(review_starts_on__gte=models.F("submission_deadline"))
                & models.Q(review_deadline__gte=models.F("review_starts_on"))
                & models.Q(announcement_starts_on__gte=models.F("review_deadline"))
                & models.Q(announcement_ends_on__gte=models.F("announcement_starts_on"))
                & models.Q(signing_by__gte=models.F("announcement_ends_on")),
                name="round_timetable_in_order",
            ),
        ]

    def __str__(self):
        return self.title

    TIMETABLE = (
        "opens_on",
        "submission_deadline",
        "review_starts_on",
        "review_deadline",
        "announcement_starts_on",
        "announcement_ends_on",
        "signing_by",
    )

    def clean(self):
        errors = {}
        dates = [(name, getattr(self, name)) for name in self.TIMETABLE]
        for (prev_name, prev), (name, value) in zip(dates, dates[1:], strict=False):
            if prev and value and value < prev:
                errors[name] = _("This date must not be before “%(previous)s”.") % {
                    "previous": self._meta.get_field(prev_name).verbose_name
                }
        if self.max_grant and self.fund_pool and self.max_grant > self.fund_pool:
            errors["max_grant"] = _("The maximum grant cannot exceed the fund pool.")
        committed = self.awards.model.committed_in(self) if self.pk else 0
        if self.fund_pool is not None and self.fund_pool < committed:
            errors["fund_pool"] = _("¥%(committed)s of the pool is already committed; the pool cannot be less.") % {
                "committed": committed
            }
        for name in ("rubric", "implementation_rubric"):
            rubric = getattr(self, name) if getattr(self, f"{name}_id") else None
            if rubric is not None and rubric.total_weight != 100:
                errors[name] = _("The rubric's weights add up to %(total)s; they must add up to 100.") % {
                    "total": rubric.total_weight
                }
        if self.min_reviews and self.experts_per_proposal and self.min_reviews > self.experts_per_proposal:
            errors["min_reviews"] = _("No more than the number of experts per proposal.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self):
        today = timezone.localdate()
        return self.published and self.opens_on <= today <= self.submission_deadline

    @property
    def submission_closed(self):
        return timezone.localdate() > self.submission_deadline

    @property
    def review_closed(self):
        return self.review_closed_at is not None

    @property
    def ranking_rule(self):
        return _("Ranks: standard competition ranking (1, 2, 2, 4) by the score, to the cent. %(tie_break)s.") % {
            "tie_break": self.get_tie_break_display()
        }

    def in_announcement_window(self, day=None):
        day = day or timezone.localdate()
        return self.announcement_starts_on <= day <= self.announcement_ends_on

    @property
    def accepts_objections(self):
        """Objections are accepted while the published announcement runs and the awards are not final."""
        return bool(self.announced_at) and not self.finalized_at and self.in_announcement_window()

    @property
    def evaluation_rubric(self):
        """What the mid-term and final evaluations are scored on: the implementation rubric (the selection
        rubric only for a round set up before it had one)."""
        return self.implementation_rubric or self.rubric

    @property
    def reviews_needed(self):
        """Submitted reviews each proposal needs before the review closes without a recorded override."""
        return self.min_reviews or self.experts_per_proposal

    @property
    def announcement_over(self):
        return timezone.localdate() > self.announcement_ends_on

    def required_document_list(self):
        return [line.strip() for line in self.required_documents.splitlines() if line.strip()]

    def favoured_area_labels(self):
        return [Area(a).label for a in self.favoured_areas]

    def eligible_track_labels(self):
        return [Track(t).label for t in self.eligible_tracks]

    def eligible_category_labels(self):
        return [Category(c).label for c in self.eligible_categories]


class TranchePlanItem(models.Model):
    """One instalment of a round's payment plan; an award's tranches are copied from these."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="tranche_plan", verbose_name=_("round"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    percentage = models.DecimalField(
        _("share (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(100)],
    )
    condition = models.CharField(_("released when"), max_length=10, choices=TrancheCondition.choices)

    class Meta:
        verbose_name = _("tranche of the plan")
        verbose_name_plural = _("tranche plan")
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.percentage}% · {self.get_condition_display()}"
