"""Every party URL × every role against a declared table. A new URL without a row fails the test."""

import pytest
from django.urls import reverse

from partybuild import urls
from partybuild.models import StarRating
from tests.factories import ExpertFactory, InstructorFactory, PartyStaffFactory, StaffFactory, applicant_of
from tests.partybuild.factories import PartyCaseFactory, PartyMemberFactory, PartyOrganizationFactory, scheme

ROLES = ["anonymous", "applicant", "expert", "park staff", "party staff", "instructor", "other instructor"]
LOGIN, NO, HIDDEN, ANY_POST = 302, 403, 404, 405
PARTY_ONLY = [LOGIN, NO, NO, NO, 200, NO, NO]
MEMBERS = [HIDDEN, HIDDEN, HIDDEN, HIDDEN, 200, 200, HIDDEN]
EXPORT = [HIDDEN, HIDDEN, HIDDEN, HIDDEN, 200, HIDDEN, HIDDEN]
CASE_WORK = [LOGIN, HIDDEN, HIDDEN, NO, 200, 200, HIDDEN]
POST_ONLY = [LOGIN] + [ANY_POST] * 6
MEMBER_POST_ONLY = [ANY_POST] * 7  # member pages never redirect to a login

EXPECTED = {
    "workbench": PARTY_ONLY,
    "cases": [LOGIN, NO, NO, 200, 200, NO, NO],
    "open_case": PARTY_ONLY,
    "mine": [LOGIN, NO, NO, NO, NO, 200, 200],
    "case": [LOGIN, HIDDEN, HIDDEN, 200, 200, 200, HIDDEN],
    "finish_inspection": CASE_WORK,
    "start_support": CASE_WORK,
    "start_formation": CASE_WORK,
    "start_follow_up": CASE_WORK,
    "assign": PARTY_ONLY,
    "support_add": CASE_WORK,
    "training_add": CASE_WORK,
    "members": MEMBERS,
    "flow_add": MEMBERS,
    "member_add": MEMBERS,
    "member_edit": MEMBERS,
    "member_remove": MEMBER_POST_ONLY,
    "members_export": EXPORT,
    "members_export_all": EXPORT,
    "structure": [LOGIN, NO, NO, 200, 200, NO, NO],
    "party_organization_add": PARTY_ONLY,
    "party_organization": [LOGIN, HIDDEN, HIDDEN, 200, 200, 200, HIDDEN],
    "join": POST_ONLY,
    "meeting_add": PARTY_ONLY,
    "party_support_add": [LOGIN, HIDDEN, HIDDEN, NO, 200, NO, HIDDEN],
    "rating_add": PARTY_ONLY,
    "honour_add": PARTY_ONLY,
    "rating_announce": POST_ONLY,
    "rating_finalize": POST_ONLY,
}


def test_every_url_has_a_row():
    assert {p.name for p in urls.urlpatterns} == set(EXPECTED)


@pytest.mark.django_db
def test_access_matrix(client):
    case = PartyCaseFactory(instructor=InstructorFactory())
    member = PartyMemberFactory(case=case, name="矩阵姓名")
    branch = PartyOrganizationFactory(organizations=[case.organization])
    rating = StarRating.objects.create(party_organization=branch, year=2026, scheme=scheme(), points=80, stars=4)
    org = case.organization_id
    args = {
        "case": [org],
        "finish_inspection": [org],
        "start_support": [org],
        "start_formation": [org],
        "start_follow_up": [org],
        "assign": [org],
        "support_add": [org],
        "training_add": [org],
        "members": [org],
        "flow_add": [org],
        "member_add": [org],
        "member_edit": [org, member.pk],
        "member_remove": [org, member.pk],
        "members_export": [org],
        "party_organization": [branch.pk],
        "join": [branch.pk],
        "meeting_add": [branch.pk],
        "party_support_add": [branch.pk],
        "rating_add": [branch.pk],
        "honour_add": [branch.pk],
        "rating_announce": [rating.pk],
        "rating_finalize": [rating.pk],
    }
    users = {
        "anonymous": None,
        "applicant": applicant_of(case.organization),
        "expert": ExpertFactory(),
        "park staff": StaffFactory(),
        "party staff": PartyStaffFactory(),
        "instructor": case.instructor,
        "other instructor": InstructorFactory(),
    }
    failures = []
    for role, user in users.items():
        client.logout()
        if user:
            client.force_login(user)
        for name, expected in EXPECTED.items():
            response = client.get(reverse(f"partybuild:{name}", args=args.get(name, [])))
            want = expected[ROLES.index(role)]
            if response.status_code != want:
                failures.append((role, name, response.status_code, want))
            if role not in ("party staff", "instructor"):
                assert "矩阵姓名".encode() not in response.content, (role, name)
    assert failures == []
