"""Each organization's party incubation case: its five stages, its instructor and the party members found
in it. Member names are sensitive personal information (PIPL art. 28): see permissions.py."""

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, FSMModelMixin, transition
from simple_history.models import HistoricalRecords

from incubator.models import Site
from orgs.models import Organization

from .structure import OWN_BRANCH_MIN_FULL_MEMBERS

# Letters of transfer (组织关系介绍信) are valid 3 months, 6 across provinces.
TRANSFER_MONTHS = 3
TRANSFER_MONTHS_ACROSS_PROVINCES = 6


class Stage(models.TextChoices):
    INSPECTION = "inspection", _("Inspection on entry (入壳考察)")
    FINDING = "finding", _("Finding party members (发现党员)")
    SUPPORT = "support", _("Support (支持帮扶)")
    FORMATION = "formation", _("Development and formation (发展组建)")
    FOLLOW_UP = "follow_up", _("Follow-up services (后续服务)")

    @classmethod
    def under_way(cls):
        """The stages before follow-up: the incubation an instructor still carries."""
        return [cls.INSPECTION, cls.FINDING, cls.SUPPORT, cls.FORMATION]


class Band(models.TextChoices):
    """The member-count band the park's rules go by (full members decide an own branch)."""

    NONE = "none", _("No party members")
    FEW = "few", _("1–2 party members")
    THREE_FULL = "three_full", _("3 or more full members")


class Formation(models.TextChoices):
    DEVELOP = "develop", _("Develop members (instructor consultation; track applicants and activists)")
    JOIN_JOINT_BRANCH = "join_joint", _("Join a joint party branch with other organizations")
    OWN_BRANCH = "own_branch", _("Form the organization's own party branch")


def entry_rule(refusal):
    """Marks a transition's condition with the reason staff read when it does not hold."""

    def mark(check):
        check.refusal = refusal
        return check

    return mark


def unmet_rules(record, step):
    """Why the transition `step` may not be taken now: the reasons of its conditions that do not hold."""
    meta = getattr(record, step)._django_fsm
    transition = meta.get_transition(meta.field.get_state(record))
    return [check.refusal for check in transition.conditions if not check(record)] if transition else []


def band_for(full, probationary):
    if full >= OWN_BRANCH_MIN_FULL_MEMBERS:
        return Band.THREE_FULL
    if full + probationary > 0:
        return Band.FEW
    return Band.NONE


class InstructorProfile(models.Model):
    """A party-building instructor (党建指导员), usually a cadre of an organ who is also the organizations'
    work instructor (一岗双责), and the sites whose organizations they take."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="instructor_profile", verbose_name=_("user")
    )
    unit = models.CharField(_("work unit"), max_length=100, blank=True)
    sites = models.ManyToManyField(Site, related_name="instructors", verbose_name=_("sites served"))
    accepts_cases = models.BooleanField(_("takes new organizations"), default=True)
    history = HistoricalRecords(m2m_fields=[sites])

    class Meta:
        verbose_name = _("instructor profile")
        verbose_name_plural = _("instructor profiles")

    def __str__(self):
        return str(self.user)


class PartyCase(FSMModelMixin, models.Model):
    """The party incubation of one organization, opened on its admission (入驻一家, 覆盖一家)."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="party_case", verbose_name=_("organization")
    )
    stage = FSMField(_("stage"), choices=Stage.choices, default=Stage.INSPECTION, protected=True, db_index=True)
    instructor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="party_cases",
        verbose_name=_("party-building instructor"),
    )
    dual_duty = models.BooleanField(
        _("instructor is also the work instructor (一岗双责)"),
        default=True,
        help_text=_("The organization's work instructor carries incubation service and party guidance."),
    )
    pairing_unit = models.CharField(
        _("paired supervising unit's party organization (结对帮扶)"), max_length=100, blank=True
    )
    opened_on = models.DateField(_("opened on"), default=timezone.localdate, db_index=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    last_activity_on = models.DateField(_("last activity"), default=timezone.localdate, db_index=True)
    inspection_notes = models.TextField(_("inspection notes"), blank=True)
    # Counts kept by services.recount(); the registry's Organization.party_member_count follows them.
    full_members = models.PositiveSmallIntegerField(_("full members"), default=0)
    probationary_members = models.PositiveSmallIntegerField(_("probationary members"), default=0)
    applicants = models.PositiveSmallIntegerField(_("applicants and activists"), default=0)
    history = HistoricalRecords(excluded_fields=["last_activity_on"])

    class Meta:
        verbose_name = _("party incubation case")
        verbose_name_plural = _("party incubation cases")
        ordering = ["organization__name"]

    def __str__(self):
        return str(self.organization)

    @property
    def party_members(self):
        return self.full_members + self.probationary_members

    @property
    def band(self):
        return band_for(self.full_members, self.probationary_members)

    # The entry rule of each stage (DOMAIN.md, party building), as the conditions of its step; each says
    # why, in the words staff read when the step is refused.

    @entry_rule(_("Assign the party-building instructor who guides the organization before the inspection ends."))
    def has_instructor(self):
        return self.instructor_id is not None

    @entry_rule(
        _(
            "Record at least one party member, probationary member, activist or applicant found in the "
            "organization before support starts."
        )
    )
    def has_member_records(self):
        return self.members.exists()

    @entry_rule(_("Record at least one support given before development and formation."))
    def has_support(self):
        return self.organization.party_supports.exists()

    @entry_rule(
        _(
            "An organization without party members first gets the instructor's party-policy consultation: "
            "record it as a support."
        )
    )
    def consulted_if_no_members(self):
        supports = self.organization.party_supports
        return bool(self.party_members) or supports.filter(kind=supports.model.Kind.CONSULTATION).exists()

    @entry_rule(_("The organization must belong to a party organization before follow-up services."))
    def is_covered(self):
        return self.organization.party_organizations.filter(is_active=True).exists()

    @entry_rule(_("Follow-up services need at least one full or probationary member: develop members first."))
    def has_party_members(self):
        return self.party_members > 0

    @transition(
        field=stage,
        source=Stage.INSPECTION,
        target=Stage.FINDING,
        conditions=[has_instructor],
        custom={"label": _("Inspection done: find party members")},
    )
    def finish_inspection(self):
        pass

    @transition(
        field=stage,
        source=Stage.FINDING,
        target=Stage.SUPPORT,
        conditions=[has_member_records],
        custom={"label": _("Members counted: start support")},
    )
    def start_support(self):
        pass

    @transition(
        field=stage,
        source=Stage.SUPPORT,
        target=Stage.FORMATION,
        conditions=[has_support, consulted_if_no_members],
        custom={"label": _("Support given: development and formation")},
    )
    def start_formation(self):
        pass

    @transition(
        field=stage,
        source=Stage.FORMATION,
        target=Stage.FOLLOW_UP,
        conditions=[is_covered, has_party_members],
        custom={"label": _("Party organization formed: follow-up services")},
    )
    def start_follow_up(self):
        pass

    @classmethod
    def steps(cls):
        """Every stage step by the name of its transition, in the order of the stages."""
        transitions = cls._meta.get_field("stage").get_all_transitions(cls)
        return {t.name: t for t in sorted(transitions, key=lambda t: Stage.values.index(t.source))}

    def next_steps(self):
        """The steps out of the current stage (met or not), as django-fsm transitions."""
        return [t for t in self.get_all_stage_transitions() if t.source == self.stage]

    def unmet_rules(self, step):
        return unmet_rules(self, step)


class StageLog(models.Model):
    case = models.ForeignKey(PartyCase, on_delete=models.CASCADE, related_name="log", verbose_name=_("case"))
    source = models.CharField(pgettext_lazy("stage change", "from"), max_length=12, choices=Stage.choices, blank=True)
    target = models.CharField(pgettext_lazy("stage change", "to"), max_length=12, choices=Stage.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.case} {self.source}→{self.target}"


class MemberStatus(models.TextChoices):
    FULL = "full", _("Full member (正式党员)")
    PROBATIONARY = "probationary", _("Probationary member (预备党员)")
    ACTIVIST = "activist", _("Activist (入党积极分子)")
    APPLICANT = "applicant", _("Applicant (入党申请人)")

    @classmethod
    def party_members(cls):
        """Full and probationary members: the party members an organization counts."""
        return [cls.FULL, cls.PROBATIONARY]

    @classmethod
    def developing(cls):
        """Activists and applicants: the people an instructor develops into members."""
        return [cls.ACTIVIST, cls.APPLICANT]


class TransferStatus(models.TextChoices):
    NOT_NEEDED = "not_needed", _("Not needed (held in the park's structure)")
    PENDING = "pending", _("Transfer under way (接转中)")
    DONE = "done", _("Transferred (已接转)")


class PartyMember(FSMModelMixin, models.Model):
    """A party member, probationary member, activist or applicant working in an organization, and the transfer
    of their party relationship (接转组织关系) into the park's structure."""

    case = models.ForeignKey(PartyCase, on_delete=models.CASCADE, related_name="members", verbose_name=_("case"))
    name = models.CharField(_("member name"), max_length=60)
    status = models.CharField(_("status"), max_length=12, choices=MemberStatus.choices)
    relationship_held_at = models.CharField(
        _("party relationship held at"),
        max_length=100,
        blank=True,
        help_text=_("The party organization now holding it."),
    )
    position = models.CharField(_("position in the organization"), max_length=60, blank=True)
    is_backbone = models.BooleanField(_("backbone of the organization"), default=False)
    transfer_status = FSMField(
        _("transfer of party relationship"),
        max_length=12,
        choices=TransferStatus.choices,
        default=TransferStatus.NOT_NEEDED,
        protected=True,
    )
    across_provinces = models.BooleanField(_("transfer across provinces"), default=False)
    transfer_started_on = models.DateField(_("transfer started on"), null=True, blank=True)
    transfer_due = models.DateField(_("transfer due"), null=True, blank=True, db_index=True)
    receipt_returned = models.BooleanField(_("receipt returned (回执)"), default=False)
    consent_on = models.DateField(
        _("separate consent given on"), help_text=_("PIPL art. 29: the member's separate consent to this record.")
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("party member")
        verbose_name_plural = _("party members")
        ordering = ["status", "name"]
        indexes = [models.Index(fields=["case", "status"])]

    def __str__(self):
        return self.name

    @entry_rule(_("Give the date the letter of transfer was issued."))
    def has_letter_date(self):
        return self.transfer_started_on is not None

    @transition(
        field=transfer_status,
        source=[TransferStatus.NOT_NEEDED, TransferStatus.DONE],
        target=TransferStatus.PENDING,
        conditions=[has_letter_date],
    )
    def start_transfer(self):
        pass

    # Also from "not needed": a relationship already transferred before the member was recorded.
    @transition(
        field=transfer_status, source=[TransferStatus.PENDING, TransferStatus.NOT_NEEDED], target=TransferStatus.DONE
    )
    def complete_transfer(self):
        pass

    @transition(field=transfer_status, source=TransferStatus.PENDING, target=TransferStatus.NOT_NEEDED)
    def cancel_transfer(self):
        pass

    def transfer_step(self, target):
        """The transfer transition from the current status to `target`; None where there is none."""
        return next(
            (
                t.name
                for t in self.get_all_transfer_status_transitions()
                if t.source == self.transfer_status and t.target == target
            ),
            None,
        )

    def set_transfer_due(self):
        if self.transfer_status == TransferStatus.PENDING and self.transfer_started_on:
            months = TRANSFER_MONTHS_ACROSS_PROVINCES if self.across_provinces else TRANSFER_MONTHS
            self.transfer_due = self.transfer_started_on + relativedelta(months=months)
        else:
            self.transfer_due = None


class MemberAccess(models.Model):
    """Every read of members' personal data: who, when, which organization, where, and whether it was an export.
    Written by selectors.member_data, the one door to that data."""

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed member data")
        EXPORT = "export", _("Exported member data")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("user")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("organization")
    )
    action = models.CharField(_("action"), max_length=8, choices=Action.choices)
    where = models.CharField(
        pgettext_lazy("member-data access", "page"),
        max_length=300,
        blank=True,
        help_text=_("The address that showed the data."),
    )
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("member-data access")
        verbose_name_plural = _("member-data access log")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.user} {self.action} {self.organization}"
