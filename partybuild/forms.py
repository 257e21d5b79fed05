from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubator.forms import DateField
from incubator.models import Site
from orgs.models import Organization

from . import selectors
from .models import (
    Band,
    Honour,
    JointMeeting,
    MemberStatus,
    PartyMember,
    PartyOrganization,
    RatingScheme,
    Stage,
    Support,
    TalentFlow,
    Training,
    TransferStatus,
)


class CaseFilter(forms.Form):
    """The filters of the case lists (the page draws its own inputs)."""

    stage = forms.ChoiceField(choices=Stage.choices, required=False)
    band = forms.ChoiceField(choices=Band.choices, required=False)
    site = forms.ModelChoiceField(queryset=None, required=False)
    q = forms.CharField(required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = selectors.sites()

    def criteria(self):
        """The valid filters: a value that is not one is left out, the others still apply."""
        self.full_clean()
        return self.cleaned_data


class AdvanceForm(forms.Form):
    """A stage step's confirmation: the note the stage log keeps (the service refuses a step without one)."""

    note = forms.CharField(
        label=_("What was done / why"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False
    )


class AssignInstructorForm(forms.Form):
    instructor = forms.ModelChoiceField(
        label=_("Party-building instructor"), queryset=None, required=False, empty_label=_("(none yet)")
    )
    dual_duty = forms.BooleanField(
        label=_("The instructor is also the organization's work instructor (一岗双责)"), required=False, initial=True
    )
    pairing_unit = forms.CharField(
        label=_("Paired supervising unit's party organization (结对帮扶)"), max_length=100, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instructor"].queryset = selectors.instructors().order_by("full_name", "username")


class MemberForm(forms.ModelForm):
    # The transfer moves by its transitions (services.save_member), never by setting the field.
    transfer_status = forms.ChoiceField(
        label=PartyMember._meta.get_field("transfer_status").verbose_name, choices=TransferStatus.choices
    )

    class Meta:
        model = PartyMember
        fields = [
            "name",
            "status",
            "position",
            "is_backbone",
            "relationship_held_at",
            "across_provinces",
            "transfer_started_on",
            "receipt_returned",
            "consent_on",
        ]
        field_classes = {"transfer_started_on": DateField, "consent_on": DateField}

    field_order = [*Meta.fields[:5], "transfer_status", *Meta.fields[5:]]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["transfer_status"].initial = self.instance.transfer_status

    def clean(self):
        data = super().clean()
        if data.get("transfer_status") == TransferStatus.PENDING and not data.get("transfer_started_on"):
            self.add_error("transfer_started_on", _("Give the date the letter of transfer was issued."))
        if data.get("consent_on") and data["consent_on"] > timezone.localdate():
            self.add_error("consent_on", _("The consent date cannot be in the future."))
        return data


class SupportForm(forms.ModelForm):
    class Meta:
        model = Support
        fields = ["kind", "given_on", "amount", "description"]
        field_classes = {"given_on": DateField}

    def clean(self):
        data = super().clean()
        if data.get("kind") == Support.Kind.FUNDS and data.get("amount") is None:
            self.add_error("amount", _("Give the amount of party funds."))
        return data


class PartyOrganizationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=PartyOrganization.Kind.choices)
    name = forms.CharField(label=_("Party organization name"), max_length=100)
    parent = forms.ModelChoiceField(
        label=_("Higher party organization"), queryset=PartyOrganization.objects.none(), required=False
    )
    site = forms.ModelChoiceField(
        label=_("Site"),
        queryset=Site.objects.filter(is_active=True),
        required=False,
        help_text=_("For the joint branches of the branch park and the community incubators."),
    )
    organizations = forms.ModelMultipleChoiceField(
        label=_("Member organizations"), queryset=Organization.objects.none(), required=False
    )
    secretary = forms.CharField(label=_("Secretary"), max_length=60, required=False)
    formed_on = DateField(label=_("Formation date"), initial=timezone.localdate)
    formation_mode = forms.ChoiceField(
        label=_("Formation mode"), choices=PartyOrganization._meta.get_field("formation_mode").choices
    )
    meeting_interval_months = forms.IntegerField(
        label=_("Joint meeting every (months)"), min_value=1, max_value=12, initial=3
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = PartyOrganization.objects.filter(
            is_active=True, kind__in=PartyOrganization.Kind.higher()
        )
        self.fields["organizations"].queryset = Organization.objects.filter(party_case__isnull=False).order_by("name")

    def clean(self):
        data = super().clean()
        committee = data.get("kind") == PartyOrganization.Kind.COMMITTEE
        if (
            committee
            and PartyOrganization.objects.filter(kind=PartyOrganization.Kind.COMMITTEE, is_active=True).exists()
        ):
            self.add_error("kind", _("The park has its joint party committee already."))
        if not committee and not data.get("parent"):
            self.add_error("parent", _("Choose the higher party organization."))
        if committee:
            data["parent"] = None
        return data

    def clean_name(self):
        name = self.cleaned_data["name"]
        if PartyOrganization.objects.filter(name=name).exists():
            raise forms.ValidationError(_("A party organization of this name exists."))
        return name


class JoinForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Organization"), queryset=Organization.objects.none())

    def __init__(self, *args, party_organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = (
            Organization.objects.filter(party_case__isnull=False)
            .exclude(party_organizations=party_organization)
            .order_by("name")
        )


class MeetingForm(forms.ModelForm):
    class Meta:
        model = JointMeeting
        fields = ["held_on", "topic", "minutes", "attendees", "attending_organizations"]
        field_classes = {"held_on": DateField}
        widgets = {
            "minutes": forms.Textarea(attrs={"rows": 5}),
            "attending_organizations": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, party_organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attending_organizations"].queryset = party_organization.organizations.order_by("name")

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("Record a meeting once it has been held."))
        return held_on


class RatingForm(forms.Form):
    """One field per indicator of the current scheme."""

    year = forms.IntegerField(label=_("Year"), min_value=2014, max_value=2100)
    innovation = forms.BooleanField(label=_("Has an innovation project"), required=False)

    def __init__(self, *args, scheme: RatingScheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.scheme = scheme
        self.fields["year"].initial = timezone.localdate().year
        self.indicators = list(scheme.indicators.all())
        for indicator in self.indicators:
            self.fields[f"indicator_{indicator.pk}"] = forms.DecimalField(
                label=f"{indicator.name}（0–{indicator.max_points}）",
                min_value=0,
                max_value=indicator.max_points,
                decimal_places=2,
            )

    def points(self):
        return {i.pk: self.cleaned_data[f"indicator_{i.pk}"] for i in self.indicators}


class OpenCaseForm(forms.Form):
    organizations = forms.ModelMultipleChoiceField(
        label=_("Organizations"), queryset=Organization.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    reason = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizations"].queryset = selectors.organizations_without_case().order_by("name")


class TrainingForm(forms.ModelForm):
    class Meta:
        model = Training
        fields = ["held_on", "topic", "participants", "hours"]
        field_classes = {"held_on": DateField}


class FlowForm(forms.ModelForm):
    class Meta:
        model = TalentFlow
        fields = ["member", "direction", "on", "note"]
        field_classes = {"on": DateField}

    def __init__(self, *args, members, **kwargs):
        """`members`: the case's member records as read through selectors.member_data."""
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members.order_by("name")

    def clean(self):
        data = super().clean()
        member, direction = data.get("member"), data.get("direction")
        if (
            member
            and direction == TalentFlow.Direction.MEMBER_TO_LEADER
            and member.status not in MemberStatus.party_members()
        ):
            self.add_error("member", _("Only a party member can be trained to lead the organization."))
        return data


class HonourForm(forms.ModelForm):
    class Meta:
        model = Honour
        fields = ["category", "year", "title", "awarded_on"]
        field_classes = {"awarded_on": DateField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        # Member honours name a person: they are given in the administration by party-building staff.
        self.fields["category"].choices = [
            (k, v) for k, v in Honour.Category.choices if k != Honour.Category.OUTSTANDING_MEMBER
        ]
