"""Rounds, proposals and their review in the admin."""

from decimal import Decimal

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from incubator.forms import DateField
from orgs.models import Category, Track

from ..models import (
    Activity,
    Area,
    Assignment,
    BudgetLine,
    Proposal,
    ProposalDocument,
    Review,
    Round,
    Score,
    ScreeningRecord,
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
