"""The expert portal: assignment spreads the load and skips conflicts; a conflicted expert never sees the
proposal; blind rounds hide the applicant everywhere; experts never see each other's scores before the
review closes; scores within range; a submitted review is locked and one row."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from openpyxl import load_workbook

from incubator.models import Notification
from tests.factories import ExpertProfileFactory, OrganizationFactory, StaffFactory, applicant_of
from tests.venture.factories import ProposalFactory, RoundFactory
from tests.venture.helpers import pledged, score_all, screened
from venture import services
from venture.models import Assignment, Review

pytestmark = pytest.mark.django_db

ORG_NAME = "乌日达妇女手工制作中心"


def _blind_setup(staff, experts, blind=True):
    round_ = RoundFactory(blind=blind, experts_per_proposal=2)
    organization = OrganizationFactory(name=ORG_NAME)
    proposal = ProposalFactory(
        round=round_, organization=organization, title="巧手圆梦开心手工坊", team="负责人：乌日娜，刺绣老师：其其格"
    )
    applicant = applicant_of(organization)
    for label, identifying, name in (
        ("项目书", False, f"{ORG_NAME}项目书.pdf"),
        ("登记证书", True, f"{ORG_NAME}登记证书.pdf"),
    ):
        services.add_document(applicant, proposal, SimpleUploadedFile(name, b"%PDF-1.4 x"), label, identifying)
    screened(proposal, staff)
    assignment = services.assign_expert(staff, proposal, experts[0])
    pledged(round_, experts[0])
    return round_, proposal, assignment


def test_balanced_assignment_spreads_the_load_evenly_and_skips_conflicts(staff):
    round_ = RoundFactory(experts_per_proposal=3)
    experts = [ExpertProfileFactory().user for _ in range(6)]
    proposals = [ProposalFactory(round=round_) for _ in range(8)]
    # experts[0] is tied to the first organization; experts[1] is a member of the second
    experts[0].expert_profile.tied_organizations.add(proposals[0].organization)
    applicant_of(proposals[1].organization, user=experts[1])
    for proposal in proposals:
        screened(proposal, staff)
    new, short = services.balanced_assignment(staff, round_, experts)
    assert len(new) == 8 * 3 and not short
    loads = [Assignment.objects.filter(expert=e).count() for e in experts]
    assert max(loads) - min(loads) <= 1 and sum(loads) == 24
    assert not Assignment.objects.filter(expert=experts[0], proposal=proposals[0]).exists()
    assert not Assignment.objects.filter(expert=experts[1], proposal=proposals[1]).exists()
    # running it again adds nothing: every proposal has its experts
    assert services.balanced_assignment(staff, round_, experts) == ([], [])


def test_balanced_assignment_reports_proposals_short_of_experts(staff):
    round_ = RoundFactory(experts_per_proposal=3)
    experts = [ExpertProfileFactory().user for _ in range(2)]
    proposal = ProposalFactory(round=round_)
    screened(proposal, staff)
    new, short = services.balanced_assignment(staff, round_, experts)
    assert len(new) == 2 and short == [proposal]


def test_staff_cannot_assign_a_tied_expert_and_non_staff_cannot_assign(staff, experts, proposal):
    experts[0].expert_profile.tied_organizations.add(proposal.organization)
    screened(proposal, staff)
    with pytest.raises(ValidationError):
        services.assign_expert(staff, proposal, experts[0])
    with pytest.raises(PermissionDenied):
        services.assign_expert(experts[1], proposal, experts[1])


def test_the_expert_declares_before_seeing_the_proposal(client, staff, experts):
    _round, proposal, assignment = _blind_setup(staff, experts)
    client.force_login(experts[0])
    url = reverse("venture:expert_proposal", args=[proposal.pk])
    page = client.get(url, follow=True).content.decode()  # sent to the declaration first
    assert "农牧民" not in page and "社区空巢老人" not in page  # the need is not shown yet
    assert 'name="conflict"' in page
    document = proposal.documents.get(identifying=False)
    assert client.get(reverse("venture:document", args=[document.pk])).status_code == 404
    response = client.post(reverse("venture:declare_conflict", args=[proposal.pk, "proposal"]), {"conflict": "no"})
    assert response.status_code == 302
    assert "社区空巢老人" in client.get(url).content.decode()


def test_a_declared_conflict_recuses_the_expert_from_the_proposal_files_and_scores(client, staff, experts):
    _round, proposal, assignment = _blind_setup(staff, experts)
    client.force_login(experts[0])
    url = reverse("venture:expert_proposal", args=[proposal.pk])
    declare = reverse("venture:declare_conflict", args=[proposal.pk, "proposal"])
    response = client.post(declare, {"conflict": "yes", "conflict_note": ""})
    assert response.status_code == 200 and "conflict_note" in response.content.decode()  # the tie must be named
    client.post(declare, {"conflict": "yes", "conflict_note": "曾担任该组织顾问"})
    for document in proposal.documents.all():
        assert client.get(reverse("venture:document", args=[document.pk])).status_code == 404
    assert client.get(url).status_code == 404
    save = reverse("venture:save_review", args=[proposal.pk, "proposal"])
    assert client.post(save, {"score_1": "5"}).status_code == 404
    assert client.get(reverse("venture:proposal", args=[proposal.pk])).status_code == 404
    assert proposal.code not in client.get(reverse("venture:expert_portal")).content.decode()
    with pytest.raises(PermissionDenied):
        services.save_review(experts[0], assignment, {})


def test_a_known_tie_hides_an_existing_assignment(client, staff, experts):
    _round, proposal, assignment = _blind_setup(staff, experts)
    experts[0].expert_profile.tied_organizations.add(proposal.organization)
    client.force_login(experts[0])
    assert client.get(reverse("venture:expert_proposal", args=[proposal.pk])).status_code == 404
    page = client.get(reverse("venture:expert_portal")).context
    assert page["pending"] == [] and page["done"] == []


def test_an_expert_not_assigned_gets_404(client, staff, experts):
    _round, proposal, _assignment = _blind_setup(staff, experts)
    client.force_login(experts[3])
    assert client.get(reverse("venture:expert_proposal", args=[proposal.pk])).status_code == 404
    for document in proposal.documents.all():
        assert client.get(reverse("venture:document", args=[document.pk])).status_code == 404
    assert client.get(reverse("venture:proposal", args=[proposal.pk])).status_code == 404


def test_blind_review_hides_identity_from_pages_file_names_exports_and_notifications(client, staff, experts):
    round_, proposal, assignment = _blind_setup(staff, experts)
    services.declare_conflict(experts[0], assignment, False)
    client.force_login(experts[0])
    identity = [ORG_NAME, proposal.organization.uscc, "乌日娜", "其其格"]
    pages = [
        client.get(reverse("venture:expert_proposal", args=[proposal.pk])).content.decode(),
        client.get(reverse("venture:expert_portal")).content.decode(),
    ]
    for page in pages:
        for secret in identity:
            assert secret not in page
    assert "登记证书" not in pages[0]  # the identifying document is not listed
    visible, identifying = proposal.documents.get(identifying=False), proposal.documents.get(identifying=True)
    response = client.get(reverse("venture:document", args=[visible.pk]))
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert f"{proposal.code}-01.pdf" in disposition and "%E4%B9%8C" not in disposition  # no 乌 in the name
    assert client.get(reverse("venture:document", args=[identifying.pk])).status_code == 404
    workbook = load_workbook(__import__("io").BytesIO(client.get(reverse("venture:expert_scores")).content))
    cells = [str(c.value) for row in workbook.active.iter_rows() for c in row]
    assert proposal.code in cells and not any(ORG_NAME in c for c in cells)
    for note in Notification.objects.filter(recipient=experts[0]):
        assert ORG_NAME not in note.title + note.body
    history = client.get(reverse("venture:proposal", args=[proposal.pk]))
    assert history.status_code == 302  # experts are sent to their own page, never the full record


def test_an_open_round_shows_identity_to_the_expert(client, staff, experts):
    _round, proposal, assignment = _blind_setup(staff, experts, blind=False)
    services.declare_conflict(experts[0], assignment, False)
    client.force_login(experts[0])
    page = client.get(reverse("venture:expert_proposal", args=[proposal.pk])).content.decode()
    assert ORG_NAME in page and "登记证书" in page


def test_scores_within_range_draft_then_submit_locked(client, staff, experts):
    _round, proposal, assignment = _blind_setup(staff, experts)
    services.declare_conflict(experts[0], assignment, False)
    criteria = list(proposal.round.rubric.criteria.all())
    client.force_login(experts[0])
    save, submit = (
        reverse(f"venture:{name}", args=[proposal.pk, "proposal"]) for name in ("save_review", "submit_review")
    )
    bad = {
        f"score_{criteria[0].pk}": str(criteria[0].max_score + 1),
        f"comment_{criteria[0].pk}": "需求清楚",
        "overall_comment": "总体不错",
        "save": "1",
    }
    response = client.post(save, bad)
    assert response.status_code == 200 and "需求清楚" in response.content.decode()
    assert not Review.objects.filter(scores__value__isnull=False).exists()
    draft = {f"score_{c.pk}": str(c.max_score - 1) for c in criteria[:3]} | {"overall_comment": "草稿", "save": "1"}
    client.post(save, draft)
    review = Review.objects.get()
    assert review.state == "draft" and review.scores.filter(value__isnull=False).count() == 3
    incomplete = draft | {"submit": "1"}
    incomplete.pop("save")
    client.post(submit, incomplete)
    review.refresh_from_db()
    assert review.state == "draft"
    full = {f"score_{c.pk}": str(c.max_score) for c in criteria} | {"overall_comment": "优秀", "submit": "1"}
    client.post(submit, full)
    review.refresh_from_db()
    assert review.state == "submitted" and review.total == Decimal("100.00")
    client.post(save, {f"score_{c.pk}": "0" for c in criteria} | {"save": "1"})
    review.refresh_from_db()
    assert review.total == Decimal("100.00")  # locked
    with pytest.raises(ValidationError):
        services.reopen_review(staff, review, "")
    services.reopen_review(staff, review, "评分有误，请核对")
    review.refresh_from_db()
    assert review.state == "draft" and review.reopened_reason
    with pytest.raises(PermissionDenied):
        services.reopen_review(experts[0], review, "x")


def test_a_double_submitted_review_stores_one_review(staff, experts):
    _round, proposal, assignment = _blind_setup(staff, experts)
    services.declare_conflict(experts[0], assignment, False)
    first = services.save_review(experts[0], assignment, {})
    assert services.save_review(experts[0], assignment, {}).pk == first.pk
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(assignment=assignment)
    assert Review.objects.filter(assignment=assignment).count() == 1


def test_experts_never_see_other_experts_scores_before_the_review_closes(client, staff, experts):
    round_, proposal, first = _blind_setup(staff, experts)
    second = services.assign_expert(staff, proposal, experts[1])
    pledged(round_, experts[1])
    score_all(first, Decimal("0.97"), comment="第一位专家的意见")
    score_all(second, Decimal("0.43"), comment="第二位专家的意见")
    client.force_login(experts[1])
    url = reverse("venture:expert_proposal", args=[proposal.pk])
    page = client.get(url).content.decode()
    assert "第一位专家的意见" not in page and "97.00" not in page
    assert client.get(reverse("venture:staff_review", args=[round_.pk])).status_code == 403
    assert client.post(reverse("venture:export_round", args=[round_.pk, "scores"])).status_code == 403
    services.close_review(staff, round_)
    page = client.get(url).content.decode()
    assert "70.00" in page  # the panel's mean, once closed
    assert "第一位专家的意见" not in page


def test_staff_see_every_review_on_the_proposal_page(client, staff, experts):
    _round, proposal, first = _blind_setup(staff, experts)
    score_all(first, Decimal("0.5"), comment="意见甲")
    client.force_login(staff)
    page = client.get(reverse("venture:proposal", args=[proposal.pk])).content.decode()
    assert "意见甲" in page and ORG_NAME in page and 'data-testid="history"' in page


def test_the_experts_affiliation_is_detected_as_a_conflict(client, staff):
    round_ = RoundFactory(experts_per_proposal=1)
    proposal = ProposalFactory(round=round_, organization=OrganizationFactory(name="桃林公益事业发展中心"))
    insider = ExpertProfileFactory(affiliation="桃林公益事业发展中心").user
    outsider = ExpertProfileFactory().user
    screened(proposal, staff)
    with pytest.raises(ValidationError):
        services.assign_expert(staff, proposal, insider)
    new, _short = services.balanced_assignment(staff, round_, [insider, outsider])
    assert [a.expert for a in new] == [outsider]
    Assignment.objects.create(
        proposal=proposal, expert=insider, due_on=round_.review_deadline, assigned_by=staff, conflict="none"
    )  # even if assigned by hand in the admin
    client.force_login(insider)
    assert client.get(reverse("venture:expert_proposal", args=[proposal.pk])).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_two_submissions_of_the_same_review_at_once_store_one_review(role_groups):
    staff = StaffFactory()
    expert = ExpertProfileFactory().user
    proposal = ProposalFactory(round=RoundFactory())
    screened(proposal, staff)
    assignment = services.assign_expert(staff, proposal, expert)
    services.declare_conflict(expert, assignment, False)
    scores = {c.pk: (c.max_score, "") for c in proposal.round.rubric.criteria.all()}
    barrier = threading.Barrier(2)
    outcomes = []

    def submit():
        try:
            barrier.wait()
            services.save_review(expert, assignment, scores, "同时提交", submit=True)
            outcomes.append("saved")
        except ValidationError:
            outcomes.append("locked")
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["locked", "saved"]
    assert Review.objects.filter(assignment=assignment).count() == 1
    assert Review.objects.get(assignment=assignment).scores.count() == len(scores)
