"""Supports given, joint meetings, training, the two-way flow of talent, star ratings and honours."""

import calendar
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition
from simple_history.models import HistoricalRecords

from orgs.models import Organization

from .cases import PartyMember
from .structure import PartyOrganization


class Support(models.Model):
    """One support the park gave: the four supports (阵地, 项目, 资金, 人才) and the other help."""

    class Kind(models.TextChoices):
        VENUE = "venue", _("Venue (阵地)")
        PROJECT = "project", _("Project support (项目)")
        FUNDS = "funds", _("Party funds (资金)")
        TALENT = "talent", _("Talent (人才)")
        TRAINING = "training", _("Party-building training")
        INFORMATION = "information", _("Information sharing")
        CONSULTATION = "consultation", _("Party-policy consultation")

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="party_supports",
        verbose_name=_("organization"),
    )
    party_organization = models.ForeignKey(
        PartyOrganization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="supports",
        verbose_name=_("party organization"),
    )
    kind = models.CharField(_("support"), max_length=14, choices=Kind.choices)
    given_on = models.DateField(_("date"), default=timezone.localdate)
    amount = models.DecimalField(
        _("amount (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    description = models.CharField(_("description"), max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("recorded by")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("support given")
        verbose_name_plural = _("supports given")
        ordering = ["-given_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organization__isnull=False) | models.Q(party_organization__isnull=False),
                name="support_has_recipient",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="funds") | models.Q(amount__isnull=False), name="support_funds_have_amount"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0), name="support_amount_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.given_on}"


class JointMeeting(models.Model):
    """A joint meeting (联席会议) of a party organization with its member organizations."""

    party_organization = models.ForeignKey(
        PartyOrganization, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("party organization")
    )
    held_on = models.DateField(_("held on"), default=timezone.localdate)
    topic = models.CharField(_("topic"), max_length=200)
    minutes = models.TextField(_("minutes"))
    attending_organizations = models.ManyToManyField(
        Organization, blank=True, related_name="+", verbose_name=_("organizations present")
    )
    attendees = models.PositiveSmallIntegerField(_("people present"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("recorded by")
    )
    history = HistoricalRecords(m2m_fields=[attending_organizations])

    class Meta:
        verbose_name = _("joint meeting")
        verbose_name_plural = _("joint meetings")
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"{self.held_on} {self.topic}"


class Training(models.Model):
    """Training that grows party maturity together with the organization's service (third synchronisation)."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="party_trainings",
        verbose_name=_("organization"),
    )
    party_organization = models.ForeignKey(
        PartyOrganization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="trainings",
        verbose_name=_("party organization"),
    )
    held_on = models.DateField(_("held on"), default=timezone.localdate)
    topic = models.CharField(_("topic"), max_length=200)
    participants = models.PositiveSmallIntegerField(_("participants"), default=0)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, default=Decimal("2"))

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return self.topic


class TalentFlow(models.Model):
    """The two-way flow (双向流动): excellent members trained to lead organizations, backbones developed into
    members. The person is a member record, so the name stays behind the member rules."""

    class Direction(models.TextChoices):
        MEMBER_TO_LEADER = "member_to_leader", _("Party member trained to lead the organization")
        BACKBONE_TO_MEMBER = "backbone_to_member", _("Backbone developed into a party member")

    member = models.ForeignKey(PartyMember, on_delete=models.CASCADE, related_name="flows", verbose_name=_("member"))
    direction = models.CharField(_("direction"), max_length=20, choices=Direction.choices)
    on = models.DateField(_("date"), default=timezone.localdate)
    note = models.CharField(_("note"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("two-way flow record")
        verbose_name_plural = _("two-way flow records")
        ordering = ["-on", "-id"]

    def __str__(self):
        return f"{self.get_direction_display()} {self.on}"


class RatingScheme(models.Model):
    """A star-rating scheme (五星创评): indicators with points, and the bands that turn points into stars."""

    name = models.CharField(_("scheme name"), max_length=100, unique=True)
    five_star_from = models.DecimalField(_("5 stars from (points)"), max_digits=6, decimal_places=2, default=90)
    four_star_from = models.DecimalField(_("4 stars from"), max_digits=6, decimal_places=2, default=80)
    three_star_from = models.DecimalField(_("3 stars from"), max_digits=6, decimal_places=2, default=70)
    two_star_from = models.DecimalField(_("2 stars from"), max_digits=6, decimal_places=2, default=60)
    five_star_needs_innovation = models.BooleanField(_("5 stars need an innovation project"), default=True)
    publicity_days = models.PositiveSmallIntegerField(
        _("public announcement (days)"), default=5, validators=[MinValueValidator(1), MaxValueValidator(30)]
    )
    due_month = models.PositiveSmallIntegerField(
        _("rating due by month"), default=12, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    remind_days_before = models.PositiveSmallIntegerField(_("remind days before"), default=30)
    is_current = models.BooleanField(_("current scheme"), default=True)

    class Meta:
        verbose_name = _("star-rating scheme")
        verbose_name_plural = _("star-rating schemes")

    def __str__(self):
        return self.name

    @property
    def max_points(self):
        return sum((i.max_points for i in self.indicators.all()), Decimal(0))

    def due_on(self, year):
        """A year's ratings are due by the last day of the scheme's month."""
        return date(year, self.due_month, calendar.monthrange(year, self.due_month)[1])

    def stars_for(self, points, innovation):
        if points >= self.five_star_from and (innovation or not self.five_star_needs_innovation):
            return 5
        for stars, threshold in ((4, self.four_star_from), (3, self.three_star_from), (2, self.two_star_from)):
            if points >= threshold:
                return stars
        return 1


class RatingIndicator(models.Model):
    scheme = models.ForeignKey(
        RatingScheme, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("scheme")
    )
    name = models.CharField(_("indicator"), max_length=60)
    max_points = models.DecimalField(
        _("maximum points"), max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal("0.5"))]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("rating indicator")
        verbose_name_plural = _("rating indicators")
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.name} ({self.max_points})"


class StarRating(FSMModelMixin, models.Model):
    """A party organization's star rating (星级评定) for one year: scored, announced (公示), then final."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Scored (draft)")
        ANNOUNCED = "announced", _("In public announcement (公示中)")
        FINAL = "final", _("Final")

    party_organization = models.ForeignKey(
        PartyOrganization, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("party organization")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2014), MaxValueValidator(2100)])
    scheme = models.ForeignKey(RatingScheme, on_delete=models.PROTECT, related_name="+", verbose_name=_("scheme"))
    innovation = models.BooleanField(_("has an innovation project"), default=False)
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2, default=0)
    stars = models.PositiveSmallIntegerField(_("stars"), default=0)
    state = FSMField(_("state"), choices=State.choices, default=State.DRAFT, protected=True)
    announced_until = models.DateField(_("announcement ends"), null=True, blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("rated by")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("star rating")
        verbose_name_plural = _("star ratings")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["party_organization", "year"], name="one_star_rating_per_year"),
        ]

    def __str__(self):
        return f"{self.party_organization} {self.year} {'★' * self.stars}"

    @property
    def glyphs(self):
        return "★" * self.stars + "☆" * (5 - self.stars)

    def announcement_over(self):
        return self.announced_until is not None and timezone.localdate() > self.announced_until

    @transition(field=state, source=State.DRAFT, target=State.ANNOUNCED)
    def announce(self, until):
        self.announced_until = until

    @transition(field=state, source=State.ANNOUNCED, target=State.FINAL, conditions=[announcement_over])
    def finalize(self):
        pass


class RatingScore(models.Model):
    rating = models.ForeignKey(StarRating, on_delete=models.CASCADE, related_name="scores", verbose_name=_("rating"))
    indicator = models.ForeignKey(
        RatingIndicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("indicator")
    )
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)])
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator score")
        verbose_name_plural = _("indicator scores")
        constraints = [models.UniqueConstraint(fields=["rating", "indicator"], name="one_score_per_indicator")]

    def __str__(self):
        return f"{self.indicator}: {self.points}"


class Honour(models.Model):
    """Model selection (示范评选) and commendations of outstanding party organizations, members and collectives."""

    class Category(models.TextChoices):
        MODEL = "model", _("Model party organization (示范评选)")
        OUTSTANDING_ORGANIZATION = "organization", _("Outstanding party organization")
        OUTSTANDING_MEMBER = "member", _("Outstanding party member")
        ADVANCED_COLLECTIVE = "collective", _("Advanced collective")

    category = models.CharField(_("category"), max_length=14, choices=Category.choices)
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2014), MaxValueValidator(2100)])
    title = models.CharField(_("title of the honour"), max_length=100)
    party_organization = models.ForeignKey(
        PartyOrganization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="honours",
        verbose_name=_("party organization"),
    )
    member = models.ForeignKey(
        PartyMember, on_delete=models.CASCADE, null=True, blank=True, related_name="honours", verbose_name=_("member")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="party_honours",
        verbose_name=_("collective (organization)"),
    )
    awarded_on = models.DateField(_("awarded on"), default=timezone.localdate)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("honour")
        verbose_name_plural = _("honours")
        ordering = ["-year", "category"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(party_organization__isnull=False)
                | models.Q(member__isnull=False)
                | models.Q(organization__isnull=False),
                name="honour_has_recipient",
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.title}"
