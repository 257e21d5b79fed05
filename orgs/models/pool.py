"""Random draws from the expert pool (专家抽取): the request, the pool as it stood, the seed, the panel and its
ordered reserves, every decline and replacement, and each drawn expert's integrity pledge (承诺书).

A draw's target is generic (a venture round, an organization's stage evaluation) because orgs may not
depend on venture; the organizations in scope decide recusal."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition
from simple_history.models import HistoricalRecords

from incubator.files import StoredFile

from .registry import Expertise, Organization

DEFAULT_PLEDGE = _(
    "I undertake to review fairly, independently and in confidence. I will declare at once any tie to an "
    "organization under review (a role held, advice given, a close relative working there) and withdraw. "
    "I will not contact the applicants, accept gifts or favours, or disclose the proposals, the scores or "
    "the panel's deliberations. I score on the merits and the published criteria only, and sign my score "
    "sheet as a true record."
)


class Draw(models.Model):
    label = models.CharField(_("panel for"), max_length=200)
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    scope = models.ManyToManyField(
        Organization, blank=True, related_name="draws", verbose_name=_("organizations under review")
    )
    panel_size = models.PositiveSmallIntegerField(_("experts on the panel"))
    reserve_count = models.PositiveSmallIntegerField(_("reserves"), default=2)
    fields = models.JSONField(_("fields of expertise asked for"), default=list, blank=True)
    seed = models.CharField(_("seed"), max_length=32)
    candidate_ids = models.JSONField(_("eligible pool at the draw (user ids, in order)"), default=list)
    witnesses = models.TextField(_("witnesses"), blank=True, help_text=_("One name per line."))
    pledge_text = models.TextField(_("integrity pledge (承诺书)"))
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("drawn by")
    )
    drawn_at = models.DateTimeField(_("drawn"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("expert draw")
        verbose_name_plural = _("expert draws")
        ordering = ["-drawn_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="orgs_draw_target_idx")]

    def __str__(self):
        return f"{self.label} · {self.drawn_at:%Y-%m-%d}"

    def witness_names(self):
        return [line.strip() for line in self.witnesses.splitlines() if line.strip()]

    def field_labels(self):
        return [Expertise(f).label for f in self.fields if f in Expertise.values]


class Seat(FSMModelMixin, models.Model):
    """One drawn expert: on the panel, waiting as a reserve (in order), or gone (declined, recused). Who moved
    a seat and when is in its history and the draw's events."""

    class Status(models.TextChoices):
        PANEL = "panel", _("On the panel")
        RESERVE = "reserve", _("Reserve")
        DECLINED = "declined", _("Declined the panel")
        CONFLICT = "conflict", _("Recused: conflict declared (回避)")

        @classmethod
        def drawn(cls):
            """Still in the draw: on the panel or waiting as a reserve."""
            return [cls.PANEL, cls.RESERVE]

    draw = models.ForeignKey(Draw, on_delete=models.CASCADE, related_name="seats")
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="draw_seats", verbose_name=_("expert")
    )
    position = models.PositiveSmallIntegerField(_("order drawn"))
    status = FSMField(_("status"), max_length=10, choices=Status.choices, protected=True)
    note = models.TextField(_("reason"), blank=True)
    pledge_accepted_at = models.DateTimeField(_("pledge accepted"), null=True, blank=True)
    pledge_accepted_text = models.TextField(_("pledge as accepted"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("drawn expert")
        verbose_name_plural = _("drawn experts")
        ordering = ["draw", "position"]
        constraints = [
            models.UniqueConstraint(fields=["draw", "expert"], name="orgs_seat_once_per_draw"),
            models.UniqueConstraint(fields=["draw", "position"], name="orgs_seat_position_once"),
        ]

    def __str__(self):
        return f"{self.draw} · {self.position}. {self.expert}"

    @property
    def is_on_panel(self):
        return self.status == self.Status.PANEL

    @transition(field=status, source=Status.drawn(), target=Status.DECLINED)
    def decline(self, reason):
        self.note = reason

    @transition(field=status, source=Status.drawn(), target=Status.CONFLICT)
    def recuse(self, reason):
        self.note = reason

    @transition(field=status, source=Status.RESERVE, target=Status.PANEL)
    def promote(self):
        """A reserve takes a place left on the panel."""


class Pledge(models.Model):
    """The integrity pledge (承诺书) of an expert put on a panel by hand (a drawn expert accepts it on the
    seat): accepted once per panel, before anything under review opens. The target is generic, as a draw's."""

    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="pledges", verbose_name=_("expert")
    )
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    label = models.CharField(_("panel for"), max_length=200)
    text = models.TextField(_("pledge as accepted"))
    accepted_at = models.DateTimeField(_("pledge accepted"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("integrity pledge")
        verbose_name_plural = _("integrity pledges")
        ordering = ["-accepted_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["expert", "target_type", "target_id"], name="orgs_pledge_once_per_panel")
        ]

    def __str__(self):
        return f"{self.label} · {self.expert}"


class DrawEvent(models.Model):
    """The draw's log, read on the draw record: drawn, declined, recused, replaced by a reserve, pledged."""

    class Kind(models.TextChoices):
        DRAWN = "drawn", _("Drawn")
        DECLINED = "declined", _("Declined the panel")
        CONFLICT = "conflict", _("Declared a conflict")
        PROMOTED = "promoted", _("Reserve moved onto the panel")
        SHORT = "short", _("No reserve left")
        PLEDGED = "pledged", _("Accepted the pledge")
        PLEDGE_EDITED = "pledge_edited", _("Pledge text edited")

    draw = models.ForeignKey(Draw, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=16, choices=Kind.choices)
    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, null=True, blank=True, related_name="events")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("draw event")
        verbose_name_plural = _("draw events")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.draw} · {self.get_kind_display()}"


class SignedSheet(StoredFile):
    """A scan of the signed draw record, score sheet or summary sheet, kept with the draw."""

    class Kind(models.TextChoices):
        DRAW_RECORD = "draw_record", _("Signed draw record (抽取记录)")
        SCORE_SHEET = "score_sheet", _("Signed score sheet (评分表)")
        SUMMARY = "summary", _("Signed summary sheet (汇总表)")
        PLEDGE = "pledge", _("Signed pledge (承诺书)")

    draw = models.ForeignKey(Draw, on_delete=models.CASCADE, related_name="sheets")
    kind = models.CharField(_("sheet"), max_length=16, choices=Kind.choices)

    class Meta:
        verbose_name = _("signed sheet")
        verbose_name_plural = _("signed sheets")
        ordering = ["-uploaded_at", "-id"]
