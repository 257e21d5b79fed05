"""What the park gives an organization: spaces and equipment, service entries, and help with government
purchase-of-service bids (政府购买服务)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from incubator.models import Site

from .incubation import Stage
from .registry import Organization


class Space(models.Model):
    class Kind(models.TextChoices):
        OFFICE = "office", _("Office space")
        WORKSTATION = "workstation", _("Workstation")
        EQUIPMENT = "equipment", _("Equipment")

        def held_in(self):
            """The incubation stages in which an organization may hold a space of this kind: 入壳 gives free office
            space and equipment until exit (出壳), a resident organization has its space for the agreement period.
            Leaving these stages releases the space."""
            return Stage.in_the_park_premises()

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="spaces", verbose_name=_("site"))
    name = models.CharField(_("name"), max_length=60)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.OFFICE)
    description = models.CharField(_("description"), max_length=200, blank=True)
    is_active = models.BooleanField(_("in use by the park"), default=True)

    class Meta:
        verbose_name = _("space or equipment")
        verbose_name_plural = _("spaces and equipment")
        ordering = ["site__order", "name"]
        constraints = [models.UniqueConstraint(fields=["site", "name"], name="space_name_unique_per_site")]

    def __str__(self):
        return f"{self.site} · {self.name}"


class SpaceAllocation(models.Model):
    """A space held by one organization from allocation until release."""

    space = models.ForeignKey(Space, on_delete=models.PROTECT, related_name="allocations", verbose_name=_("space"))
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="space_allocations", verbose_name=_("organization")
    )
    allocated_on = models.DateField(_("allocated"))
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("allocated by")
    )
    released_on = models.DateField(_("released"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("released by"),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    release_reason = models.CharField(_("why released"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("space allocation")
        verbose_name_plural = _("space allocations")
        ordering = ["-allocated_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["space"],
                condition=models.Q(released_on__isnull=True),
                name="space_held_by_one_organization",
                violation_error_message=_("This space is already held by another organization."),
            )
        ]

    def __str__(self):
        return f"{self.space} → {self.organization}"

    def clean(self):
        """Only an organization in a stage that may hold this kind of space gets it."""
        if self.released_on is not None or not (self.space_id and self.organization_id):
            return
        kind = Space.Kind(self.space.kind)
        incubation = getattr(self.organization, "incubation", None)
        if incubation is None or incubation.stage not in kind.held_in():
            stage = incubation.get_stage_display() if incubation else _("not in the incubation pipeline")
            raise ValidationError(
                _(
                    "%(org)s cannot hold %(kind)s now (%(stage)s): only organizations in the shell (until exit) "
                    "or resident in the park may hold the park's spaces and equipment."
                ),
                code="stage",
                params={"org": self.organization.name, "kind": kind.label, "stage": stage},
            )


class ServiceEntry(models.Model):
    class Kind(models.TextChoices):
        SPACE = "space", _("Office space and equipment")
        COACHING = "coaching", _("Project design and coaching")
        RESOURCE_MATCHING = "resource_matching", _("Resource matching (资源对接)")
        PROJECT_SUPPORT = "project_support", _("Project support")
        ADMINISTRATION = "administration", _("Administrative support")
        CAPACITY_BUILDING = "capacity_building", _("Capacity building (能力建设)")
        SERVICE_EVALUATION = "service_evaluation", _("Service evaluation (服务评估)")
        GOVERNMENT_BID = "government_bid", _("Help with government purchase of services")
        OTHER = "other", _("Other")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="service_entries", verbose_name=_("organization")
    )
    kind = models.CharField(_("service"), max_length=20, choices=Kind.choices)
    on = models.DateField(_("date"), default=timezone.localdate)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("staff")
    )
    hours = models.DecimalField(
        _("hours"), max_digits=5, decimal_places=1, default=1, validators=[MinValueValidator(0)]
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("service entry")
        verbose_name_plural = _("service entries")
        ordering = ["-on", "-id"]

    def __str__(self):
        return f"{self.organization} · {self.get_kind_display()} {self.on}"


class GovernmentBid(models.Model):
    """A bid for government purchase of services the park helped with."""

    class Result(models.TextChoices):
        PENDING = "pending", _("Pending")
        WON = "won", _("Won")
        LOST = "lost", _("Not won")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="government_bids", verbose_name=_("organization")
    )
    purchaser = models.CharField(_("purchaser"), max_length=100)
    project = models.CharField(_("project"), max_length=150)
    amount = models.DecimalField(_("amount (yuan)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])
    submitted_on = models.DateField(_("submitted"), default=timezone.localdate)
    result = models.CharField(_("result"), max_length=10, choices=Result.choices, default=Result.PENDING)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("recorded by")
    )

    class Meta:
        verbose_name = _("government-service bid")
        verbose_name_plural = _("government-service bids")
        ordering = ["-submitted_on", "-id"]

    def __str__(self):
        return f"{self.organization} · {self.project}"
