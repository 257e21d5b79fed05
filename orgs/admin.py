from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .forms import RecruitmentCallForm
from .models import (
    Application,
    Assignment,
    Evaluation,
    ExpertProfile,
    GovernmentBid,
    Incubation,
    Membership,
    Organization,
    OrganizationDocument,
    RecruitmentCall,
    ServiceEntry,
    Space,
    SpaceAllocation,
    StageLog,
)


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    """The register is imported and exported on the staff workbench, as Celery jobs (orgs.jobs)."""

    list_display = ("name", "registration_type", "uscc", "category", "track", "site", "grade")
    list_filter = ("track", "registration_type", "category", "site", "grade")
    search_fields = ("name", "short_name", "uscc", "person_in_charge")
    list_select_related = ("site",)


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


class StageLogInline(admin.TabularInline):
    model = StageLog
    extra = 0
    can_delete = False
    readonly_fields = ("from_stage", "to_stage", "action", "on", "at", "by", "reason")

    def has_add_permission(self, request, obj=None):
        return False


def run_each(modeladmin, request, queryset, command, done):
    """Run a service on each selected record; a refusal is shown with the record it concerns, as on the
    workbench."""
    ran = 0
    for obj in queryset:
        try:
            command(obj)
        except (ValidationError, PermissionDenied) as error:
            why = "; ".join(error.messages) if isinstance(error, ValidationError) else _("Not allowed.")
            modeladmin.message_user(request, f"{obj}: {why}", messages.ERROR)
        else:
            ran += 1
    if ran:
        modeladmin.message_user(request, done, messages.SUCCESS)


@admin.register(Incubation)
class IncubationAdmin(SimpleHistoryAdmin):
    """The stage moves through the services (here as actions, on the workbench with a reason); here staff fix the
    due dates and the responsible staff."""

    list_display = ("organization", "stage", "stage_due_on", "in_shell_until", "follow_up_until", "responsible_staff")
    list_filter = ("stage", "organization__site", "organization__track")
    search_fields = ("organization__name",)
    readonly_fields = (
        "organization",
        "stage",
        "stage_since",
        "applied_on",
        "admitted_on",
        "exited_on",
        "closing_reason",
    )
    raw_id_fields = ("responsible_staff",)
    list_select_related = ("organization", "responsible_staff")
    inlines = [StageLogInline]
    actions = ["start_inspection", "complete"]

    def has_add_permission(self, request):
        return False  # an incubation starts with a submitted application

    @admin.action(description=_("Accept the application: start inspection and coaching"))
    def start_inspection(self, request, queryset):
        run_each(self, request, queryset, lambda i: services.start_inspection(request.user, i), _("Moved."))

    @admin.action(description=_("Complete (end of follow-up or of the resident agreement)"))
    def complete(self, request, queryset):
        run_each(self, request, queryset, lambda i: services.complete(request.user, i), _("Moved."))


class AssignmentInlineForm(forms.ModelForm):
    """An expert added here passes the panel's rules (recusal first) like one added on the workbench; an
    expert already on the panel is replaced on the workbench, not swapped here."""

    class Meta:
        model = Assignment
        fields = ("expert",)

    def clean(self):
        data = super().clean()
        expert = data.get("expert")
        if self.instance.pk is not None:
            if "expert" in self.changed_data:
                raise ValidationError(_("Replace an expert on the evaluation's page of the workbench."))
        elif expert is not None:
            services.check_panel_member(self.instance.evaluation, expert)
        return data


class AssignmentInline(admin.TabularInline):
    model = Assignment
    form = AssignmentInlineForm
    extra = 0
    can_delete = False
    fields = ("expert", "method", "status", "assigned_at", "submitted_at", "total")
    readonly_fields = ("method", "status", "assigned_at", "submitted_at", "total")
    raw_id_fields = ("expert",)


@admin.register(Evaluation)
class EvaluationAdmin(SimpleHistoryAdmin):
    list_display = ("organization", "kind", "status", "due_on", "result", "decision")
    list_filter = ("kind", "status", "decision")
    search_fields = ("organization__name",)
    readonly_fields = ("status", "result", "decision", "decision_note", "decided_at", "decided_by")
    raw_id_fields = ("organization",)
    inlines = [AssignmentInline]

    def save_formset(self, request, form, formset, change):
        """A new panel member is added by the workbench's service (checked again, the expert told)."""
        if formset.model is not Assignment:
            return super().save_formset(request, form, formset, change)
        formset.new_objects = [
            services.assign_expert(request.user, form.instance, inline_form.cleaned_data["expert"])
            for inline_form in formset.extra_forms
            if inline_form.has_changed() and inline_form.cleaned_data.get("expert")
        ]
        formset.changed_objects, formset.deleted_objects = [], []
        return formset.new_objects


@admin.register(RecruitmentCall)
class RecruitmentCallAdmin(admin.ModelAdmin):
    form = RecruitmentCallForm  # the workbench's form: one set of rules for a call
    list_display = ("title", "opens_on", "closes_on", "published")
    list_filter = ("published",)


@admin.register(Application)
class ApplicationAdmin(SimpleHistoryAdmin):
    """Applicants write and submit their applications; here staff read them (a submitted one is settled)."""

    list_display = ("organization", "call", "project_title", "track", "status", "submitted_at")
    list_filter = ("status", "track", "call")
    search_fields = ("organization__name", "project_title")
    list_select_related = ("organization", "call")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # viewing stays: the applicant's own words, and the status only moves by submitting


@admin.register(OrganizationDocument)
class OrganizationDocumentAdmin(admin.ModelAdmin):
    list_display = ("original_name", "organization", "kind", "uploaded_at", "uploaded_by")
    list_filter = ("kind",)
    search_fields = ("original_name", "organization__name")
    raw_id_fields = ("organization", "uploaded_by")
    readonly_fields = ("file", "original_name", "size", "uploaded_at", "uploaded_by")

    def has_add_permission(self, request):
        return False  # uploads go through the checked form on the workbench


@admin.register(Space)
class SpaceAdmin(admin.ModelAdmin):
    list_display = ("name", "site", "kind", "is_active")
    list_filter = ("site", "kind", "is_active")
    search_fields = ("name",)


@admin.register(SpaceAllocation)
class SpaceAllocationAdmin(SimpleHistoryAdmin):
    """Allocating runs the workbench's service (same stage rule, same refusal); releasing is an action."""

    list_display = ("space", "organization", "allocated_on", "released_on", "release_reason")
    list_filter = ("space__site", ("released_on", admin.EmptyFieldListFilter))
    raw_id_fields = ("space", "organization")
    fields = ("space", "organization", "allocated_on", "note")
    actions = ["release"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return ("space", "organization", "allocated_on", "allocated_by", "note", "released_on", "released_by",
                "release_reason")  # fmt: skip

    def get_fields(self, request, obj=None):
        return self.fields if obj is None else self.get_readonly_fields(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            saved = services.allocate_space(request.user, obj.space, obj.organization, obj.allocated_on, obj.note)
            obj.pk = saved.pk

    @admin.action(description=_("Release the selected spaces"))
    def release(self, request, queryset):
        run_each(self, request, queryset, lambda a: services.release_space(request.user, a), _("Released."))


@admin.register(ServiceEntry)
class ServiceEntryAdmin(admin.ModelAdmin):
    list_display = ("organization", "kind", "on", "staff", "hours")
    list_filter = ("kind", "organization__site")
    search_fields = ("organization__name", "notes")
    raw_id_fields = ("organization", "staff")


@admin.register(GovernmentBid)
class GovernmentBidAdmin(admin.ModelAdmin):
    list_display = ("organization", "purchaser", "project", "amount", "submitted_on", "result")
    list_filter = ("result",)
    search_fields = ("organization__name", "purchaser", "project")
    raw_id_fields = ("organization", "recorded_by")
