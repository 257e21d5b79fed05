"""Admin of every venture record, with its history (SimpleHistoryAdmin). The tranche plan of a round must
add up to 100%; the rubric's weights to 100 (checked by Round.clean). Awards, signings, payments and reports
change through the services, as on the workbench: here their workflow fields are read-only and a state change
is an admin action calling the same service, with the same refusals."""

from decimal import Decimal

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from incubator.forms import DateField
from orgs.models import Category, Track

from . import services
from .models import (
    Activity,
    Agreement,
    Area,
    Assignment,
    Award,
    BonusItem,
    BudgetLine,
    CoachingRecord,
    Objection,
    ProgressReport,
    Proposal,
    ProposalDocument,
    ReportDocument,
    Review,
    Round,
    Score,
    ScreeningRecord,
    Tranche,
    TranchePlanItem,
)


class ActionDateForm(forms.Form):
    on = DateField(label=_("date"))


def dated_action(name, description, service):
    """An admin action that asks for a date, then runs `service(user, record, date)` on each selected record;
    each refusal is reported with the record it concerns."""

    def action(modeladmin, request, queryset):
        form = ActionDateForm(request.POST if "apply" in request.POST else None, initial={"on": timezone.localdate()})
        if form.is_bound and form.is_valid():
            for record in queryset:
                try:
                    service(request.user, record, form.cleaned_data["on"])
                except (ValidationError, PermissionDenied) as error:
                    reasons = " ".join(getattr(error, "messages", [])) or _("You may not do this.")
                    modeladmin.message_user(request, f"{record}: {reasons}", messages.ERROR)
                else:
                    modeladmin.message_user(request, f"{record}: {description}", messages.SUCCESS)
            return None
        context = {
            **modeladmin.admin_site.each_context(request),
            "title": description,
            "opts": modeladmin.model._meta,
            "records": queryset,
            "form": form,
            "action": name,
        }
        return TemplateResponse(request, "venture/admin/dated_action.html", context)

    action.__name__ = name
    return admin.action(description=description)(action)


class ReadOnlyInline(admin.TabularInline):
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class TranchePlanFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        total = sum(
            (f.cleaned_data.get("percentage") or Decimal(0))
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        )
        if total != 100:
            raise ValidationError(
                _("The tranche shares add up to %(total)s%%; they must add up to 100%%.") % {"total": total}
            )


class TranchePlanInline(admin.TabularInline):
    model = TranchePlanItem
    formset = TranchePlanFormSet
    extra = 0


class RoundForm(forms.ModelForm):
    eligible_tracks = forms.MultipleChoiceField(
        label=_("eligible tracks"), choices=Track.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    eligible_categories = forms.MultipleChoiceField(
        label=_("eligible fields"), choices=Category.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    favoured_areas = forms.MultipleChoiceField(
        label=_("favoured project areas"), choices=Area.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Round
        fields = [
            "title",
            "code",
            "description",
            "published",
            "fund_pool",
            "max_grant",
            "cofunding_share",
            "eligible_tracks",
            "eligible_categories",
            "eligible_sites",
            "favoured_areas",
            *Round.TIMETABLE,
            "experts_per_proposal",
            "min_reviews",
            "blind",
            "tie_break",
            "rubric",
            "implementation_rubric",
            "required_documents",
        ]
        field_classes = dict.fromkeys(Round.TIMETABLE, DateField)


@admin.register(Round)
class RoundAdmin(SimpleHistoryAdmin):
    form = RoundForm
    inlines = [TranchePlanInline]
    list_display = ["title", "code", "fund_pool", "max_grant", "submission_deadline", "blind"]
    search_fields = ["title", "code"]
    filter_horizontal = ["eligible_sites"]
    readonly_fields = ["review_closed_at", "announced_at", "finalized_at"]

    def get_readonly_fields(self, request, obj=None):
        # Once the review is closed the ranks stand under the rule they were given by.
        return [*self.readonly_fields, "tie_break"] if obj and obj.review_closed else self.readonly_fields

    fieldsets = [
        (None, {"fields": ["title", "code", "description", "published"]}),
        (_("Money"), {"fields": ["fund_pool", "max_grant", "cofunding_share"]}),
        (_("Eligibility"), {"fields": ["eligible_tracks", "eligible_categories", "eligible_sites", "favoured_areas"]}),
        (_("Timetable"), {"fields": list(Round.TIMETABLE)}),
        (
            _("Review"),
            {
                "fields": [
                    "experts_per_proposal",
                    "min_reviews",
                    "blind",
                    "tie_break",
                    "rubric",
                    "implementation_rubric",
                    "required_documents",
                    "public_share",
                    "bonus_cap",
                ]
            },
        ),
        (_("Progress"), {"fields": ["review_closed_at", "announced_at", "finalized_at"]}),
    ]


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0
    readonly_fields = ["amount"]


class ActivityInline(admin.TabularInline):
    model = Activity
    extra = 0


class DocumentInline(admin.TabularInline):
    model = ProposalDocument
    extra = 0
    can_delete = False
    fields = ["label", "original_name", "identifying", "uploaded_at"]
    readonly_fields = ["original_name", "uploaded_at"]

    def has_add_permission(self, request, obj=None):
        return False  # the organization uploads its documents through the checked service


@admin.register(Proposal)
class ProposalAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "organization", "round", "state", "requested_amount", "rank"]
    list_filter = ["round", "state", "area"]
    search_fields = ["title", "organization__name"]
    list_select_related = ["round", "organization"]
    readonly_fields = [
        "state",
        "requested_amount",
        "cofunded_amount",
        "submitted_at",
        "score",
        "rank",
        "returned_once",
        "completion_due_on",
    ]
    inlines = [BudgetLineInline, ActivityInline, DocumentInline]
    raw_id_fields = ["organization"]


@admin.register(ScreeningRecord)
class ScreeningRecordAdmin(admin.ModelAdmin):
    list_display = ["proposal", "outcome", "by", "at"]
    list_filter = ["outcome"]
    list_select_related = ["proposal__round", "by"]


class ScoreInline(admin.TabularInline):
    """An expert's scores are their own record: read here, changed only by the expert (a submitted review
    after staff reopen it on the workbench)."""

    model = Score
    extra = 0
    can_delete = False
    fields = readonly_fields = ["criterion", "value", "comment"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    """Experts are assigned on the workbench (分配), where recusal and the panel's rules apply; here staff
    only move a due date."""

    list_display = ["proposal", "expert", "kind", "conflict", "due_on"]
    list_filter = ["kind", "conflict", "proposal__round"]
    list_select_related = ["proposal__round", "expert"]
    fields = ["proposal", "expert", "kind", "conflict", "conflict_note", "declared_at", "due_on", "assigned_by"]
    readonly_fields = ["proposal", "expert", "kind", "conflict", "conflict_note", "declared_at", "assigned_by"]

    def has_add_permission(self, request):
        return False


@admin.register(Review)
class ReviewAdmin(SimpleHistoryAdmin):
    """Read only: a review changes by the expert's hand or by a reopening on the workbench."""

    list_display = ["assignment", "state", "total", "submitted_at"]
    list_filter = ["state", "assignment__kind"]
    list_select_related = ["assignment__proposal__round", "assignment__expert"]
    inlines = [ScoreInline]
    fields = readonly_fields = ["assignment", "state", "total", "submitted_at", "overall_comment", "reopened_reason"]

    def has_add_permission(self, request):
        return False


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
