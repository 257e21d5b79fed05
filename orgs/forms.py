from datetime import timedelta

from django import forms
from django.contrib.auth import password_validation
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from incubator.files import DOCUMENT_KINDS, check_upload
from incubator.forms import DateField
from incubator.models import Rubric, User
from incubator.roles import Role, holders

from . import selectors, services
from .models import (
    Application,
    Evaluation,
    EvaluationKind,
    GovernmentBid,
    Need,
    Organization,
    OrganizationDocument,
    RecruitmentCall,
    ServiceEntry,
    Space,
    Track,
)
from .validators import normalize_uscc


class ApplicantRegistrationForm(forms.ModelForm):
    """One page on a phone: who you are, then the organization you speak for."""

    username = forms.RegexField(
        label=_("Username"),
        max_length=30,
        regex=r"^[\w.@+-]+$",
        help_text=_("Letters, digits and @ . + - _ only; used to sign in."),
        error_messages={"invalid": _("Use only letters, digits and @ . + - _ in the username.")},
    )
    full_name = forms.CharField(label=_("Your full name"), max_length=60)
    phone = forms.RegexField(
        label=_("Mobile phone"),
        regex=r"^1\d{10}$",
        max_length=11,
        error_messages={"invalid": _("Enter an 11-digit mainland mobile number, e.g. 13800000000.")},
    )
    email = forms.EmailField(label=_("Email"), required=False)
    position = forms.CharField(label=_("Your position in the organization"), max_length=60, required=False)
    password1 = forms.CharField(label=_("Password"), strip=False, widget=forms.PasswordInput(render_value=True))
    password2 = forms.CharField(label=_("Password again"), strip=False, widget=forms.PasswordInput(render_value=True))

    class Meta:
        model = Organization
        fields = [
            "name",
            "registration_type",
            "uscc",
            "category",
            "site",
            "address",
            "person_in_charge",
            "contact_phone",
            "services",
        ]
        widgets = {"services": forms.Textarea(attrs={"rows": 3})}

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is taken; please choose another."))
        return username

    def clean_uscc(self):
        return normalize_uscc(self.cleaned_data.get("uscc"))

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            probe = User(username=cleaned.get("username") or "", full_name=cleaned.get("full_name") or "")
            try:
                password_validation.validate_password(p1, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


# -- applicant -----------------------------------------------------------------------------------------------
class OrganizationProfileForm(forms.ModelForm):
    """What an applicant keeps up to date about its own organization (staff change the rest)."""

    class Meta:
        model = Organization
        fields = [
            "short_name",
            "address",
            "contact_name",
            "contact_phone",
            "contact_email",
            "staff_count",
            "volunteer_count",
            "services",
            "beneficiaries",
            "publish_in_directory",
        ]
        widgets = {"services": forms.Textarea(attrs={"rows": 3}), "beneficiaries": forms.Textarea(attrs={"rows": 2})}


class ApplicationForm(forms.ModelForm):
    needs = forms.MultipleChoiceField(
        label=_("What do you need from the park?"),
        choices=Need.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Application
        fields = ["call", "track", "project_title", "project_description", "team", "team_size", "needs", "needs_detail"]
        widgets = {
            "project_description": forms.Textarea(attrs={"rows": 4}),
            "team": forms.Textarea(attrs={"rows": 3}),
            "needs_detail": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, submitting=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["call"].queryset = selectors.open_calls()
        self.submitting = submitting
        self.fields["team_size"].required = False

    def clean_team_size(self):
        return self.cleaned_data.get("team_size") or 0

    def clean(self):
        cleaned = super().clean()
        if self.submitting:
            # A draft may be incomplete; a submitted application may not.
            for name in ("project_description", "team"):
                if not cleaned.get(name):
                    self.add_error(name, _("Needed before you submit."))
            if not cleaned.get("team_size"):
                self.add_error("team_size", _("Give the number of core team members before you submit."))
        return cleaned


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=OrganizationDocument.Kind.choices)
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, Word, Excel, JPEG or PNG; at most %(mb)s MB.") % {"mb": 10}
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload(upload, DOCUMENT_KINDS)
        return upload


# -- expert --------------------------------------------------------------------------------------------------
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


# -- staff ---------------------------------------------------------------------------------------------------
class StageActionForm(forms.Form):
    """A simple stage move on the organization page (evaluation outcomes are decided on the evaluation)."""

    action = forms.ChoiceField(label=_("Step"))
    on = DateField(label=_("Date"), initial=timezone.localdate)
    months = forms.IntegerField(
        label=_("Agreement period (months)"), required=False, min_value=1, max_value=60,
        help_text=_("Resident organizations only."),
    )  # fmt: skip
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, actions, **kwargs):
        super().__init__(*args, **kwargs)
        # No step is preselected: a closing step must never be one click away.
        self.fields["action"].choices = [("", "---------")] + [(a, services.action_label(a)) for a in actions]
        if "admit_resident" not in actions:
            del self.fields["months"]

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action")
        if action == "admit_resident" and not cleaned.get("months"):
            self.add_error("months", _("Give the agreement period in months."))
        if action in services.ACTIONS and services.ACTIONS[action][1] and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Give the reason; the organization is told why."))
        return cleaned


class ExpertChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        profile = getattr(obj, "expert_profile", None)
        return f"{obj} · {profile.affiliation}" if profile and profile.affiliation else str(obj)


def experts_queryset():
    return holders(Role.EXPERT).select_related("expert_profile")


class EvaluationSetupForm(forms.Form):
    rubric = forms.ModelChoiceField(label=_("Rubric"), queryset=Rubric.objects.all())
    experts = ExpertChoiceField(
        label=_("Experts on the panel"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    due_on = DateField(label=_("Scores due"))

    def __init__(self, *args, organization, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.fields["experts"].queryset = experts_queryset()
        # The rubric and pass mark of this evaluation type: by default the one used last time.
        self.fields["rubric"].initial = (
            Evaluation.objects.filter(kind=kind).order_by("-created_at").values_list("rubric", flat=True).first()
        )
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
        conflicted = [e for e in experts if self.organization.pk in selectors.conflicted_organization_ids(e)]
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
        taken = evaluation.assignments.values_list("expert", flat=True)
        self.fields["expert"].queryset = (
            experts_queryset().exclude(pk__in=taken).exclude(expert_profile__tied_organizations=evaluation.organization)
        )


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


class AllocateSpaceForm(forms.Form):
    space = forms.ModelChoiceField(label=_("Free space or equipment"), queryset=Space.objects.none())
    on = DateField(label=_("From"), initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), required=False, max_length=200)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["space"].queryset = selectors.free_spaces(organization.site)


class ServiceEntryForm(forms.ModelForm):
    class Meta:
        model = ServiceEntry
        fields = ["kind", "on", "hours", "notes"]
        field_classes = {"on": DateField}
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class GovernmentBidForm(forms.ModelForm):
    class Meta:
        model = GovernmentBid
        fields = ["purchaser", "project", "amount", "submitted_on", "result", "notes"]
        field_classes = {"submitted_on": DateField}
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class RegisterImportForm(forms.Form):
    """An existing register (Excel) for the import job; the headings are the register's Chinese ones."""

    file = forms.FileField(label=_("Register (Excel .xlsx)"))
    check_only = forms.BooleanField(
        label=_("Only check the file, write nothing"),
        required=False,
        help_text=_("The report lists every row that would be new, updated or wrong."),
    )

    def clean_file(self):
        f = self.cleaned_data["file"]
        check_upload(f, kinds=("xlsx",))
        return f


class MembershipDecisionForm(forms.Form):
    """Staff confirm an applicant account, or decline it with the reason the applicant is told."""

    decision = forms.ChoiceField(
        choices=[("confirm", pgettext_lazy("account", "Confirm")), ("decline", pgettext_lazy("account", "Decline"))]
    )
    # A decline needs its reason: orgs.services.decline_membership says so, onto this field.
    reason = forms.CharField(label=_("Reason (when declining)"), required=False, max_length=500)


class ResponsibleStaffForm(forms.Form):
    """The staff member who follows the organization: stage reminders go to them rather than to all staff."""

    staff = forms.ModelChoiceField(
        label=_("Responsible staff member"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Nobody (all park staff are reminded)"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = selectors.park_staff_members()


class RecruitmentCallForm(forms.ModelForm):
    """A recruitment call (招募公告): who is recruited, where, when, and what to bring."""

    tracks = forms.MultipleChoiceField(
        label=_("Tracks recruited"), choices=Track.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = RecruitmentCall
        fields = ["title", "tracks", "sites", "opens_on", "closes_on", "body", "materials", "published"]
        field_classes = {"opens_on": DateField, "closes_on": DateField}
        widgets = {
            "sites": forms.CheckboxSelectMultiple,
            "body": forms.Textarea(attrs={"rows": 8}),
            "materials": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sites"].queryset = selectors.active_sites()
        self.fields["opens_on"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The call cannot close before it opens."))
        return data
