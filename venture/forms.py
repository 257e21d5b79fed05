"""Forms of the venture pages. Rules that need the database live in services; forms check shape and range
and keep the user's input when something is wrong."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from incubator.forms import DateField

from .models import (
    Activity,
    Area,
    BonusItem,
    BudgetLine,
    CoachingRecord,
    Objection,
    ProgressReport,
    Proposal,
    PublicScore,
    ScreeningRecord,
)
from .models.proposals import default_completion_deadline


class AmountField(forms.DecimalField):
    """A decimal that refuses NaN and infinities as invalid input (Django's own check compares them and
    fails on a signalling NaN)."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is not None and not value.is_finite():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return value


def fits(amount, model_field):
    """Whether a computed amount fits the decimal column it is kept in (its max_digits and decimal_places)."""
    return abs(amount) < Decimal(10) ** (model_field.max_digits - model_field.decimal_places)


class ProposalForm(forms.ModelForm):
    class Meta:
        model = Proposal
        fields = [
            "title",
            "area",
            "need",
            "goals",
            "beneficiaries",
            "beneficiaries_target",
            "team",
            "team_size",
            "indicators",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in ("need", "goals", "team", "indicators")}

    def __init__(self, *args, round=None, **kwargs):
        super().__init__(*args, **kwargs)
        if round is not None and round.favoured_areas:
            self.fields["area"].choices = [(a, Area(a).label) for a in round.favoured_areas]
        # A draft may be saved incomplete; what submission still needs is listed on the page.
        for name, field in self.fields.items():
            field.required = name in ("title", "area")


class BudgetLineForm(forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = ["category", "item", "unit_price", "quantity", "cofunded"]
        field_classes = {"unit_price": AmountField, "quantity": AmountField, "cofunded": AmountField}

    def clean(self):
        data = super().clean()
        price, quantity, cofunded = data.get("unit_price"), data.get("quantity"), data.get("cofunded")
        if price and quantity and not fits(price * quantity, BudgetLine._meta.get_field("amount")):
            self.add_error("quantity", _("The line's amount (unit price × quantity) is too large."))
        elif price and quantity and cofunded is not None and cofunded > price * quantity:
            self.add_error("cofunded", _("Co-funding cannot exceed the line's amount (unit price × quantity)."))
        return data


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["name", "starts_on", "ends_on", "target"]
        field_classes = {"starts_on": DateField, "ends_on": DateField}

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end date must not be before the start date."))
        return data


class _Lines(BaseInlineFormSet):
    pass


class _Budget(_Lines):
    def clean(self):
        super().clean()
        kept = [f.cleaned_data for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        total = sum(
            (d["unit_price"] * d["quantity"] for d in kept if d.get("unit_price") and d.get("quantity")), Decimal(0)
        )
        if not fits(total, Proposal._meta.get_field("requested_amount")):
            raise ValidationError(_("The budget's total is too large."))


BudgetFormSet = inlineformset_factory(
    Proposal, BudgetLine, form=BudgetLineForm, formset=_Budget, extra=1, can_delete=True
)
ActivityFormSet = inlineformset_factory(Proposal, Activity, form=ActivityForm, formset=_Lines, extra=1, can_delete=True)


class DocumentForm(forms.Form):
    label = forms.CharField(label=_("document"), max_length=100)
    file = forms.FileField(label=_("file"))
    identifying = forms.BooleanField(
        label=_("This document reveals our organization (e.g. registration certificate)"),
        required=False,
        help_text=_("In a blind round, experts do not see such documents."),
    )


class ScreeningForm(forms.ModelForm):
    completion_due_on = DateField(
        label=_("completion deadline (补正期限)"),
        required=False,
        help_text=_("When returned: the organization may resubmit until this date, even after the round's deadline."),
    )

    class Meta:
        model = ScreeningRecord
        fields = ["eligible", "complete", "documents", "budget", "outcome", "reason"]
        widgets = {"outcome": forms.RadioSelect, "reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["completion_due_on"].initial = default_completion_deadline()

    def clean(self):
        data = super().clean()
        if data.get("outcome") in ("rejected", "returned") and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason: the organization is told why."))
        return data


class DeclarationForm(forms.Form):
    conflict = forms.TypedChoiceField(
        label=_("Do you have a conflict of interest with this applicant?"),
        choices=[("no", _("No: I have no tie with the applicant")), ("yes", _("Yes: I must recuse (回避)"))],
        widget=forms.RadioSelect,
        coerce=lambda v: v == "yes",
    )
    conflict_note = forms.CharField(label=_("If yes, what is the tie?"), required=False, max_length=300)

    def clean(self):
        data = super().clean()
        if data.get("conflict") and not (data.get("conflict_note") or "").strip():
            self.add_error("conflict_note", _("Say briefly what the conflict is."))
        return data


class ReviewForm(forms.Form):
    """One score and one comment per criterion of the round's rubric, and an overall comment."""

    overall_comment = forms.CharField(
        label=_("overall comment"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = AmountField(
                label=_("%(name)s (0–%(max)s)") % {"name": criterion.name, "max": criterion.max_score},
                required=False,
                min_value=Decimal(0),
                max_value=criterion.max_score,
                decimal_places=2,
                help_text=criterion.guidance,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("comment on “%(name)s”") % {"name": criterion.name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.order_fields(
            [*(f for c in self.criteria for f in (f"score_{c.pk}", f"comment_{c.pk}")), "overall_comment"]
        )

    def scores(self):
        data = self.cleaned_data
        return {c.pk: (data.get(f"score_{c.pk}"), data.get(f"comment_{c.pk}", "")) for c in self.criteria}

    @staticmethod
    def initial_from(review):
        if review is None:
            return {}
        initial = {"overall_comment": review.overall_comment}
        for score in review.scores.all():
            initial[f"score_{score.criterion_id}"] = score.value
            initial[f"comment_{score.criterion_id}"] = score.comment
        return initial


class AssignForm(forms.Form):
    expert = forms.ModelChoiceField(label=_("expert"), queryset=None)

    def __init__(self, *args, experts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = experts


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("reason"), max_length=300)


class PublishForm(forms.Form):
    """Publishing the announcement (公示) is public and cannot be undone: staff confirm it, and choose whether
    its period starts today when today is outside the round's dates."""

    confirm = forms.BooleanField(
        label=_("I have checked the proposed awards: publish them now"),
        error_messages={"required": _("Tick the box to confirm the publication.")},
    )
    window_from_now = forms.BooleanField(
        label=_("If today is outside the round's announcement dates, start the announcement period today"),
        required=False,
    )


class AwardForm(forms.Form):
    amount = AmountField(label=_("amount (yuan)"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2)
    reason = forms.CharField(label=_("reason for partial funding"), max_length=300, required=False)


class ObjectionForm(forms.ModelForm):
    class Meta:
        model = Objection
        fields = ["proposal", "name", "contact", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4, "maxlength": Objection.TEXT_LIMIT})}

    def __init__(self, *args, proposals=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = proposals
        self.fields["proposal"].label_from_instance = lambda p: f"{p.code} {p.title}（{p.organization.name}）"

    def clean_contact(self):
        contact = self.cleaned_data["contact"].strip()
        digits = contact.replace("-", "").replace(" ", "")
        if not ("@" in contact or (digits.isdigit() and 7 <= len(digits) <= 15)):
            raise ValidationError(_("Give a phone number or an email address so that staff can reply."))
        return contact


class HandleObjectionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("outcome"),
        choices=[(value, label) for value, label in Objection.Outcome.choices if value != "open"],
        widget=forms.RadioSelect,
    )
    handling = forms.CharField(label=_("how it was handled"), widget=forms.Textarea(attrs={"rows": 3}))


class SignForm(forms.Form):
    signed_on = DateField(label=_("signed on"))


class PaymentForm(forms.Form):
    paid_on = DateField(label=_("paid on"))
    amount = AmountField(label=_("amount paid (yuan)"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2)


class ScheduleReportForm(forms.ModelForm):
    class Meta:
        model = ProgressReport
        fields = ["kind", "due_on"]
        field_classes = {"due_on": DateField}


class ReportForm(forms.ModelForm):
    """The report as a draft: nothing is required until it is submitted (the service checks it then)."""

    attachment = forms.FileField(label=_("photos or documents"), required=False)

    class Meta:
        model = ProgressReport
        fields = list(ProgressReport.WRITTEN_FIELDS)
        field_classes = {"spent": AmountField}
        widgets = {
            "activities_done": forms.Textarea(attrs={"rows": 3}),
            "narrative": forms.Textarea(attrs={"rows": 3}),
            "spent_explanation": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_spent(self):
        spent = self.cleaned_data["spent"]
        if spent is not None and spent < 0:
            raise ValidationError(_("Spending cannot be negative."))
        return spent


class CoachingForm(forms.ModelForm):
    class Meta:
        model = CoachingRecord
        fields = ["kind", "on", "notes"]
        field_classes = {"on": DateField}
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class EvaluationExpertsForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("evaluation"),
        choices=[("midterm", _("Mid-term evaluation (中期评估)")), ("final", _("Final evaluation (结项评估)"))],
    )
    experts = forms.ModelMultipleChoiceField(label=_("experts"), queryset=None, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, experts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["experts"].queryset = experts


class PublicScoreForm(forms.Form):
    proposal = forms.ModelChoiceField(label=_("Proposal"), queryset=Proposal.objects.none())
    score = forms.DecimalField(label=_("Public panel's score (of 100)"), min_value=0, max_value=100, decimal_places=2)
    # The column's own limits too: a number beyond them failed the save with a 500.
    voters = forms.IntegerField(
        label=_("Members of the public panel"), min_value=1, validators=PublicScore._meta.get_field("voters").validators
    )

    def __init__(self, *args, proposals=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = proposals


class BonusForm(forms.Form):
    proposal = forms.ModelChoiceField(label=_("Proposal"), queryset=Proposal.objects.none())
    item = forms.ModelChoiceField(label=_("Bonus item"), queryset=BonusItem.objects.none())
    note = forms.CharField(label=_("Evidence"), max_length=200)

    def __init__(self, *args, proposals=None, items=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = proposals
        self.fields["item"].queryset = items
