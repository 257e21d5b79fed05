"""The demo's expert reviewers, rubrics and stage evaluations, decided and pending."""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.utils import timezone

from incubator import scoring
from incubator.demo import DEMO_PASSWORD, upsert
from incubator.models import Criterion, Rubric, User
from incubator.roles import Role

from ..models import (
    Assignment,
    Evaluation,
    EvaluationKind,
    ExpertProfile,
    Score,
    Stage,
    Track,
)

RUBRICS = {
    EvaluationKind.ADMISSION: (
        "入壳评估评分表",
        [("公益使命与服务需求", 25), ("核心团队", 25), ("项目设计", 30), ("登记意愿与规范性", 20)],
    ),
    EvaluationKind.GROWTH: (
        "成长评估评分表",
        [("内部治理", 20), ("项目执行与成效", 30), ("团队与财务稳定", 25), ("社会影响", 15), ("登记进展", 10)],
    ),
}
EXTRA_EXPERTS = [("expert2", "评审专家乙（演示）"), ("expert3", "评审专家丙（演示）")]


def _rubric(kind):
    name, criteria = RUBRICS[kind]
    rubric, created = Rubric.objects.get_or_create(name=name, defaults={"pass_mark": Decimal("60")})
    if created:
        Criterion.objects.bulk_create(
            Criterion(rubric=rubric, name=c, weight=w, max_score=w, order=i) for i, (c, w) in enumerate(criteria)
        )
    return rubric


def expert_reviewers():
    group = Group.objects.get(name=Role.EXPERT)
    experts = [User.objects.get(username="expert")]
    for username, full_name in EXTRA_EXPERTS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"full_name": full_name, "email": f"{username}@example.org"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(group)
        experts.append(user)
    for user, (affiliation, title) in zip(
        experts,
        [
            ("内蒙古某高校社会工作系", "副教授"),
            ("鄂尔多斯市社会组织服务中心", "高级社工师"),
            ("某会计师事务所", "注册会计师"),
        ],
        strict=True,
    ):
        upsert(
            ExpertProfile,
            user=user,
            defaults={"affiliation": affiliation, "title": title, "fields": ["org_development", "charity"]},
        )
    return experts


def _evaluation(organization, kind, status, experts, staff, index, scored=None):
    """An evaluation with its panel; `scored` experts have submitted (all of them by default)."""
    rubric = _rubric(kind)
    criteria = list(rubric.criteria.all())
    today = timezone.localdate()
    scored = experts if scored is None else scored
    assignments = [
        Assignment(
            expert=e,
            assigned_by=staff,
            status=Assignment.Status.SUBMITTED if e in scored else Assignment.Status.ASSIGNED,
        )
        for e in experts
    ]
    totals = []
    scores = []
    for j, assignment in enumerate(assignments):
        if assignment.expert in scored:
            share = Decimal(70 + (index * 7 + j * 9) % 25) / 100
            values = {c.pk: (c.max_score * share).quantize(Decimal("0.1")) for c in criteria}
            assignment.total = scoring.weighted_total(values, criteria)
            assignment.submitted_at = timezone.now()
            totals.append(assignment.total)
            scores.append((assignment, values))
    result = scoring.panel_result(totals).result if status != Evaluation.Status.OPEN else None
    evaluation = Evaluation.objects.create(
        organization=organization,
        kind=kind,
        rubric=rubric,
        status=status,
        due_on=today + timedelta(days=10) if status == Evaluation.Status.OPEN else today - timedelta(days=60),
        created_by=staff,
        result=result,
        decision=Evaluation.Decision.PASSED if status == Evaluation.Status.DECIDED else "",
        decision_note="专家组评估通过。" if status == Evaluation.Status.DECIDED else "",
        decided_by=staff if status == Evaluation.Status.DECIDED else None,
        decided_at=timezone.now() if status == Evaluation.Status.DECIDED else None,
    )
    for assignment in assignments:
        assignment.evaluation = evaluation
    Assignment.objects.bulk_create(assignments)
    Score.objects.bulk_create(
        Score(assignment=a, criterion_id=pk, value=v) for a, values in scores for pk, v in values.items()
    )


def stage_evaluations(organization, stage, experts, staff, index):
    if organization.track == Track.RESIDENT:
        return
    if stage == Stage.ADMISSION_EVALUATION:
        # Pending: the demo expert still has to score; the others have.
        _evaluation(organization, EvaluationKind.ADMISSION, Evaluation.Status.OPEN, experts, staff, index, experts[1:])
        return
    if stage not in Stage.admitted():
        return
    _evaluation(organization, EvaluationKind.ADMISSION, Evaluation.Status.DECIDED, experts, staff, index)
    if stage == Stage.GROWTH_EVALUATION:
        status = Evaluation.Status.CLOSED if index % 2 else Evaluation.Status.OPEN
        scored = experts if status == Evaluation.Status.CLOSED else experts[2:]
        _evaluation(organization, EvaluationKind.GROWTH, status, experts, staff, index + 1, scored)
    elif stage in Stage.exited_the_shell():
        _evaluation(organization, EvaluationKind.GROWTH, Evaluation.Status.DECIDED, experts, staff, index + 1)
