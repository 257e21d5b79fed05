"""Awards, objections, agreements, tranches and reports in the admin."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .. import services
from ..models import (
    Agreement,
    Award,
    BonusItem,
    CoachingRecord,
    Objection,
    ProgressReport,
    ReportDocument,
    Tranche,
)
from .common import ReadOnlyInline, dated_action


@admin.register(Award)
class AwardAdmin(SimpleHistoryAdmin):
    """Awards are made on the ranking page (the service checks the rank order and the pool): here they are read."""

    list_display = ["proposal", "amount", "decided_by", "decided_at"]
    list_filter = ["round"]
    list_select_related = ["proposal__round", "decided_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class HandlingForm(forms.Form):
    handling = forms.CharField(label=_("how it was handled"), widget=forms.Textarea(attrs={"rows": 3}))


@admin.register(Objection)
class ObjectionAdmin(SimpleHistoryAdmin):
    """Objections are filed on the public announcement and resolved by the actions below, which call the
    workbench's service (an upheld objection withdraws the award); the record itself is read-only here."""

    list_display = ["proposal", "name", "filed_at", "outcome"]
    list_filter = ["outcome", "round"]
    list_select_related = ["proposal__round"]
    readonly_fields = [
        "round",
        "proposal",
        "name",
        "contact",
        "text",
        "filed_at",
        "outcome",
        "handling",
        "handled_by",
        "handled_at",
    ]
    actions = ["dismiss", "uphold"]

    def has_add_permission(self, request):
        return False

    def _resolve(self, request, queryset, outcome, action, title):
        form = HandlingForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            for objection in queryset:
                try:
                    services.handle_objection(request.user, objection, outcome, form.cleaned_data["handling"])
                except ValidationError as error:
                    for message in error.messages:
                        self.message_user(request, f"{objection}：{message}", messages.ERROR)
                else:
                    self.message_user(request, f"{objection}：{Objection.Outcome(outcome).label}", messages.SUCCESS)
            return None
        context = self.admin_site.each_context(request) | {
            "title": title,
            "objections": queryset,
            "form": form,
            "action": action,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/venture/objection/resolve.html", context)

    @admin.action(description=_("Dismiss the selected objections (the award stands)"))
    def dismiss(self, request, queryset):
        return self._resolve(request, queryset, Objection.Outcome.DISMISSED, "dismiss", _("Dismiss the objections"))

    @admin.action(description=_("Uphold the selected objections (the award is withdrawn)"))
    def uphold(self, request, queryset):
        return self._resolve(request, queryset, Objection.Outcome.UPHELD, "uphold", _("Uphold the objections"))


class TrancheInline(ReadOnlyInline):
    model = Tranche
    fields = ["order", "percentage", "condition", "amount", "state", "released_at", "paid_on", "paid_amount"]


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["number", "award", "signed_on"]
    list_select_related = ["award__proposal__round"]
    inlines = [TrancheInline]
    actions = [dated_action("sign_agreements", _("Record the signing"), services.sign_agreement)]

    def has_add_permission(self, request):
        return False  # agreements open when the awards are made final

    def has_change_permission(self, request, obj=None):
        return False  # signed through its action, as on the workbench

    def has_delete_permission(self, request, obj=None):
        return False


def _pay_in_full(by, tranche, paid_on):
    return services.record_payment(by, tranche, paid_on, tranche.amount)


@admin.register(Tranche)
class TrancheAdmin(SimpleHistoryAdmin):
    list_display = ["agreement", "order", "condition", "amount", "state", "paid_on", "paid_amount"]
    list_filter = ["state", "condition"]
    list_select_related = ["agreement"]
    actions = [dated_action("record_payments", _("Record the payment"), _pay_in_full)]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # paid through its action; released and stopped by signing and the evaluations

    def has_delete_permission(self, request, obj=None):
        return False


class ReportDocumentInline(ReadOnlyInline):
    model = ReportDocument
    fields = ["original_name", "uploaded_at"]


@admin.register(ProgressReport)
class ProgressReportAdmin(SimpleHistoryAdmin):
    """Staff schedule reports on the project's page and the organization writes them: here a report is read,
    and only the due date of one not yet submitted moves."""

    list_display = ["proposal", "kind", "due_on", "submitted_at"]
    list_filter = ["kind"]
    list_select_related = ["proposal__round"]
    inlines = [ReportDocumentInline]
    REPORT_FIELDS = [
        "proposal",
        "kind",
        "submitted_at",
        "activities_done",
        "beneficiaries_reached",
        "spent",
        "spent_explanation",
        "narrative",
    ]

    def get_readonly_fields(self, request, obj=None):
        return [*self.REPORT_FIELDS, "due_on"] if obj and obj.submitted_at else self.REPORT_FIELDS

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CoachingRecord)
class CoachingRecordAdmin(SimpleHistoryAdmin):
    list_display = ["proposal", "kind", "on", "by"]
    list_filter = ["kind"]
    list_select_related = ["proposal__round", "by"]


@admin.register(BonusItem)
class BonusItemAdmin(SimpleHistoryAdmin):
    list_display = ["name", "round", "points"]
    list_filter = ["round"]
