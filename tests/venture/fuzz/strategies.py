"""What the venture fuzz tests post beyond the shared strategies: numbers as a budget or a score might be typed."""

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
numberish = st.one_of(
    st.text(max_size=12),
    st.integers(-(10**9), 10**13).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["", "1e400", "NaN", "-0", "٣"]),
)
