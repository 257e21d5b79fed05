"""The venture part of the synthetic park: per unit of scale 4 rounds and 1,000 proposals (a tenth of them in
the largest round, already ranked with three reviews each, part funded; one round in ten in review now, the
rest past), 20 experts and about 5,000 scores; then the expert's, staff's and the ranking computation's
timings."""

import datetime
from decimal import Decimal

from django.contrib.auth.models import Group
from django.utils import timezone

from incubator.bench import Measurement
from incubator.models import Criterion, Rubric, User
from incubator.roles import Role

from .aggregation import aggregate
from .exports import ROUND_EXPORTS, xlsx_bytes
from .models import Area, Assignment, Award, Proposal, Review, Round, Score
from .models.proposals import ProposalState as S

CRITERIA = [("需求分析", 20), ("项目设计", 25), ("执行能力", 20), ("预算合理性", 15), ("创新性", 10), ("可持续性", 10)]
# A round in review now, and the past rounds whose review closed long ago (about four rounds a year).
# How often each state is drawn for a proposal (a mix of states, not a group of them).
CURRENT_STATES = {S.IN_REVIEW: 3, S.SUBMITTED: 1, S.SCREENED: 1}
PAST_STATES = {S.DECLINED: 2, S.CLOSED: 1, S.IN_PROGRESS: 1, S.WITHDRAWN: 1}


def _draw_state(rng, mix):
    return rng.choice([state for state, times in mix.items() for _n in range(times)])


def _is_current(n):
    return n % 10 == 1


def _round(n, rubric, today, closed):
    opens = today - datetime.timedelta(days=20 if _is_current(n) else 60 + 90 * n)
    return Round(
        title=f"第{n + 1}届公益创投大赛（基准）",
        code=f"B{n + 1}",
        fund_pool=Decimal("4400000"),
        max_grant=Decimal("50000"),
        opens_on=opens,
        submission_deadline=opens + datetime.timedelta(days=10),
        review_starts_on=opens + datetime.timedelta(days=11),
        review_deadline=opens + datetime.timedelta(days=25),
        announcement_starts_on=opens + datetime.timedelta(days=80),
        announcement_ends_on=opens + datetime.timedelta(days=86),
        signing_by=opens + datetime.timedelta(days=100),
        rubric=rubric,
        favoured_areas=list(Area.values),
        review_closed_at=timezone.now() if closed else None,
    )


def build(scale, rng, out, contexts):
    staff = contexts["incubator"]["staff"]
    organizations = contexts["orgs"]["organizations"]
    today = timezone.localdate()
    rubric = Rubric.objects.create(name="公益创投评分表（基准）")
    criteria = Criterion.objects.bulk_create(
        [
            Criterion(rubric=rubric, name=name, weight=weight, max_score=weight, order=order)
            for order, (name, weight) in enumerate(CRITERIA)
        ]
    )
    experts = User.objects.bulk_create(
        [User(username=f"bench-expert-{n}", full_name=f"评审专家{n}") for n in range(int(20 * scale))]
    )
    Group.objects.get(name=Role.EXPERT).user_set.add(*experts)
    round_count = max(1, int(4 * scale))
    rounds = Round.objects.bulk_create(
        [_round(n, rubric, today, closed=not _is_current(n)) for n in range(round_count)]
    )
    current = {r.pk for n, r in enumerate(rounds) if _is_current(n)}
    largest, others = rounds[0], rounds[1:] or rounds
    total = int(1000 * scale)
    in_largest = total // 10
    proposals = []
    # The top of the largest round is funded within its pool: proposed for an award from the start, since a
    # workflow field is never updated in bulk.
    pool, funding = largest.fund_pool, True
    for n in range(total):
        round_ = largest if n < in_largest else others[n % len(others)]
        ranked = round_ is largest
        state = S.RANKED if ranked else _draw_state(rng, CURRENT_STATES if round_.pk in current else PAST_STATES)
        requested = Decimal(rng.randrange(10_000, 50_000, 500))
        if ranked:
            funding = funding and requested <= pool
            if funding:
                pool -= requested
                state = S.PROPOSED
        proposals.append(
            Proposal(
                round=round_,
                number=n + 1,
                organization=rng.choice(organizations),
                title=f"社区公益项目{n + 1}",
                area=rng.choice(Area.values),
                need="社区空巢老人缺少日间照料",
                state=state,
                requested_amount=requested,
                submitted_at=timezone.now(),
                rank=n + 1 if ranked else None,
                score=Decimal(rng.randint(60, 95)) if ranked else None,
            )
        )
    proposals = Proposal.objects.bulk_create(proposals, batch_size=2000)
    Award.objects.bulk_create(
        Award(proposal=p, round=largest, amount=p.requested_amount, decided_by=staff)
        for p in proposals[:in_largest]
        if p.state == S.PROPOSED
    )

    assignments, cursor = [], 0
    for p in proposals:
        if p.round_id != largest.pk and p.state != S.IN_REVIEW and rng.random() < 0.5:
            continue
        in_review_now = p.round_id in current
        for _ in range(3 if p.round_id == largest.pk else 1):
            assignments.append(
                Assignment(
                    proposal=p,
                    expert=experts[cursor % len(experts)],
                    due_on=today + datetime.timedelta(days=rng.randint(-5, 14))
                    if in_review_now
                    else p.round.review_deadline,
                    assigned_by=staff,
                    conflict=Assignment.Conflict.NONE,
                )
            )
            cursor += 1
    assignments = Assignment.objects.bulk_create(assignments, batch_size=5000)
    reviews, score_values = [], []
    for a in assignments:
        values = [Decimal(rng.randint(c.weight // 2, c.weight)) for c in criteria]
        submitted = a.proposal.round_id not in current or rng.random() < 0.5
        reviews.append(
            Review(
                assignment=a,
                state=Review.State.SUBMITTED if submitted else Review.State.DRAFT,
                total=sum(values),
                submitted_at=timezone.now() if submitted else None,
            )
        )
        score_values.append(values)
    reviews = Review.objects.bulk_create(reviews, batch_size=5000)
    scores = [
        Score(review=review, criterion=c, value=value)
        for review, values in zip(reviews, score_values, strict=True)
        for c, value in zip(criteria, values, strict=True)
    ]
    Score.objects.bulk_create(scores, batch_size=10000)
    out.write(
        f"venture: {len(rounds)} rounds, {len(proposals)} proposals ({in_largest} in the largest), "
        f"{len(reviews)} reviews, {len(scores)} scores"
    )
    expert = experts[0]
    scoring = next(
        a
        for a in assignments
        if a.expert_id == expert.pk and a.proposal.state == S.IN_REVIEW and a.proposal.round_id in current
    )
    return {"staff": staff, "expert": expert, "largest": largest, "scoring": scoring.proposal}


def _rank(round_):
    """What closing the review computes for the largest round: the panel figures and the order."""
    result = aggregate(round_)
    return sorted(result.panels, key=lambda pid: -result.panels[pid].result)


def measurements(context):
    staff, expert, largest = context["staff"], context["expert"], context["largest"]
    return [
        Measurement("expert proposal list", user=expert, url="/venture/review/"),
        Measurement("expert scoring page", user=expert, url=f"/venture/review/{context['scoring'].pk}/"),
        Measurement("staff ranking, largest round", user=staff, url=f"/venture/staff/round/{largest.pk}/ranking/"),
        Measurement(
            "staff review figures, largest round", user=staff, url=f"/venture/staff/round/{largest.pk}/review/"
        ),
        # The export runs in a Celery job; this is the job's work, not a page.
        Measurement(
            "Excel export of the largest round (job)",
            call=lambda: xlsx_bytes(ROUND_EXPORTS["proposals"](largest, staff)),
            repeat=5,
        ),
        Measurement("ranking computation, largest round", call=lambda: _rank(largest), repeat=5),
    ]
