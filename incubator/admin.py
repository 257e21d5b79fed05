from decimal import Decimal

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import scoring
from .models import Criterion, Heartbeat, Notification, ParkProfile, Reminder, Rubric, Site, User

# A second factor is set up by its owner on the portal, never typed in here; a locked-out owner gets a one-time code
# from `manage.py addstatictoken USERNAME` (README, Security).
admin.site.unregister(TOTPDevice)
admin.site.unregister(StaticDevice)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + ((_("Park"), {"fields": ("full_name", "phone", "language")}),)
    list_display = ("username", "full_name", "email", "phone", "is_staff", "is_active")
    list_filter = ("groups", "is_staff", "is_active")
    search_fields = ("username", "full_name", "email", "phone")


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "level", "address", "residents", "in_shell_months", "follow_up_months", "is_active")
    list_filter = ("kind", "level", "is_active")
    search_fields = ("name", "address")
    list_editable = ("residents",)


@admin.register(ParkProfile)
class ParkProfileAdmin(admin.ModelAdmin):
    list_display = ("__str__", "banner_population", "population_year")

    def has_add_permission(self, request):
        return not ParkProfile.objects.exists()


class CriterionFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        total = sum(
            (f.cleaned_data.get("weight") or Decimal(0))
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        )
        if total != Decimal(100):
            raise ValidationError(
                _("The criteria's weights must add up to 100; they add up to %(total)s."), params={"total": total}
            )


def _in_use(rubric):
    return rubric is not None and rubric.pk in scoring.rubrics_in_use()


class CriterionInline(admin.TabularInline):
    """While a panel scores on the rubric its criteria stay as the experts see them."""

    model = Criterion
    formset = CriterionFormSet
    extra = 0

    def get_readonly_fields(self, request, obj=None):
        return ("name", "weight", "max_score", "order") if _in_use(obj) else ()

    def has_add_permission(self, request, obj=None):
        return not _in_use(obj)

    def has_delete_permission(self, request, obj=None):
        return not _in_use(obj)


@admin.register(Rubric)
class RubricAdmin(admin.ModelAdmin):
    list_display = ("name", "pass_mark")
    inlines = [CriterionInline]

    def get_readonly_fields(self, request, obj=None):
        return ("pass_mark",) if _in_use(obj) else ()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        rubric = self.get_object(request, object_id)
        if request.method == "GET" and _in_use(rubric):
            messages.info(
                request, _("Experts are scoring on this rubric now: its criteria and pass mark cannot change.")
            )
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("title", "recipient", "kind", "created_at", "read_at", "email")
    list_filter = ("kind", "email")
    search_fields = ("title", "recipient__username")
    raw_id_fields = ("recipient",)


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ("kind", "content_type", "object_id", "due_date", "created_at")
    list_filter = ("kind",)
    date_hierarchy = "due_date"


@admin.register(Heartbeat)
class HeartbeatAdmin(admin.ModelAdmin):
    list_display = ("name", "beat_at", "hostname")
