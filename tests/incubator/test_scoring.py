import statistics
from decimal import Decimal as D
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from incubator import scoring

CRITERIA = [SimpleNamespace(pk=1, weight=D(60), max_score=D(10)), SimpleNamespace(pk=2, weight=D(40), max_score=D(40))]


def test_weighted_total_scales_each_criterion_to_its_weight():
    assert scoring.weighted_total({1: D(5), 2: D(40)}, CRITERIA) == D("70.00")


def test_weighted_total_is_none_until_every_criterion_is_scored():
    assert scoring.weighted_total({1: D(5)}, CRITERIA) is None


def test_small_panels_use_the_plain_mean():
    result = scoring.panel_result([D(80), D(70), D(90)])
    assert (result.mean, result.trimmed, result.result) == (D("80.00"), False, D("80.00"))


def test_panels_of_five_drop_the_highest_and_lowest():
    result = scoring.panel_result([D(95), D(80), D(78), D(82), D(40)])
    assert result.trimmed and result.trimmed_mean == D("80.00")
    assert result.mean == D("75.00")
    assert result.spread == D("55.00") and result.disagreement


def test_leniency_and_z_scores():
    totals = {"harsh": {"a": D(60), "b": D(70)}, "lenient": {"a": D(80), "b": D(90)}}
    means = {"a": D(70), "b": D(80)}
    assert scoring.leniency(totals, means) == {"harsh": D("-10.00"), "lenient": D("10.00")}
    assert scoring.z_scores(totals) == {"a": -1.0, "b": 1.0}


@given(st.lists(st.decimals(min_value=0, max_value=100, places=2), min_size=1, max_size=9))
def test_the_panel_result_always_lies_between_the_lowest_and_highest_total(totals):
    result = scoring.panel_result(totals)
    assert min(totals) - D("0.01") <= result.result <= max(totals) + D("0.01")
    assert result.spread >= 0


@given(st.lists(st.decimals(min_value=0, max_value=100, places=2), min_size=1, max_size=9))
def test_the_panel_figures_are_the_exact_means_of_the_statistics_module(totals):
    result = scoring.panel_result(totals)
    ordered = sorted(totals)
    kept = ordered[1:-1] if result.trimmed else ordered
    assert result.mean == scoring.quantize(statistics.mean(totals))
    assert result.trimmed_mean == scoring.quantize(statistics.mean(kept))


@given(st.lists(st.decimals(min_value=0, max_value=100, places=2), min_size=2, max_size=40))
def test_z_scores_match_the_statistics_module(values):
    totals = {"expert": dict(enumerate(values)), "other": {0: D(50), 1: D(60)}}
    floats = [float(v) for v in values]
    centre, sd = statistics.mean(floats), statistics.pstdev(floats)
    z = scoring.z_scores(totals)
    for item, value in enumerate(floats[2:], start=2):
        expected = 0.0 if sd == 0 else (value - centre) / sd
        assert abs(z[item] - expected) <= 0.0005 + 1e-9
