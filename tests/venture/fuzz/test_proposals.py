"""Fuzzed input on a round and its tranche plan (the administration), the proposal form with its budget and
activities, and the proposal's documents."""

import pytest
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from tests.factories import (
    OrganizationFactory,
    RubricFactory,
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
from tests.venture.fuzz.strategies import FUZZ, numberish
from tests.venture.test_applicant import form_data
from venture.models import (
    Activity,
    BudgetLine,
    Proposal,
    ProposalDocument,
    ProposalState,
    Round,
)

pytestmark = pytest.mark.django_db


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
@pytest.mark.parametrize("value", ["sNaN", "NaN", "Infinity", "-inf"])
def test_not_a_number_is_refused_as_invalid_input(client, value):
    round_ = RoundFactory()
    client.force_login(applicant_of(OrganizationFactory()))
    response = client.post(reverse("venture:apply", args=[round_.code]), form_data(**{"budget-0-cofunded": value}))
    assert response.status_code == 200 and not Proposal.objects.exists()


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
