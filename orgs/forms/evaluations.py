"""Stage evaluations: an expert's scores and declared conflict, and staff setting, changing and deciding a panel."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from incubator.forms import DateField
from incubator.models import Rubric, User

from .. import selectors
from ..models import Evaluation, EvaluationKind


class ScoreForm(forms.Form):
    """One field per criterion of the evaluation's rubric, bounded by the criterion's maximum."""

    comment = forms.CharField(label=_("Your comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, criteria, initial_scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        initial_scores = initial_scores or {}
        for criterion in self.criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.DecimalField(
                label=gettext("%(criterion)s (max. %(max)s)")
                % {"criterion": criterion.name, "max": f"{criterion.max_score:g}"},
                help_text=criterion.guidance,
                min_value=0,
                max_value=criterion.max_score,
                decimal_places=2,
                initial=initial_scores.get(criterion.pk),
            )
        self.order_fields([f"criterion_{c.pk}" for c in self.criteria] + ["comment"])

    def scores(self):
        return {c.pk: self.cleaned_data[f"criterion_{c.pk}"] for c in self.criteria}


class ConflictForm(forms.Form):
    note = forms.CharField(
        label=_("What ties you to the organization?"), widget=forms.Textarea(attrs={"rows": 2}), max_length=500
    )


class ExpertChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        profile = getattr(obj, "expert_profile", None)
        return f"{obj} · {profile.affiliation}" if profile and profile.affiliation else str(obj)


class EvaluationSetupForm(forms.Form):
    rubric = forms.ModelChoiceField(label=_("Rubric"), queryset=Rubric.objects.all())
    experts = ExpertChoiceField(
        label=_("Experts on the panel"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    due_on = DateField(label=_("Scores due"))

    def __init__(self, *args, organization, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.fields["experts"].queryset = selectors.experts()
        # The rubric and pass mark of this evaluation type: by default the one used last time.
        self.fields["rubric"].initial = selectors.last_rubric_id(kind)
        self.fields["due_on"].initial = timezone.localdate() + timedelta(days=14)

    def clean_rubric(self):
        rubric = self.cleaned_data["rubric"]
        if rubric.total_weight != 100:
            raise forms.ValidationError(
                _("The weights of this rubric add up to %(total)s, not 100.") % {"total": rubric.total_weight}
            )
        return rubric

    def clean_experts(self):
        experts = self.cleaned_data["experts"]
        conflicted = [e for e in experts if self.organization.pk in selectors.recused_organization_ids(e)]
        if conflicted:
            raise forms.ValidationError(
                _("Must recuse (回避): %(names)s") % {"names": "、".join(str(e) for e in conflicted)}
            )
        return experts


class ReplaceExpertForm(forms.Form):
    """Choose an expert not yet on the panel and not tied to the organization (replacement or addition)."""

    expert = forms.ModelChoiceField(label=_("Expert"), queryset=User.objects.none())

    def __init__(self, *args, evaluation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = selectors.experts_free_for(evaluation)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    months = forms.IntegerField(label=_("Extra months in the shell"), required=False, min_value=1, max_value=12)
    note = forms.CharField(
        label=_("Reasons"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required unless passed; the organization is told."),
    )

    def __init__(self, *args, evaluation, **kwargs):
        super().__init__(*args, **kwargs)
        Decision = Evaluation.Decision
        choices = [(Decision.PASSED, Decision.PASSED.label), (Decision.FAILED, Decision.FAILED.label)]
        if evaluation.kind == EvaluationKind.GROWTH:
            choices.insert(1, (Decision.EXTENDED, Decision.EXTENDED.label))
        self.fields["decision"].choices = choices

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision and decision != Evaluation.Decision.PASSED and not cleaned.get("note", "").strip():
            self.add_error("note", _("Give the reasons; the organization is told why."))
        if decision == Evaluation.Decision.EXTENDED and not cleaned.get("months"):
            self.add_error("months", _("Give the number of extra months."))
        return cleaned
