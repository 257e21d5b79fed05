"""The park's party organizations: the joint party committee, the joint branches of the branch park and
the community incubators (1 + 1 + 6), and the branches formed later inside organizations."""

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from incubator.models import Site
from orgs.models import Organization

# Branch-size rules of the party's branch regulations (支部工作条例): a branch with 7 or more members elects a
# committee; past 50 it should become a general branch; a joint branch joins generally no more than 5 units.
COMMITTEE_FROM_MEMBERS = 7
BRANCH_MAX_MEMBERS = 50
JOINT_BRANCH_MAX_UNITS = 5
OWN_BRANCH_MIN_FULL_MEMBERS = 3


class FormationMode(models.TextChoices):
    STANDALONE = "standalone", _("Formed alone (单独组建)")
    INDUSTRY = "industry", _("Formed by industry (行业统建)")
    AREA = "area", _("Formed by area (区块联建)")


class PartyOrganization(models.Model):
    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("Joint party committee (联合党委)")
        JOINT_BRANCH = "joint_branch", _("Joint party branch (联合党支部)")
        BRANCH = "branch", _("Party branch (党支部)")

        @classmethod
        def branches(cls):
            """The kinds that hold organizations' members, rated by stars."""
            return [cls.JOINT_BRANCH, cls.BRANCH]

        @classmethod
        def higher(cls):
            """The kinds a new party organization may hang under."""
            return [cls.COMMITTEE, cls.JOINT_BRANCH]

    name = models.CharField(_("party organization name"), max_length=100, unique=True)
    kind = models.CharField(_("type"), max_length=14, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("higher party organization"),
    )
    site = models.ForeignKey(
        Site,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="party_organizations",
        verbose_name=_("site"),
        help_text=_("The park site a joint branch of the 1+1+6 structure sits at."),
    )
    secretary = models.CharField(_("secretary"), max_length=60, blank=True)
    organizations = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="party_organizations",
        verbose_name=_("member organizations"),
    )
    formed_on = models.DateField(_("formation date"), default=timezone.localdate)
    formation_mode = models.CharField(
        _("formation mode"), max_length=12, choices=FormationMode.choices, default=FormationMode.STANDALONE
    )
    meeting_interval_months = models.PositiveSmallIntegerField(
        _("joint meeting every (months)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("How often the joint meeting (联席会议) is held."),
    )
    next_meeting_due = models.DateField(_("next joint meeting due"), null=True, blank=True, db_index=True)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords(m2m_fields=[organizations])

    class Meta:
        verbose_name = _("party organization")
        verbose_name_plural = _("party organizations")
        ordering = ["kind", "name"]
        indexes = [models.Index(fields=["kind", "is_active"])]

    def __str__(self):
        return self.name

    def clean(self):
        if self.kind == self.Kind.COMMITTEE and self.parent_id:
            raise ValidationError({"parent": _("The joint party committee is the top of the structure.")})
        if self.kind != self.Kind.COMMITTEE and not self.parent_id:
            raise ValidationError({"parent": _("A branch hangs under a higher party organization.")})

    def schedule_next_meeting(self, after):
        self.next_meeting_due = after + relativedelta(months=self.meeting_interval_months)
