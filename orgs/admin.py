from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import ExpertProfile, Membership, Organization


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "registration_type", "uscc", "category", "track", "site", "grade")
    list_filter = ("track", "registration_type", "category", "site", "grade")
    search_fields = ("name", "short_name", "uscc", "person_in_charge")


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "organization", "position", "requested_at", "confirmed_at", "confirmed_by")
    list_filter = (("confirmed_at", admin.EmptyFieldListFilter),)
    search_fields = ("user__username", "user__full_name", "organization__name")
    raw_id_fields = ("user", "organization")
    readonly_fields = ("confirmed_at", "confirmed_by")
    actions = ["confirm"]

    @admin.action(description=_("Confirm the selected applicant accounts"))
    def confirm(self, request, queryset):
        for membership in queryset.select_related("user", "organization"):
            services.confirm_membership(request.user, membership)
        messages.success(request, _("Confirmed."))


@admin.register(ExpertProfile)
class ExpertProfileAdmin(SimpleHistoryAdmin):
    list_display = ("user", "affiliation", "title")
    search_fields = ("user__username", "user__full_name", "affiliation")
    filter_horizontal = ("tied_organizations",)
