"""Fuzzed input on every form of the incubation pages, the expert pool and the organization list: never a 500,
nothing invalid stored, what the user typed still on the page when it comes back with errors, and formula-like
text neutralised in the Excel export."""

import io
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import example, given
from hypothesis import strategies as st
from openpyxl import load_workbook

from incubator.models import Job, User
from incubator.spreadsheets import safe_cell
from orgs import services
from orgs.models import (
    Application,
    Category,
    Draw,
    Evaluation,
    EvaluationKind,
    Expertise,
    GovernmentBid,
    Grade,
    Membership,
    Need,
    Organization,
    OrganizationDocument,
    RecruitmentCall,
    RegistrationType,
    Score,
    Seat,
    ServiceEntry,
    SignedSheet,
    SpaceAllocation,
    Stage,
    Track,
)
from tests.factories import (
    ExpertFactory,
    ExpertProfileFactory,
    OrganizationFactory,
    RubricFactory,
    SiteFactory,
    StaffFactory,
    applicant_of,
    make_uscc,
)
from tests.fuzz_strategies import (
    A_MONTH_AGO,
    FUZZ,
    FUZZ_SLOW_PAGE,
    IN_A_MONTH,
    UPLOAD_LIMIT,
    WITNESS,
    assert_kept,
    assert_no_formula,
    assert_valid,
    choice,
    dates,
    each_example,
    formula_text,
    logged_in,
    mostly,
    numbers,
    reference,
    references,
    text,
    text_or,
    uploads,
    valid_or,
)
from tests.jobs import export, run_started_job
from tests.orgs.factories import IncubationFactory, SpaceFactory, in_shell

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return StaffFactory()


@pytest.fixture
def staff_client(staff):
    return logged_in(staff)


def exported_cells(staff_client):
    content = export(staff_client, reverse("orgs:organization_export"))
    assert_no_formula(content)
    sheet = load_workbook(io.BytesIO(content)).active
    return {cell.value for row in sheet.iter_rows() for cell in row}


# -- public: registration --------------------------------------------------------------------------------------
@pytest.fixture
def site():
    return SiteFactory()


@FUZZ
@given(
    username=text_or("wurida2026", 30),
    full_name=text_or("乌日娜", 60),
    phone=valid_or("13800000000", numbers),
    email=text_or("wurida@example.org"),
    password=text_or("Ejin-Horo-2026!"),
    name=text_or("乌日达妇女手工制作中心", 100),
    registration_type=choice(RegistrationType.values),
    uscc=valid_or(make_uscc(7), text(18)),
    category=choice(Category.values),
    services_=text_or("妇女手工技能培训"),
)
def test_registration_form(
    site, username, full_name, phone, email, password, name, registration_type, uscc, category, services_
):
    data = {
        "username": username,
        "full_name": full_name,
        "phone": phone,
        "email": email,
        "position": "负责人",
        "password1": password,
        "password2": password,
        "name": name,
        "registration_type": registration_type,
        "uscc": uscc,
        "category": category,
        "site": site.pk,
        "address": WITNESS,
        "person_in_charge": "乌日娜",
        "contact_phone": "13800000000",
        "services": services_,
    }
    with each_example():
        response = Client().post(reverse("orgs:register"), data)
        assert response.status_code in (200, 302)
        if response.status_code == 302:
            assert_valid(Organization.objects.all())
            assert_valid(User.objects.all(), exclude=["password"])
            assert Organization.objects.get().name == name.strip()
        else:
            assert not Organization.objects.exists() and not User.objects.exists()
            assert_kept(response, address=WITNESS, name=name, full_name=full_name, services=services_)


# -- applicant -------------------------------------------------------------------------------------------------
@pytest.fixture
def organization():
    return OrganizationFactory(name="乌日达妇女手工制作中心")


@pytest.fixture
def applicant_client(organization):
    client = Client()
    client.force_login(applicant_of(organization))
    return client


@FUZZ
@given(
    short_name=st.one_of(formula_text, text(30)),
    address=st.one_of(formula_text, text(200)),
    contact_name=st.one_of(formula_text, text(60)),
    contact_phone=st.one_of(formula_text, numbers, text(20)),
    contact_email=text_or("a@example.org"),
    staff_count=valid_or("3", numbers),
    volunteer_count=valid_or("20", numbers),
    services_=st.one_of(formula_text, text()),
)
@example(
    short_name="\x01=1+1",
    address="幸福路\x1b[31m8号",
    contact_name="",
    contact_phone="\x08",
    contact_email="a@example.org",
    staff_count="0",
    volunteer_count="0",
    services_="",
)
def test_profile_form_and_the_export(
    organization, applicant_client, staff_client, short_name, address, contact_name, contact_phone, contact_email,
    staff_count, volunteer_count, services_,
):  # fmt: skip
    data = {
        "short_name": short_name,
        "address": address,
        "contact_name": contact_name,
        "contact_phone": contact_phone,
        "contact_email": contact_email,
        "staff_count": staff_count,
        "volunteer_count": volunteer_count,
        "services": services_,
        "beneficiaries": WITNESS,
    }
    with each_example():
        response = applicant_client.post(reverse("orgs:my_profile"), data)
        assert response.status_code in (200, 302)
        organization.refresh_from_db()
        if response.status_code == 302:
            assert_valid([organization])
            assert organization.beneficiaries == WITNESS
            cells = exported_cells(staff_client)
            for value in (organization.short_name, organization.address, organization.contact_name):
                # XML reads a carriage return as a line feed; a value of control characters only is an empty cell
                expected = safe_cell(value).replace("\r\n", "\n").replace("\r", "\n") if value else ""
                assert not expected or expected in cells
        else:
            assert organization.beneficiaries == ""
            assert_kept(response, beneficiaries=WITNESS, short_name=short_name, address=address, services=services_)


@pytest.fixture
def call():
    call = RecruitmentCall.objects.create(
        title="2026年社会组织招募",
        tracks=[Track.INCUBATION],
        opens_on=timezone.localdate(),
        body="招募",
        materials="章程",
    )
    call.published = True
    call.save()
    return call


@pytest.fixture
def applicant_incubation(organization):
    return IncubationFactory(organization=organization)


@FUZZ
@given(
    call_=mostly,
    call_junk=reference([]),
    track=choice(Track.values),
    project_title=text_or("社区助老服务", 150),
    team=text_or("三名核心成员"),
    team_size=valid_or("3", numbers),
    needs=st.lists(choice(Need.values), max_size=3),
    needs_detail=text_or("需要一间办公室"),
    submit=st.booleans(),
)
def test_application_form(
    applicant_incubation, applicant_client, call, call_, call_junk, track, project_title, team, team_size, needs, needs_detail,
    submit,
):  # fmt: skip
    data = {
        "call": call.pk if call_ else call_junk,
        "track": track,
        "project_title": project_title,
        "project_description": WITNESS,
        "team": team,
        "team_size": team_size,
        "needs": needs,
        "needs_detail": needs_detail,
    } | ({"submit": "1"} if submit else {})
    with each_example():
        url = reverse("orgs:my_application_submit" if submit else "orgs:my_application")
        response = applicant_client.post(url, data)
        assert response.status_code in (200, 302)
        assert_valid(Application.objects.all())
        for application in Application.objects.all():
            assert set(application.needs) <= set(Need.values)
            assert application.status == Application.Status.DRAFT or application.team and application.team_size > 0
        if response.status_code == 200:
            assert not Application.objects.exists()
            assert_kept(response, project_description=WITNESS, project_title=project_title, team=team)


@FUZZ
@given(kind=choice(OrganizationDocument.Kind.values), upload=uploads)
def test_document_form(organization, applicant_client, small_uploads, kind, upload):
    with each_example():
        response = applicant_client.post(reverse("orgs:upload_document"), {"kind": kind, "file": upload.file()})
        assert response.status_code in (200, 302)
        documents = list(OrganizationDocument.objects.all())
        assert_valid(documents)
        if response.status_code == 302:
            assert upload.acceptable and len(documents) == 1
            assert documents[0].size == len(upload.content) <= UPLOAD_LIMIT
            assert documents[0].original_name.isprintable()
        else:
            assert not documents
            assert not upload.acceptable or kind not in OrganizationDocument.Kind.values
            if kind in OrganizationDocument.Kind.values:
                assert_kept(response, kind=kind)


# -- expert: scoring and recusal -------------------------------------------------------------------------------
@pytest.fixture
def evaluation(staff):
    incubation = IncubationFactory(stage=Stage.INSPECTION)
    experts = ExpertFactory.create_batch(3)
    return services.open_evaluation(
        staff, incubation, EvaluationKind.ADMISSION, RubricFactory(), experts, timezone.localdate()
    )


@pytest.fixture
def expert_client(evaluation):
    assignment = evaluation.assignments.first()
    client = Client()
    client.force_login(assignment.expert)
    client.assignment = assignment
    return client


@FUZZ
@given(values=st.lists(valid_or("9.5", numbers), min_size=6, max_size=6), comment=text_or(WITNESS))
def test_score_form(evaluation, expert_client, values, comment):
    criteria = list(evaluation.rubric.criteria.all())
    data = {"score": "1", "comment": comment} | {f"criterion_{c.pk}": v for c, v in zip(criteria, values, strict=True)}
    with each_example():
        response = expert_client.post(reverse("orgs:expert_score", args=[expert_client.assignment.pk]), data)
        assert response.status_code in (200, 302)
        for score in Score.objects.select_related("criterion"):
            assert_valid([score])
            assert 0 <= score.value <= score.criterion.max_score
        if response.status_code == 200:
            assert not Score.objects.exists()
            assert_kept(response, comment=comment, **{k: v for k, v in data.items() if k.startswith("criterion_")})


@FUZZ
@given(note=text_or("其配偶在该组织任职", 500))
def test_conflict_form(evaluation, expert_client, note):
    with each_example():
        url = reverse("orgs:expert_conflict", args=[expert_client.assignment.pk])
        response = expert_client.post(url, {"note": note})
        assert response.status_code in (200, 302)
        assignment = evaluation.assignments.get(pk=expert_client.assignment.pk)
        assert_valid([assignment])
        if response.status_code == 200:
            assert assignment.conflict_declared_at is None
            assert_kept(response, note=note)
        else:
            assert assignment.conflict_note == note.strip() and assignment.conflict_note


# -- staff: the organization page ------------------------------------------------------------------------------
@pytest.fixture
def resident():
    """A resident-track organization at inspection: every page action but the evaluations is open to it."""
    return IncubationFactory(organization=OrganizationFactory(track=Track.RESIDENT), stage=Stage.INSPECTION)


@FUZZ_SLOW_PAGE
@given(
    # Each step posts to its own address, so a request names one of them.
    action=st.sampled_from(["admit_resident", "decline", "withdraw", "start_inspection", "complete"]),
    on=valid_or(A_MONTH_AGO, dates),
    months=valid_or("12", numbers),
    reason=text_or(WITNESS),
)
@example(action="admit_resident", on="9999-12-31", months="12", reason=WITNESS)
def test_stage_action_form(resident, staff_client, action, on, months, reason):
    data = {"on": on, "months": months, "reason": reason}
    org = resident.organization
    with each_example():
        response = staff_client.post(reverse(f"orgs:organization_{action}", args=[org.pk]), data)
        assert response.status_code in (200, 302)
        resident.refresh_from_db()
        assert_valid([resident])
        if response.status_code == 200:
            assert resident.stage == Stage.INSPECTION
            assert_kept(response, reason=reason, on=on)
        else:
            assert resident.stage != Stage.INSPECTION
            assert resident.stage_since.isoformat() == on
            assert resident.agreement_until is None or resident.agreement_until > resident.admitted_on


@pytest.fixture
def inspected():
    return IncubationFactory(stage=Stage.INSPECTION)


@pytest.fixture
def panel_choice():
    return RubricFactory(), ExpertFactory.create_batch(3)


@FUZZ_SLOW_PAGE
@given(
    rubric=mostly,
    junk=reference([]),
    experts=st.lists(st.booleans(), max_size=3),
    odd=valid_or([], references([])),
    due_on=valid_or(IN_A_MONTH, dates),
)
def test_evaluation_setup_form(inspected, panel_choice, staff_client, rubric, junk, experts, odd, due_on):
    rubric_row, pool = panel_choice
    chosen = [str(e.pk) for e, pick in zip(pool, experts, strict=False) if pick] + odd
    prefix = "start_admission_evaluation-"
    data = {
        prefix + "rubric": str(rubric_row.pk) if rubric else junk,
        prefix + "experts": chosen,
        prefix + "due_on": due_on,
    }
    org = inspected.organization
    with each_example():
        url = reverse("orgs:organization_evaluation", args=[org.pk, "start_admission_evaluation"])
        response = staff_client.post(url, data)
        assert response.status_code in (200, 302)
        evaluations = list(Evaluation.objects.filter(organization=org))
        assert_valid(evaluations)
        if response.status_code == 302:
            assert len(evaluations) == 1 and evaluations[0].due_on.isoformat() == due_on
            assert {str(a.expert_id) for a in evaluations[0].assignments.all()} == set(chosen)
        else:
            assert not evaluations
            assert_kept(response, **{prefix + "due_on": due_on})


@pytest.fixture
def held_space(resident):
    return SpaceFactory(site=resident.organization.site)


@FUZZ_SLOW_PAGE
@given(space=mostly, junk=reference([]), on=valid_or(A_MONTH_AGO, dates), note=text_or(WITNESS, 200))
def test_allocate_space_form(resident, held_space, staff_client, space, junk, on, note):
    data = {"space": str(held_space.pk) if space else junk, "on": on, "note": note}
    org = resident.organization
    with each_example():
        response = staff_client.post(reverse("orgs:organization_space", args=[org.pk]), data)
        assert response.status_code in (200, 302)
        allocations = list(SpaceAllocation.objects.all())
        assert_valid(allocations)
        if response.status_code == 200:
            assert not allocations
            assert_kept(response, note=note)
        else:
            assert allocations[0].note == note.strip()


@FUZZ_SLOW_PAGE
@given(
    kind=choice(ServiceEntry.Kind.values),
    on=valid_or(A_MONTH_AGO, dates),
    hours=valid_or("1.5", numbers),
    notes=text_or(WITNESS),
)
def test_service_entry_form(resident, staff_client, kind, on, hours, notes):
    org = resident.organization
    with each_example():
        response = staff_client.post(
            reverse("orgs:organization_service", args=[org.pk]),
            {"kind": kind, "on": on, "hours": hours, "notes": notes},
        )
        assert response.status_code in (200, 302)
        entries = list(ServiceEntry.objects.all())
        assert_valid(entries)
        if response.status_code == 200:
            assert not entries
            assert_kept(response, notes=notes, on=on, hours=hours)


@FUZZ_SLOW_PAGE
@given(
    purchaser=text_or("伊金霍洛旗民政局", 100),
    project=text_or("居家养老服务", 150),
    amount=valid_or("80000", numbers),
    submitted_on=valid_or(A_MONTH_AGO, dates),
    result=choice(GovernmentBid.Result.values),
    notes=text_or(WITNESS),
)
def test_government_bid_form(resident, staff_client, purchaser, project, amount, submitted_on, result, notes):
    data = {
        "purchaser": purchaser,
        "project": project,
        "amount": amount,
        "submitted_on": submitted_on,
        "result": result,
        "notes": notes,
    }
    org = resident.organization
    with each_example():
        response = staff_client.post(reverse("orgs:organization_bid", args=[org.pk]), data)
        assert response.status_code in (200, 302)
        bids = list(GovernmentBid.objects.all())
        assert_valid(bids)
        if response.status_code == 200:
            assert not bids
            assert_kept(response, purchaser=purchaser, project=project, notes=notes, amount=amount)


# -- staff: the evaluation page --------------------------------------------------------------------------------
@pytest.fixture
def free_expert():
    return ExpertFactory()


@FUZZ
@given(step=st.sampled_from(["assign", "replace"]), expert=mostly, junk=reference([]), assignment=reference([]))
@example(step="replace", expert=False, junk="1", assignment="abc")
def test_replace_expert_form(evaluation, free_expert, staff_client, step, expert, junk, assignment):
    free = free_expert
    current = evaluation.assignments.first()
    field = "assign-expert" if step == "assign" else "expert"
    data = {field: str(free.pk) if expert else junk, "assignment": str(current.pk) if expert else assignment}
    with each_example():
        before = evaluation.assignments.count()
        response = staff_client.post(reverse(f"orgs:evaluation_{step}", args=[evaluation.pk]), data)
        assert response.status_code in (200, 302, 404)
        assert_valid(evaluation.assignments.all())
        if response.status_code != 302:
            assert evaluation.assignments.count() == before


@pytest.fixture
def closed_growth(staff):
    incubation = in_shell()
    experts = ExpertFactory.create_batch(2)
    evaluation = services.open_evaluation(
        staff, incubation, EvaluationKind.GROWTH, RubricFactory(), experts, timezone.localdate()
    )
    assignment = evaluation.assignments.first()
    services.submit_scores(assignment.expert, assignment, {c.pk: c.max_score for c in evaluation.rubric.criteria.all()})
    return services.close_evaluation(staff, evaluation)


@FUZZ_SLOW_PAGE
@given(decision=choice(Evaluation.Decision.values), months=valid_or("3", numbers), note=text_or(WITNESS))
def test_decision_form(closed_growth, staff_client, decision, months, note):
    data = {"decision": decision, "months": months, "note": note}
    with each_example():
        response = staff_client.post(reverse("orgs:evaluation_decide", args=[closed_growth.pk]), data)
        assert response.status_code in (200, 302)
        evaluation = Evaluation.objects.get(pk=closed_growth.pk)
        incubation = evaluation.organization.incubation
        assert_valid([evaluation, incubation])
        if response.status_code == 200:
            assert evaluation.status == Evaluation.Status.CLOSED
            assert_kept(response, note=note)
        elif evaluation.status == Evaluation.Status.DECIDED:
            assert evaluation.decision in Evaluation.Decision.values
            assert evaluation.decision == Evaluation.Decision.PASSED or evaluation.decision_note


# -- the expert pool and its draws -----------------------------------------------------------------------------
@pytest.fixture
def experts_in_pool():
    return [ExpertProfileFactory(fields=[Expertise.COMMUNITY_SERVICE]) for _ in range(4)]


@FUZZ
@given(
    panel_size=valid_or("2", numbers),
    reserve_count=valid_or("1", numbers),
    fields=valid_or([Expertise.COMMUNITY_SERVICE], st.lists(choice(Expertise.values), max_size=3)),
    witnesses=text_or("张三\n李四", 1000),
)
def test_draw_form(evaluation, experts_in_pool, staff_client, panel_size, reserve_count, fields, witnesses):
    data = {"panel_size": panel_size, "reserve_count": reserve_count, "fields": fields, "witnesses": witnesses}
    with each_example():
        response = staff_client.post(reverse("orgs:evaluation_draw", args=[evaluation.pk]), data)
        assert response.status_code in (200, 302)
        draws = list(Draw.objects.all())
        assert_valid(draws)
        for draw in draws:
            assert 1 <= draw.panel_size <= 15 and 0 <= draw.reserve_count <= 10
            assert set(draw.fields) <= set(Expertise.values)
        if response.status_code == 200:
            assert not draws
            assert_kept(response, panel_size=panel_size, reserve_count=reserve_count, witnesses=witnesses)


@pytest.fixture
def draw(staff, organization, experts_in_pool):
    return services.draw_panel(staff, "入壳评估", [organization], 2, 1, seed="fuzz")


@FUZZ
@given(reason=text_or("出差无法参加", 500), conflict=st.sampled_from(["", "on", "", "on", "yes", "\x00"]))
def test_leave_form(draw, reason, conflict):
    seat = draw.seats.first()
    with each_example():
        client = logged_in(seat.expert)
        response = client.post(reverse("orgs:seat_leave", args=[seat.pk]), {"reason": reason, "conflict": conflict})
        assert response.status_code in (200, 302)
        assert_valid(Seat.objects.all())
        seat.refresh_from_db()
        if response.status_code == 200:
            assert seat.status == Seat.Status.PANEL
            assert_kept(response, reason=reason)
        else:
            assert seat.note == reason.strip() and seat.note


@FUZZ
@given(pledge_text=text_or("我承诺公正评审。"))
def test_pledge_text_form(draw, staff_client, pledge_text):
    with each_example():
        response = staff_client.post(reverse("orgs:draw_pledge", args=[draw.pk]), {"pledge_text": pledge_text})
        assert response.status_code in (200, 302)
        stored = Draw.objects.get(pk=draw.pk)
        assert_valid([stored])
        if response.status_code == 200:
            assert stored.pledge_text == draw.pledge_text
            assert_kept(response, pledge_text=pledge_text)
        else:
            assert stored.pledge_text == pledge_text.strip()


@FUZZ
@given(kind=choice(SignedSheet.Kind.values), upload=uploads)
def test_sheet_form(draw, staff_client, small_uploads, kind, upload):
    with each_example():
        response = staff_client.post(
            reverse("orgs:draw_sheet_upload", args=[draw.pk]), {"kind": kind, "file": upload.file()}
        )
        assert response.status_code in (200, 302)
        sheets = list(SignedSheet.objects.all())
        assert_valid(sheets)
        if response.status_code == 302:
            assert upload.acceptable and sheets[0].size <= UPLOAD_LIMIT and sheets[0].original_name.isprintable()
        else:
            assert not sheets
            if kind in SignedSheet.Kind.values:
                assert_kept(response, kind=kind)


@FUZZ
@given(reason=text_or("未如实申报关联关系", 500))
def test_suspend_form(experts_in_pool, staff_client, reason):
    profile = experts_in_pool[0]
    with each_example():
        response = staff_client.post(reverse("orgs:pool_expert_suspend", args=[profile.pk]), {"reason": reason})
        assert response.status_code in (200, 302)
        profile.refresh_from_db()
        assert_valid([profile])
        if response.status_code == 200:
            assert profile.suspended_at is None
            assert_kept(response, reason=reason)
        else:
            assert profile.suspension_reason == reason.strip() and profile.suspension_reason


@FUZZ
@given(
    affiliation=text_or("内蒙古某大学", 100),
    title=text_or("副教授", 60),
    fields=st.lists(choice(Expertise.values), max_size=3),
    ties=st.lists(st.booleans(), max_size=2),
    odd=valid_or([], references([])),
    relatives=text_or(WITNESS),
    available=st.sampled_from(["", "on", "\x00"]),
)
def test_expert_profile_form(
    organization, experts_in_pool, affiliation, title, fields, ties, odd, relatives, available
):
    profile = experts_in_pool[0]
    tied = [str(organization.pk)] if any(ties) else []
    data = {
        "affiliation": affiliation,
        "title": title,
        "fields": fields,
        "tied_organizations": tied + odd,
        "relatives": relatives,
        "available": available,
    }
    with each_example():
        client = logged_in(profile.user)
        response = client.post(reverse("orgs:expert_profile"), data)
        assert response.status_code in (200, 302)
        profile.refresh_from_db()
        assert_valid([profile])
        change = profile.pending_change
        if response.status_code == 200:
            assert change is None
            assert_kept(response, affiliation=affiliation, title=title, relatives=relatives)
        else:
            assert len(change["affiliation"]) <= 100 and len(change["title"]) <= 60
            assert set(change["fields"]) <= set(Expertise.values)
            assert set(change["tied_organizations"]) <= set(Organization.objects.values_list("pk", flat=True))
            assert "\x00" not in change["relatives"] + change["affiliation"] + change["title"]


# -- the organization list's filters ---------------------------------------------------------------------------
@FUZZ
@given(
    q=st.one_of(formula_text, text(100)),
    track=choice(Track.values),
    stage=choice(Stage.values),
    site=reference([]),
    category=choice(Category.values),
    grade=choice(Grade.values),
    overdue=st.sampled_from(["", "true", "false", "1", "unknown", "\x00"]),
    page=numbers,
    where=st.sampled_from(["orgs:organization_list", "orgs:board", "orgs:organization_export"]),
)
def test_organization_filter(resident, staff_client, q, track, stage, site, category, grade, overdue, page, where):
    params = {
        "q": q,
        "track": track,
        "stage": stage,
        "site": site,
        "category": category,
        "grade": grade,
        "overdue": overdue,
        "page": page,
    }
    if where == "orgs:organization_export":
        assert_no_formula(export(staff_client, reverse(where), {"query": urlencode(params, doseq=True)}))
        return
    response = staff_client.get(reverse(where), params)
    assert response.status_code == 200
    if where == "orgs:organization_list" and "\x00" not in q:
        assert_kept(response, q=q)


# -- the workbench: recruitment calls --------------------------------------------------------------------------
@FUZZ
@given(
    title=text_or("2026年社会组织招募公告", 150),
    tracks=valid_or([Track.INCUBATION], st.lists(choice(Track.values), max_size=2)),
    sites=valid_or([], references([])),
    opens_on=valid_or(A_MONTH_AGO, dates),
    closes_on=valid_or(IN_A_MONTH, dates),
    body=text_or(WITNESS),
    published=st.sampled_from(["", "on"]),
)
def test_recruitment_call_form(site, staff_client, title, tracks, sites, opens_on, closes_on, body, published):
    client = staff_client
    data = {
        "title": title,
        "tracks": tracks,
        "sites": [str(site.pk), *sites],
        "opens_on": opens_on,
        "closes_on": closes_on,
        "body": body,
        "materials": WITNESS,
        "published": published,
    }
    with each_example():
        response = client.post(reverse("orgs:staff_call_new"), data)
        assert response.status_code in (200, 302)
        calls = list(RecruitmentCall.objects.all())
        assert_valid(calls)
        for call in calls:
            assert call.tracks and set(call.tracks) <= set(Track.values)
        if response.status_code == 200:
            assert not calls
            assert_kept(response, materials=WITNESS, title=title)


# -- the workbench: importing the register, applicant accounts, the responsible staff member -------------------
REGISTER_HEADINGS = [
    "名称",
    "登记类型",
    "统一社会信用代码",
    "类别",
    "孵化类型",
    "所属园区",
    "法定代表人/负责人",
    "专职人员",
]


def register_file(rows):
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook()
    book.active.append(REGISTER_HEADINGS)
    for row in rows:
        # A workbook cannot hold control characters: a register saved by Excel never has them.
        book.active.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


register_row = st.tuples(
    text_or("伊旗助老服务队", 150),
    valid_or("草根团队", st.sampled_from(["社会团体", "民办非企业", "", "公司", "\u202e"])),
    valid_or("", st.sampled_from([make_uscc(920, kind="1"), "12345", "9" * 40, "=1+1"])),
    valid_or("公益慈善类", text(20)),
    valid_or("孵化类", st.sampled_from(["入驻类", "resident", "", "其他"])),
    valid_or("主园区", st.sampled_from(["火星", "", "=A1"])),
    text_or("负责人", 60),
    valid_or(3, numbers),
)


@FUZZ_SLOW_PAGE
@given(rows=st.lists(register_row, min_size=1, max_size=6), upload=st.one_of(st.none(), uploads), check=mostly)
def test_register_import_form(staff_client, rows, upload, check):
    SiteFactory(short_name="主园区")
    data = {"check_only": "on" if check else ""}
    with each_example():
        data["file"] = upload.file() if upload else SimpleUploadedFile("名册.xlsx", register_file(rows))
        response = staff_client.post(reverse("orgs:register_import"), data)
        assert response.status_code in (200, 302)
        if response.status_code == 200:
            assert upload is not None and not Job.objects.exists()
            assert_kept(response, check_only=["on"] if check else [])
            return
        report = run_started_job(staff_client, response)
        assert_no_formula(report)
        assert_valid(Organization.objects.all())
        if check:
            assert not Organization.objects.exists()


@pytest.fixture
def waiting_accounts():
    return [applicant_of(OrganizationFactory(), confirmed_at=None).membership for _ in range(2)]


@FUZZ
@given(
    # Each decision is a button posting to its own address, so a request names one of the two.
    which=st.integers(0, 1),
    membership=numbers,
    decision=st.sampled_from(["confirm", "decline"]),
    reason=text_or(WITNESS, 500),
)
def test_membership_decision_form(staff_client, waiting_accounts, which, membership, decision, reason):
    known = str(waiting_accounts[which].pk)
    with each_example():
        for target in (known, membership):  # the account shown, then whatever a request may name
            prefix = f"m{target}"
            confirmed = Membership.objects.filter(confirmed_at__isnull=False).count()
            response = staff_client.post(
                reverse(f"orgs:membership_{decision}"), {"membership": target, f"{prefix}-reason": reason}
            )
            assert response.status_code in (200, 302, 404)
            assert_valid(Membership.objects.all())
            if response.status_code == 200:  # refused: nothing confirmed, the reason as typed
                assert Membership.objects.filter(confirmed_at__isnull=False).count() == confirmed
                if target == known and reason.strip() and "\x00" not in reason and len(reason) <= 500:
                    assert_kept(response, **{f"{prefix}-reason": reason})


@FUZZ
@given(responsible=valid_or("staff", reference([])))
def test_responsible_staff_form(staff, staff_client, responsible):
    incubation = IncubationFactory()
    if responsible == "staff":
        responsible = str(staff.pk)
    with each_example():
        url = reverse("orgs:organization_responsible", args=[incubation.organization_id])
        response = staff_client.post(url, {"staff": responsible})
        assert response.status_code in (200, 302)
        incubation.refresh_from_db()
        assert incubation.responsible_staff_id in (None, staff.pk)
        assert (response.status_code == 302) == (responsible in ("", str(staff.pk)))
