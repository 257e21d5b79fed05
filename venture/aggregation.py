"""The panel figures staff decide on, computed with incubator.scoring (the park's one panel arithmetic):
per proposal the mean, trimmed mean, spread and disagreement; per expert the leniency; and a ranking by
z-scores beside the raw one."""

from dataclasses import dataclass, field

from incubator import scoring
from incubator.models import User

from .selectors.review import submitted_reviews


@dataclass
class Aggregate:
    panels: dict = field(default_factory=dict)  # proposal id -> scoring.PanelResult
    totals: dict = field(default_factory=dict)  # proposal id -> {expert id: total}
    leniency: dict = field(default_factory=dict)  # expert id -> points above (+) / below (-) the panels
    z_scores: dict = field(default_factory=dict)  # proposal id -> mean z-score
    z_rank: dict = field(default_factory=dict)  # proposal id -> rank by z-score
    experts: dict = field(default_factory=dict)  # expert id -> user
    reviews: list = field(default_factory=list)


def aggregate(round_, kind="proposal", proposal_ids=None, with_scores=False):
    """Every figure from the submitted reviews of a round, in two queries whatever the round's size.

    The figures need only each review's total, read as plain values; `with_scores` also loads the review
    objects with their criterion scores (the score sheet), which at a thousand proposals costs far more."""
    reviews = submitted_reviews(round_, kind)
    if proposal_ids is not None:
        reviews = reviews.filter(assignment__proposal_id__in=proposal_ids)
    result = Aggregate()
    if with_scores:
        result.reviews = list(reviews)
        rows = [(r.assignment.proposal_id, r.assignment.expert, r.total) for r in result.reviews]
        result.experts = {expert.pk: expert for _p, expert, _t in rows}
        rows = [(p, expert.pk, total) for p, expert, total in rows]
    else:
        rows = list(reviews.values_list("assignment__proposal_id", "assignment__expert_id", "total"))
        experts = {expert_id for _p, expert_id, _t in rows}
        result.experts = User.objects.only("username", "full_name").in_bulk(experts)
    by_expert = {}
    for proposal_id, expert_id, total in rows:
        result.totals.setdefault(proposal_id, {})[expert_id] = total
        by_expert.setdefault(expert_id, {})[proposal_id] = total
    result.panels = {pid: scoring.panel_result(totals.values()) for pid, totals in result.totals.items()}
    means = {pid: panel.mean for pid, panel in result.panels.items()}
    result.leniency = scoring.leniency(by_expert, means)
    result.z_scores = scoring.z_scores(by_expert)
    ordered = sorted(result.z_scores, key=lambda pid: -result.z_scores[pid])
    result.z_rank = {pid: rank for rank, pid in enumerate(ordered, start=1)}
    return result
