"""Panel arithmetic shared by stage evaluations and venture reviews. Pure functions on Decimals, so the
rules can be tested directly and every page explains the same figure the same way.

Means are a Decimal sum over a count rather than `statistics.mean`, which adds every value as an exact
fraction: the same figures (a Decimal division is correctly rounded, as is statistics' conversion of its
exact fraction; the z-scores agree to their three places), several times faster, which counts when a round
has a thousand panels."""

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from . import protocol

TWO_PLACES = Decimal("0.01")
# Panels drop the highest and the lowest total (去掉一个最高分和一个最低分) from this size on.
TRIM_FROM_PANEL_SIZE = 5
# A spread of more than this many points (of 100) between experts flags a disagreement.
DISAGREEMENT_SPREAD = Decimal("20")


def _mean(values):
    return sum(values) / len(values)


def quantize(value):
    return Decimal(value).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def weighted_total(scores, criteria):
    """Points of 100: each criterion's score over its maximum, times its weight.

    `scores` maps criterion id to score; a missing criterion counts as not yet scored (None overall)."""
    total = Decimal(0)
    for criterion in criteria:
        score = scores.get(criterion.pk)
        if score is None:
            return None
        total += Decimal(score) / criterion.max_score * criterion.weight
    return quantize(total)


@dataclass(frozen=True)
class PanelResult:
    count: int
    mean: Decimal | None
    trimmed_mean: Decimal | None
    trimmed: bool
    spread: Decimal | None
    disagreement: bool

    @property
    def result(self):
        """The figure the panel decides on: the trimmed mean where the panel is large enough."""
        return self.trimmed_mean if self.trimmed else self.mean


def panel_result(totals):
    totals = [Decimal(t) for t in totals if t is not None]
    if not totals:
        return PanelResult(0, None, None, False, None, False)
    ordered = sorted(totals)
    trimmed = len(ordered) >= TRIM_FROM_PANEL_SIZE
    spread = ordered[-1] - ordered[0]
    mean_ = quantize(_mean(ordered))
    return PanelResult(
        count=len(ordered),
        mean=mean_,
        trimmed_mean=quantize(_mean(ordered[1:-1])) if trimmed else mean_,
        trimmed=trimmed,
        spread=quantize(spread),
        disagreement=spread > DISAGREEMENT_SPREAD,
    )


def leniency(totals_by_expert, panel_means):
    """How much an expert scores above (+) or below (−) the panels they sat on, on average.

    `totals_by_expert`: {expert: {item: total}}; `panel_means`: {item: mean}."""
    result = {}
    for expert, totals in totals_by_expert.items():
        gaps = [totals[item] - panel_means[item] for item in totals if panel_means.get(item) is not None]
        result[expert] = quantize(_mean(gaps)) if gaps else None
    return result


def z_scores(totals_by_expert):
    """Each expert's totals standardised against that expert's own mean and spread, so a harsh and a
    lenient expert weigh the same. Returns {item: mean z-score}."""
    per_item = {}
    for totals in totals_by_expert.values():
        values = [float(v) for v in totals.values()]
        if len(values) < 2:
            continue
        centre = math.fsum(values) / len(values)
        # Equal totals have no spread (a float mean of them need not be exactly their value).
        spread = max(values) > min(values)
        sd = math.sqrt(math.fsum((v - centre) ** 2 for v in values) / len(values)) if spread else 0.0
        for item, value in zip(totals, values, strict=True):
            z = 0.0 if sd == 0 else (value - centre) / sd
            per_item.setdefault(item, []).append(z)
    return {item: round(math.fsum(zs) / len(zs), 3) for item, zs in per_item.items()}


# A rubric's weights and maxima stay as they are while experts score on it: each app offers, at this
# extension point of its contribution (incubator.protocol), a function giving the ids of the rubrics its
# panels are scoring on now.
RUBRICS_IN_USE = "incubator.rubrics_in_use"


def rubrics_in_use():
    """Ids of the rubrics some panel is scoring on now (asked of every app)."""
    return set().union(*(set(offered()) for offered in protocol.hooks(RUBRICS_IN_USE)))
