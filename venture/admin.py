"""Admin of every venture record, with its history (SimpleHistoryAdmin). The tranche plan of a round must
add up to 100%; the rubric's weights to 100 (checked by Round.clean)."""

from decimal import Decimal

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from incubator.forms import DateField
from orgs.models import Category, Track

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
    fields = ["label", "original_name", "identifying", "uploaded_at"]
    readonly_fields = ["original_name", "uploaded_at"]


@admin.register(Proposal)
class ProposalAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "organization", "round", "state", "requested_amount", "rank"]
    list_filter = ["round", "state", "area"]
    search_fields = ["title", "organization__name"]
    list_select_related = ["round", "organization"]
    readonly_fields = ["state", "requested_amount", "cofunded_amount", "submitted_at", "score", "rank", "returned_once"]
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
    list_display = ["proposal", "amount", "decided_by", "decided_at"]
    list_filter = ["round"]
    list_select_related = ["proposal__round", "decided_by"]
    readonly_fields = ["round", "proposal", "amount", "decided_by", "decided_at"]


@admin.register(Objection)
class ObjectionAdmin(SimpleHistoryAdmin):
    list_display = ["proposal", "name", "filed_at", "outcome"]
    list_filter = ["outcome", "round"]
    list_select_related = ["proposal__round"]


class TrancheInline(admin.TabularInline):
    model = Tranche
    extra = 0
    readonly_fields = ["order", "percentage", "condition", "amount", "state", "released_at"]


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["number", "award", "signed_on"]
    list_select_related = ["award__proposal__round"]
    inlines = [TrancheInline]


@admin.register(Tranche)
class TrancheAdmin(SimpleHistoryAdmin):
    list_display = ["agreement", "order", "condition", "amount", "state", "paid_on", "paid_amount"]
    list_filter = ["state", "condition"]
    list_select_related = ["agreement"]


class ReportDocumentInline(admin.TabularInline):
    model = ReportDocument
    extra = 0
    fields = ["original_name", "uploaded_at"]
    readonly_fields = ["original_name", "uploaded_at"]


@admin.register(ProgressReport)
class ProgressReportAdmin(SimpleHistoryAdmin):
    list_display = ["proposal", "kind", "due_on", "submitted_at"]
    list_filter = ["kind"]
    list_select_related = ["proposal__round"]
    inlines = [ReportDocumentInline]


@admin.register(CoachingRecord)
class CoachingRecordAdmin(SimpleHistoryAdmin):
    list_display = ["proposal", "kind", "on", "by"]
    list_filter = ["kind"]
    list_select_related = ["proposal__round", "by"]


@admin.register(BonusItem)
class BonusItemAdmin(SimpleHistoryAdmin):
    list_display = ["name", "round", "points"]
    list_filter = ["round"]
