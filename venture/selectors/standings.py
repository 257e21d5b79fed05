"""A proposal's standing in its round: the combined score the round decides on and its rank under the round's
declared rule. The one place both are computed; closing the review stores them, the demo loads them, and
every page, export and score sheet prints them from here or from what closing stored."""

from dataclasses import dataclass
from decimal import Decimal

from incubator.scoring import PanelResult, quantize

from ..aggregation import aggregate
from ..models import ProposalBonus, PublicScore, TieBreak

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Combined:
    experts: Decimal
    public: Decimal | None
    bonus: Decimal
    total: Decimal


@dataclass(frozen=True)
class Standing:
    score: Decimal  # the combined score, to the cent
    panel: PanelResult  # the experts' figures
    higher: int  # times an expert scored it above another proposal tied with it on the figures
    rank: int


def combine(round_, panels):
    """{proposal id: Combined} for the proposals in `panels` ({id: scoring.PanelResult}), in two queries:
    experts × (100 − share)% + public × share% + bonuses (up to the cap)."""
    share = Decimal(round_.public_share)
    public = dict(PublicScore.objects.filter(proposal_id__in=panels).values_list("proposal_id", "score"))
    bonus = {}
    for proposal_id, points in ProposalBonus.objects.filter(proposal_id__in=panels).values_list(
        "proposal_id", "item__points"
    ):
        bonus[proposal_id] = bonus.get(proposal_id, Decimal(0)) + points
    result = {}
    for pid, panel in panels.items():
        experts = panel.result or Decimal(0)
        capped = min(bonus.get(pid, Decimal(0)), round_.bonus_cap)
        public_part = public.get(pid)
        total = experts * (HUNDRED - share) / HUNDRED + (public_part or 0) * share / HUNDRED + capped
        result[pid] = Combined(experts, public_part, capped, quantize(total))
    return result


def _higher_counts(group, totals):
    """For proposals tied on the figures: how often an expert who scored two of them put this one higher."""
    counts = dict.fromkeys(group, 0)
    for pid in group:
        for other in group:
            if other == pid:
                continue
            common = set(totals[pid]) & set(totals[other])
            counts[pid] += sum(1 for expert in common if totals[pid][expert] > totals[other][expert])
    return counts


def rank_by_rule(rule, scored, totals):
    """Standard competition ranking (1, 2, 2, 4) of `scored` ({id: (score, PanelResult)}) under `rule`.

    Under TieBreak.PANEL, proposals equal on the score are ordered by the experts' trimmed mean, then their
    plain mean, then the number of experts who scored one above the other; what is still equal shares the rank.
    Returns {id: Standing}."""

    def figures(pid):
        score, panel = scored[pid]
        if rule == TieBreak.SHARED:
            return (score,)
        return (score, panel.result or 0, panel.mean or 0)

    higher = {}
    by_figures = {}
    for pid in scored:
        by_figures.setdefault(figures(pid), []).append(pid)
    for group in by_figures.values():
        counts = _higher_counts(group, totals) if rule != TieBreak.SHARED and len(group) > 1 else {}
        for pid in group:
            higher[pid] = counts.get(pid, 0)

    def key(pid):
        return (*figures(pid), higher[pid] if rule != TieBreak.SHARED else 0)

    ordered = sorted(scored, key=lambda pid: tuple(-v for v in key(pid)))
    result, rank, previous = {}, 0, None
    for position, pid in enumerate(ordered, start=1):
        if key(pid) != previous:
            rank, previous = position, key(pid)
        result[pid] = Standing(score=scored[pid][0], panel=scored[pid][1], higher=higher[pid], rank=rank)
    return result


def standings(round_, proposal_ids, result=None):
    """{proposal id: Standing} of those proposals, ranked among them, from the round's submitted reviews (the
    proposals without a submitted review are left out); `result`: the round's aggregation when the page has it
    already. A single proposal's rank is what closing stored (Proposal.rank), not a ranking of one."""
    result = result or aggregate(round_, proposal_ids=proposal_ids)
    wanted = set(proposal_ids)
    panels = {pid: panel for pid, panel in result.panels.items() if panel.count and pid in wanted}
    if round_.public_share or round_.bonus_cap:
        combined = combine(round_, panels)
        scored = {pid: (combined[pid].total, panel) for pid, panel in panels.items()}
    else:  # the experts' result alone: the combined figure without its two queries
        scored = {pid: (panel.result, panel) for pid, panel in panels.items()}
    return rank_by_rule(round_.tie_break, scored, result.totals)
