"""The party organizations of the 1+1+6 structure: forming, joining, joint meetings, star ratings, honours."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from incubator.forms import apply_errors
from incubator.roles import Role, require_role
from orgs import selectors as orgs_selectors

from .. import selectors, services
from ..forms import HonourForm, JoinForm, MeetingForm, PartyOrganizationForm, RatingForm
from ..models import PartyOrganization
from ..permissions import is_party_staff
from .common import form_page, party_staff_only


@login_required
def structure(request):
    require_role(request.user, Role.PARTY_STAFF, Role.PARK_STAFF)
    party_organizations = list(selectors.party_organizations().order_by("kind", "site__order", "name"))
    ratings = selectors.latest_ratings([p.pk for p in party_organizations])
    rows = [(p, ratings.get(p.pk)) for p in party_organizations]
    return render(request, "partybuild/structure.html", {"rows": rows, "is_party_staff": is_party_staff(request.user)})


@login_required
def party_organization_add(request):
    party_staff_only(request.user)
    form = PartyOrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            party_organization = services.form_party_organization(request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            for warning in services.joint_branch_warnings(party_organization):
                messages.warning(request, warning)
            messages.success(request, _("The party organization is formed."))
            return redirect("partybuild:party_organization", party_organization.pk)
    intro = _("An own branch needs at least 3 full members; organizations with fewer join a joint branch.")
    return form_page(request, form, _("Form a party organization"), _("Form"), intro)


@login_required
def party_organization(request, pk):
    party_organization = selectors.party_organization_for(request.user, pk)
    context = {
        "po": party_organization,
        "sees_structure": is_party_staff(request.user) or request.user.is_park_staff,
        "parent": selectors.parent_visible_to(request.user, party_organization),
        "member_cases": selectors.member_cases(party_organization),
        "openable_cases": selectors.openable_case_ids(request.user, party_organization),
        "meetings": selectors.meetings_of(party_organization),
        "ratings": selectors.ratings_of(party_organization),
        "supports": selectors.supports_for(party_organization=party_organization),
        "support_totals": selectors.support_totals(selectors.supports_for(party_organization=party_organization)),
        "honours": selectors.honours_of([party_organization.pk]),
        "children": selectors.children_visible_to(request.user, party_organization),
        "is_party_staff": is_party_staff(request.user),
        "secretary": _secretary(request, party_organization),
        "join_form": JoinForm(party_organization=party_organization)
        if party_organization.kind == PartyOrganization.Kind.JOINT_BRANCH
        else None,
        "warnings": services.joint_branch_warnings(party_organization),
        "history": orgs_selectors.history_of(party_organization),
    }
    return render(request, "partybuild/party_organization.html", context)


def _secretary(request, party_organization):
    """The secretary is a party member: named to party staff only, and the read is logged."""
    if not (party_organization.secretary and is_party_staff(request.user)):
        return ""
    selectors.member_data(request)
    return party_organization.secretary


@login_required
@require_POST
def join(request, pk):
    party_staff_only(request.user)
    party_organization = selectors.party_organization_for(request.user, pk)
    form = JoinForm(request.POST, party_organization=party_organization)
    if form.is_valid():
        try:
            for warning in services.join_party_organization(
                request.user, party_organization, form.cleaned_data["organization"]
            ):
                messages.warning(request, warning)
            messages.success(request, _("The organization joined the branch."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Choose an organization."))
    return redirect("partybuild:party_organization", pk)


@login_required
def meeting_add(request, pk):
    party_staff_only(request.user)
    party_organization = selectors.party_organization_for(request.user, pk)
    form = MeetingForm(request.POST or None, party_organization=party_organization)
    form.instance.party_organization = party_organization
    if request.method == "POST" and form.is_valid():
        services.record_meeting(request.user, form.save(commit=False), form.cleaned_data["attending_organizations"])
        messages.success(request, _("The joint meeting is recorded."))
        return redirect("partybuild:party_organization", pk)
    title = _("Joint meeting of %(name)s") % {"name": party_organization}
    return form_page(request, form, title, _("Save"))


@login_required
def rating_add(request, pk):
    party_staff_only(request.user)
    party_organization = selectors.party_organization_for(request.user, pk)
    scheme = selectors.current_scheme()
    if scheme is None:
        messages.error(request, _("Set up a current star-rating scheme in the administration first."))
        return redirect("partybuild:party_organization", pk)
    form = RatingForm(request.POST or None, scheme=scheme)
    if request.method == "POST" and form.is_valid():
        try:
            services.rate(
                request.user,
                party_organization,
                form.cleaned_data["year"],
                scheme,
                form.points(),
                form.cleaned_data["innovation"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("The rating is saved as a draft; announce it to start the public announcement.")
            )
            return redirect("partybuild:party_organization", pk)
    title = _("Star rating of %(name)s") % {"name": party_organization}
    return form_page(request, form, title, _("Save"), scheme.name)


def _rating_step(request, pk, step, done):
    """Announce or finalise a star rating; refused (e.g. finalised before its announcement), the reason is shown."""
    party_staff_only(request.user)
    rating = selectors.rating(pk)
    try:
        step(request.user, rating)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("partybuild:party_organization", rating.party_organization_id)


@login_required
@require_POST
def rating_announce(request, pk):
    return _rating_step(request, pk, services.announce_rating, _("The rating is updated."))


@login_required
@require_POST
def rating_finalize(request, pk):
    return _rating_step(request, pk, services.finalize_rating, _("The rating is updated."))


@login_required
def honour_add(request, pk):
    party_staff_only(request.user)
    party_organization = selectors.party_organization_for(request.user, pk)
    form = HonourForm(request.POST or None)
    form.instance.party_organization = party_organization
    if request.method == "POST" and form.is_valid():
        services.award_honour(request.user, form.instance)
        messages.success(request, _("The honour is recorded."))
        return redirect("partybuild:party_organization", pk)
    title = _("Model selection and commendation: %(name)s") % {"name": party_organization}
    return form_page(request, form, title, _("Save"))
