"""Fuzzed input on the core pages (sign-in, notifications, the public directory, the dashboard and its report,
the rubric administration), and the completeness rule: every form the project defines is fuzzed by a named test."""

import importlib
import pkgutil
import sys

import django_filters
import pytest
from django import forms
from django.forms.formsets import BaseFormSet
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import example, given
from hypothesis import strategies as st

from incubator import services as core_services
from incubator.models import Criterion, Job, Rubric
from orgs.models import Category
from tests.factories import ExpertFactory, PartyStaffFactory, SiteFactory, StaffFactory, UserFactory
from tests.fuzz_strategies import (
    FUZZ,
    WITNESS,
    assert_kept,
    assert_valid,
    choice,
    each_example,
    logged_in,
    numbers,
    reference,
    references,
    text_or,
    valid_or,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return UserFactory(username="staff")


@pytest.fixture
def superuser_client():
    return logged_in(UserFactory(is_staff=True, is_superuser=True))


@FUZZ
@given(username=text_or("staff", 150), password=text_or("pw-for-tests-1"))
@example(username="ᠮ" * 300, password="wrong")
def test_sign_in_form(user, username, password):
    with each_example():
        response = Client().post(reverse("login"), {"username": username, "password": password})
        assert response.status_code in (200, 302, 429)
        if response.status_code == 200:
            assert_kept(response, username=username)


@pytest.fixture
def user_client(user):
    core_services.notify([user], "job_finished", "已完成")
    return logged_in(user)


@FUZZ
@given(ids=references([]))
@example(ids=["abc"])
def test_marking_notifications_read(user, user_client, ids):
    with each_example():
        response = user_client.post(reverse("notifications_read"), {"id": ids})
        assert response.status_code == 302
        assert not user.notifications.filter(read_at__isnull=True).exists()


@FUZZ
@given(kinds=st.lists(choice(["job_finished", "membership_confirmed"], junk=("", "\x00", "x" * 300)), max_size=4))
def test_email_choices(user, user_client, kinds):
    client = user_client
    with each_example():
        response = client.post(reverse("notification_settings"), {"email": kinds})
        assert response.status_code == 302
        user.refresh_from_db()
        assert_valid([user], exclude=["password"])
        assert "job_finished" in user.email_muted_kinds or "job_finished" in kinds


@FUZZ
@given(q=text_or("手工", 50), category=choice(Category.values), site=reference([]), page=numbers)
def test_directory_filter(q, category, site, page):
    params = {"q": q, "category": category, "site": site, "page": page}
    response = Client().get(reverse("orgs:directory"), params)
    assert response.status_code == 200
    if "\x00" not in q and len(q) <= 50 and q.strip():
        assert_kept(response, q=q)


@pytest.fixture
def staff_clients():
    """Park staff (False) and party-building staff (True)."""
    SiteFactory()
    return {False: logged_in(StaffFactory()), True: logged_in(PartyStaffFactory())}


@FUZZ
@given(site=reference([]), year=st.one_of(numbers, st.integers(2013, 2030).map(str)), party=st.booleans())
def test_dashboard_filter(staff_clients, site, year, party):
    client = staff_clients[party]
    with each_example():
        response = client.get(reverse("dashboard:dashboard"), {"site": site, "year": year})
        assert response.status_code == 200


@FUZZ
@given(year=st.one_of(numbers, st.integers(2010, 2030).map(str)), excel=st.booleans())
def test_report_year_form(staff_clients, year, excel):
    client = staff_clients[False]
    with each_example():
        if excel:
            response = client.post(reverse("dashboard:annual_excel"), {"year": year})
            assert response.status_code == 302
            assert all(job.params["year"] >= 2013 for job in Job.objects.all())
        else:
            response = client.get(reverse("dashboard:annual"), {"year": year})
            assert response.status_code == 200


@FUZZ
@given(
    name=text_or("入壳评估评分表", 100),
    pass_mark=valid_or("60", numbers),
    weights=valid_or(["60", "40"], st.lists(numbers, min_size=1, max_size=3)),
    criterion=text_or("项目设计", 100),
    guidance=text_or(WITNESS),
)
def test_rubric_and_criteria_forms(superuser_client, name, pass_mark, weights, criterion, guidance):
    client = superuser_client
    data = {
        "name": name,
        "pass_mark": pass_mark,
        "criteria-TOTAL_FORMS": str(len(weights)),
        "criteria-INITIAL_FORMS": "0",
    }
    for i, weight in enumerate(weights):
        data |= {
            f"criteria-{i}-name": criterion,
            f"criteria-{i}-guidance": guidance,
            f"criteria-{i}-weight": weight,
            f"criteria-{i}-max_score": weight,
            f"criteria-{i}-order": str(i),
        }
    with each_example():
        response = client.post(reverse("admin:incubator_rubric_add"), data)
        assert response.status_code in (200, 302)
        rubrics = list(Rubric.objects.all())
        assert_valid(rubrics)
        assert_valid(Criterion.objects.all())
        for rubric in rubrics:
            assert rubric.total_weight == 100
        if response.status_code == 200:
            assert not rubrics
            assert_kept(response, name=name, **{"criteria-0-guidance": guidance})


@FUZZ
@given(code=text_or("123456", 16))
@example(code="١٢٣٤٥٦")  # Arabic-Indic digits: digits to Python, not to the code check
def test_two_factor_code_form(code):
    client = logged_in(ExpertFactory())
    with each_example():
        response = client.post(reverse("two_factor_setup"), {"code": code})
        assert response.status_code == 200
        if not TOTPDevice.objects.exists():
            assert_kept(response, code=code)


@FUZZ
@given(q=text_or("乌兰", 50))
@example(q="1391234")
def test_reset_link_search_form(staff_clients, q):
    with each_example():
        UserFactory(full_name="乌兰（无邮箱）", phone="13912345678", email="")
        response = staff_clients[False].get(reverse("reset_links"), {"q": q})
        assert response.status_code == 200
        if "\x00" not in q and len(q) <= 50 and q.strip():
            assert_kept(response, q=q)


# -- every form is fuzzed --------------------------------------------------------------------------------------
# Each form, form set and filter set of the project, with the test that posts generated input to it.
FUZZED = {
    # orgs
    "orgs.admin.AssignmentInlineForm": "tests/orgs/test_fuzz_admin_panel.py::test_panel_inline_form",
    "orgs.filters.OrganizationFilter": "tests/orgs/test_fuzz_organization.py::test_organization_filter",
    "orgs.forms.incubation.AllocateSpaceForm": "tests/orgs/test_fuzz_organization.py::test_allocate_space_form",
    "orgs.forms.applicant.ApplicantRegistrationForm": "tests/orgs/test_fuzz_applicant.py::test_registration_form",
    "orgs.forms.applicant.ApplicationForm": "tests/orgs/test_fuzz_applicant.py::test_application_form",
    "orgs.forms.evaluations.ConflictForm": "tests/orgs/test_fuzz_evaluations.py::test_conflict_form",
    "orgs.forms.evaluations.DecisionForm": "tests/orgs/test_fuzz_evaluations.py::test_decision_form",
    "orgs.forms.applicant.DocumentForm": "tests/orgs/test_fuzz_applicant.py::test_document_form",
    "orgs.forms.evaluations.EvaluationSetupForm": "tests/orgs/test_fuzz_organization.py::test_evaluation_setup_form",
    "orgs.forms.workbench.MembershipDecisionForm": "tests/orgs/test_fuzz_workbench.py::test_membership_decision_form",
    "orgs.forms.workbench.RecruitmentCallForm": "tests/orgs/test_fuzz_workbench.py::test_recruitment_call_form",
    "orgs.forms.workbench.RegisterImportForm": "tests/orgs/test_fuzz_workbench.py::test_register_import_form",
    "orgs.forms.workbench.ResponsibleStaffForm": "tests/orgs/test_fuzz_workbench.py::test_responsible_staff_form",
    "orgs.forms.incubation.GovernmentBidForm": "tests/orgs/test_fuzz_organization.py::test_government_bid_form",
    "orgs.forms.applicant.OrganizationProfileForm": "tests/orgs/test_fuzz_applicant.py::test_profile_form_and_the_export",
    "orgs.forms.evaluations.ReplaceExpertForm": "tests/orgs/test_fuzz_evaluations.py::test_replace_expert_form",
    "orgs.forms.evaluations.ScoreForm": "tests/orgs/test_fuzz_evaluations.py::test_score_form",
    "orgs.forms.incubation.ServiceEntryForm": "tests/orgs/test_fuzz_organization.py::test_service_entry_form",
    "orgs.forms.incubation.StageActionForm": "tests/orgs/test_fuzz_organization.py::test_stage_action_form",
    "orgs.forms.pool.DrawForm": "tests/orgs/test_fuzz_pool.py::test_draw_form",
    "orgs.forms.pool.ExpertProfileForm": "tests/orgs/test_fuzz_pool.py::test_expert_profile_form",
    "orgs.forms.pool.LeaveForm": "tests/orgs/test_fuzz_pool.py::test_leave_form",
    "orgs.forms.pool.PledgeTextForm": "tests/orgs/test_fuzz_pool.py::test_pledge_text_form",
    "orgs.forms.pool.SheetForm": "tests/orgs/test_fuzz_pool.py::test_sheet_form",
    "orgs.forms.pool.SuspendForm": "tests/orgs/test_fuzz_pool.py::test_suspend_form",
    # venture
    "venture.admin.common.ActionDateForm": "tests/venture/fuzz/test_projects.py::test_the_admins_payment_action_asks_a_date",
    "venture.admin.rounds.RoundForm": "tests/venture/fuzz/test_proposals.py::test_round_and_tranche_plan_forms",
    "venture.admin.rounds.TranchePlanFormSet": "tests/venture/fuzz/test_proposals.py::test_round_and_tranche_plan_forms",
    "venture.admin.awards.HandlingForm": "tests/venture/fuzz/test_awards.py::test_admin_handling_form",
    "venture.forms.ActivityForm": "tests/venture/fuzz/test_proposals.py::test_proposal_text_activities_and_the_export",
    "venture.forms.ActivityFormSet": "tests/venture/fuzz/test_proposals.py::test_proposal_text_activities_and_the_export",
    "venture.forms.AssignForm": "tests/venture/fuzz/test_review.py::test_assign_form",
    "venture.forms.AwardForm": "tests/venture/fuzz/test_awards.py::test_award_and_reason_forms",
    "venture.forms.BonusForm": "tests/venture/fuzz/test_awards.py::test_public_score_and_bonus_forms",
    "venture.forms.BudgetFormSet": "tests/venture/fuzz/test_proposals.py::test_the_proposal_form_never_fails_and_stores_nothing_invalid",
    "venture.forms.BudgetLineForm": "tests/venture/fuzz/test_proposals.py::test_the_proposal_form_never_fails_and_stores_nothing_invalid",
    "venture.forms.CoachingForm": "tests/venture/fuzz/test_projects.py::test_coaching_schedule_and_evaluation_expert_forms",
    "venture.forms.DeclarationForm": "tests/venture/fuzz/test_review.py::test_declaration_form",
    "venture.forms.DocumentForm": "tests/venture/fuzz/test_proposals.py::test_document_form",
    "venture.forms.EvaluationExpertsForm": "tests/venture/fuzz/test_projects.py::test_coaching_schedule_and_evaluation_expert_forms",
    "venture.forms.HandleObjectionForm": "tests/venture/fuzz/test_awards.py::test_handle_objection_form",
    "venture.forms.ObjectionForm": "tests/venture/fuzz/test_awards.py::test_objection_form",
    "venture.forms.PaymentForm": "tests/venture/fuzz/test_projects.py::test_payment_form",
    "venture.forms.ProposalForm": "tests/venture/fuzz/test_proposals.py::test_proposal_text_activities_and_the_export",
    "venture.forms.PublishForm": "tests/venture/fuzz/test_awards.py::test_publish_form",
    "venture.forms.PublicScoreForm": "tests/venture/fuzz/test_awards.py::test_public_score_and_bonus_forms",
    "venture.forms.ReasonForm": "tests/venture/fuzz/test_review.py::test_reason_form_on_reopening",
    "venture.forms.ReportForm": "tests/venture/fuzz/test_projects.py::test_report_form",
    "venture.forms.ReviewForm": "tests/venture/fuzz/test_review.py::test_the_scoring_form_never_fails_and_keeps_scores_in_range",
    "venture.forms.ScheduleReportForm": "tests/venture/fuzz/test_projects.py::test_coaching_schedule_and_evaluation_expert_forms",
    "venture.forms.ScreeningForm": "tests/venture/fuzz/test_review.py::test_screening_form",
    "venture.forms.SignForm": "tests/venture/fuzz/test_projects.py::test_sign_form",
    "venture.forms._Budget": "tests/venture/fuzz/test_proposals.py::test_the_proposal_form_never_fails_and_stores_nothing_invalid",
    "venture.forms._Lines": "tests/venture/fuzz/test_proposals.py::test_proposal_text_activities_and_the_export",
    # partybuild
    "partybuild.forms.AdvanceForm": "tests/partybuild/test_fuzz.py::test_advance_form",
    "partybuild.forms.AssignInstructorForm": "tests/partybuild/test_fuzz.py::test_assign_instructor_form",
    "partybuild.forms.CaseFilter": "tests/partybuild/test_fuzz.py::test_case_list_filters",
    "partybuild.forms.FlowForm": "tests/partybuild/test_fuzz.py::test_flow_form",
    "partybuild.forms.HonourForm": "tests/partybuild/test_fuzz_structure.py::test_honour_form",
    "partybuild.forms.JoinForm": "tests/partybuild/test_fuzz_structure.py::test_join_form",
    "partybuild.forms.MeetingForm": "tests/partybuild/test_fuzz_structure.py::test_meeting_form",
    "partybuild.forms.MemberForm": "tests/partybuild/test_fuzz.py::test_member_form",
    "partybuild.forms.OpenCaseForm": "tests/partybuild/test_fuzz.py::test_open_case_form",
    "partybuild.forms.PartyOrganizationForm": "tests/partybuild/test_fuzz_structure.py::test_party_organization_form",
    "partybuild.forms.RatingForm": "tests/partybuild/test_fuzz_structure.py::test_rating_form",
    "partybuild.forms.SupportForm": "tests/partybuild/test_fuzz.py::test_support_form",
    "partybuild.forms.TrainingForm": "tests/partybuild/test_fuzz.py::test_training_form",
    # incubator
    "incubator.admin.CriterionFormSet": "tests/incubator/test_fuzz.py::test_rubric_and_criteria_forms",
    "orgs.forms.public.DirectoryFilter": "tests/incubator/test_fuzz.py::test_directory_filter",
    "incubator.dashboard.forms.DashboardFilter": "tests/incubator/test_fuzz.py::test_dashboard_filter",
    "incubator.dashboard.forms.ReportYear": "tests/incubator/test_fuzz.py::test_report_year_form",
    "incubator.forms.SignInForm": "tests/incubator/test_fuzz.py::test_sign_in_form",
    "incubator.accounts.forms.AccountSearchForm": "tests/incubator/test_fuzz.py::test_reset_link_search_form",
    "incubator.twofactor.CodeForm": "tests/incubator/test_fuzz.py::test_two_factor_code_form",
}
PROJECT_APPS = ("orgs", "venture", "partybuild", "incubator")
FORM_BASES = (forms.BaseForm, BaseFormSet, django_filters.FilterSet)


def _made_here(obj, module):
    """Defined in `module`, or a form set built there by a factory from one of its forms (the factory's class
    names Django's module, which does not hold it); not a class imported from Django or another module."""
    if obj.__module__ == module.__name__:
        return True
    built = getattr(sys.modules.get(obj.__module__), obj.__name__, None) is not obj
    return built and issubclass(obj, BaseFormSet) and any(c.__module__ == module.__name__ for c in obj.form.__mro__)


def project_forms():
    found = set()
    for app in PROJECT_APPS:
        for info in pkgutil.walk_packages(importlib.import_module(app).__path__, f"{app}."):
            if ".migrations" in info.name:
                continue
            module = importlib.import_module(info.name)
            for name, obj in vars(module).items():
                if isinstance(obj, type) and issubclass(obj, FORM_BASES) and _made_here(obj, module):
                    found.add(f"{module.__name__}.{name}")
    return found


def test_every_form_of_the_project_is_fuzzed():
    found = project_forms()
    assert found - FUZZED.keys() == set(), "forms without a fuzz test: add one and declare it in FUZZED"
    assert FUZZED.keys() - found == set(), "FUZZED names forms that no longer exist"


@pytest.mark.parametrize("form", sorted(FUZZED))
def test_each_declared_fuzz_test_exists_and_generates_input(form):
    path, name = FUZZED[form].split("::")
    test = getattr(importlib.import_module(path.removesuffix(".py").replace("/", ".")), name)
    assert getattr(test, "is_hypothesis_test", False), f"{FUZZED[form]} is not a hypothesis test"
