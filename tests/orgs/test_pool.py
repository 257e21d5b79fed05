"""The expert pool and its random draws: eligibility, reproducibility, recusal, reserves, the pledge."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgs import services
from orgs.models import Assignment, Draw, DrawEvent, Expertise, Seat, SignedSheet
from orgs.selectors import recused_organization_ids
from tests.factories import ExpertProfileFactory, OrganizationFactory, StaffFactory, applicant_of
from tests.orgs.factories import EvaluationFactory

pytestmark = pytest.mark.django_db


def pool(n, **kwargs):
    return [ExpertProfileFactory(fields=[Expertise.CHARITY], **kwargs) for _ in range(n)]


def drawn_ids(draw):
    return [s.expert_id for s in draw.seats.order_by("position")]


def test_the_same_seed_gives_the_same_panel_and_the_record_repeats_it():
    staff, org = StaffFactory(), OrganizationFactory()
    pool(12)
    first = services.draw_panel(staff, "A", [org], 5, 2, seed="7f3a")
    second = services.draw_panel(staff, "B", [org], 5, 2, seed="7f3a")
    other = services.draw_panel(staff, "C", [org], 5, 2, seed="other-seed")
    assert drawn_ids(first) == drawn_ids(second)
    assert drawn_ids(first) != drawn_ids(other)
    assert services.repeat(first) == drawn_ids(first)
    assert first.candidate_ids == sorted(first.candidate_ids) and len(first.candidate_ids) == 12
    assert [s.status for s in first.seats.order_by("position")] == ["panel"] * 5 + ["reserve"] * 2


def test_only_available_unsuspended_experts_of_the_fields_asked_without_recusal_are_eligible():
    staff, org = StaffFactory(), OrganizationFactory()
    ok = pool(2)
    unavailable = ExpertProfileFactory(fields=[Expertise.CHARITY], available=False)
    suspended = ExpertProfileFactory(fields=[Expertise.CHARITY])
    services.suspend_expert(staff, suspended, "未如实申报关联关系")
    wrong_field = ExpertProfileFactory(fields=[Expertise.LAW])
    tied = ExpertProfileFactory(fields=[Expertise.CHARITY])
    tied.tied_organizations.add(org)
    member = ExpertProfileFactory(fields=[Expertise.CHARITY])
    applicant_of(org, user=member.user)
    eligible = services.eligible_pool([org.pk], [Expertise.CHARITY])
    assert eligible == sorted(p.user_id for p in ok)
    assert unavailable.user_id not in eligible and suspended.user_id not in eligible
    assert wrong_field.user_id not in eligible and tied.user_id not in eligible and member.user_id not in eligible
    with pytest.raises(ValidationError):
        services.draw_panel(staff, "too big", [org], 3, 0, [Expertise.CHARITY])
    services.reinstate_expert(staff, suspended)
    assert suspended.user_id in services.eligible_pool([org.pk], [Expertise.CHARITY])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    ties=st.lists(st.lists(st.integers(0, 5), max_size=3), min_size=4, max_size=14),
    scope=st.sets(st.integers(0, 5), min_size=1, max_size=4),
    panel=st.integers(1, 4),
    reserves=st.integers(0, 3),
    seed=st.text(alphabet="0123456789abcdef", min_size=1, max_size=16),
)
def test_no_drawn_expert_ever_has_a_recusal_against_an_organization_in_scope(ties, scope, panel, reserves, seed):
    with transaction.atomic():
        staff = StaffFactory()
        orgs = [OrganizationFactory() for _ in range(6)]
        for tie in ties:
            profile = ExpertProfileFactory()
            for index in tie[:2]:
                profile.tied_organizations.add(orgs[index])
            if len(tie) == 3:  # some experts belong to an organization instead of advising it
                applicant_of(orgs[tie[2]], user=profile.user)
        in_scope = [orgs[i] for i in scope]
        try:
            draw = services.draw_panel(staff, "P", in_scope, panel, reserves, seed=seed)
        except ValidationError:
            eligible = services.eligible_pool([o.pk for o in in_scope])
            assert len(eligible) < panel
        else:
            scope_ids = {o.pk for o in in_scope}
            for seat in draw.seats.all():
                assert not recused_organization_ids(seat.expert) & scope_ids
        transaction.set_rollback(True)


def test_a_decline_calls_the_first_reserve_onto_the_evaluation_and_all_is_in_the_log():
    staff = StaffFactory()
    evaluation = EvaluationFactory()
    pool(6)
    draw = services.draw_panel(staff, str(evaluation), [evaluation.organization], 3, 2, target=evaluation, seed="s1")
    seats = list(draw.seats.order_by("position"))
    panel_ids = {s.expert_id for s in seats[:3]}
    assignments = evaluation.assignments.all()
    assert {a.expert_id for a in assignments} == panel_ids
    assert {a.method for a in assignments} == {Assignment.Method.DRAW}

    promoted = services.leave_panel(seats[0].expert, seats[0], "出差无法参加")
    assert promoted.pk == seats[3].pk and promoted.status == Seat.Status.PANEL
    # The expert who has an assignment declares a conflict there: the next reserve steps in as well.
    assignment = evaluation.assignments.get(expert=seats[1].expert)
    services.declare_conflict(seats[1].expert, assignment, "其配偶在该组织任职")
    seats[1].refresh_from_db()
    assert seats[1].status == Seat.Status.CONFLICT
    active = {a.expert_id for a in evaluation.assignments.all() if a.is_active}
    assert active == {seats[2].expert_id, seats[3].expert_id, seats[4].expert_id}
    # No reserve left: staff are told, the gap is logged.
    assert services.leave_panel(staff, seats[2], "身体原因") is None
    kinds = list(draw.events.values_list("kind", flat=True))
    assert kinds == ["drawn", "declined", "promoted", "conflict", "promoted", "declined", "short"]
    with pytest.raises(ValidationError):
        services.leave_panel(staff, seats[0], "again")


def test_pledge_first_then_the_evaluation(client):
    staff = StaffFactory()
    evaluation = EvaluationFactory()
    pool(3)
    draw = services.draw_panel(staff, "入壳评估", [evaluation.organization], 1, 0, target=evaluation)
    seat = draw.seats.get()
    assignment = evaluation.assignments.get()
    document_url = reverse("orgs:expert_document", args=[assignment.pk, 999999])
    client.force_login(seat.expert)
    for url in (reverse("orgs:expert_assignment", args=[assignment.pk]), document_url):
        response = client.get(url)
        assert response.status_code == 302 and reverse("orgs:pledge", args=[seat.pk]) in response["Location"]
    page = client.get(reverse("orgs:pledge", args=[seat.pk]))
    assert evaluation.organization.name not in page.content.decode()
    assert draw.pledge_text[:20] in page.content.decode()
    response = client.post(
        reverse("orgs:pledge_accept", args=[seat.pk]), {"next": reverse("orgs:expert_assignment", args=[assignment.pk])}
    )
    assert response["Location"] == reverse("orgs:expert_assignment", args=[assignment.pk])
    seat.refresh_from_db()
    assert seat.pledge_accepted_at and seat.pledge_accepted_text == draw.pledge_text
    page = client.get(reverse("orgs:expert_assignment", args=[assignment.pk]))
    assert page.status_code == 200 and evaluation.organization.name in page.content.decode()
    assert draw.events.filter(kind=DrawEvent.Kind.PLEDGED).count() == 1
    # Another expert's seat is not theirs to open.
    other = ExpertProfileFactory()
    client.force_login(other.user)
    assert client.get(reverse("orgs:pledge", args=[seat.pk])).status_code == 404


def test_staff_draw_a_panel_from_the_evaluation_page_and_print_the_record(client):
    staff = StaffFactory()
    evaluation = EvaluationFactory()
    pool(7)
    client.force_login(staff)
    url = reverse("orgs:evaluation_draw", args=[evaluation.pk])
    bad = client.post(url, {"panel_size": 30, "reserve_count": 1, "witnesses": "纪检监督员 张某"})
    assert bad.status_code == 200 and "张某" in bad.content.decode()
    assert not evaluation.assignments.exists()
    response = client.post(
        url,
        {"panel_size": 3, "reserve_count": 2, "fields": ["charity"], "witnesses": "纪检监督员 张某\n申报单位代表 李某"},
    )
    draw = Draw.objects.get()
    assert response["Location"] == reverse("orgs:draw", args=[draw.pk])
    assert evaluation.assignments.count() == 3
    record = client.get(reverse("orgs:draw_record", args=[draw.pk])).content.decode()
    for text in (draw.seed, "纪检监督员 张某", "申报单位代表 李某", "signature-line", "print.css"):
        assert text in record
    page = client.get(reverse("orgs:draw", args=[draw.pk])).content.decode()
    assert "badge text-bg-success" in page  # the repeat check
    client.post(reverse("orgs:draw_pledge", args=[draw.pk]), {"pledge_text": "本人承诺公正评审。"})
    draw.refresh_from_db()
    assert draw.pledge_text == "本人承诺公正评审。"
    scan = SimpleUploadedFile("抽取记录.pdf", b"%PDF-1.7 signed record", content_type="application/pdf")
    client.post(reverse("orgs:draw_sheet_upload", args=[draw.pk]), {"kind": "draw_record", "file": scan})
    sheet = SignedSheet.objects.get()
    assert b"signed record" in b"".join(client.get(reverse("orgs:draw_sheet", args=[sheet.pk])).streaming_content)
    expert = draw.seats.first().expert
    client.force_login(expert)
    for name in ("orgs:draw", "orgs:draw_record", "orgs:draw_sheet"):
        pk = sheet.pk if name == "orgs:draw_sheet" else draw.pk
        assert client.get(reverse(name, args=[pk])).status_code == 403


def test_the_draw_record_names_the_fields_asked_for_and_prints_no_machine_note(client):
    pool(4)
    staff = StaffFactory()
    draw = services.draw_panel(staff, "第一轮评审", [OrganizationFactory()], 3, 1, fields=[Expertise.CHARITY])
    client.force_login(staff)
    record = client.get(reverse("orgs:draw_record", args=[draw.pk])).content.decode()
    assert str(Expertise.CHARITY.label) in record
    assert "charity" not in record
    for machine in ("seed=", "pool=", "panel=[", "reserves=["):
        assert machine not in record


def test_pool_list_runs_a_constant_number_of_queries(client, django_assert_max_num_queries):
    staff = StaffFactory()
    client.force_login(staff)
    pool(2)
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("orgs:pool"))
    pool(25)
    org = OrganizationFactory()
    services.draw_panel(staff, "x", [org], 5, 2)
    with django_assert_max_num_queries(12) as large:
        assert client.get(reverse("orgs:pool")).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
    print(f"pool list: {len(large.captured_queries)} queries for 27 experts")


def test_an_expert_edits_their_profile_and_staff_approve_it(client):
    staff, org = StaffFactory(), OrganizationFactory(name="阳光助老协会")
    profile = ExpertProfileFactory(fields=[Expertise.CHARITY])
    client.force_login(profile.user)
    response = client.post(
        reverse("orgs:expert_profile"),
        {
            "affiliation": "鄂尔多斯某学院",
            "title": "副教授",
            "fields": ["law", "youth_work"],
            "tied_organizations": [org.pk],
            "relatives": "表妹在阳光助老协会任会计",
            "available": "on",
        },
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.fields == [Expertise.CHARITY] and profile.pending_change["fields"] == ["law", "youth_work"]
    assert not profile.tied_organizations.exists()
    client.force_login(staff)
    assert "表妹在阳光助老协会任会计" in client.get(reverse("orgs:pool_expert", args=[profile.pk])).content.decode()
    client.post(reverse("orgs:pool_expert_approve", args=[profile.pk]))
    profile.refresh_from_db()
    assert profile.fields == ["law", "youth_work"] and profile.pending_change is None
    assert list(profile.tied_organizations.all()) == [org]
    assert profile.user_id not in services.eligible_pool([org.pk])
    bad = client.post(reverse("orgs:pool_expert_suspend", args=[profile.pk]), {"reason": ""})
    assert bad.status_code == 200
    profile.refresh_from_db()
    assert profile.suspended_at is None
    client.post(reverse("orgs:pool_expert_suspend", args=[profile.pk]), {"reason": "多次无故缺席评审"})
    profile.refresh_from_db()
    assert profile.suspension_reason == "多次无故缺席评审"


def test_panel_history_compares_the_expert_with_their_panels(client):
    staff = StaffFactory()
    evaluation = EvaluationFactory()
    pool(3)
    draw = services.draw_panel(staff, "成长评估", [evaluation.organization], 3, 0, target=evaluation)
    criteria = list(evaluation.rubric.criteria.all())
    totals = {}
    for seat, fraction in zip(
        draw.seats.order_by("position"), (Decimal(1), Decimal("0.5"), Decimal("0.6")), strict=True
    ):
        assignment = evaluation.assignments.get(expert=seat.expert)
        services.submit_scores(seat.expert, assignment, {c.pk: c.max_score * fraction for c in criteria})
        assignment.refresh_from_db()
        totals[seat.expert_id] = assignment.total
    lenient = draw.seats.get(position=1).expert
    rows, leniency = services.panel_history(lenient)
    mean = sum(totals.values()) / 3
    assert len(rows) == 1 and rows[0][1] == 1
    assert abs(leniency - (totals[lenient.pk] - mean)) < 0.01 and leniency > 0
    # The print-ready sheets: one per expert with their scores, and the summary with the panel result.
    client.force_login(staff)
    page = client.get(reverse("orgs:evaluation_sheets", args=[evaluation.pk])).content.decode()
    assert page.count("print-sheet mb-5") == 3 and "print.css" in page
    for seat in draw.seats.all():
        assert str(seat.expert) in page and str(totals[seat.expert_id]) in page
    assert str(services.panel_of(evaluation).result) in page
    client.force_login(lenient)
    assert client.get(reverse("orgs:evaluation_sheets", args=[evaluation.pk])).status_code == 403
