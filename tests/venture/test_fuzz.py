"""Fuzzed input on the proposal form and the scoring form: never a 500, nothing invalid stored, the typed
values kept on the page."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.factories import (
    ExpertProfileFactory,
    OrganizationFactory,
    RubricFactory,
    StaffFactory,
    UserFactory,
    applicant_of,
)
from tests.fuzz_strategies import (
    A_MONTH_AGO,
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
    reference,
    references,
    text,
    text_or,
    uploads,
    valid_or,
)
from tests.fuzz_strategies import (
    FUZZ as FUZZ_FORM,
)
from tests.fuzz_strategies import (
    numbers as hostile_numbers,
)
from tests.jobs import export
from tests.venture.factories import ProposalFactory, RoundFactory, set_state
from tests.venture.helpers import announcing_round_dates, past_round_dates, score_all, screened
from tests.venture.test_applicant import form_data
from venture import services
from venture.models import (
    Activity,
    Agreement,
    Assignment,
    Award,
    BonusItem,
    BudgetLine,
    CoachingRecord,
    Objection,
    ProgressReport,
    Proposal,
    ProposalBonus,
    ProposalDocument,
    ProposalState,
    PublicScore,
    ReportDocument,
    Review,
    ReviewKind,
    Round,
    Score,
    ScreeningRecord,
    Tranche,
)

FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
numberish = st.one_of(
    st.text(max_size=12),
    st.integers(-(10**9), 10**13).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["", "1e400", "NaN", "-0", "٣"]),
)


@pytest.mark.django_db
@FUZZ
@given(price=numberish, quantity=numberish, cofunded=numberish, title=st.text(min_size=1, max_size=40))
@example(price="99898", quantity="100102", cofunded="0", title="0")
def test_the_proposal_form_never_fails_and_stores_nothing_invalid(client, price, quantity, cofunded, title):
    round_ = RoundFactory()
    applicant = applicant_of(OrganizationFactory())
    client.force_login(applicant)
    data = form_data(
        **{"budget-0-unit_price": price, "budget-0-quantity": quantity, "budget-0-cofunded": cofunded, "title": title}
    )
    response = client.post(reverse("venture:apply", args=[round_.code]), data)
    assert response.status_code in (200, 302)
    for line in BudgetLine.objects.all():
        assert line.unit_price > 0 and line.quantity > 0 and 0 <= line.cofunded <= line.amount
    if response.status_code == 200:
        assert not Proposal.objects.filter(round=round_).exists()


@pytest.mark.django_db
@FUZZ
@given(values=st.lists(numberish, min_size=6, max_size=6), comment=st.text(max_size=50))
def test_the_scoring_form_never_fails_and_keeps_scores_in_range(client, values, comment):
    staff = StaffFactory()
    proposal = ProposalFactory(round=RoundFactory())
    expert = ExpertProfileFactory().user
    screened(proposal, staff)
    assignment = services.assign_expert(staff, proposal, expert)
    services.declare_conflict(expert, assignment, False)
    criteria = list(proposal.round.rubric.criteria.all())
    client.force_login(expert)
    data = {f"score_{c.pk}": v for c, v in zip(criteria, values, strict=True)} | {
        "overall_comment": comment,
        "submit": "1",
    }
    response = client.post(reverse("venture:submit_review", args=[proposal.pk, "proposal"]), data)
    assert response.status_code in (200, 302)
    for score in Score.objects.select_related("criterion"):
        assert score.value is None or Decimal(0) <= score.value <= score.criterion.max_score


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["sNaN", "NaN", "Infinity", "-inf"])
def test_not_a_number_is_refused_as_invalid_input(client, value):
    round_ = RoundFactory()
    client.force_login(applicant_of(OrganizationFactory()))
    response = client.post(reverse("venture:apply", args=[round_.code]), form_data(**{"budget-0-cofunded": value}))
    assert response.status_code == 200 and not Proposal.objects.exists()


# -- every other venture form: hostile text, hostile_numbers, dates and files ------------------------------------------
pytestmark = pytest.mark.django_db


@pytest.fixture
def open_round():
    return RoundFactory()


@pytest.fixture
def applicant_client():
    return logged_in(applicant_of(OrganizationFactory(name="乌日达妇女手工制作中心")))


@FUZZ_SLOW_PAGE
@given(
    title=valid_or("巧手圆梦开心手工坊", st.one_of(formula_text, text(120))),
    need=text_or("农牧民转移妇女缺少就业技能"),
    beneficiaries_target=valid_or("70", hostile_numbers),
    team_size=valid_or("3", hostile_numbers),
    name=valid_or("蒙古族刺绣培训", st.one_of(formula_text, text(120))),
    starts_on=valid_or(A_MONTH_AGO, dates),
    ends_on=valid_or(IN_A_MONTH, dates),
    target=text_or("70名妇女", 120),
    total=valid_or("1", st.sampled_from(["0", "-1", "3", "abc", ""])),
)
def test_proposal_text_activities_and_the_export(
    open_round, applicant_client, staff_client, title, need, beneficiaries_target, team_size, name, starts_on,
    ends_on, target, total,
):  # fmt: skip
    data = form_data(
        **{
            "title": title,
            "need": need,
            "goals": WITNESS,
            "beneficiaries_target": beneficiaries_target,
            "team_size": team_size,
            "activities-TOTAL_FORMS": total,
            "activities-0-name": name,
            "activities-0-starts_on": starts_on,
            "activities-0-ends_on": ends_on,
            "activities-0-target": target,
        }
    )
    with each_example():
        response = applicant_client.post(reverse("venture:apply", args=[open_round.code]), data)
        assert response.status_code in (200, 302)
        assert_valid(Proposal.objects.all())
        activities = list(Activity.objects.all())
        assert_valid(activities)
        assert all(a.starts_on <= a.ends_on for a in activities)
        if response.status_code == 200:
            assert not Proposal.objects.exists()
            if total == "1":
                assert_kept(response, goals=WITNESS, title=title, need=need, **{"activities-0-name": name})
        else:
            set_state(Proposal.objects.get(), ProposalState.SUBMITTED)
            assert_no_formula(export(staff_client, reverse("venture:export_round", args=[open_round.pk, "proposals"])))


@pytest.fixture
def draft(open_round):
    proposal = ProposalFactory(round=open_round)
    return proposal, logged_in(applicant_of(proposal.organization))


@FUZZ_FORM
@given(label=text_or(WITNESS, 100), upload=uploads, identifying=choice(["", "on"], junk=["\x00", "yes"]))
def test_document_form(draft, small_uploads, label, upload, identifying):
    proposal, client = draft
    with each_example():
        data = {"label": label, "file": upload.file(), "identifying": identifying}
        response = client.post(reverse("venture:document_upload", args=[proposal.pk]), data)
        assert response.status_code in (200, 302)
        documents = list(ProposalDocument.objects.all())
        if response.status_code == 200:  # refused: the page again, the label as typed
            assert not documents
            if "\x00" not in label:
                assert_kept(response, label=label)
        assert_valid(documents)
        for document in documents:
            assert upload.acceptable and document.size <= UPLOAD_LIMIT and document.original_name.isprintable()
            assert document.label == label.strip()
        if upload.acceptable and label == WITNESS and identifying in ("", "on"):
            assert len(documents) == 1


@pytest.fixture
def staff():
    return StaffFactory()


@pytest.fixture
def staff_client(staff):
    return logged_in(staff)


@pytest.fixture
def submitted(open_round):
    return set_state(ProposalFactory(round=open_round), ProposalState.SUBMITTED)


@FUZZ_FORM
@given(
    checks=st.lists(choice(["on"], junk=["", "\x00"]), min_size=4, max_size=4),
    outcome=choice(ScreeningRecord.Outcome.values),
    reason=text_or(WITNESS),
)
def test_screening_form(submitted, staff_client, checks, outcome, reason):
    data = dict(zip(["eligible", "complete", "documents", "budget"], checks, strict=True))
    data |= {"outcome": outcome, "reason": reason}
    with each_example():
        response = staff_client.post(reverse("venture:staff_screen", args=[submitted.pk]), data)
        assert response.status_code in (200, 302)
        records = list(ScreeningRecord.objects.all())
        assert_valid(records)
        for record in records:
            assert record.outcome != "passed" or all(
                (record.eligible, record.complete, record.documents, record.budget)
            )
            assert record.outcome == "passed" or record.reason
        if response.status_code == 200:
            assert not records
            assert_kept(response, reason=reason)


@pytest.fixture
def reviewing(staff, open_round):
    proposal = ProposalFactory(round=open_round)
    screened(proposal, staff)
    expert = ExpertProfileFactory().user
    return services.assign_expert(staff, proposal, expert), ExpertProfileFactory().user


@FUZZ_FORM
@given(conflict=choice(["yes", "no"]), note=text_or(WITNESS, 300))
def test_declaration_form(reviewing, conflict, note):
    assignment, _other = reviewing
    with each_example():
        client = logged_in(assignment.expert)
        response = client.post(
            reverse("venture:declare_conflict", args=[assignment.proposal_id, assignment.kind]),
            {"conflict": conflict, "conflict_note": note},
        )
        assert response.status_code in (200, 302)
        stored = Assignment.objects.get(pk=assignment.pk)
        assert_valid([stored])
        if response.status_code == 200:
            assert stored.conflict == Assignment.Conflict.UNDECLARED
            assert_kept(response, conflict_note=note)
        else:
            assert stored.conflict != Assignment.Conflict.CONFLICT or stored.conflict_note


@FUZZ_FORM
@given(expert=mostly, junk=reference([]))
def test_assign_form(reviewing, staff_client, expert, junk):
    assignment, other = reviewing
    with each_example():
        data = {"expert": str(other.pk) if expert else junk}
        response = staff_client.post(reverse("venture:assign_expert", args=[assignment.proposal_id]), data)
        assert response.status_code == 302
        assert_valid(Assignment.objects.all())
        assert Assignment.objects.count() == 1 + expert


@pytest.fixture
def submitted_review(reviewing):
    assignment, _other = reviewing
    return score_all(assignment, Decimal("0.8"))


@FUZZ_FORM
@given(reason=text_or("评分有误，请重新评审", 300))
def test_reason_form_on_reopening(submitted_review, staff_client, reason):
    with each_example():
        response = staff_client.post(reverse("venture:reopen_review", args=[submitted_review.pk]), {"reason": reason})
        assert response.status_code in (200, 302)
        review = Review.objects.get(pk=submitted_review.pk)
        assert_valid([review])
        if response.status_code == 200:  # refused: the proposal's page again, with the reason as typed
            assert review.state == Review.State.SUBMITTED
            assert_kept(response, reason=reason)
        assert review.state == Review.State.SUBMITTED or review.reopened_reason == reason.strip()
        assert reason != "评分有误，请重新评审" or review.state == Review.State.DRAFT


@pytest.fixture
def ranked(staff):
    round_ = RoundFactory(experts_per_proposal=1)
    expert = ExpertProfileFactory().user
    proposals = [ProposalFactory(round=round_) for _ in range(2)]
    for i, proposal in enumerate(proposals):
        screened(proposal, staff)
        score_all(services.assign_expert(staff, proposal, expert), Decimal("0.9") - Decimal("0.1") * i)
    services.close_review(staff, round_)
    return [Proposal.objects.get(pk=p.pk) for p in proposals]


@FUZZ_FORM
@given(
    action=choice(["pass", "award", "cancel"], junk=["", "\x00"]),
    amount=valid_or("20000", hostile_numbers),
    reason=text_or("压缩宣传费", 300),
)
def test_award_and_reason_forms(ranked, staff_client, action, amount, reason):
    first = ranked[0]
    with each_example():
        data = {"action": action, "amount": amount, "reason": reason}
        command = {"pass": "venture:pass_over", "cancel": "venture:cancel_award"}.get(action, "venture:award")
        response = staff_client.post(reverse(command, args=[first.pk]), data)
        assert response.status_code in (200, 302)
        if response.status_code == 200:  # refused: the ranking again, with what was typed on the row
            assert not Award.objects.exists() or action == "pass"
            typed = {"reason": reason} if action == "pass" else {"amount": amount, "reason": reason}
            assert_kept(response, **{k: v for k, v in typed.items() if "\x00" not in v})
        proposal = Proposal.objects.get(pk=first.pk)
        assert_valid([proposal])
        assert_valid(Award.objects.all())
        for award in Award.objects.all():
            assert Decimal("0.01") <= award.amount <= first.requested_amount
        if action == "award" and amount == "20000" and reason == "压缩宣传费":
            assert proposal.award.amount == Decimal("20000")


@pytest.fixture
def announced(staff):
    round_ = RoundFactory(experts_per_proposal=1)
    expert = ExpertProfileFactory().user
    proposals = [ProposalFactory(round=round_) for _ in range(2)]
    for i, proposal in enumerate(proposals):
        screened(proposal, staff)
        score_all(services.assign_expert(staff, proposal, expert), Decimal("0.9") - Decimal("0.1") * i)
    services.close_review(staff, round_)
    services.award(staff, proposals[0], Proposal.objects.get(pk=proposals[0].pk).requested_amount)
    announcing_round_dates(round_)
    services.publish_announcement(staff, round_)
    return round_, proposals


@FUZZ_FORM
@given(
    proposal=mostly,
    junk=reference([]),
    name=text_or("居民甲", 60),
    contact=valid_or("13900000000", st.one_of(hostile_numbers, text(100))),
    objection=text_or("该组织去年项目未完成"),
)
def test_objection_form(announced, proposal, junk, name, contact, objection):
    round_, proposals = announced
    data = {
        "proposal": str(proposals[0].pk) if proposal else junk,
        "name": name,
        "contact": contact,
        "text": objection,
    }
    with each_example():
        response = Client().post(reverse("venture:file_objection", args=[round_.code]), data)
        assert response.status_code in (200, 302)
        objections = list(Objection.objects.all())
        assert_valid(objections)
        for stored in objections:
            assert stored.proposal == proposals[0] and stored.name and stored.text
            digits = stored.contact.replace("-", "").replace(" ", "")
            assert "@" in stored.contact or (digits.isascii() and digits.isdigit() and 7 <= len(digits) <= 15)
        if response.status_code == 200:
            assert not objections
            assert_kept(response, name=name, contact=contact, text=objection)


@pytest.fixture
def objection(announced):
    round_, proposals = announced
    return services.file_objection(round_, proposals[0], "居民乙", "a@example.org", "预算不实")


@FUZZ_FORM
@given(outcome=choice(["dismissed", "upheld"], junk=["open", "", "\x00"]), handling=text_or("经核实，维持原结果"))
def test_handle_objection_form(objection, staff_client, outcome, handling):
    with each_example():
        data = {"outcome": outcome, "handling": handling}
        response = staff_client.post(reverse("venture:handle_objection", args=[objection.pk]), data)
        assert response.status_code in (200, 302)
        stored = Objection.objects.get(pk=objection.pk)
        assert_valid([stored])
        if response.status_code == 200:
            assert stored.outcome == "open"
            assert_kept(response, handling=handling)
        assert stored.outcome == "open" or (stored.outcome in ("dismissed", "upheld") and stored.handling)
        assert outcome not in ("dismissed", "upheld") or handling != "经核实，维持原结果" or stored.outcome == outcome


@pytest.fixture
def agreement(staff):
    round_ = RoundFactory(experts_per_proposal=1)
    proposal = ProposalFactory(round=round_)
    screened(proposal, staff)
    score_all(services.assign_expert(staff, proposal, ExpertProfileFactory().user), Decimal("0.9"))
    services.close_review(staff, round_)
    services.award(staff, proposal, Proposal.objects.get(pk=proposal.pk).requested_amount)
    announcing_round_dates(round_)
    services.publish_announcement(staff, round_)
    past_round_dates(round_)
    services.finalize_awards(staff, round_)
    return Agreement.objects.get()


@FUZZ_FORM
@given(signed_on=valid_or(A_MONTH_AGO, dates))
def test_sign_form(agreement, staff_client, signed_on):
    with each_example():
        response = staff_client.post(reverse("venture:sign_agreement", args=[agreement.pk]), {"signed_on": signed_on})
        assert response.status_code in (200, 302)
        stored = Agreement.objects.get(pk=agreement.pk)
        if response.status_code == 200:  # refused: the date as typed is on the page again
            assert stored.signed_on is None
            if "\x00" not in signed_on:
                assert_kept(response, signed_on=signed_on)
        assert_valid([stored])
        assert stored.signed_on is None or stored.signed_on <= timezone.localdate()
        assert signed_on != A_MONTH_AGO or stored.signed_on.isoformat() == A_MONTH_AGO


@pytest.fixture
def running(agreement, staff):
    services.sign_agreement(staff, agreement, timezone.localdate())
    return agreement


@FUZZ_FORM
@given(paid_on=valid_or(A_MONTH_AGO, dates), exact=mostly, amount=hostile_numbers)
def test_payment_form(running, staff_client, paid_on, exact, amount):
    tranche = running.tranches.first()
    with each_example():
        data = {"paid_on": paid_on, "amount": str(tranche.amount) if exact else amount}
        response = staff_client.post(reverse("venture:record_payment", args=[tranche.pk]), data)
        assert response.status_code in (200, 302)
        stored = Tranche.objects.get(pk=tranche.pk)
        if response.status_code == 200:  # refused: what was typed is on the page again
            assert stored.state != Tranche.State.PAID
            assert_kept(response, **{k: v for k, v in data.items() if "\x00" not in v})
        assert_valid([stored])
        if stored.state == Tranche.State.PAID:
            assert stored.paid_amount == stored.amount and stored.paid_on <= timezone.localdate()
        assert not (exact and paid_on == A_MONTH_AGO) or stored.state == Tranche.State.PAID


@pytest.fixture
def evaluator_expert():
    return ExpertProfileFactory().user


@FUZZ_FORM
@given(
    action=st.sampled_from(["coaching", "report", "evaluators"]),
    kind=st.sampled_from(["site_visit", "phone", "training", "periodic", "midterm", "final", "", "\x00"]),
    on=valid_or(A_MONTH_AGO, dates),
    notes=text_or("实地查看培训现场"),
    evaluator=mostly,
    odd=references([]),
)
def test_coaching_schedule_and_evaluation_expert_forms(
    running, evaluator_expert, staff_client, action, kind, on, notes, evaluator, odd
):
    proposal = running.award.proposal
    experts = [str(evaluator_expert.pk)] if evaluator else odd
    data = {"action": action, "kind": kind, "on": on, "due_on": on, "notes": notes, "experts": experts}
    with each_example():
        command = {"coaching": "record_coaching", "report": "schedule_report", "evaluators": "assign_evaluators"}
        response = staff_client.post(reverse(f"venture:{command[action]}", args=[proposal.pk]), data)
        assert response.status_code in (200, 302)
        if response.status_code == 200:  # refused: the page again, with what was typed in that form
            assert not CoachingRecord.objects.exists() and not ProgressReport.objects.exists()
            if action == "coaching" and "\x00" not in notes:
                assert_kept(response, notes=notes)
        assert_valid(CoachingRecord.objects.all())
        assert_valid(ProgressReport.objects.all())
        assert_valid(Assignment.objects.filter(proposal=proposal).exclude(kind=ReviewKind.PROPOSAL))
        assert all(c.notes.strip() for c in CoachingRecord.objects.all())


@pytest.fixture
def report(running, staff):
    proposal = running.award.proposal
    return services.schedule_report(staff, proposal, "periodic", timezone.localdate())


@pytest.fixture
def report_client(report):
    return logged_in(applicant_of(report.proposal.organization))


@FUZZ_FORM
@given(
    activities_done=text_or(WITNESS),
    beneficiaries_reached=valid_or("35", hostile_numbers),
    spent=valid_or("11000", hostile_numbers),
    narrative=text_or("培训顺利"),
    upload=st.one_of(st.none(), uploads),
)
def test_report_form(
    report, report_client, small_uploads, activities_done, beneficiaries_reached, spent, narrative, upload
):
    client = report_client
    data = {
        "activities_done": activities_done,
        "beneficiaries_reached": beneficiaries_reached,
        "spent": spent,
        "narrative": narrative,
    } | ({"attachment": upload.file()} if upload else {})
    with each_example():
        response = client.post(reverse("venture:report", args=[report.pk]), data)
        assert response.status_code in (200, 302)
        stored = ProgressReport.objects.get(pk=report.pk)
        assert_valid([stored])
        assert_valid(ReportDocument.objects.all())
        if response.status_code == 200:
            assert stored.submitted_at is None and not ReportDocument.objects.exists()
            assert_kept(response, activities_done=activities_done, narrative=narrative, spent=spent)
        else:
            assert stored.spent >= 0 and stored.beneficiaries_reached >= 0
            assert upload is None or upload.acceptable


@pytest.fixture
def public_round(staff):
    round_ = RoundFactory(public_share=30, bonus_cap=Decimal("10"))
    proposal = ProposalFactory(round=round_)
    screened(proposal, staff)
    services.assign_expert(staff, proposal, ExpertProfileFactory().user)
    item = BonusItem.objects.create(round=round_, name="已落实配套资金", points=Decimal("8"))
    return round_, Proposal.objects.get(pk=proposal.pk), item


@FUZZ_FORM
@given(
    form=st.sampled_from(["public", "bonus"]),
    proposal=mostly,
    junk=reference([]),
    score=valid_or("85", hostile_numbers),
    voters=valid_or("40", hostile_numbers),
    note=text_or(WITNESS, 200),
)
@example(form="public", proposal=True, junk="1", score="85", voters="2147483648", note=WITNESS)
def test_public_score_and_bonus_forms(public_round, staff_client, form, proposal, junk, score, voters, note):
    round_, row, item = public_round
    data = {
        form: "1",
        "proposal": str(row.pk) if proposal else junk,
        "item": str(item.pk) if proposal else junk,
        "score": score,
        "voters": voters,
        "note": note,
    }
    with each_example():
        command = {"public": "venture:record_public_score", "bonus": "venture:grant_bonus"}[form]
        response = staff_client.post(reverse(command, args=[round_.pk]), data)
        assert response.status_code in (200, 302)
        assert_valid(PublicScore.objects.all())
        assert_valid(ProposalBonus.objects.all())
        if response.status_code == 200:
            assert not PublicScore.objects.exists() and not ProposalBonus.objects.exists()
            assert_kept(response, **({"score": score, "voters": voters} if form == "public" else {"note": note}))


@pytest.fixture
def rubric():
    return RubricFactory()


@pytest.fixture
def superuser_client():
    return logged_in(UserFactory(is_staff=True, is_superuser=True))


@FUZZ_SLOW_PAGE
@given(
    title=text_or("第三届公益创投大赛", 120),
    code=text_or("R2027", 20),
    fund_pool=valid_or("440000", hostile_numbers),
    cofunding_share=valid_or("10", hostile_numbers),
    timetable=valid_or(
        ["2027-03-01", "2027-04-01", "2027-04-02", "2027-04-20", "2027-04-21", "2027-04-27", "2027-05-15"],
        st.lists(dates, min_size=7, max_size=7),
    ),
    experts_per_proposal=valid_or("3", hostile_numbers),
    shares=valid_or(["50", "30", "20"], st.lists(hostile_numbers, min_size=1, max_size=3)),
    conditions=valid_or(
        ["signing", "midterm", "final"], st.lists(choice(["signing", "midterm", "final"]), min_size=3, max_size=3)
    ),
)
def test_round_and_tranche_plan_forms(
    superuser_client, rubric, title, code, fund_pool, cofunding_share, timetable, experts_per_proposal, shares, conditions,
):  # fmt: skip
    data = {
        "title": title,
        "code": code,
        "description": WITNESS,
        "fund_pool": fund_pool,
        "max_grant": "50000",
        "cofunding_share": cofunding_share,
        "experts_per_proposal": experts_per_proposal,
        "rubric": str(rubric.pk),
        "public_share": "0",
        "bonus_cap": "0",
        "tranche_plan-TOTAL_FORMS": str(len(shares)),
        "tranche_plan-INITIAL_FORMS": "0",
    } | dict(zip(Round.TIMETABLE, timetable, strict=True))
    for i, share in enumerate(shares):
        data |= {
            f"tranche_plan-{i}-percentage": share,
            f"tranche_plan-{i}-condition": conditions[i],
            f"tranche_plan-{i}-order": str(i),
        }
    with each_example():
        response = superuser_client.post(reverse("admin:venture_round_add"), data)
        assert response.status_code in (200, 302)
        rounds = list(Round.objects.all())
        assert_valid(rounds)
        for round_ in rounds:
            assert sum(p.percentage for p in round_.tranche_plan.all()) == 100
        if response.status_code == 200:
            assert not rounds
            assert_kept(response, description=WITNESS, title=title)
