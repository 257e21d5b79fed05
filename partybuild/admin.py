"""Administration of party records. Stages and ratings change only through their services (the pages and the
actions here); member records are for party-building staff only, and every look at them is logged."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import selectors, services
from .forms import AdvanceForm
from .models import (
    Honour,
    InstructorProfile,
    JointMeeting,
    MemberAccess,
    PartyCase,
    PartyMember,
    PartyOrganization,
    RatingIndicator,
    RatingScheme,
    StageLog,
    StarRating,
    Support,
    TalentFlow,
    Training,
)
from .permissions import is_party_staff


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PartyStaffOnlyMixin:
    """Hidden from everyone but party-building staff, whatever permissions a group is given."""

    def has_module_permission(self, request):
        return is_party_staff(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_party_staff(request.user) and super().has_view_permission(request, obj)


class MemberDataMixin:
    """An admin whose records show members' personal data: each page that would show it (the list, the change
    form, the history and its versions, the delete confirmation) reads through selectors.member_data first, so
    the read is logged, or refused with a 404 to whoever may not see it."""

    list_reads_member_data = False  # the list shows names itself

    def names_a_member(self, request, record):
        return True

    def member_case(self, record):
        """The case whose member the record names; None for data only party staff read (e.g. a secretary)."""
        return None

    def _read(self, request, object_id):
        pk = unquote(object_id)
        record = self.model._default_manager.filter(pk=pk).first()
        if record is None:  # deleted: its history still shows what it held
            version = self.model.history.filter(pk=pk).order_by("-history_date").first()
            record = version.instance if version else None
        # Whoever the admin turns away anyway gets its answer (403); a reader it would let in goes through the door.
        if record is not None and self.has_view_or_change_permission(request) and self.names_a_member(request, record):
            selectors.member_data(request, self.member_case(record))

    def changelist_view(self, request, extra_context=None):
        if self.list_reads_member_data and self.has_view_or_change_permission(request):
            selectors.member_data(request)
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._read(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._read(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self._read(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._read(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


class PartyStaffEditsMixin:
    """Park staff may look; only party-building staff change party records (through the services)."""

    def has_add_permission(self, request, obj=None):
        return is_party_staff(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return is_party_staff(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return is_party_staff(request.user) and super().has_delete_permission(request, obj)


@admin.register(PartyOrganization)
class PartyOrganizationAdmin(MemberDataMixin, PartyStaffEditsMixin, SimpleHistoryAdmin):
    list_display = ("name", "kind", "parent", "site", "formed_on", "formation_mode", "next_meeting_due", "is_active")
    list_filter = ("kind", "formation_mode", "site", "is_active")
    search_fields = ("name",)
    # Forming a party organization and its member organizations go through the party pages, where the
    # branch rules are checked; here staff correct the details.
    readonly_fields = ("kind", "organizations", "next_meeting_due")

    def has_add_permission(self, request, obj=None):
        return False

    # The secretary is a party member: named to party-building staff only, in the form and in the history.
    def get_exclude(self, request, obj=None):
        return None if is_party_staff(request.user) else ["secretary"]

    def set_history_delta_changes(self, request, historical_records, **kwargs):
        if is_party_staff(request.user):
            super().set_history_delta_changes(request, historical_records, **kwargs)

    # Filtering by the secretary (?secretary__startswith=…) would spell the name out letter by letter.
    def lookup_allowed(self, lookup, value, request=None):
        if lookup.startswith("secretary") and not (request and is_party_staff(request.user)):
            return False
        return super().lookup_allowed(lookup, value, request)

    def changelist_view(self, request, extra_context=None):
        if any(key.startswith("secretary") for key in request.GET):
            selectors.member_data(request)
        return super().changelist_view(request, extra_context)

    # Others never see the secretary (left out of the form and the history): only party staff's reads count.
    def names_a_member(self, request, record):
        return bool(record.secretary) and is_party_staff(request.user)


class StageLogInline(admin.TabularInline):
    model = StageLog
    extra = 0
    can_delete = False
    readonly_fields = ("source", "target", "by", "at", "reason")

    def has_add_permission(self, request, obj=None):
        return False


def _step_action(step):
    transition = PartyCase.steps()[step]

    def take(modeladmin, request, queryset):
        return modeladmin.take_step(request, queryset, step)

    take.__name__ = step
    return admin.action(description=transition.custom["label"])(take)


@admin.register(PartyCase)
class PartyCaseAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ("organization", "stage", "instructor", "full_members", "probationary_members", "opened_on")
    list_filter = ("stage", "organization__site")
    search_fields = ("organization__name",)
    inlines = [StageLogInline]
    actions = [_step_action(step) for step in PartyCase.steps()]

    def take_step(self, request, queryset, step):
        """The stage step for each chosen case, through the same service as the case page: a page asks for the
        note; the cases refused come back on it with why and the note kept, the others move."""
        transition = PartyCase.steps()[step]
        form = AdvanceForm(request.POST if "apply" in request.POST else None)
        refused = []
        if form.is_bound and form.is_valid():
            moved = 0
            for case in queryset:
                try:
                    services.advance(request.user, case, step, form.cleaned_data["note"])
                except (ValidationError, PermissionDenied) as error:
                    reasons = error.messages if isinstance(error, ValidationError) else [_("Not allowed.")]
                    refused.append((case, reasons))
                else:
                    moved += 1
            if moved:
                self.message_user(request, _("The stage is updated: %(n)s") % {"n": moved}, messages.SUCCESS)
            if not refused:
                return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Confirm the stage step"),
            "opts": self.model._meta,
            "transition": transition,
            "cases": [case for case, _reasons in refused] if refused else list(queryset),
            "refused": refused,
            "form": form,
            "action": step,
        }
        return TemplateResponse(request, "admin/partybuild/step.html", context)


@admin.register(PartyMember)
class PartyMemberAdmin(MemberDataMixin, PartyStaffOnlyMixin, ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ("name", "status", "case", "transfer_status", "transfer_due", "receipt_returned")
    list_filter = ("status", "transfer_status")
    search_fields = ("name", "case__organization__name")
    list_reads_member_data = True

    def member_case(self, record):
        return record.case


@admin.register(MemberAccess)
class MemberAccessAdmin(PartyStaffOnlyMixin, ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("at", "user", "action", "organization", "where")
    list_filter = ("action",)
    date_hierarchy = "at"

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TalentFlow)
class TalentFlowAdmin(MemberDataMixin, PartyStaffOnlyMixin, ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ("direction", "on", "member")
    list_filter = ("direction",)
    raw_id_fields = ("member",)
    list_reads_member_data = True

    def member_case(self, record):
        return record.member.case


@admin.register(InstructorProfile)
class InstructorProfileAdmin(PartyStaffEditsMixin, SimpleHistoryAdmin):
    list_display = ("user", "unit", "accepts_cases")
    filter_horizontal = ("sites",)
    raw_id_fields = ("user",)


@admin.register(Support)
class SupportAdmin(PartyStaffEditsMixin, SimpleHistoryAdmin):
    list_display = ("kind", "given_on", "amount", "organization", "party_organization", "description")
    list_filter = ("kind",)
    date_hierarchy = "given_on"
    raw_id_fields = ("organization", "party_organization")
    readonly_fields = ("recorded_by",)

    def save_model(self, request, obj, form, change):
        try:
            services.record_support(request.user, obj)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))


@admin.register(JointMeeting)
class JointMeetingAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ("held_on", "topic", "party_organization", "attendees")
    date_hierarchy = "held_on"


@admin.register(Training)
class TrainingAdmin(PartyStaffEditsMixin, admin.ModelAdmin):
    list_display = ("held_on", "topic", "organization", "party_organization", "participants", "hours")
    date_hierarchy = "held_on"
    raw_id_fields = ("organization", "party_organization")

    def save_model(self, request, obj, form, change):
        services.record_training(request.user, obj)


def _scheme_used(scheme):
    return scheme is not None and StarRating.objects.filter(scheme=scheme).exists()


class RatingIndicatorInline(admin.TabularInline):
    model = RatingIndicator
    extra = 0

    # A scheme that rated someone is settled: its indicators and points are what the ratings were scored on.
    def has_add_permission(self, request, obj=None):
        return not _scheme_used(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _scheme_used(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _scheme_used(obj) and super().has_delete_permission(request, obj)


@admin.register(RatingScheme)
class RatingSchemeAdmin(PartyStaffEditsMixin, admin.ModelAdmin):
    list_display = ("name", "five_star_from", "four_star_from", "three_star_from", "two_star_from", "is_current")
    inlines = [RatingIndicatorInline]

    # Settled once it rated someone: only whether it is the current scheme may still change.
    def get_readonly_fields(self, request, obj=None):
        if _scheme_used(obj):
            return [f.name for f in self.model._meta.fields if f.name != "is_current"]
        return super().get_readonly_fields(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _scheme_used(obj) and super().has_delete_permission(request, obj)


@admin.register(StarRating)
class StarRatingAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ("party_organization", "year", "points", "stars", "state", "announced_until")
    list_filter = ("year", "stars", "state")
    actions = ["announce", "finalize"]

    def _each(self, request, queryset, service):
        for rating in queryset:
            try:
                service(request.user, rating)
            except (ValidationError, PermissionDenied) as error:
                reasons = error.messages if isinstance(error, ValidationError) else [_("Not allowed.")]
                self.message_user(request, f"{rating}: {' '.join(reasons)}", messages.ERROR)
            else:
                self.message_user(request, f"{rating}: {_('The rating is updated.')}", messages.SUCCESS)

    @admin.action(description=_("Announce the rating (公示)"))
    def announce(self, request, queryset):
        self._each(request, queryset, services.announce_rating)

    @admin.action(description=_("Make the rating final"))
    def finalize(self, request, queryset):
        self._each(request, queryset, services.finalize_rating)


@admin.register(Honour)
class HonourAdmin(MemberDataMixin, PartyStaffEditsMixin, SimpleHistoryAdmin):
    list_display = ("year", "category", "title", "party_organization", "organization")
    list_filter = ("category", "year")
    raw_id_fields = ("party_organization", "member", "organization")

    # A member's honour names the member: party-building staff only.
    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs if is_party_staff(request.user) else qs.filter(member__isnull=True)

    def get_exclude(self, request, obj=None):
        return None if is_party_staff(request.user) else ["member"]

    def save_model(self, request, obj, form, change):
        services.award_honour(request.user, obj)

    # An honour names whoever it named in any of its versions: its history shows them all.
    def _named(self, record):
        if record.member_id is not None:
            return record.member_id
        return record.history.filter(member__isnull=False).values_list("member_id", flat=True).first()

    def names_a_member(self, request, record):
        return self._named(record) is not None

    # A member since removed has no case left: then only party staff read it.
    def member_case(self, record):
        member = PartyMember.objects.filter(pk=self._named(record)).select_related("case").first()
        return member.case if member else None
