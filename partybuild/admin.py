"""Administration of party records. Stages and ratings change only through their services (the pages and the
actions here); member records are for party-building staff only, and every look at them is logged."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from . import services
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


class PartyStaffEditsMixin:
    """Park staff may look; only party-building staff change party records (through the services)."""

    def has_add_permission(self, request, obj=None):
        return is_party_staff(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return is_party_staff(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return is_party_staff(request.user) and super().has_delete_permission(request, obj)


@admin.register(PartyOrganization)
class PartyOrganizationAdmin(PartyStaffEditsMixin, SimpleHistoryAdmin):
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


class StageLogInline(admin.TabularInline):
    model = StageLog
    extra = 0
    can_delete = False
    readonly_fields = ("source", "target", "by", "at", "reason")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(PartyCase)
class PartyCaseAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ("organization", "stage", "instructor", "full_members", "probationary_members", "opened_on")
    list_filter = ("stage", "organization__site")
    search_fields = ("organization__name",)
    inlines = [StageLogInline]


@admin.register(PartyMember)
class PartyMemberAdmin(PartyStaffOnlyMixin, ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ("name", "status", "case", "transfer_status", "transfer_due", "receipt_returned")
    list_filter = ("status", "transfer_status")
    search_fields = ("name", "case__organization__name")

    def changelist_view(self, request, extra_context=None):
        services.log_member_access(request.user, None)
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        member = self.get_object(request, object_id)
        if member is not None:
            services.log_member_access(request.user, member.case.organization)
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(MemberAccess)
class MemberAccessAdmin(PartyStaffOnlyMixin, ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("at", "user", "action", "organization")
    list_filter = ("action",)
    date_hierarchy = "at"

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TalentFlow)
class TalentFlowAdmin(PartyStaffOnlyMixin, ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ("direction", "on", "member")
    list_filter = ("direction",)
    raw_id_fields = ("member",)


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


class RatingIndicatorInline(admin.TabularInline):
    model = RatingIndicator
    extra = 0


@admin.register(RatingScheme)
class RatingSchemeAdmin(PartyStaffEditsMixin, admin.ModelAdmin):
    list_display = ("name", "five_star_from", "four_star_from", "three_star_from", "two_star_from", "is_current")
    inlines = [RatingIndicatorInline]


@admin.register(StarRating)
class StarRatingAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ("party_organization", "year", "points", "stars", "state", "announced_until")
    list_filter = ("year", "stars", "state")


@admin.register(Honour)
class HonourAdmin(PartyStaffEditsMixin, SimpleHistoryAdmin):
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
