"""The five party stages (入壳考察—发现党员—支持帮扶—发展组建—后续服务): each step has its entry rule, declared on
the model's transition, and a note the stage log keeps; the staff confirm each step on its own page, and a
refused step says why, in Chinese, with the note kept."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from partybuild import services
from partybuild.models import MemberStatus, PartyCase, Stage, Support
from tests.factories import InstructorFactory, PartyStaffFactory, StaffFactory
from tests.partybuild.factories import PartyCaseFactory, PartyOrganizationFactory, SupportFactory, members

pytestmark = pytest.mark.django_db

NOTE = "走访了负责人，了解组织情况"


def _refusals(step, case):
    """The Chinese reasons of the step's unmet entry rules."""
    with translation.override("zh-hans"):
        return [str(r) for r in case.unmet_rules(step)]


def test_each_step_has_its_entry_rule_and_the_log_keeps_every_note():
    instructor = InstructorFactory()
    case = PartyCaseFactory()
    with pytest.raises(ValidationError) as error:  # inspected by nobody: no instructor yet
        services.advance(PartyStaffFactory(), case, "finish_inspection", NOTE)
    with translation.override("zh-hans"):
        assert error.value.messages == _refusals("finish_inspection", case)
    PartyCase.objects.filter(pk=case.pk).update(instructor=instructor)
    case = services.advance(instructor, PartyCase.objects.get(pk=case.pk), "finish_inspection", NOTE)
    assert (case.stage, case.inspection_notes) == (Stage.FINDING, NOTE)

    with pytest.raises(ValidationError):  # nobody found yet
        services.advance(instructor, case, "start_support", "已摸底")
    members(case, activists=1)
    case = services.advance(instructor, case, "start_support", "摸底：一名入党积极分子")

    SupportFactory(organization=case.organization, kind=Support.Kind.VENUE)
    with pytest.raises(ValidationError) as error:  # no party members: the instructor's consultation first
        services.advance(instructor, case, "start_formation", "已提供阵地")
    assert len(error.value.messages) == 1
    SupportFactory(organization=case.organization, kind=Support.Kind.CONSULTATION)
    case = services.advance(instructor, case, "start_formation", "党务政策咨询已开展")

    PartyOrganizationFactory(organizations=[case.organization])
    with pytest.raises(ValidationError):  # covered, but nobody to form a branch with yet
        services.advance(instructor, case, "start_follow_up", "已加入联合党支部")
    members(case, probationary=1)
    case = services.advance(instructor, case, "start_follow_up", "已加入联合党支部")
    assert case.stage == Stage.FOLLOW_UP
    assert [(e.target, e.reason) for e in case.log.all()] == [
        (Stage.FINDING, NOTE),
        (Stage.SUPPORT, "摸底：一名入党积极分子"),
        (Stage.FORMATION, "党务政策咨询已开展"),
        (Stage.FOLLOW_UP, "已加入联合党支部"),
    ]
    assert {e.by for e in case.log.all()} == {instructor}
    with pytest.raises(ValidationError):
        services.advance(instructor, case, "finish_inspection", NOTE)


def test_a_step_without_a_note_is_refused_with_every_reason_at_once():
    case = PartyCaseFactory(instructor=InstructorFactory(), stage=Stage.FINDING)
    with pytest.raises(ValidationError) as error:
        services.advance(case.instructor, case, "start_support", "  ")
    assert set(error.value.message_dict) == {"note", "__all__"}
    assert PartyCase.objects.get(pk=case.pk).stage == Stage.FINDING
    assert not case.log.exists()


def test_an_organization_with_members_needs_any_support_and_a_covered_one_follow_up():
    case = PartyCaseFactory(instructor=InstructorFactory(), stage=Stage.SUPPORT)
    members(case, full=1)
    assert _refusals("start_formation", case) == [
        _zh("Record at least one support given before development and formation.")
    ]
    SupportFactory(organization=case.organization, kind=Support.Kind.VENUE)
    assert case.unmet_rules("start_formation") == []


def _zh(message):
    with translation.override("zh-hans"):
        return str(translation.gettext(message))


def test_only_those_who_work_on_the_case_take_a_step():
    case = PartyCaseFactory(instructor=InstructorFactory())
    for user in (InstructorFactory(), StaffFactory()):
        with pytest.raises(PermissionDenied):
            services.advance(user, case, "finish_inspection", NOTE)
    with pytest.raises(ValidationError):
        services.advance(case.instructor, case, "no_such_step", NOTE)


# Through the pages ------------------------------------------------------------------------------------------


def _url(step, case):
    return reverse(f"partybuild:{step}", args=[case.organization_id])


def test_two_taps_no_longer_take_a_case_past_finding_members_with_nobody_recorded(client):
    """The regression: 入壳考察 → 发现党员 → 支持帮扶 in two taps with no member recorded."""
    case = PartyCaseFactory(instructor=InstructorFactory())
    client.force_login(case.instructor)
    assert client.post(_url("finish_inspection", case), {"note": NOTE}).status_code == 302
    response = client.post(_url("start_support", case), {"note": "摸底完成"})
    assert response.status_code == 200
    assert PartyCase.objects.get(pk=case.pk).stage == Stage.FINDING
    page = response.content.decode()
    assert _refusals("start_support", PartyCase.objects.get(pk=case.pk))[0] in page
    assert "摸底完成" in page  # the note as typed


def test_the_case_page_leads_to_a_confirmation_and_the_step_is_taken_only_on_confirming(client):
    case = PartyCaseFactory(instructor=InstructorFactory())
    client.force_login(PartyStaffFactory())
    page = client.get(reverse("partybuild:case", args=[case.organization_id])).content.decode()
    assert _url("finish_inspection", case) in page
    confirmation = client.get(_url("finish_inspection", case))
    assert confirmation.status_code == 200
    assert 'data-testid="confirm-step"' in confirmation.content.decode()
    assert PartyCase.objects.get(pk=case.pk).stage == Stage.INSPECTION  # a look takes no step
    response = client.post(_url("finish_inspection", case), {"note": NOTE}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("partybuild:case", args=[case.organization_id])
    assert PartyCase.objects.get(pk=case.pk).stage == Stage.FINDING
    assert case.log.get().reason == NOTE


def test_a_step_without_a_note_is_refused_on_the_page_in_chinese(client):
    case = PartyCaseFactory(instructor=InstructorFactory())
    client.force_login(case.instructor)
    response = client.post(_url("finish_inspection", case), {"note": ""}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    assert _zh("Write what was done and why: the note is kept in the stage log.") in response.content.decode()
    assert PartyCase.objects.get(pk=case.pk).stage == Stage.INSPECTION


def test_a_step_of_another_stage_is_refused_and_shows_no_confirm_button(client):
    case = PartyCaseFactory(instructor=InstructorFactory())
    client.force_login(case.instructor)
    page = client.get(_url("start_follow_up", case)).content.decode()
    assert 'data-testid="confirm-step"' not in page
    response = client.post(_url("start_follow_up", case), {"note": NOTE})
    assert response.status_code == 200
    assert PartyCase.objects.get(pk=case.pk).stage == Stage.INSPECTION


@pytest.mark.parametrize(("who", "status"), [("park staff", 403), ("another instructor", 404)])
def test_who_may_not_work_on_the_case_neither_sees_nor_takes_the_step(client, who, status):
    case = PartyCaseFactory(instructor=InstructorFactory())
    client.force_login(StaffFactory() if who == "park staff" else InstructorFactory())
    assert client.get(_url("finish_inspection", case)).status_code == status
    assert client.post(_url("finish_inspection", case), {"note": NOTE}).status_code == status
    assert PartyCase.objects.get(pk=case.pk).stage == Stage.INSPECTION


def test_member_groups_are_declared_on_the_status():
    assert set(MemberStatus.party_members()) | set(MemberStatus.developing()) == set(MemberStatus.values)


def test_the_stage_cannot_be_assigned_directly():
    case = PartyCase.objects.get(pk=PartyCaseFactory().pk)
    with pytest.raises(AttributeError):
        case.stage = Stage.FOLLOW_UP
