"""The registry of social organizations, who speaks for them, and the experts who judge them."""

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from incubator.choices import ChoiceLabels
from incubator.models import Site

from ..validators import normalize_uscc, validate_uscc

GRADE_VALID_YEARS = 5


class RegistrationType(models.TextChoices):
    ASSOCIATION = "association", _("Social association (社会团体)")
    SOCIAL_SERVICE = "social_service", _("Social service institution (社会服务机构/民办非企业单位)")
    FOUNDATION = "foundation", _("Foundation (基金会)")
    GRASSROOTS = "grassroots", _("Unregistered grassroots team (草根团队)")
    PROJECT_TEAM = "project_team", _("Project team (项目团队)")


REGISTERED_TYPES = (RegistrationType.ASSOCIATION, RegistrationType.SOCIAL_SERVICE, RegistrationType.FOUNDATION)


class Category(models.TextChoices):
    """The park's six focus categories (重点培育)."""

    CHARITY = "charity", _("Charity (公益慈善类)")
    CULTURE_SPORTS = "culture_sports", _("Culture and sports (文化体育类)")
    COUNSELLING_RIGHTS = "counselling_rights", _("Counselling and rights protection (疏导维权类)")
    CIVIC_EDUCATION = "civic_education", _("Civic education (市民教育类)")
    COMMUNITY_SERVICE = "community_service", _("Community services (社区服务类)")
    SOCIAL_AFFAIRS = "social_affairs", _("Social affairs (社会事务类)")


class Expertise(models.TextChoices):
    """Fields of the expert pool: the six focus categories, then the round areas (same keys as
    venture.models.Area, which orgs may not import), then the disciplines every panel needs."""

    CHARITY = "charity", _("Charity (公益慈善类)")
    CULTURE_SPORTS = "culture_sports", _("Culture and sports (文化体育类)")
    COUNSELLING_RIGHTS = "counselling_rights", _("Counselling and rights protection (疏导维权类)")
    CIVIC_EDUCATION = "civic_education", _("Civic education (市民教育类)")
    COMMUNITY_SERVICE = "community_service", _("Community services (社区服务类)")
    SOCIAL_AFFAIRS = "social_affairs", _("Social affairs (社会事务类)")
    ELDERLY_CARE = "elderly_care", _("Home care for the elderly (社区老人居家养老服务)")
    COMMUNITY_CULTURE = "community_culture", _("Community culture and publicity (城乡社区文化宣传和社会组织宣传)")
    YOUTH_WORK = "youth_work", _("Youth social work (青少年社会工作服务)")
    ORG_DEVELOPMENT = "org_development", _("Professional services that grow organizations (公益组织培育发展)")
    LIVELIHOOD = "livelihood", _("Other livelihood projects (其他民生项目)")
    FINANCE = "finance", _("Finance and audit (财务审计)")
    LAW = "law", _("Law (法律)")


class Track(models.TextChoices):
    INCUBATION = "incubation", _("Incubation track (孵化类)")
    RESIDENT = "resident", _("Resident track (入驻类)")


class Grade(models.TextChoices):
    A1 = "1A", "1A"
    A2 = "2A", "2A"
    A3 = "3A", "3A"
    A4 = "4A", "4A"
    A5 = "5A", "5A"


class Organization(ChoiceLabels, models.Model):
    """A social organization or a team not yet registered (社会组织)."""

    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    registration_type = models.CharField(_("type of registration"), max_length=20, choices=RegistrationType.choices)
    uscc = models.CharField(
        _("unified social credit code"),
        max_length=18,
        blank=True,
        validators=[validate_uscc],
        help_text=_("18 characters, required once the organization is registered."),
    )
    registration_authority = models.CharField(_("registration authority"), max_length=100, blank=True)
    registered_on = models.DateField(_("registration date"), null=True, blank=True)
    supervising_unit = models.CharField(_("supervising unit (业务主管单位)"), max_length=100, blank=True)
    category = models.CharField(_("field"), max_length=20, choices=Category.choices)
    track = models.CharField(_("track"), max_length=12, choices=Track.choices, default=Track.INCUBATION)
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="organizations", verbose_name=_("site"))
    address = models.CharField(_("address"), max_length=200, blank=True)
    person_in_charge = models.CharField(_("legal representative / person in charge"), max_length=60)
    contact_name = models.CharField(_("contact person"), max_length=60, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    staff_count = models.PositiveIntegerField(_("staff"), default=0)
    volunteer_count = models.PositiveIntegerField(_("volunteers"), default=0)
    party_member_count = models.PositiveIntegerField(
        _("party members (count)"), default=0, help_text=_("Only the number; names are kept by party-building staff.")
    )
    services = models.TextField(_("services"), blank=True)
    beneficiaries = models.TextField(_("beneficiary groups"), blank=True)
    grade = models.CharField(_("evaluation grade"), max_length=2, choices=Grade.choices, blank=True)
    grade_awarded_on = models.DateField(_("grade awarded on"), null=True, blank=True)
    publish_in_directory = models.BooleanField(
        _("listed in the public directory"),
        default=False,
        help_text=_("The organization agreed to publish its name, field and services."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Upper("uscc"),
                name="organization_uscc_unique",
                condition=~models.Q(uscc=""),
                violation_error_message=_("Another organization already has this unified social credit code."),
            ),
        ]
        indexes = [models.Index(fields=["site", "track"]), models.Index(fields=["category"])]

    def __str__(self):
        return self.name

    @property
    def is_registered(self):
        return self.registration_type in REGISTERED_TYPES

    @property
    def grade_expires_on(self):
        if self.grade and self.grade_awarded_on:
            return self.grade_awarded_on + relativedelta(years=GRADE_VALID_YEARS)
        return None

    def clean(self):
        self.uscc = normalize_uscc(self.uscc)
        errors = {}
        if self.is_registered and not self.uscc:
            errors["uscc"] = _("A registered organization needs its unified social credit code.")
        if self.grade and not self.grade_awarded_on:
            errors["grade_awarded_on"] = _("Give the date the grade was awarded.")
        if self.registered_on and self.registered_on > timezone.localdate():
            errors["registered_on"] = _("The registration date cannot be in the future.")
        if errors:
            raise ValidationError(errors)


class Membership(models.Model):
    """An applicant account speaks for one organization once park staff confirm it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership", verbose_name=_("user")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organization")
    )
    position = models.CharField(_("position"), max_length=60, blank=True)
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )

    class Meta:
        verbose_name = _("applicant account")
        verbose_name_plural = _("applicant accounts")

    def __str__(self):
        return f"{self.user} · {self.organization}"

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None


class ExpertProfile(models.Model):
    """An expert reviewer: fields of expertise and the ties that require recusal (回避)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert_profile", verbose_name=_("user")
    )
    affiliation = models.CharField(_("affiliation"), max_length=100, blank=True)
    title = models.CharField(_("professional title"), max_length=60, blank=True)
    fields = models.JSONField(_("fields of expertise"), default=list, blank=True)
    tied_organizations = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="tied_experts",
        verbose_name=_("organizations requiring recusal"),
        help_text=_("Organizations the expert belongs to, advises or is closely related to."),
    )
    relatives = models.TextField(
        _("close relatives requiring recusal"),
        blank=True,
        help_text=_("Close relatives the expert names, and where they work or serve."),
    )
    available = models.BooleanField(_("available for panels"), default=True)
    suspended_at = models.DateTimeField(_("suspended"), null=True, blank=True)
    suspension_reason = models.TextField(_("reason for suspension"), blank=True)
    # The expert's own edit waits here until staff approve it (never applied directly).
    pending_change = models.JSONField(_("change awaiting approval"), null=True, blank=True)
    pending_since = models.DateTimeField(_("change proposed"), null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[tied_organizations])

    class Meta:
        verbose_name = _("expert profile")
        verbose_name_plural = _("expert profiles")

    def __str__(self):
        return str(self.user)

    @property
    def is_suspended(self):
        return self.suspended_at is not None

    def field_labels(self):
        return [Expertise(f).label for f in self.fields if f in Expertise.values]
