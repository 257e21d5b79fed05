"""A round under way, with a proposal at every step of the competition (the states are set directly: demo
data, not transitions)."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from ..models import Assignment, Award, ProgressReport, ProposalState
from .records import TITLES, add_agreement, add_reviews, store_standings, upsert_proposal, upsert_round

S = ProposalState


def seed_current_round(rubric, organizations, experts, staff):
    """A round under way, with proposals at every step (demo data: the states are set directly)."""
    today = timezone.localdate()
    round_ = upsert_round(
        "demo-current",
        title="第十三届公益创投大赛（演示）",
        fund_pool=Decimal("600000"),
        max_grant=Decimal("60000"),
        cofunding_share=Decimal("10"),
        description="进行中的一届：可在线申报、评审、公示与签约。",
        favoured_areas=["elderly_care", "community_culture", "youth_work", "org_development", "livelihood"],
        opens_on=today - datetime.timedelta(days=20),
        submission_deadline=today + datetime.timedelta(days=10),
        review_starts_on=today + datetime.timedelta(days=11),
        review_deadline=today + datetime.timedelta(days=25),
        announcement_starts_on=today + datetime.timedelta(days=27),
        announcement_ends_on=today + datetime.timedelta(days=33),
        signing_by=today + datetime.timedelta(days=45),
        experts_per_proposal=5,
        blind=True,
        rubric=rubric,
        required_documents="项目申报书",
    )
    # One proposal at every step, in the order of the steps, and two in review (one scored in part).
    states = [state for state in S for _n in range(2 if state == S.IN_REVIEW else 1)]
    rng = random.Random(2026)
    proposals = {}
    for number, state in enumerate(states, start=1):
        # The demo applicant's organization holds the draft and the project in progress.
        organization = organizations[0] if state == S.DRAFT or state == S.IN_PROGRESS else organizations[number + 4]
        title = f"{TITLES[number % len(TITLES)]}（{state.label}）"
        proposal = upsert_proposal(
            round_,
            number,
            organization,
            title,
            "elderly_care",
            state,
            40000,
            cofunded_amount=Decimal("5000"),
            decision_reason="缺少项目预算明细，请补正后重新提交"
            if state == S.RETURNED
            else ("不属于本届资助范围" if state == S.REJECTED else ""),
            returned_once=state == S.RETURNED,
            completion_due_on=today + datetime.timedelta(days=7) if state == S.RETURNED else None,
        )
        proposals.setdefault(state, []).append(proposal)
    in_review = proposals[S.IN_REVIEW]
    for proposal in in_review:
        for expert in experts[:5]:
            Assignment.objects.get_or_create(
                proposal=proposal,
                expert=expert,
                kind="proposal",
                defaults={"due_on": round_.review_deadline, "assigned_by": staff},
            )
    # The demo expert has scored one of the two (a draft), the other waits for the declaration.
    assignment = Assignment.objects.get(proposal=in_review[0], expert=experts[0], kind="proposal")
    if assignment.conflict == "undeclared":
        assignment.declare_free()
        assignment.save()
    later = [p for s in states[7:18] for p in proposals.get(s, []) if s != S.DECLINED]
    # Each a point below the one before, so the ranking the reviews give follows the steps; the one ranked and
    # not funded comes last, as funding in rank order leaves it.
    ordered = sorted(later, key=lambda p: p.state == S.RANKED)
    add_reviews(round_, later, experts, staff, rng, {p.pk: 0.8 - i / 100 for i, p in enumerate(ordered)})
    store_standings(round_, later)
    for proposal in later:
        if proposal.state == S.RANKED:
            continue
        award, _created = Award.objects.get_or_create(
            proposal=proposal, defaults={"round": round_, "amount": Decimal("35000"), "decided_by": staff}
        )
        # paid tranches, and the state of the next one
        progress = {
            S.SIGNED: (0, "released"),
            S.IN_PROGRESS: (1, "waiting"),
            S.MIDTERM_PASSED: (1, "released"),
            S.MIDTERM_FAILED: (1, "stopped"),
            S.FINAL_EVALUATED: (2, "released"),
            S.CLOSED: (3, "waiting"),
        }
        if proposal.state in progress:
            paid, after = progress[proposal.state]
            add_agreement(award, today - datetime.timedelta(days=200), paid, staff, after)
    running = proposals[S.IN_PROGRESS][0]
    ProgressReport.objects.get_or_create(
        proposal=running, kind="midterm", defaults={"due_on": today + datetime.timedelta(days=5)}
    )
    return round_
